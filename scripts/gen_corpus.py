#!/usr/bin/env python3
"""Generate a synthetic content tree (content format v1) for benchmarks.

    python scripts/gen_corpus.py /tmp/corpus --records 2000 [--seed 1] [--force]

Deterministic: the same ``--records`` and ``--seed`` give byte-identical files.
``N`` records are spread like the real content, about a hundred a year ending
in LAST_YEAR (so 2,000 records are twenty years of work):

* issues (42 %) with 2-7 timeline steps walking the allowed stage moves, each
  step handled in a meeting of the right body on the step's day, decisions,
  follow-up actions (open, done, overdue);
* meetings (26 %) of every body, whose agendas list the issues handled there,
  participants, minutes in every status, corrections, some material files;
* international memos (12 %) with items for discussion that point at issues;
* trainings (12 %) with registration links and materials;
* action-plan measures (8 %), in one ``action-plans/<period>.yml`` per two years;
* about 30 % network-only records (``visibility`` absent), the rest public;
* Swedish and English translations of some public records;
* bodies of about 180-450 words of Finnish prose (headings and lists where the
  real records have them).

Every record counts once towards N (an action plan's measures count, the plan
file does not; translations do not). The tree validates without errors under
``ihku validate``.
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import random
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

RECORDS_PER_YEAR = 100
LAST_YEAR = 2026
REFERENCE_DAY = dt.date(2026, 11, 22)  # "today" of the corpus: later meetings are upcoming
MIX = (("issues", 0.42), ("meetings", 0.26), ("international", 0.12), ("trainings", 0.12), ("measures", 0.08))
PUBLIC_SHARE = 0.7
SV_SHARE = 0.12  # of public records
EN_SHARE = 0.08

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# --- vocabulary: the network and the themes ----------------------------------------

ORGANISATIONS = [
    # id, kind, fi, sv, en
    ("ihmiskauppakoordinaattori", "other", "Valtioneuvoston ihmiskaupan vastainen koordinaattori",
     "Statsrådets koordinator mot människohandel", "Government Anti-Trafficking Coordinator"),
    ("sisaministerio", "ministry", "Sisäministeriö", "Inrikesministeriet", "Ministry of the Interior"),
    ("oikeusministerio", "ministry", "Oikeusministeriö", "Justitieministeriet", "Ministry of Justice"),
    ("sosiaali-ja-terveysministerio", "ministry", "Sosiaali- ja terveysministeriö",
     "Social- och hälsovårdsministeriet", "Ministry of Social Affairs and Health"),
    ("tyo-ja-elinkeinoministerio", "ministry", "Työ- ja elinkeinoministeriö", "Arbets- och näringsministeriet",
     "Ministry of Economic Affairs and Employment"),
    ("ulkoministerio", "ministry", "Ulkoministeriö", "Utrikesministeriet", "Ministry for Foreign Affairs"),
    ("opetus-ja-kulttuuriministerio", "ministry", "Opetus- ja kulttuuriministeriö",
     "Undervisnings- och kulturministeriet", "Ministry of Education and Culture"),
    ("poliisihallitus", "authority", "Poliisihallitus", "Polisstyrelsen", "National Police Board"),
    ("keskusrikospoliisi", "authority", "Keskusrikospoliisi", "Centralkriminalpolisen", "National Bureau of Investigation"),
    ("rajavartiolaitos", "authority", "Rajavartiolaitos", "Gränsbevakningsväsendet", "Finnish Border Guard"),
    ("maahanmuuttovirasto", "authority", "Maahanmuuttovirasto", "Migrationsverket", "Finnish Immigration Service"),
    ("joutsenon-vastaanottokeskus", "authority", "Joutsenon vastaanottokeskus (auttamisjärjestelmä)",
     "Joutseno förläggning (hjälpsystemet)", "Joutseno Reception Centre (assistance system)"),
    ("tyosuojeluviranomainen", "authority", "Työsuojeluviranomainen", "Arbetarskyddsmyndigheten",
     "Occupational Safety and Health Authority"),
    ("syyttajalaitos", "authority", "Syyttäjälaitos", "Åklagarmyndigheten", "National Prosecution Authority"),
    ("thl", "research", "Terveyden ja hyvinvoinnin laitos", "Institutet för hälsa och välfärd",
     "Finnish Institute for Health and Welfare"),
    ("yhdenvertaisuusvaltuutettu", "authority", "Yhdenvertaisuusvaltuutettu", "Diskrimineringsombudsmannen",
     "Non-Discrimination Ombudsman"),
    ("lapsiasiavaltuutettu", "authority", "Lapsiasiavaltuutettu", "Barnombudsmannen", "Ombudsman for Children"),
    ("helsingin-kaupunki", "municipality", "Helsingin kaupunki", "Helsingfors stad", "City of Helsinki"),
    ("tampereen-kaupunki", "municipality", "Tampereen kaupunki", "Tammerfors stad", "City of Tampere"),
    ("kuntaliitto", "municipality", "Kuntaliitto", "Kommunförbundet", "Association of Finnish Municipalities"),
    ("heuni", "international", "HEUNI", None, "European Institute for Crime Prevention and Control"),
    ("iom-suomi", "international", "IOM Suomi", "IOM Finland", "IOM Finland"),
    ("rikosuhripaivystys", "ngo", "Rikosuhripäivystys", "Brottsofferjouren", "Victim Support Finland"),
    ("pro-tukipiste", "ngo", "Pro-tukipiste", None, None),
    ("monika-naiset", "ngo", "Monika-Naiset liitto", None, None),
    ("ensi-ja-turvakotien-liitto", "ngo", "Ensi- ja turvakotien liitto", "Förbundet för mödra- och skyddshem", None),
    ("lastensuojelun-keskusliitto", "ngo", "Lastensuojelun Keskusliitto", "Centralförbundet för Barnskydd", None),
    ("pakolaisneuvonta", "ngo", "Pakolaisneuvonta", "Flyktingrådgivningen", "Finnish Refugee Advice Centre"),
    ("sak", "union", "Suomen Ammattiliittojen Keskusjärjestö SAK", "FFC", "SAK"),
    ("pam", "union", "Palvelualojen ammattiliitto PAM", None, "Service Union United PAM"),
    ("ek", "union", "Elinkeinoelämän keskusliitto EK", "Finlands Näringsliv EK", "Confederation of Finnish Industries"),
]
MINISTRIES = [o[0] for o in ORGANISATIONS if o[1] == "ministry"]
FRONT_LINE = [o[0] for o in ORGANISATIONS if o[1] in ("authority", "municipality", "ngo", "union", "research")]
ORG_NAME = {o[0]: o[2] for o in ORGANISATIONS}

THEMES = [
    ("labour-exploitation", "Työperäinen hyväksikäyttö", "Arbetskraftsexploatering", "Labour exploitation"),
    ("sexual-exploitation", "Seksuaalinen hyväksikäyttö", "Sexuell exploatering", "Sexual exploitation"),
    ("forced-marriage", "Pakkoavioliitot", "Tvångsäktenskap", "Forced marriage"),
    ("forced-criminality", "Rikolliseen toimintaan pakottaminen", "Tvång att begå brott", "Forced criminality"),
    ("children", "Lapset ja alaikäiset", "Barn och minderåriga", "Children"),
    ("identification", "Uhrien tunnistaminen", "Identifiering av offer", "Identification of victims"),
    ("assistance-system", "Auttamisjärjestelmä", "Hjälpsystemet", "Assistance system"),
    ("residence-permits", "Oleskeluluvat", "Uppehållstillstånd", "Residence permits"),
    ("international-cooperation", "Kansainvälinen yhteistyö", "Internationellt samarbete", "International cooperation"),
    ("training", "Koulutus", "Utbildning", "Training"),
    ("data-research", "Tieto ja tutkimus", "Data och forskning", "Data and research"),
    ("municipal-services", "Kuntien palvelut", "Kommunala tjänster", "Municipal services"),
]
THEME_IDS = [t[0] for t in THEMES]
THEME_FI = {t[0]: t[1] for t in THEMES}
AREAS = ("prevention", "protection", "prosecution", "partnership")

# --- text banks -------------------------------------------------------------------------

PLACES = ("Helsingissä", "Tampereella", "Turussa", "Oulussa", "Joensuussa", "Lappeenrannassa", "Rovaniemellä",
          "Vaasassa", "Kuopiossa", "Jyväskylässä")
FI_SENTENCES = (
    "{org} kertoi, että tapauksia on tunnistettu aiempaa enemmän erityisesti {place}.",
    "Asiaa on käsitelty verkostossa useaan otteeseen, ja osapuolet pitävät yhteistä toimintamallia tarpeellisena.",
    "Auttamisjärjestelmän mukaan uhrit ohjautuvat palveluihin usein vasta pitkän viiveen jälkeen.",
    "Työsuojeluviranomaisen tarkastuksissa on havaittu puutteita työaikakirjanpidossa ja palkanmaksussa.",
    "Sihteeristö pyysi ministeriöitä selvittämään, mitä säädösmuutoksia asia edellyttäisi.",
    "Koordinaattori kokosi tiedot viranomaisilta ja järjestöiltä ja esitteli ne kokouksessa.",
    "Ilmiö koskee erityisesti kausityötä, rakennusalaa, siivousalaa ja ravintola-alaa.",
    "Useat toimijat toivat esiin, että tunnistaminen edellyttää säännöllistä ja käytännönläheistä koulutusta.",
    "Osallistujat pitivät tärkeänä, että uhrin avunsaanti ei riipu rikosprosessin etenemisestä.",
    "{org} esitti, että ohjeistusta täydennetään käytännön esimerkeillä ja tarkistuslistalla.",
    "Tilastotietoa kertyy useasta lähteestä, eivätkä luvut ole keskenään vertailukelpoisia.",
    "Asiasta laaditaan tilannekuva, joka esitellään seuraavassa kokouksessa.",
    "Keskustelussa todettiin, että lasten kohdalla viranomaisyhteistyön on oltava erityisen tiivistä.",
    "Hyvinvointialueiden sosiaalityöntekijät kohtaavat uhreja, mutta tunnistamisen välineet puuttuvat usein.",
    "Järjestöjen matalan kynnyksen palvelut tavoittavat ihmisiä, jotka eivät hakeudu viranomaisten luo.",
    "Poliisin ja syyttäjän yhteistyötä tiivistetään jo esitutkinnan alkuvaiheessa.",
    "Oleskelulupakäytännöt vaikuttavat siihen, uskaltaako uhri kertoa tilanteestaan viranomaisille.",
    "Kansainvälisessä yhteistyössä on sovittu tiedonvaihdon periaatteista lähtö- ja kauttakulkumaiden kanssa.",
    "Linjauksen toteutumista seurataan seurantataulukossa, ja tilanne raportoidaan verkostolle puolivuosittain.",
    "Teema {theme} on ollut esillä myös aiempina vuosina, mutta tilannekuva on muuttunut.",
    "Vuonna {year} ilmoitettujen tapausten määrä kasvoi edellisestä vuodesta.",
    "{org} järjestää aiheesta koulutuksen yhteistyössä auttamisjärjestelmän kanssa.",
    "Verkoston jäseniä pyydettiin kommentoimaan luonnosta kahden viikon kuluessa.",
    "Rekrytointimaksut ja velkaantuminen ovat edelleen keskeisiä hyväksikäytön keinoja.",
    "Digitaaliset alustat ovat muuttaneet tapaa, jolla uhreja värvätään ja valvotaan.",
    "Tutkimustiedon mukaan piilorikollisuuden osuus on edelleen suuri, ja vain osa tapauksista tulee ilmi.",
    "Asiasta keskusteltiin myös pohjoismaisessa yhteistyössä, ja kokemukset olivat samansuuntaisia.",
    "Sihteeristö totesi, että voimassa oleva ohje kattaa tilanteen, mutta sen tunnettuutta on lisättävä.",
    "Ehdotuksen kustannusvaikutukset arvioidaan ennen asian viemistä kansliapäällikkökokoukseen.",
    "Ministeriryhmä piti ehdotusta perusteltuna ja pyysi valmistelemaan tarvittavat muutokset.",
    "Käytännön kokemukset {place} osoittavat, että moniammatillinen yhteistyö nopeuttaa avun saamista.",
    "Uhrien tunnistaminen vastaanottokeskuksissa on parantunut, mutta käytännöt vaihtelevat alueittain.",
    "Työnantajille suunnattua neuvontaa lisätään erityisesti pienissä yrityksissä ja alihankintaketjuissa.",
    "Pakkoavioliittojen ja lapsiavioliittojen tunnistamiseen tarvitaan omat toimintaohjeensa.",
    "Rikoksiin pakottaminen on ilmiö, jonka tunnistaminen on osoittautunut esitutkinnassa vaikeaksi.",
    "Kuntien palveluohjauksessa tarvitaan selkeä vastuutaho ihmiskauppa-asioille.",
    "Osapuolet sopivat, että seuraava tilannekatsaus annetaan syksyllä.",
    "Lausuntokierroksella saatiin runsaasti lausuntoja, joista suurin osa kannatti ehdotusta.",
    "{org} korosti, että uhrin oikeus tietoon ja tulkkaukseen on turvattava jokaisessa vaiheessa.",
    "Asiakirjat toimitettiin osallistujille sähköisesti viikkoa ennen kokousta.",
    "Tulkkauksen saatavuus on pullonkaula erityisesti harvinaisten kielten kohdalla.",
    "Asumisen järjestäminen uhrille on kiireellisissä tilanteissa osoittautunut vaikeaksi.",
)
SV_SENTENCES = (
    "Ärendet har behandlats i nätverket flera gånger, och parterna anser att en gemensam modell behövs.",
    "Enligt hjälpsystemet hänvisas offren till tjänsterna ofta först efter en lång fördröjning.",
    "Sekretariatet bad ministerierna utreda vilka författningsändringar ärendet skulle kräva.",
    "Koordinatorn samlade uppgifter från myndigheter och organisationer och presenterade dem på mötet.",
    "Flera aktörer framhöll att identifiering förutsätter regelbunden och praktisk utbildning.",
    "Deltagarna ansåg det viktigt att offrets rätt till hjälp inte beror på hur brottsprocessen framskrider.",
    "Statistik samlas in från flera källor, och siffrorna är inte jämförbara med varandra.",
    "En lägesbild utarbetas och presenteras vid nästa möte.",
    "Samarbetet mellan polis och åklagare fördjupas redan i början av förundersökningen.",
    "Genomförandet av riktlinjen följs upp i uppföljningstabellen och rapporteras till nätverket.",
    "Rekryteringsavgifter och skuldsättning är fortfarande centrala medel för exploatering.",
    "Parterna kom överens om att nästa lägesöversikt ges under hösten.",
)
EN_SENTENCES = (
    "The matter has been discussed in the network several times, and the parties consider a joint model necessary.",
    "According to the assistance system, victims are often referred to services only after a long delay.",
    "The Secretariat asked the ministries to examine which legislative amendments the matter would require.",
    "The coordinator gathered information from authorities and organisations and presented it at the meeting.",
    "Several actors pointed out that identification requires regular and practical training.",
    "Participants considered it important that a victim's access to assistance does not depend on criminal proceedings.",
    "Statistics come from several sources, and the figures are not comparable with each other.",
    "A situation report will be prepared and presented at the next meeting.",
    "Cooperation between the police and prosecutors is being strengthened from the start of the pre-trial investigation.",
    "Implementation of the policy line is followed in the monitoring table and reported to the network.",
    "Recruitment fees and indebtedness remain key means of exploitation.",
    "The parties agreed that the next situation review will be given in the autumn.",
)
ISSUE_TOPICS = (
    "Työperäisen hyväksikäytön tunnistaminen", "Uhrien ohjaaminen auttamisjärjestelmään", "Rekrytointimaksujen valvonta",
    "Pakkoavioliittojen tunnistaminen", "Rikoksiin pakotettujen uhrien asema", "Alaikäisten katoamiset",
    "Oleskelulupien edellytykset", "Tilastoinnin yhtenäistäminen", "Sosiaalityön ihmiskauppaosaaminen",
    "Seksuaalisen hyväksikäytön ennaltaehkäisy", "Tiedonvaihto viranomaisten välillä", "Tulkkauksen saatavuus",
    "Asumisen järjestäminen uhreille", "Työnantajien neuvonta", "Alustatalouden riskit", "Velkasuhteiden selvittäminen",
)
ISSUE_CONTEXTS = (
    "marjanpoiminnassa", "rakennusalalla", "ravintola-alalla", "vastaanottokeskuksissa", "hyvinvointialueilla",
    "kausityössä", "siivousalalla", "kuljetusalalla", "verkossa", "esitutkinnassa", "rajatarkastuksissa", "kunnissa",
    "maataloudessa", "kauneudenhoitoalalla", "telakoilla",
)
SV_TOPICS = ("Identifiering av arbetskraftsexploatering", "Hänvisning av offer till hjälpsystemet",
             "Tillsyn över rekryteringsavgifter", "Enhetlig statistik", "Informationsutbyte mellan myndigheter")
EN_TOPICS = ("Identifying labour exploitation", "Referring victims to the assistance system",
             "Supervision of recruitment fees", "Harmonising statistics", "Information exchange between authorities")
MEETING_TITLES = {
    "secretariat": "Yhteensovittamissihteeristön kokous",
    "permanent-secretaries": "Kansliapäällikkökokous",
    "ministerial-group": "Ministeriryhmän kokous",
    "network": "Ihmiskaupan vastaisen verkoston tapaaminen",
    "roundtable": "Pyöreän pöydän keskustelu",
    "ngo-platform": "Järjestöjen IKV-verkoston tapaaminen",
    "other": "Muu kokous",
}
BODY_WEIGHTS = (("secretariat", 40), ("permanent-secretaries", 15), ("ministerial-group", 10), ("network", 10),
                ("roundtable", 10), ("ngo-platform", 10), ("other", 5))
DECIDING_BODIES = {"secretariat", "permanent-secretaries", "ministerial-group"}  # stages handled in a meeting
GENERIC_AGENDA = ("Kokouksen avaus ja edellisen kokouksen pöytäkirja", "Linjausten seurantataulukko",
                  "Ajankohtaiset kuulumiset", "Muut asiat")
MEMO_MEETINGS = (
    # slug, name, organiser, locations
    ("eu-rapporteurs", "EU Network of National Rapporteurs and Equivalent Mechanisms", "European Commission",
     ("Bryssel", "online")),
    ("coe-greta", "Committee of the Parties to the Council of Europe Anti-Trafficking Convention",
     "Council of Europe / GRETA", ("Strasbourg",)),
    ("osce-alliance", "Alliance against Trafficking in Persons Conference", "OSCE", ("Wien",)),
    ("nordic-coordinators", "Nordic anti-trafficking coordinators' meeting", "Nordic Council of Ministers",
     ("Oslo", "Tukholma", "Kööpenhamina", "Reykjavik", "Helsinki")),
    ("cbss-task-force", "CBSS Task Force against Trafficking in Human Beings", "CBSS", ("Riika", "Tallinna", "online")),
    ("unodc-working-group", "Working Group on Trafficking in Persons", "UNODC", ("Wien", "online")),
)
TRAININGS = (
    # slug, title, audience
    ("reception-centre-staff", "Ihmiskaupan tunnistaminen vastaanottotyössä", "Vastaanottokeskusten henkilöstö"),
    ("labour-inspectors", "Työperäisen ihmiskaupan tunnusmerkit", "Työsuojelutarkastajat"),
    ("municipal-social-work", "Ihmiskaupan uhri sosiaalityön asiakkaana", "Hyvinvointialueiden sosiaalityöntekijät"),
    ("forced-criminality", "Rikoksiin pakotettu uhri esitutkinnassa", "Poliisit ja syyttäjät"),
    ("health-care", "Uhrin kohtaaminen terveydenhuollossa", "Terveydenhuollon ammattilaiset"),
    ("seasonal-work", "Kausityön riskit ja työnantajan vastuut", "Työnantajat ja rekrytoijat"),
    ("border-guards", "Tunnistaminen rajatarkastuksissa", "Rajavartijat"),
)
MEASURE_TITLES = (
    "Tunnistamisohjeen päivittäminen", "Koulutusohjelma sosiaali- ja terveysalalle", "Uhrin oikeuksia koskeva esite",
    "Rekrytointimaksujen valvonnan tehostaminen", "Tilastoinnin yhtenäistäminen", "Lainsäädännön arviointi",
    "Kansainvälisen yhteistyön vahvistaminen", "Lasten tunnistamisen toimintamalli", "Työnantajaneuvonnan lisääminen",
    "Auttamisjärjestelmän resurssien arviointi", "Asumisratkaisujen kehittäminen", "Tulkkauspalvelujen saatavuus",
)


# --- the generator ------------------------------------------------------------------------

@dataclass
class Meeting:
    id: str
    date: dt.date
    body: str
    public: bool
    issue_items: list[tuple[str, str, str]] = field(default_factory=list)  # (issue id, title, proposed_by)


@dataclass
class Stats:
    records: dict[str, int]
    translations: int
    files: int

    def summary(self) -> str:
        parts = ", ".join(f"{k} {v}" for k, v in self.records.items())
        return f"{sum(self.records.values())} records ({parts}), {self.translations} translations, {self.files} files"


def counts_for(n: int) -> dict[str, int]:
    """How many of each kind N records are (every kind at least one, sum exactly N)."""
    if n < len(MIX):
        raise ValueError(f"need at least {len(MIX)} records, one of each kind")
    counts = {name: max(1, int(n * share)) for name, share in MIX}
    counts["issues"] += n - sum(counts.values())
    return counts


def _spread(total: int, years: list[int]) -> dict[int, int]:
    base, rest = divmod(total, len(years))
    return {year: base + (1 if i >= len(years) - rest else 0) for i, year in enumerate(years)}


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)


def _front(data: dict[str, Any], body: str) -> str:
    return f"---\n{_dump(data)}---\n{body}"


def network_only_passage(rng: random.Random) -> str | None:
    """TODO(network-only passages): the syntax for marking a passage of a
    public record as network-only is not defined in content format v1 yet.
    When it is, return such a passage here (for a share of public records);
    ``_body`` already calls this hook and appends what it returns."""
    return None


class Generator:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = random.Random(f"ihku-corpus:{seed}:{n}")
        self.counts = counts_for(n)
        years = max(1, -(-n // RECORDS_PER_YEAR))
        self.years = list(range(LAST_YEAR - years + 1, LAST_YEAR + 1))
        self.meetings: dict[str, Meeting] = {}
        self.by_body: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)
        self.issues: list[tuple[str, dt.date, bool]] = []  # (id, reported on, public)
        self.issue_days: list[dt.date] = []
        self.files: dict[str, str] = {}  # relative path -> text
        self.translations = 0

    # --- text -----------------------------------------------------------------

    def sentence(self, bank: tuple[str, ...] = FI_SENTENCES) -> str:
        rng = self.rng
        return rng.choice(bank).format(org=ORG_NAME[rng.choice(FRONT_LINE + MINISTRIES)], place=rng.choice(PLACES),
                                       theme=THEME_FI[rng.choice(THEME_IDS)].lower(), year=rng.choice(self.years))

    def paragraph(self, sentences: int, bank: tuple[str, ...] = FI_SENTENCES) -> str:
        return " ".join(self.sentence(bank) for _ in range(sentences))

    def words_of_prose(self, words: int, bank: tuple[str, ...] = FI_SENTENCES) -> list[str]:
        out: list[str] = []
        count = 0
        while count < words:
            para = self.paragraph(self.rng.randint(3, 6), bank)
            out.append(para)
            count += len(para.split())
        return out

    def _body(self, kind: str, headings: list[str] | None = None, bank: tuple[str, ...] = FI_SENTENCES) -> str:
        rng = self.rng
        words = rng.randint(180, 450)
        paras = self.words_of_prose(words, bank)
        if headings:
            # Spread the paragraphs under the headings (minutes, memos).
            chunks: list[str] = []
            per = max(1, len(paras) // len(headings))
            for index, heading in enumerate(headings):
                part = paras[index * per:(index + 1) * per] if index < len(headings) - 1 else paras[index * per:]
                chunks.append(f"## {heading}\n\n" + ("\n\n".join(part) if part else self.sentence(bank)))
            text = "\n\n".join(chunks)
        else:
            text = "\n\n".join(paras)
        if bank is FI_SENTENCES and rng.random() < 0.35:
            text += "\n\n" + "\n".join(f"- {self.sentence()}" for _ in range(rng.randint(2, 4)))
        if bank is FI_SENTENCES and rng.random() < 0.1:
            text += f"\n\n!!! note \"Huomio\"\n\n    {self.sentence()}"
        extra = network_only_passage(rng)
        if extra:
            text += "\n\n" + extra
        return text + "\n"

    def summary(self) -> str:
        return self.sentence()

    # --- shared fields ------------------------------------------------------------

    def common(self, data: dict[str, Any], public: bool) -> dict[str, Any]:
        rng = self.rng
        out = {"title": data.pop("title")}
        if public:
            out["visibility"] = "public"
        out["summary"] = self.summary()
        out["themes"] = rng.sample(THEME_IDS, rng.randint(1, 3))
        out["areas"] = rng.sample(AREAS, rng.randint(1, 2))
        out.update(data)
        return out

    def day_in(self, year: int) -> dt.date:
        day = dt.date(year, 1, 8) + dt.timedelta(days=self.rng.randint(0, 350))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        return day

    def translate(self, folder: str, record_id: str, public: bool, topics: tuple[str, ...] | None = None) -> None:
        if not public:
            return
        rng = self.rng
        for lang, share, bank, titles in (("sv", SV_SHARE, SV_SENTENCES, SV_TOPICS), ("en", EN_SHARE, EN_SENTENCES, EN_TOPICS)):
            if rng.random() < share:
                front = {"title": rng.choice(titles), "summary": self.sentence(bank)}
                self.files[f"{folder}/{record_id}.{lang}.md"] = _front(front, self._body(folder, bank=bank))
                self.translations += 1

    # --- collections -------------------------------------------------------------------

    def plan_meetings(self) -> None:
        rng = self.rng
        bodies = [b for b, _ in BODY_WEIGHTS]
        weights = [w for _, w in BODY_WEIGHTS]
        for year, count in _spread(self.counts["meetings"], self.years).items():
            chosen = ["secretariat"] + rng.choices(bodies, weights, k=count - 1) if count else []
            for body in chosen:
                while True:
                    day = self.day_in(year)
                    meeting_id = f"{day.isoformat()}-{body}"
                    if meeting_id not in self.meetings:
                        break
                self.meetings[meeting_id] = Meeting(meeting_id, day, body, rng.random() < PUBLIC_SHARE)
        for meeting in sorted(self.meetings.values(), key=lambda m: (m.date, m.id)):
            self.by_body[meeting.body].append((meeting.date, meeting.id))

    def next_meeting(self, body: str, after: dt.date) -> Meeting | None:
        dates = self.by_body.get(body, [])
        index = bisect.bisect_left(dates, (after, ""))
        return self.meetings[dates[index][1]] if index < len(dates) else None

    def timeline(self, reported: dt.date) -> list[dict[str, Any]]:
        rng = self.rng
        target = rng.choice((2, 3, 3, 4, 4, 4, 5, 5, 6, 7))
        steps: list[dict[str, Any]] = [{"date": reported, "stage": "reported"}]
        from ihmiskauppa import vocab  # the allowed moves, from the one place they are defined

        stage, day = "reported", reported
        while len(steps) < target:
            moves = vocab.MOVES[stage]
            last = len(steps) == target - 1
            options = [m for m in moves if last or m != "closed"] or list(moves)
            nxt = rng.choice(options)
            step: dict[str, Any] = {}
            if nxt == "coordinator-review":
                day = day + dt.timedelta(days=rng.randint(3, 20))
                if rng.random() < 0.6:
                    step["note"] = self.sentence()
            elif nxt in DECIDING_BODIES or nxt == "resolved":
                body = nxt if nxt in DECIDING_BODIES else (stage if stage in DECIDING_BODIES else "secretariat")
                meeting = self.next_meeting(body, day + dt.timedelta(days=rng.randint(7, 40)))
                if meeting is None or meeting.date > REFERENCE_DAY:
                    break  # the process has not got further yet
                day = meeting.date
                step["meeting"] = meeting.id
                if nxt == "resolved":
                    step["decision"] = self.sentence()
                    step["communicated"] = f"Verkoston sähköpostilista {(day + dt.timedelta(days=1)).isoformat()}"
                elif rng.random() < 0.4:
                    step["note"] = self.sentence()
            else:  # closed
                day = day + dt.timedelta(days=rng.randint(10, 60))
                step["note"] = self.sentence()
            if day > REFERENCE_DAY:
                break
            steps.append({"date": day, "stage": nxt, **step})
            stage = nxt
        return steps

    def gen_issues(self) -> None:
        rng = self.rng
        for year, count in _spread(self.counts["issues"], self.years).items():
            days = sorted(self.day_in(year) for _ in range(count))
            for seq, reported in enumerate(days, start=1):
                issue_id = f"{year}-{seq:03d}"
                public = rng.random() < PUBLIC_SHARE
                reporter = rng.choice(FRONT_LINE)
                steps = self.timeline(min(reported, REFERENCE_DAY))
                title = f"{rng.choice(ISSUE_TOPICS)} {rng.choice(ISSUE_CONTEXTS)}"
                follow_up = []
                resolved = [s for s in steps if s["stage"] == "resolved"]
                if resolved:
                    start = resolved[0]["date"]
                    for _ in range(rng.randint(1, 3)):
                        due = start + dt.timedelta(days=rng.randint(60, 300))
                        action: dict[str, Any] = {"action": rng.choice(MEASURE_TITLES), "owner": rng.choice(FRONT_LINE + MINISTRIES),
                                                  "due": due}
                        done = start + dt.timedelta(days=rng.randint(30, 330))
                        # Most actions get done; a few of the older ones, and more of the recent ones, are overdue.
                        share = 0.97 if due < REFERENCE_DAY - dt.timedelta(days=365) else 0.7
                        if done <= REFERENCE_DAY and rng.random() < share:
                            action["done"] = done
                        follow_up.append(action)
                data = self.common({"title": title}, public)
                data.update({"reported_by": reporter, "channel": rng.choice(("contact-person", "coordinator")),
                             "timeline": steps})
                if follow_up:
                    data["follow_up"] = follow_up
                self.files[f"issues/{issue_id}.md"] = _front(data, self._body("issues"))
                self.translate("issues", issue_id, public)
                self.issues.append((issue_id, reported, public))
                for step in steps:
                    if "meeting" in step:
                        self.meetings[step["meeting"]].issue_items.append((issue_id, title, reporter))

    def issue_before(self, day: dt.date) -> str | None:
        """One of the (at most 200) latest issues reported by ``day``."""
        end = bisect.bisect_right(self.issue_days, day)
        return self.issues[self.rng.randrange(max(0, end - 200), end)][0] if end else None

    def gen_meetings(self) -> None:
        rng = self.rng
        numbers: dict[tuple[str, int], int] = defaultdict(int)
        for meeting in sorted(self.meetings.values(), key=lambda m: (m.date, m.id)):
            numbers[(meeting.body, meeting.date.year)] += 1
            title = f"{MEETING_TITLES[meeting.body]} {numbers[(meeting.body, meeting.date.year)]}/{meeting.date.year}"
            agenda: list[dict[str, Any]] = [{"title": GENERIC_AGENDA[0]}]
            seen: set[str] = set()
            for issue_id, issue_title, reporter in meeting.issue_items:
                if issue_id not in seen:
                    seen.add(issue_id)
                    agenda.append({"title": issue_title, "issue": issue_id, "proposed_by": reporter})
            if meeting.body not in DECIDING_BODIES and rng.random() < 0.5:
                other = self.issue_before(meeting.date)
                if other and other not in seen:
                    agenda.append({"title": "Ajankohtainen asia verkostolta", "issue": other})
            agenda += [{"title": t} for t in GENERIC_AGENDA[1:rng.randint(2, 4)]]
            start_hour = rng.choice((9, 10, 13, 14))
            data: dict[str, Any] = {"title": title, "body": meeting.body, "date": meeting.date,
                                    "time": f"{start_hour:02d}:00", "end_time": f"{start_hour + rng.randint(1, 3):02d}:00",
                                    "location": rng.choice(("Sisäministeriö, Helsinki", "Teams", "Valtioneuvoston linna, Helsinki")),
                                    "agenda": agenda}
            # Agendas go out in time (the default deadlines: roundtables 14 days, the Secretariat 7).
            lead = 15 + rng.randint(0, 10) if meeting.body == "roundtable" else rng.randint(7, 14)
            data["agenda_published"] = meeting.date - dt.timedelta(days=lead)
            if rng.random() < 0.15:
                name = "esityslista.txt"
                data["materials"] = [{"title": "Esityslista ja liitteet", "file": f"{meeting.id}/{name}"}]
                self.files[f"meetings/{meeting.id}/{name}"] = "\n".join(a["title"] for a in agenda) + "\n"
            elif rng.random() < 0.2:
                data["materials"] = [{"title": "Esitysaineisto", "url": f"https://example.fi/aineistot/{meeting.id}"}]
            data["participants"] = rng.sample([o[0] for o in ORGANISATIONS], rng.randint(4, 14))
            if meeting.date < REFERENCE_DAY:
                roll = rng.random()
                comments = meeting.date + dt.timedelta(days=rng.randint(7, 14))
                recent = meeting.date > REFERENCE_DAY - dt.timedelta(days=30)
                if comments < REFERENCE_DAY and (roll < 0.8 or not recent):  # old minutes are all approved by now
                    minutes: dict[str, Any] = {"status": "approved", "comments_until": comments,
                                               "approved_on": min(REFERENCE_DAY, comments + dt.timedelta(days=rng.randint(1, 10)))}
                    if rng.random() < 0.1:
                        minutes["corrections"] = [{"date": comments - dt.timedelta(days=1), "note": self.sentence()}]
                elif roll < 0.9:
                    minutes = {"status": "for-comments", "comments_until": comments}
                else:
                    minutes = {"status": "draft"}
                data["minutes"] = minutes
            data = self.common(data, meeting.public)
            headings = [f"{k}. {item['title']}" for k, item in enumerate(agenda, start=1)][:6]
            self.files[f"meetings/{meeting.id}.md"] = _front(data, self._body("meetings", headings))
            self.translate("meetings", meeting.id, meeting.public)

    def gen_memos(self) -> None:
        rng = self.rng
        used: set[str] = set()
        for year, count in _spread(self.counts["international"], self.years).items():
            for _ in range(count):
                slug, name, organiser, places = rng.choice(MEMO_MEETINGS)
                start = self.day_in(year)
                memo_id = f"{start.isoformat()}-{slug}"
                suffix = 2
                while memo_id in used:
                    memo_id = f"{start.isoformat()}-{slug}-{suffix}"
                    suffix += 1
                used.add(memo_id)
                public = rng.random() < PUBLIC_SHARE
                items = []
                for _ in range(rng.randint(1, 3)):
                    item: dict[str, Any] = {"title": f"{rng.choice(ISSUE_TOPICS)} {rng.choice(ISSUE_CONTEXTS)}"}
                    issue = self.issue_before(start) if rng.random() < 0.5 else None
                    if issue:
                        item["issue"] = issue
                    items.append(item)
                data: dict[str, Any] = {"title": f"{name} ({start.year})", "meeting": name, "organiser": organiser,
                                        "location": rng.choice(places), "start": start}
                if rng.random() < 0.6:
                    data["end"] = start + dt.timedelta(days=rng.randint(1, 2))
                data.update({"role": self.sentence(), "position": self.sentence(), "for_discussion": items})
                data = self.common(data, public)
                body = self._body("international", ["Keskeiset asiat", "Suomen kanta", "Hyvät käytännöt"])
                self.files[f"international/{memo_id}.md"] = _front(data, body)
                self.translate("international", memo_id, public)

    def gen_trainings(self) -> None:
        rng = self.rng
        used: set[str] = set()
        for year, count in _spread(self.counts["trainings"], self.years).items():
            for _ in range(count):
                slug, title, audience = rng.choice(TRAININGS)
                while True:
                    day = self.day_in(year)
                    training_id = f"{day.isoformat()}-{slug}"
                    if training_id not in used:
                        used.add(training_id)
                        break
                public = rng.random() < PUBLIC_SHARE
                data: dict[str, Any] = {"title": title, "date": day, "time": rng.choice(("09:00", "12:30", "13:00")),
                                        "location": rng.choice(("Teams", "Helsinki", "Tampere", "Oulu")),
                                        "organiser": rng.choice(("ihmiskauppakoordinaattori", "joutsenon-vastaanottokeskus", "thl")),
                                        "audience": audience, "proposed_by": rng.choice(FRONT_LINE),
                                        "registration": f"https://example.fi/koulutukset/{training_id}"}
                if rng.random() < 0.2:
                    data["end"] = day + dt.timedelta(days=1)
                materials = [{"title": "Koulutuksen tallenne", "url": f"https://example.fi/tallenteet/{training_id}"}]
                if rng.random() < 0.15:
                    materials.append({"title": "Tiivistelmä ja muistilista", "file": f"{training_id}/tiivistelma.txt"})
                    self.files[f"trainings/{training_id}/tiivistelma.txt"] = self.paragraph(4) + "\n"
                data["materials"] = materials
                data = self.common(data, public)
                self.files[f"trainings/{training_id}.md"] = _front(data, self._body("trainings"))
                self.translate("trainings", training_id, public)

    def gen_action_plans(self) -> None:
        rng = self.rng
        periods = [(y, min(y + 1, LAST_YEAR + 1)) for y in self.years[::2]]
        per_plan = _spread(self.counts["measures"], [p[0] for p in periods])
        for start, end in periods:
            count = per_plan[start]
            if count == 0:
                continue
            measures = []
            chapter_sizes: dict[int, int] = defaultdict(int)
            for _ in range(count):
                chapter = rng.randint(1, 4)
                chapter_sizes[chapter] += 1
                day = dt.date(start, 3, 1)
                progress = []
                for _ in range(rng.randint(0, 4)):
                    day = day + dt.timedelta(days=rng.randint(30, 200))
                    if day > REFERENCE_DAY:
                        break
                    progress.append({"date": day, "status": rng.choice(("in-progress", "in-progress", "done", "delayed")),
                                     "note": self.sentence()})
                measures.append({
                    "id": f"{chapter}.{chapter_sizes[chapter]}", "title": rng.choice(MEASURE_TITLES),
                    "responsible": rng.sample(MINISTRIES, rng.randint(1, 2)),
                    "others": [ORG_NAME[rng.choice(FRONT_LINE)]], "timeframe": f"{start}-{end}",
                    "areas": [AREAS[chapter - 1]], "relates_to": [f"GRETA {start - 1}"], "progress": progress,
                })
            measures.sort(key=lambda m: tuple(int(x) for x in m["id"].split(".")))
            plan = {"title": f"Ihmiskaupan vastainen toimintasuunnitelma {start}–{end}", "period": f"{start}-{end}"}
            if rng.random() < 0.8:
                plan["visibility"] = "public"
            plan["summary"] = self.sentence()
            plan["measures"] = measures
            self.files[f"action-plans/{start}-{end}.yml"] = _dump(plan)

    def generate(self) -> dict[str, str]:
        network = []
        for org_id, kind, fi, sv, en in ORGANISATIONS:
            item: dict[str, Any] = {"id": org_id, "name": fi}
            if sv:
                item["name_sv"] = sv
            if en:
                item["name_en"] = en
            item["kind"] = kind
            item["contact"] = f"https://{org_id}.example.fi"
            if kind == "ministry":
                item["contact_person"] = "Ihmiskauppa-asioiden yhteyshenkilö"
            network.append(item)
        self.files["network.yml"] = yaml.dump(network, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        self.files["themes.yml"] = yaml.dump([{"id": i, "fi": fi, "sv": sv, "en": en} for i, fi, sv, en in THEMES],
                                             Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        self.plan_meetings()
        self.gen_issues()
        self.issues.sort(key=lambda i: (i[1], i[0]))
        self.issue_days = [reported for _, reported, _ in self.issues]
        self.gen_meetings()  # after the issues: agendas list the issues handled
        self.gen_memos()
        self.gen_trainings()
        self.gen_action_plans()
        return self.files


def generate(out: Path | str, n: int, seed: int = 1, force: bool = False) -> Stats:
    """Write a content tree of ``n`` records into ``out`` (which must not exist, unless ``force``)."""
    out = Path(out)
    if out.exists():
        if not force:
            raise FileExistsError(f"{out} exists; pass force=True (--force) to replace it")
        shutil.rmtree(out)
    gen = Generator(n, seed)
    files = gen.generate()
    for rel, text in sorted(files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for sub in ("issues", "meetings", "international", "trainings", "action-plans"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    return Stats(dict(gen.counts), gen.translations, len(files))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the content folder to write (e.g. /tmp/bench/content)")
    parser.add_argument("--records", "-n", type=int, default=500, help="number of records N (default 500)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--force", action="store_true", help="replace the folder if it exists")
    args = parser.parse_args(argv)
    try:
        stats = generate(args.out, args.records, args.seed, args.force)
    except (FileExistsError, ValueError) as exc:
        print(f"gen_corpus: {exc}", file=sys.stderr)
        return 2
    print(f"{args.out}: {stats.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
