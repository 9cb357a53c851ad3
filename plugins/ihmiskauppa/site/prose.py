"""Longer interface texts (paragraphs of HTML) in Finnish, Swedish and English.

Placeholders in braces are filled by the template: {contact} etc.
"""
from __future__ import annotations

from markupsafe import Markup

_PROSE: dict[str, dict[str, str]] = {
    "home_intro": {
        "fi": "<p class=\"ihku-lead\">Tämä sivusto kertoo, mitä valtioneuvoston ihmiskaupan vastaisessa koordinaatiossa on käsitelty, miten asiat etenevät ja mitä niistä on seurannut.</p>\n\n<p>Etulinjan toimijat ilmoittavat ongelmista, haasteista ja uusista ilmiöistä ministeriönsä yhteyshenkilölle tai suoraan ihmiskaupan vastaiselle koordinaattorille. Jokainen asia näkyy täällä omana sivunaan, jolla on aikajana linjausprosessin vaiheista: koordinaattorin arvio, yhteensovittamissihteeristön valmistelu, kansliapäällikkökokous ja ministeriryhmä sekä ratkaisun toimeenpanon seuranta. Kokousten esityslistat, materiaalit ja pöytäkirjat korjauksineen, koordinaattorin muistiot kansainvälisistä kokouksista, koulutukset ja toimintasuunnitelman seuranta löytyvät samasta paikasta.</p>",
        "sv": "<p class=\"ihku-lead\">Den här webbplatsen visar vad statsrådets samordning mot människohandel har behandlat, hur ärendena framskrider och vad de har lett till.</p>\n\n<p>Aktörer i fältet anmäler problem, utmaningar och nya fenomen till sitt ministeriums kontaktperson eller direkt till koordinatorn mot människohandel. Varje ärende har en egen sida med en tidslinje över skedena: koordinatorns bedömning, samordningssekretariatets beredning, kanslichefsmötet och ministerarbetsgruppen samt uppföljningen av hur avgörandet genomförs. Här finns också mötenas föredragningslistor, material och protokoll med rättelser, koordinatorns promemorior från internationella möten, utbildningar och uppföljningen av handlingsplanen.</p>",
        "en": "<p class=\"ihku-lead\">This site shows what Finland's Government anti-trafficking coordination has handled, how each matter moves through the policy process, and what came of it.</p>\n\n<p>Front-line actors report problems, challenges and new phenomena to their ministry's contact person or straight to the Anti-Trafficking Coordinator. Each matter has a page of its own with a timeline of the process: the coordinator's review, preparation in the Coordination Secretariat, the Meeting of Permanent Secretaries and the ministerial group, and the follow-up of how the resolution is implemented. Agendas, materials and minutes with their corrections, the coordinator's memos from international meetings, trainings and the monitoring of the action plan are all here too.</p>",
    },
    "raise_intro": {
        "fi": "<p class=\"ihku-lead\">Kun työssäsi tulee vastaan ihmiskauppaan liittyvä ongelma, haaste tai uusi ilmiö, voit tuoda sen koordinaatiorakenteen käsiteltäväksi. Asia etenee linjausprosessissa, ja jokainen vaihe näkyy tällä sivustolla.</p>",
        "sv": "<p class=\"ihku-lead\">Om du i ditt arbete stöter på ett problem, en utmaning eller ett nytt fenomen som gäller människohandel kan du föra det till samordningsstrukturen. Ärendet behandlas i processen för riktlinjer, och varje skede syns på den här webbplatsen.</p>",
        "en": "<p class=\"ihku-lead\">If your work brings you up against a problem, a challenge or a new phenomenon in human trafficking, you can bring it to the coordination structure. The matter goes through the policy process, and every step shows on this site.</p>",
    },
    "raise_channels_title": {"fi": "Kaksi kanavaa", "sv": "Två kanaler", "en": "Two channels"},
    "raise_channel_contact": {
        "fi": "Jokaisella asiaan liittyvällä ministeriöllä on yhteyshenkilö, joka ottaa vastaan oman hallinnonalansa ilmoitukset ja välittää ne koordinaattorille.",
        "sv": "Varje berört ministerium har en kontaktperson som tar emot anmälningar från sitt förvaltningsområde och för dem vidare till koordinatorn.",
        "en": "Each ministry concerned has a contact person who receives reports from its own branch of government and passes them on to the coordinator.",
    },
    "raise_channel_coordinator": {
        "fi": "Voit ilmoittaa asiasta myös suoraan valtioneuvoston ihmiskaupan vastaiselle koordinaattorille.",
        "sv": "Du kan också anmäla ärendet direkt till statsrådets koordinator mot människohandel.",
        "en": "You can also report the matter straight to the Government Anti-Trafficking Coordinator.",
    },
    "raise_contacts_title": {"fi": "Ministeriöiden yhteyshenkilöt", "sv": "Ministeriernas kontaktpersoner", "en": "The ministries' contact persons"},
    "raise_coordinator_contact": {"fi": "Koordinaattorin virallinen yhteystieto:", "sv": "Koordinatorns officiella kontaktuppgift:", "en": "The coordinator's official contact:"},
    "raise_next_title": {"fi": "Mitä sitten tapahtuu", "sv": "Vad händer sedan", "en": "What happens next"},
    "raise_step_reported": {
        "fi": "Yhteyshenkilö tai koordinaattori kirjaa asian. Asia saa oman sivunsa ja tunnuksen, ja verkosto voi seurata sitä.",
        "sv": "Kontaktpersonen eller koordinatorn registrerar ärendet. Det får en egen sida och beteckning, och nätverket kan följa det.",
        "en": "The contact person or the coordinator records the matter. It gets a page and an id of its own, and the network can follow it.",
    },
    "raise_step_coordinator-review": {
        "fi": "Koordinaattori selvittää asian laajuutta muiden etulinjan toimijoiden kanssa. Käsittely voi päättyä tähän, jolloin verkostolle kerrotaan miksi.",
        "sv": "Koordinatorn utreder ärendets omfattning tillsammans med andra aktörer i fältet. Behandlingen kan avslutas här, och då får nätverket veta varför.",
        "en": "The coordinator assesses the scope of the matter with other front-line actors. Handling may end here, and the network is told why.",
    },
    "raise_step_secretariat": {
        "fi": "Koordinaattorin työpari kutsuu koolle asianosaiset, ja yhteensovittamissihteeristö valmistelee linjausehdotuksen. Jos siitä päästään yksimielisyyteen, asia ratkaistaan sihteeristössä.",
        "sv": "Koordinatorns arbetspar sammankallar de berörda, och samordningssekretariatet bereder ett förslag till riktlinje. Om man når samförstånd avgörs ärendet i sekretariatet.",
        "en": "The coordinator's work pair convenes those concerned, and the Coordination Secretariat prepares a policy proposal. With consensus, the matter is settled there.",
    },
    "raise_step_permanent-secretaries": {
        "fi": "Laajakantoiset asiat ja asiat, joista ei synny yksimielisyyttä, viedään kansliapäällikkökokoukseen. Se voi ratkaista asian, palauttaa sen sihteeristöön tai viedä sen ministeriryhmään.",
        "sv": "Ärenden av större räckvidd och ärenden utan samförstånd förs till kanslichefsmötet. Det kan avgöra ärendet, återförvisa det till sekretariatet eller föra det till ministerarbetsgruppen.",
        "en": "Matters of larger scope, and those without consensus, go to the Meeting of Permanent Secretaries. It may settle the matter, send it back to the Secretariat or take it to the ministerial group.",
    },
    "raise_step_ministerial-group": {
        "fi": "Poliittista ratkaisua vaativat asiat päätetään sisäisen turvallisuuden ja oikeudenhoidon ministeriryhmässä.",
        "sv": "Ärenden som kräver ett politiskt avgörande avgörs i ministerarbetsgruppen för inre säkerhet och rättsvård.",
        "en": "Matters that need a political decision are decided by the Ministerial Working Group on Internal Security and the Administration of Justice.",
    },
    "raise_step_resolved": {
        "fi": "Linjaus tai päätös kirjataan asian sivulle, siitä tiedotetaan koko rakenteelle, ja toimeenpanoa seurataan vastuutahoittain ja määräajoittain. Tarvittaessa asia avataan uudelleen sihteeristössä.",
        "sv": "Riktlinjen eller beslutet registreras på ärendets sida, hela strukturen informeras och genomförandet följs upp per ansvarig och tidsfrist. Vid behov öppnas ärendet på nytt i sekretariatet.",
        "en": "The policy line or decision is recorded on the matter's page, the whole structure is informed, and implementation is followed up by owner and deadline. If needed, the Secretariat reopens the matter.",
    },
    "raise_outro": {
        "fi": "<p>Jokaisesta vaiheesta tiedotetaan koko rakenteelle, ja kaikki kootaan koordinaattorin vuosiraporttiin. Voit seurata yksittäistä asiaa sen sivulta tai tilata sen syötteen.</p>",
        "sv": "<p>Hela strukturen informeras om varje skede, och allt sammanställs i koordinatorns årsrapport. Du kan följa ett enskilt ärende på dess sida eller prenumerera på dess flöde.</p>",
        "en": "<p>Every step is communicated to the whole structure, and everything is compiled in the coordinator's annual report. You can follow a single matter on its page or subscribe to its feed.</p>",
    },
    "subscribe_intro": {
        "fi": "<p class=\"ihku-lead\">Tilaa syötteet ja kalenterit, niin kuulet koordinaation päätöksistä, kokouksista ja muistioista heti, kun ne julkaistaan – ilman että sinun tarvitsee kysyä.</p>",
        "sv": "<p class=\"ihku-lead\">Prenumerera på flöden och kalendrar så får du veta om samordningens beslut, möten och promemorior så snart de publiceras – utan att behöva fråga.</p>",
        "en": "<p class=\"ihku-lead\">Subscribe to the feeds and calendars to hear of the coordination's decisions, meetings and memos as soon as they are published, without having to ask.</p>",
    },
    "subscribe_how_title": {"fi": "Näin tilaat", "sv": "Så prenumererar du", "en": "How to subscribe"},
    "subscribe_how": {
        "fi": "<ol>\n<li><strong>Syötteet (RSS tai Atom).</strong> Kopioi haluamasi syötteen osoite ja lisää se syötteenlukijaan (esimerkiksi Outlookin RSS-syötteet, Thunderbird tai Feedly). Useimmat lukijat ymmärtävät molemmat muodot; valitse RSS, jos et ole varma.</li>\n<li><strong>Kaikki syötteet kerralla.</strong> Lataa <a href=\"{opml}\">OPML-tiedosto</a> ja tuo se syötteenlukijaan. Tiedostossa ovat kaikki alla luetellut syötteet.</li>\n<li><strong>Kalenterit (iCalendar).</strong> Kopioi kalenterin osoite ja lisää se kalenteriohjelmaasi tilauksena (Outlook: <em>Lisää kalenteri › Verkosta</em>; Google-kalenteri: <em>Muut kalenterit › URL-osoitteesta</em>). Kun kokous siirtyy tai perutaan, tapahtuma päivittyy kalenterissasi.</li>\n<li><strong>Yksittäinen asia.</strong> Jokaisen asian sivulla on oma syötteensä: tilaa se, niin näet asian jokaisen vaiheen ja tehdyt seurantatoimet.</li>\n</ol>",
        "sv": "<ol>\n<li><strong>Flöden (RSS eller Atom).</strong> Kopiera adressen till flödet och lägg till den i din flödesläsare (till exempel Outlooks RSS-flöden, Thunderbird eller Feedly). De flesta läsare förstår båda formaten; välj RSS om du är osäker.</li>\n<li><strong>Alla flöden på en gång.</strong> Ladda ner <a href=\"{opml}\">OPML-filen</a> och importera den i din flödesläsare.</li>\n<li><strong>Kalendrar (iCalendar).</strong> Kopiera kalenderns adress och lägg till den som prenumeration i ditt kalenderprogram. När ett möte flyttas eller ställs in uppdateras händelsen i din kalender.</li>\n<li><strong>Ett enskilt ärende.</strong> Varje ärende har ett eget flöde på sin sida: prenumerera så ser du varje skede och varje genomförd uppföljningsåtgärd.</li>\n</ol>",
        "en": "<ol>\n<li><strong>Feeds (RSS or Atom).</strong> Copy the address of the feed you want and add it to your feed reader (for example Outlook's RSS feeds, Thunderbird or Feedly). Most readers understand both formats; choose RSS if unsure.</li>\n<li><strong>All feeds at once.</strong> Download the <a href=\"{opml}\">OPML file</a> and import it into your feed reader.</li>\n<li><strong>Calendars (iCalendar).</strong> Copy the calendar's address and add it to your calendar program as a subscription. When a meeting moves or is cancelled, the event updates in your calendar.</li>\n<li><strong>A single issue.</strong> Every issue has a feed of its own on its page: subscribe to it to see every step and every follow-up action done.</li>\n</ol>",
    },
    "calendars_title": {"fi": "Kalenterit", "sv": "Kalendrar", "en": "Calendars"},
    "open_data_intro": {
        "fi": "<p class=\"ihku-lead\">Kaikki tämän version tiedot ovat ladattavissa avoimena datana. Tiedostot tuotetaan samoista tietueista kuin sivut, ja sama versio tuottaa aina täsmälleen samat tiedostot.</p>",
        "sv": "<p class=\"ihku-lead\">Alla uppgifter i denna version kan laddas ner som öppna data. Filerna skapas av samma poster som sidorna, och samma version ger alltid exakt samma filer.</p>",
        "en": "<p class=\"ihku-lead\">All the data of this edition can be downloaded as open data. The files are made from the same records as the pages, and the same version always gives exactly the same files.</p>",
    },
    "open_data_files": {
        "fi": "<ul>\n<li><a href=\"{json}\">records.json</a>: kaikki tietueet (JSON).</li>\n<li><a href=\"{issues}\">issues.csv</a>: asiat ja niiden nykyinen vaihe (CSV, UTF-8).</li>\n<li><a href=\"{measures}\">measures.csv</a>: toimintasuunnitelmien toimenpiteet ja niiden tila (CSV, UTF-8).</li>\n</ul>",
        "sv": "<ul>\n<li><a href=\"{json}\">records.json</a>: alla poster (JSON).</li>\n<li><a href=\"{issues}\">issues.csv</a>: ärendena och deras nuvarande skede (CSV, UTF-8).</li>\n<li><a href=\"{measures}\">measures.csv</a>: handlingsplanernas åtgärder och deras status (CSV, UTF-8).</li>\n</ul>",
        "en": "<ul>\n<li><a href=\"{json}\">records.json</a>: every record (JSON).</li>\n<li><a href=\"{issues}\">issues.csv</a>: issues and their current stage (CSV, UTF-8).</li>\n<li><a href=\"{measures}\">measures.csv</a>: the action plans' measures and their status (CSV, UTF-8).</li>\n</ul>",
    },
    "open_data_json": {
        "fi": "<p>Ylätason kentät: <code>format</code>, <code>version</code> (vientimuodon versio, nyt {version}), <code>edition</code> (<code>network</code> tai <code>public</code>), <code>organisations</code>, <code>themes</code>, <code>issues</code>, <code>meetings</code>, <code>international</code>, <code>trainings</code> ja <code>action_plans</code>. Jokaisella tietueella on sisältömuodon v1 kentät sellaisinaan sekä <code>id</code> (tiedoston nimi), <code>url</code> (sivun osoite), <code>text</code> (leipäteksti Markdownina) ja mahdolliset <code>translations</code>. Asioilla on lisäksi <code>current_stage</code>. Päivämäärät ovat muotoa VVVV-KK-PP. Viittaus tietueeseen, jota tämä versio ei näytä, on <code>null</code>.</p>",
        "sv": "<p>Fält på toppnivå: <code>format</code>, <code>version</code> (exportformatets version, nu {version}), <code>edition</code> (<code>network</code> eller <code>public</code>), <code>organisations</code>, <code>themes</code>, <code>issues</code>, <code>meetings</code>, <code>international</code>, <code>trainings</code> och <code>action_plans</code>. Varje post har fälten i innehållsformat v1 samt <code>id</code>, <code>url</code>, <code>text</code> (brödtexten i Markdown) och eventuella <code>translations</code>. Ärenden har dessutom <code>current_stage</code>. Datum skrivs ÅÅÅÅ-MM-DD. En hänvisning till en post som denna version inte visar är <code>null</code>.</p>",
        "en": "<p>Top-level fields: <code>format</code>, <code>version</code> (of the export format, now {version}), <code>edition</code> (<code>network</code> or <code>public</code>), <code>organisations</code>, <code>themes</code>, <code>issues</code>, <code>meetings</code>, <code>international</code>, <code>trainings</code> and <code>action_plans</code>. Every record has the fields of content format v1 as they are, plus <code>id</code> (the file name), <code>url</code> (its page), <code>text</code> (the body, Markdown) and any <code>translations</code>. Issues also have <code>current_stage</code>. Dates are YYYY-MM-DD. A reference to a record this edition does not show is <code>null</code>.</p>",
    },
    "open_data_csv_note": {
        "fi": "<p>Useita arvoja sisältävät sarakkeet erotetaan puolipisteellä. Tiedostot ovat UTF-8-muotoisia ja alkavat BOM-merkillä, jotta taulukko-ohjelmat lukevat ääkköset oikein.</p>",
        "sv": "<p>Kolumner med flera värden skiljs åt med semikolon. Filerna är i UTF-8 och börjar med BOM så att kalkylprogram läser å, ä och ö rätt.</p>",
        "en": "<p>Columns with several values separate them with semicolons. The files are UTF-8 and start with a BOM so spreadsheet programs read ä and ö right.</p>",
    },
    "column": {"fi": "Sarake", "sv": "Kolumn", "en": "Column"},
    "content": {"fi": "Sisältö", "sv": "Innehåll", "en": "Content"},
    "not_translated": {
        "fi": "Tätä sisältöä ei ole käännetty; se näytetään suomeksi.",
        "sv": "Detta innehåll har inte översatts till svenska; det visas på finska.",
        "en": "This content has not been translated into English; it is shown in Finnish.",
    },
    "translations_intro": {
        "fi": "<p class=\"ihku-lead\">Mitkä tietueet on käännetty ruotsiksi ja englanniksi. Kääntämättömät näytetään suomeksi ja merkitään kääntämättömiksi.</p>",
        "sv": "<p class=\"ihku-lead\">Vilka poster som har översatts till svenska och engelska. Poster utan översättning visas på finska och märks som oöversatta.</p>",
        "en": "<p class=\"ihku-lead\">Which records have been translated into Swedish and English. Untranslated records are shown in Finnish and marked as such.</p>",
    },
    "a11y_intro": {
        "fi": "<p class=\"ihku-lead\">Tämä saavutettavuusseloste koskee palvelua {service}. Seloste on laadittu {prepared} ja päivitetty {updated}. Palvelua koskee laki digitaalisten palvelujen tarjoamisesta (306/2019), jonka mukaan julkisten verkkopalvelujen on oltava saavutettavia.</p>",
        "sv": "<p class=\"ihku-lead\">Detta tillgänglighetsutlåtande gäller tjänsten {service}. Utlåtandet har upprättats {prepared} och uppdaterats {updated}. Tjänsten omfattas av lagen om tillhandahållande av digitala tjänster (306/2019), enligt vilken offentliga webbtjänster ska vara tillgängliga.</p>",
        "en": "<p class=\"ihku-lead\">This accessibility statement applies to the service {service}. It was prepared on {prepared} and updated on {updated}. The service is subject to the Act on the Provision of Digital Services (306/2019), which requires public web services to be accessible.</p>",
    },
    "a11y_status_title": {"fi": "Digipalvelun saavutettavuuden tila", "sv": "Den digitala tjänstens tillgänglighet", "en": "Compliance status"},
    "a11y_status_full": {"fi": "Täyttää kaikki WCAG 2.1 -kriteeritason AA saavutettavuusvaatimukset.", "sv": "Uppfyller alla tillgänglighetskrav enligt WCAG 2.1 nivå AA.", "en": "Fully compliant with WCAG 2.1 level AA."},
    "a11y_status_partial": {"fi": "Täyttää WCAG 2.1 -kriteeritason AA saavutettavuusvaatimukset osittain. Poikkeamat on lueteltu alla.", "sv": "Uppfyller delvis tillgänglighetskraven enligt WCAG 2.1 nivå AA. Avvikelserna räknas upp nedan.", "en": "Partially compliant with WCAG 2.1 level AA. The exceptions are listed below."},
    "a11y_status_none": {"fi": "Ei täytä WCAG 2.1 -kriteeritason AA saavutettavuusvaatimuksia.", "sv": "Uppfyller inte tillgänglighetskraven enligt WCAG 2.1 nivå AA.", "en": "Not compliant with WCAG 2.1 level AA."},
    "a11y_issues_title": {"fi": "Ei-saavutettava sisältö", "sv": "Innehåll som inte är tillgängligt", "en": "Non-accessible content"},
    "a11y_no_issues": {"fi": "Tiedossa ei ole saavutettavuuspuutteita.", "sv": "Inga kända brister.", "en": "No known issues."},
    "a11y_assessment_title": {"fi": "Miten saavutettavuus on arvioitu", "sv": "Hur tillgängligheten har bedömts", "en": "How accessibility was assessed"},
    "a11y_assessment_self": {"fi": "Seloste perustuu palvelun tuottajan omaan arvioon.", "sv": "Utlåtandet grundar sig på tjänsteleverantörens egen bedömning.", "en": "This statement is based on a self-assessment by the service provider."},
    "a11y_assessment_third-party": {"fi": "Seloste perustuu ulkopuolisen arvioijan arvioon: {by}.", "sv": "Utlåtandet grundar sig på en extern bedömning: {by}.", "en": "This statement is based on a third-party assessment: {by}."},
    "a11y_feedback_title": {"fi": "Palaute ja yhteystiedot", "sv": "Respons och kontaktuppgifter", "en": "Feedback and contact"},
    "a11y_feedback": {
        "fi": "<p>Huomasitko saavutettavuuspuutteen? Tarvitsetko sisällön saavutettavassa muodossa? Lähetä palautetta osoitteeseen <a href=\"mailto:{email}\">{email}</a>. Vastaamme {days} päivän kuluessa.</p>",
        "sv": "<p>Har du upptäckt en tillgänglighetsbrist eller behöver du innehåll i tillgänglig form? Skicka respons till <a href=\"mailto:{email}\">{email}</a>. Vi svarar inom {days} dagar.</p>",
        "en": "<p>Did you notice an accessibility problem, or do you need content in an accessible form? Write to <a href=\"mailto:{email}\">{email}</a>. We answer within {days} days.</p>",
    },
    "a11y_supervisor_title": {"fi": "Valvontaviranomainen", "sv": "Tillsynsmyndighet", "en": "Enforcement procedure"},
    "a11y_supervisor": {
        "fi": "<p>Jos huomaat sivustolla saavutettavuusongelmia, anna ensin palautetta meille. Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta {days} päivän aikana, voit tehdä ilmoituksen valvontaviranomaiselle: {name}.</p>",
        "sv": "<p>Om du upptäcker tillgänglighetsproblem, ge först respons till oss. Om du inte är nöjd med svaret eller inte får svar inom {days} dagar kan du anmäla saken till tillsynsmyndigheten: {name}.</p>",
        "en": "<p>If you notice accessibility problems, first give feedback to us. If you are not satisfied with the answer, or get none within {days} days, you can notify the supervisory authority: {name}.</p>",
    },
}


def prose(key: str, lang: str, **values: object) -> Markup:
    entry = _PROSE[key]
    text = entry.get(lang) or entry["fi"]
    return Markup(text.format(**{k: Markup.escape(v) for k, v in values.items()}) if values else text)


def keys() -> list[str]:
    return list(_PROSE)
