"""A small valid content tree written from scratch, for tests that need to
break one rule at a time (independent of the sample content)."""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent

NETWORK = """\
- id: sisaministerio
  name: Sisäministeriö
  name_sv: Inrikesministeriet
  name_en: Ministry of the Interior
  kind: ministry
  contact: kirjaamo@example.fi
  contact_person: Yhteyshenkilö, poliisiosasto
- id: poliisi
  name: Poliisihallitus
  kind: authority
- id: jarjesto
  name: Tukijärjestö ry
  kind: ngo
"""

THEMES = """\
- id: labour-exploitation
  fi: Työperäinen hyväksikäyttö
  sv: Arbetsrelaterad exploatering
  en: Labour exploitation
- id: children
  fi: Lapset
  sv: Barn
  en: Children
"""

ISSUE = """\
---
title: Marjanpoimijoiden olot
visibility: public
summary: Marjanpoimijoiden työolot herättävät huolta.
reported_by: jarjesto
channel: coordinator
themes: [labour-exploitation]
areas: [prevention, protection]
timeline:
  - date: 2026-01-10
    stage: reported
  - date: 2026-01-20
    stage: coordinator-review
    note: Selvitetään **laajuus**.
  - date: 2026-03-05
    stage: secretariat
    meeting: 2026-03-05-secretariat
  - date: 2026-04-02
    stage: resolved
    meeting: 2026-04-02-secretariat
    decision: Ohjeistus päivitetään.
    communicated: Verkoston sähköpostilista
follow_up:
  - action: Ohjeen päivitys
    owner: poliisi
    due: 2026-06-30
    done: 2026-06-12
  - action: Koulutus
    owner: sisaministerio
    due: 2026-05-01
---
Kuvaus asiasta.
"""

MEETING = """\
---
title: Sihteeristön kokous {date}
visibility: public
body: secretariat
date: {date}
time: "10:00"
end_time: "12:00"
location: Helsinki
agenda:
  - title: Marjanpoimijat
    issue: 2026-001
    proposed_by: jarjesto
agenda_published: 2026-02-20
materials:
  - title: Esityslista
    file: {date}-secretariat/esityslista.txt
participants: [sisaministerio, poliisi]
minutes:
  status: approved
  approved_on: 2026-04-20
  corrections:
    - date: 2026-04-25
      note: Osallistujaluetteloa täydennetty.
---
Pöytäkirja.
"""

MEMO = """\
---
title: EU:n raportoijaverkoston kokous
visibility: public
meeting: EU Network of National Rapporteurs
organiser: European Commission
location: Bryssel
start: 2026-05-12
end: 2026-05-13
role: Puheenvuoro
position: Suomi tukee
for_discussion:
  - title: Marjanpoimijat
    issue: 2026-001
  - title: Uusi teema
---
Keskeiset asiat.
"""

TRAINING = """\
---
title: Koulutus sosiaalityöntekijöille
visibility: public
date: 2026-09-20
time: "09:00"
location: Tampere
organiser: jarjesto
audience: Sosiaalityöntekijät
proposed_by: poliisi
registration: https://example.fi/ilmoittaudu
materials:
  - title: Diat
    url: https://example.fi/diat.pdf
---
Koulutuksen kuvaus.
"""

PLAN = """\
title: Toimintasuunnitelma
period: "2016-2017"
visibility: public
measures:
  - id: "1.1"
    title: Ensimmäinen
    responsible: [sisaministerio]
    others: [Poliisi]
    timeframe: "2016-2017"
    areas: [prevention]
    relates_to: [GRETA 2015]
    progress:
      - date: 2016-05-01
        status: in-progress
        note: Aloitettu.
  - id: "2.10"
    title: Toinen
    responsible: [sisaministerio]
    progress: []
"""


def write_tree(root: Path) -> Path:
    """Write the mini tree under ``root/content`` and return that folder."""
    content = root / "content"
    for sub in ("issues", "meetings", "international", "trainings", "action-plans"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    (content / "network.yml").write_text(NETWORK, encoding="utf-8")
    (content / "themes.yml").write_text(THEMES, encoding="utf-8")
    (content / "issues" / "2026-001.md").write_text(ISSUE, encoding="utf-8")
    for date in ("2026-03-05", "2026-04-02"):
        (content / "meetings" / f"{date}-secretariat.md").write_text(MEETING.format(date=date), encoding="utf-8")
        (content / "meetings" / f"{date}-secretariat").mkdir(exist_ok=True)
        (content / "meetings" / f"{date}-secretariat" / "esityslista.txt").write_text("1. Avaus\n", encoding="utf-8")
    (content / "international" / "2026-05-12-eu-rapporteurs.md").write_text(MEMO, encoding="utf-8")
    (content / "trainings" / "2026-09-20-social-work.md").write_text(TRAINING, encoding="utf-8")
    (content / "action-plans" / "2016-2017.yml").write_text(PLAN, encoding="utf-8")
    return content


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def dd(text: str) -> str:
    return dedent(text)
