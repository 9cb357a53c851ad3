"""Templates of new records for ``ihku new``: every field explained in
Finnish comments, valid as written (``ihku validate`` passes right away)."""
from __future__ import annotations

ISSUE = """\
---
# Asia (issue) {id}. Ohje: README.md, kohta "Content format".
# Otsikko suomeksi (pakollinen).
title: {title}
# Näkyvyys: public = myös julkisessa versiossa, network = vain verkostolle.
# Jos kenttä puuttuu, asia näkyy vain verkostolle.
visibility: network
# Yksi tai kaksi virkettä listoihin ja syötteisiin.
summary: Lyhyt kuvaus asiasta.
# Ilmoittanut organisaatio: tunniste tiedostosta content/network.yml (pakollinen).
reported_by: {reported_by}
# Kanava: contact-person (ministeriön yhteyshenkilön kautta) tai coordinator (suoraan koordinaattorille).
channel: coordinator
# Teemat tiedostosta content/themes.yml, esim. [labour-exploitation, children].
themes: []
# 4P-alueet: prevention, protection, prosecution, partnership.
areas: []
# Käsittelyn vaiheet vanhimmasta uusimpaan. Ensimmäinen vaihe on aina reported.
# Lisää vaiheita komennolla: ihku advance {id} coordinator-review --note "..."
# Vaiheen kentät: date, stage, note (Markdown), meeting (kokouksen tunniste, sama päivä),
# decision (linjaus, resolved-vaiheessa), communicated (miten rakenteelle tiedotettiin).
timeline:
  - date: {today}
    stage: reported
# Toimeenpanon seuranta ratkaisun jälkeen: action, owner (organisaatio), due (määräpäivä), done (tehty-päivä).
# follow_up:
#   - action: Ohjeen päivitys
#     owner: maahanmuuttovirasto
#     due: 2026-06-30
---
Kuvaa asia tähän Markdownina: mikä ongelma, haaste tai uusi ilmiö on havaittu, missä ja kenen työssä.

Vain verkostolle tarkoitettu kappale merkitään näin (jää pois julkisesta versiosta):

::: network
Sisäinen huomio.
:::
"""

MEETING = """\
---
# Kokous (meeting) {id}.
title: {title}
# Näkyvyys: public tai network (puuttuessa network).
visibility: network
# Toimielin: secretariat, permanent-secretaries, ministerial-group, network, roundtable, ngo-platform, other.
body: {body}
# Kokouspäivä (pakollinen), kellonaika ja paikka.
date: {date}
time: "09:00"
end_time: "11:00"
location: Valtioneuvoston tilat, Helsinki
# Esityslista: title, vapaaehtoisesti issue (asian tunniste) ja proposed_by (organisaatio).
agenda:
  - title: Kokouksen avaus
# Päivä, jona esityslista ja materiaalit lähetettiin (pyöreä pöytä: vähintään 14 päivää ennen).
# agenda_published: {today}
# Materiaalit: title ja file (polku tämän tiedoston vieressä) tai url.
# materials:
#   - title: Esityslista
#     file: {id}/esityslista.pdf
# Osallistujat: organisaatioiden tunnisteet.
participants: []
# Pöytäkirja: status draft | for-comments | approved, comments_until, approved_on,
# corrections (date + note). Hyväksytyn pöytäkirjan muutos vaatii uuden korjausmerkinnän.
# minutes:
#   status: draft
---
Ennen kokousta: huomiot esityslistasta. Kokouksen jälkeen: pöytäkirja.
"""

MEMO = """\
---
# Muistio kansainvälisestä kokouksesta (international) {id}.
title: {title}
visibility: network
summary: Mitä kokouksesta jäi käteen, yhdellä virkkeellä.
# Kansainvälisen kokouksen nimi (pakollinen) ja järjestäjä.
meeting: {meeting}
organiser: European Commission
location: Bryssel
# Kokouksen päivät: start (pakollinen), end.
start: {date}
end: {date}
# Koordinaattorin etukäteen valmisteltu rooli ja Suomen esittämä kanta.
role: Koordinaattori esitteli Suomen kansallisen tilanteen.
position: Suomi korosti uhrien tunnistamista.
# Kotimaassa käsiteltävät teemat: title ja vapaaehtoisesti issue (asia, joksi teema tuli).
for_discussion:
  - title: Teema kotimaan käsittelyyn
themes: []
areas: []
---
## Keskeiset asiat

## Hyvät käytännöt
"""

TRAINING = """\
---
# Koulutus (training) {id}.
title: {title}
visibility: network
summary: Kenelle ja mistä koulutus on.
# Päivä (pakollinen), vapaaehtoisesti end, time ja location.
date: {date}
time: "09:00"
location: Helsinki
# Järjestäjä: organisaation tunniste tai nimi.
organiser: ihmiskauppakoordinaattori
audience: Kohderyhmä
# Koulutusta ehdottanut verkoston jäsen (organisaation tunniste).
# proposed_by: ihmiskauppakoordinaattori
# registration: https://...
# Materiaalit pysyvät saatavilla koulutuksen jälkeen: title ja file tai url.
# materials:
#   - title: Esitysaineisto
#     file: {id}/aineisto.pdf
themes: []
areas: []
---
Koulutuksen kuvaus.
"""
