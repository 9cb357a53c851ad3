"""Controlled vocabularies of content format v1, with their labels.

Every value an editor may write in a vocabulary field is listed here once;
validation, templates and feeds all read from these tables, so a new value
is added in one place.
"""
from __future__ import annotations

from typing import Mapping

Labels = Mapping[str, Mapping[str, str]]  # value -> language -> label

# The policy process of Figure 3 of the 2018 review, in process order.
STAGES: Labels = {
    "reported": {"fi": "Ilmoitus vastaanotettu", "sv": "Anmälan mottagen", "en": "Reported"},
    "coordinator-review": {"fi": "Koordinaattorin käsittelyssä", "sv": "Under koordinatorns granskning", "en": "Under the coordinator's review"},
    "secretariat": {"fi": "Sihteeristön valmistelussa", "sv": "Under beredning i sekretariatet", "en": "Being prepared by the Secretariat"},
    "permanent-secretaries": {"fi": "Kansliapäällikkökokouksessa", "sv": "Vid kanslichefsmötet", "en": "Before the Permanent Secretaries"},
    "ministerial-group": {"fi": "Ministeriryhmässä", "sv": "I ministerarbetsgruppen", "en": "Before the Ministerial Group"},
    "resolved": {"fi": "Ratkaistu", "sv": "Avgjord", "en": "Resolved"},
    "closed": {"fi": "Käsittely päättynyt", "sv": "Behandlingen avslutad", "en": "Closed"},
}

# Allowed moves between stages (content format v1, "Allowed moves").
MOVES: Mapping[str, tuple[str, ...]] = {
    "reported": ("coordinator-review",),
    "coordinator-review": ("secretariat", "closed"),
    "secretariat": ("resolved", "permanent-secretaries", "closed"),
    "permanent-secretaries": ("resolved", "ministerial-group", "secretariat", "closed"),
    "ministerial-group": ("resolved", "secretariat", "closed"),
    "resolved": ("secretariat",),
    "closed": (),
}
FIRST_STAGE = "reported"
# Stages in which the matter is still being handled (not resolved or closed).
OPEN_STAGES = ("reported", "coordinator-review", "secretariat", "permanent-secretaries", "ministerial-group")

CHANNELS: Labels = {
    "contact-person": {"fi": "Ministerion yhteyshenkilön kautta", "sv": "Via ministeriets kontaktperson", "en": "Through a ministry's contact person"},
    "coordinator": {"fi": "Suoraan koordinaattorille", "sv": "Direkt till koordinatorn", "en": "Directly to the coordinator"},
}

VISIBILITIES: Labels = {
    "public": {"fi": "Julkinen", "sv": "Offentlig", "en": "Public"},
    "network": {"fi": "Vain verkostolle", "sv": "Endast för nätverket", "en": "Network only"},
}

AREAS: Labels = {
    "prevention": {"fi": "Ennaltaehkäisy", "sv": "Förebyggande", "en": "Prevention"},
    "protection": {"fi": "Uhrien suojelu", "sv": "Skydd av offer", "en": "Protection"},
    "prosecution": {"fi": "Rikosvastuu", "sv": "Lagföring", "en": "Prosecution"},
    "partnership": {"fi": "Yhteistyö", "sv": "Samarbete", "en": "Partnership"},
}

BODIES: Labels = {
    "secretariat": {"fi": "Yhteensovittamissihteeristö", "sv": "Samordningssekretariatet", "en": "Coordination Secretariat"},
    "permanent-secretaries": {"fi": "Kansliapäällikkökokous", "sv": "Kanslichefsmötet", "en": "Meeting of Permanent Secretaries"},
    "ministerial-group": {"fi": "Sisäisen turvallisuuden ja oikeudenhoidon ministeriryhmä", "sv": "Ministerarbetsgruppen för inre säkerhet och rättsvård", "en": "Ministerial Working Group on Internal Security and the Administration of Justice"},
    "network": {"fi": "Ihmiskaupan vastainen verkosto", "sv": "Nätverket mot människohandel", "en": "Anti-trafficking network"},
    "roundtable": {"fi": "Pyöreän pöydän keskustelu", "sv": "Rundabordssamtal", "en": "Roundtable"},
    "ngo-platform": {"fi": "IKV-verkosto (järjestöt)", "sv": "Organisationernas plattform", "en": "NGO platform"},
    "other": {"fi": "Muu kokous", "sv": "Annat möte", "en": "Other meeting"},
}

MINUTES_STATUSES: Labels = {
    "draft": {"fi": "Luonnos", "sv": "Utkast", "en": "Draft"},
    "for-comments": {"fi": "Kommenttikierroksella", "sv": "På kommentarsrunda", "en": "Out for comments"},
    "approved": {"fi": "Hyväksytty", "sv": "Godkänt", "en": "Approved"},
}

MEASURE_STATUSES: Labels = {
    "not-started": {"fi": "Ei aloitettu", "sv": "Inte påbörjad", "en": "Not started"},
    "in-progress": {"fi": "Käynnissä", "sv": "Pågår", "en": "In progress"},
    "done": {"fi": "Toteutettu", "sv": "Genomförd", "en": "Done"},
    "delayed": {"fi": "Viivästynyt", "sv": "Försenad", "en": "Delayed"},
    "cancelled": {"fi": "Peruttu", "sv": "Inställd", "en": "Cancelled"},
}

ORG_KINDS: Labels = {
    "ministry": {"fi": "Ministeriö", "sv": "Ministerium", "en": "Ministry"},
    "authority": {"fi": "Viranomainen", "sv": "Myndighet", "en": "Authority"},
    "municipality": {"fi": "Kunta tai hyvinvointialue", "sv": "Kommun eller välfärdsområde", "en": "Municipality or wellbeing services county"},
    "ngo": {"fi": "Järjestö", "sv": "Organisation", "en": "NGO"},
    "union": {"fi": "Työmarkkinajärjestö", "sv": "Arbetsmarknadsorganisation", "en": "Labour market organisation"},
    "international": {"fi": "Kansainvälinen toimija", "sv": "Internationell aktör", "en": "International body"},
    "research": {"fi": "Tutkimus", "sv": "Forskning", "en": "Research"},
    "other": {"fi": "Muu", "sv": "Annan", "en": "Other"},
}

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"


def label(table: Labels, value: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label of a vocabulary value, falling back to Finnish, then to the value."""
    entry = table.get(value)
    if not entry:
        return value
    return entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or value
