"""Every Finnish string the interface shows, in one place (labels, notes, example questions)."""

from __future__ import annotations

# Page header: the plan's own title, organisation, town and year come from its manifest.
PAGE_TITLE = "Kysy käyttösuunnitelmasta – {title} ({municipality})"
HEADER_META = "{municipality} · {organisation} · {year}"
HEADER_WHAT = (
    "Avustaja vastaa suunnitelman luvuista, tavoitteista, vastuista ja muutoksista ja näyttää kohdan, josta "
    "vastaus löytyy. Se ei tiedä asioita, joita suunnitelmassa ei ole, eikä tee päätöksiä."
)
HEADER_DISCLAIMER = "Vastaukset lainaavat suunnitelmaa; virallinen lähde on aina suunnitelma itse."
HEADER_PLAN_LINK = "Lue suunnitelma Lähde-välilehdellä"
HEADER_SOURCE_FILE = "Lataa suunnitelman teksti"
HEADER_CONTACT_LEAD = "Kysy ihmiseltä:"
DEFAULT_CONTACT = "kaupungin asiakaspalvelu ja lautakunnan esittelijä vastaavat suunnitelmaa koskeviin kysymyksiin."
SKIP_TO_QUESTION = "Siirry kysymykseen"

FOOTER_ACCESSIBILITY_TITLE = "Saavutettavuus"
FOOTER_ACCESSIBILITY = (
    "Sivu on tehty täyttämään WCAG 2.1 AA -vaatimukset: se toimii näppäimistöllä, ruudunlukijalla, "
    "puhelimella ja tummassa tilassa, ja jokainen näkymä tarkistetaan automaattisesti axe-työkalulla "
    "kolmella näytön leveydellä. Kaaviot on esitetty myös taulukkoina. Jos jokin ei toimi, kerro siitä "
    "palautteella tai ota yhteyttä: {contact}"
)
FOOTER_PRIVACY_TITLE = "Tietosuoja"
FOOTER_API = "Kehittäjille: JSON-rajapinnan ohjeet"
API_DOCS_URL = "/api/docs"
PRIVACY_NOTE = (
    "Kysymyksiä ei tallenneta. Jos annat palautetta, tallennamme vain palautteen (apua / ei apua ja "
    "vapaaehtoisen kommentin), kysymyksen, vastauksen tyypin, siinä mainitut suunnitelman kohdat, "
    "sovelluksen version ja ajan. IP-osoitetta, evästeitä tai muita henkilötietoja ei tallenneta; "
    "sähköpostiosoitteet ja puhelinnumerot poistetaan tekstistä. Älä kirjoita kommenttiin henkilötietoja."
)

TAB_CHAT = "Kysy"
TAB_BUDGET = "Talous"
TAB_GOALS = "Tavoitteet"
TAB_SOURCE = "Lähde"
TAB_FEEDBACK = "Palaute (henkilöstö)"

CHAT_LABEL = "Keskustelu"
CHAT_PLACEHOLDER = "Vastaukset näkyvät tässä. Kysy esimerkiksi varhaiskasvatuksen menoista tai palvelualueiden tavoitteista."
QUESTION_LABEL = "Kysymyksesi"
QUESTION_INFO = "Kirjoita kysymys suomeksi ja lähetä Enter-näppäimellä tai Kysy-painikkeella."
QUESTION_PLACEHOLDER = "Esim. Paljonko kirjaston menot ovat vuonna 2024?"
ASK_BUTTON = "Kysy"
CLEAR_BUTTON = "Tyhjennä keskustelu"
COPY_CONVERSATION = "Kopioi keskustelu"
COPIED = "Kopioitu leikepöydälle."
COPY_FAILED = "Kopiointi ei onnistunut: valitse teksti ja kopioi se itse (Ctrl+C)."
EXAMPLES_HEADING = "Esimerkkikysymyksiä"
CONTEXT_NOTE = (
    "Voit jatkaa edellisestä kysymyksestä, esimerkiksi ”Entä vuonna 2026?” tai ”Kuka siitä vastaa?”: vastaus "
    "kertoo ensin, miten jatkokysymys tulkittiin. ”Tyhjennä keskustelu” aloittaa alusta."
)
# Labels of the copied conversation (Finnish, not Gradio's "user:"/"assistant:").
COPY_QUESTION_LABEL = "Kysymys"
COPY_ANSWER_LABEL = "Vastaus"

# Clicking one asks it; they cover the kinds of answers the assistant gives (figure, owner, text, not found).
EXAMPLE_QUESTIONS: tuple[str, ...] = (
    "Paljonko varhaiskasvatuksen toimintakulut ovat vuonna 2024?",
    "Kuka vastaa opetus- ja koulutuspalveluiden tavoitteista?",
    "Mitä kirjastolle tapahtuu vuonna 2024?",
    "Paljonko koko toimialan henkilöstökulut muuttuvat vuodesta 2023 vuoteen 2024?",
    "Mitä tavoitteita virikkeellisellä elämällä on?",
)

# Answer rendering.
SOURCES_TITLE = "Lähteet"
SOURCE_JUMP = "Näytä suunnitelmassa"
DETAILS_FIGURES = "Luvut ja selitykset"
DETAILS_MORE = "Lisätietoja"
DETAILS_GOAL = "Mittarit ja tavoitetasot"
DETAILS_NOT_FOUND = "Mitä suunnitelmassa käsitellään?"
FIGURES_CAPTION = "Luvut, joihin vastaus perustuu"
FIGURE_HEADERS: tuple[str, ...] = ("Palvelualue", "Rivi", "Sarake", "Suunnitelmassa", "Lähde")
TABLE_HEADER = "Taulukko"
CITED_ROW_CAPTION = "Lainattu taulukon rivi: {table}"
ROW_HEADER = "Rivi"
THOUSAND_NOTE = (
    "Taulukoiden otsikoissa lukee ”1000e”, mutta luvut ovat kokonaisia euroja (esim.\u00a08\u00a0409\u00a0500\u00a0€ "
    "eikä 8,4\u00a0miljardia)."
)
SIGN_NOTE = "Suunnitelman taulukoissa menot ja kulut ovat miinusmerkkisiä; vastauksen ensimmäisellä rivillä summa on kerrottu ilman miinusta."
COLUMN_LEGEND = "TP = tilinpäätös (toteutunut), TA = talousarvio, TS = taloussuunnitelma."
READING_LABEL = "Tulkinta"
RESOLVED_LABEL = "Tulkitsin"
OWNERS_TITLE = "Vastuussa"
GOAL_AIM = "Strateginen päämäärä"
GOAL_METRICS = "Mittari"
GOAL_TARGETS = "Tavoitetaso"
GOAL_SUB_AIMS = "Alatavoitteet"
# The heading of what a question asked of goals (assistant.tools.goals.fields says what a blank field is).
GOAL_FIELDS = {"metric": GOAL_METRICS, "target": GOAL_TARGETS, "aim": GOAL_AIM, "sub_aim": GOAL_SUB_AIMS}
GOAL_OWNER = "Vastuu"
NOT_FOUND_RELATED = "Voit kokeilla näitä:"
NOT_FOUND_CONTACT = "Voit kysyä asiasta myös ihmiseltä:"
NOT_FOUND_TOPIC = "Lue suunnitelmasta: {topic}"
FOLLOW_UPS = "Jatkokysymyksiä:"
CLARIFY_TITLE = "Tarkoititko jotakin näistä?"
NOT_ITEMISED = "Suunnitelmassa ei ole erillisiä lukuja näistä: {names}."
COPY_ANSWER = "Kopioi vastaus"
FEEDBACK_QUESTION = "Oliko vastauksesta apua?"
FEEDBACK_YES = "Kyllä"
FEEDBACK_NO = "Ei"
FEEDBACK_THANKS = "Kiitos palautteesta!"
FEEDBACK_GIVEN = {True: "Vastasit: oli apua.", False: "Vastasit: ei ollut apua."}
FEEDBACK_COMMENT_LABEL = "Haluatko kertoa lisää? (vapaaehtoinen, enintään 500 merkkiä)"
FEEDBACK_COMMENT_PLACEHOLDER = "Mitä jäi puuttumaan tai mikä oli väärin?"
FEEDBACK_COMMENT_SEND = "Lähetä kommentti"
FEEDBACK_COMMENT_SKIP = "Ei kommenttia"
FEEDBACK_COMMENT_SAVED = "Kommentti tallennettu. Kiitos!"
FEEDBACK_EXPIRED = "Palautetta ei voitu liittää vastaukseen: kysy kysymys uudelleen ja anna palaute sen vastaukseen."
ERROR_TITLE = "Virhe"
UNEXPECTED_ERROR = "Vastauksen muodostaminen epäonnistui odottamattomasti. Yritä uudelleen hetken kuluttua."
QUESTION_TRUNCATED = "… (kysymys lyhennetty näytössä)"

COLUMN_KIND_NAMES = {"TP": "tilinpäätös", "TA": "talousarvio", "TS": "taloussuunnitelma"}
# "TA 2024" in a sentence: "vuoden 2024 talousarviossa".
COLUMN_PHRASES = {
    "TP": "vuoden {year} tilinpäätöksessä",
    "TA": "vuoden {year} talousarviossa",
    "TS": "vuoden {year} taloussuunnitelmassa",
}
COST_WORD = "menoja"
NET_NEGATIVE = "(miinus: menot ovat tuloja suuremmat)"


def lines_label(start: int, end: int) -> str:
    """'rivi 12' or 'rivit 12–15' (source line numbers)."""
    return f"rivi {start}" if start == end else f"rivit {start}–{end}"


# Talous tab.
BUDGET_INTRO = (
    "Valitse palvelualue ja taulukon rivi: näet sen viisi saraketta (tilinpäätös, talousarvio ja "
    "taloussuunnitelma) taulukkona ja kaaviona, ja alempana koko palvelualueen vuosittain. Lopuksi voit "
    "verrata palvelualueita valitsemanasi vuonna. Luvut ovat euroja kuten suunnitelmassa: menot ja kulut "
    "ovat miinusmerkkisiä; kaavioissa menot näytetään positiivisina."
)
BUDGET_AREA = "Palvelualue"
BUDGET_ITEM = "Taulukon rivi"
BUDGET_MATRIX_HEADING = "Koko palvelualue vuosittain"
BUDGET_MATRIX_CAPTION = "{area}: kaikki rivit vuosittain (euroa)"
BUDGET_COMPARE_HEADING = "Palvelualueet rinnakkain"
BUDGET_COMPARE_ITEM = "Rivi vertailuun"
BUDGET_COMPARE_COLUMN = "Vuosi ja sarake"
BUDGET_SERIES_CHART = "Kaavio: valitun rivin viisi saraketta"
BUDGET_COMPARE_CHART = "Kaavio: palvelualueet rinnakkain"
BUDGET_COLUMN_HEADER = "Sarake"
BUDGET_VALUE_HEADER = "Euroa"
BUDGET_AREA_HEADER = "Palvelualue"
BUDGET_SOURCE_HEADER = "Lähderivi"
BUDGET_SOURCE_LINES = "Lähderivit"
CSV_LINE_PREFIX = "lähderivi"
BUDGET_MISSING = "–"
BUDGET_EMPTY = "Valinnalle ei löydy lukuja."
CHART_AXIS = "euroa"
CHART_AXIS_COSTS = "menot, euroa"
DOWNLOADS_HEADING = "Lataa luvut (CSV)"
DOWNLOADS_NOTE = "CSV-tiedostot avautuvat taulukkolaskentaan (erotin puolipiste, merkistö UTF-8). Arvot ovat euroja kuten suunnitelmassa."
DOWNLOAD_AREA = "{area}: kaikki vuodet (CSV)"
DOWNLOAD_COLUMN = "Kaikki palvelualueet, {column} (CSV)"
DOWNLOAD_CELLS = "Koko taulukkoaineisto lähderiveineen (CSV)"
DOWNLOAD_GOALS = "Näytetyt tavoitteet (CSV)"
DOWNLOAD_FEEDBACK = "Näytetty palaute (CSV)"

# CSV headers (Finnish; one row per cell or per line item).
CSV_CELL_HEADERS: tuple[str, ...] = (
    "asiakirja", "taulukko", "taulukon_otsikko", "palvelualue_koodi", "palvelualue", "rivi",
    "sarake", "vuosi", "laji", "arvo_euroa", "painettu", "lähderivi", "osio", "oikaisu",
)
CSV_MATRIX_LEAD: tuple[str, ...] = ("palvelualue", "taulukko", "rivi")
CSV_GOAL_HEADERS: tuple[str, ...] = (
    "palvelualue", "strateginen_päämäärä", "alatavoitteet", "tavoite", "mittari", "tavoitetaso", "vastuu",
    "rivit",
)

# Tavoitteet tab.
GOALS_INTRO = "Käyttösuunnitelman palvelualueittaiset tavoitteet. Rajaa taulukkoa valinnoilla tai hakusanalla."
GOALS_AREA = "Palvelualue"
GOALS_OWNER = "Vastuuhenkilö"
GOALS_AIM = "Strateginen päämäärä"
GOALS_SEARCH = "Hae tavoitteista"
GOALS_RESET = "Tyhjennä rajaukset"
GOALS_ALL = "Kaikki"
GOALS_HEADERS: tuple[str, ...] = (
    "Palvelualue",
    "Strateginen päämäärä",
    "Tavoite",
    "Mittari",
    "Tavoitetaso",
    "Vastuu",
    "Rivit",
)
GOALS_CAPTION = "Tavoitteet ({shown}/{total})"
GOALS_EMPTY = "Valinnoilla ei löytynyt tavoitteita."

# Lähde tab.
SOURCE_INTRO = (
    "Suunnitelman teksti osioittain. Rivinumerot vastaavat lähdekorttien rivejä; vastauksesta avattu kohta "
    "on korostettu. Korjattu teksti on OCR-virheistä siistitty; alkuperäisen tekstin voi näyttää rinnalla."
)
SOURCE_SECTION = "Osio"
SOURCE_WHOLE_PLAN = "Koko suunnitelma"
SOURCE_SHOW_ORIGINAL = "Näytä alkuperäinen OCR-teksti rinnalla"
SOURCE_REPAIRED_CAPTION = "Korjattu teksti"
SOURCE_ORIGINAL_CAPTION = "Alkuperäinen OCR-teksti"
SOURCE_CITED = "Korostettu: {lines}"
SOURCE_SEARCH = "Hae suunnitelmasta"
SOURCE_SEARCH_INFO = "Ä- ja ö-kirjaimia ei tarvita, ja sanan taivutusmuodot löytyvät: ”paivakoti” löytää myös ”päiväkodin”."
SOURCE_SEARCH_HITS = "Osumia {count} ({shown} näytetään)"
SOURCE_SEARCH_NONE = "Hakusanalla ”{query}” ei löytynyt rivejä."

# Palaute (staff) tab.
FEEDBACK_VIEW_INTRO = (
    "Asukkaiden palaute vastauksista. Oletuksena näkyvät vastaukset, joista ei ollut apua, ja kysymykset, "
    "joihin suunnitelmasta ei löytynyt vastausta: ne kertovat, mitä suunnitelmasta puuttuu."
)
FEEDBACK_VIEW_PROBLEMS = "Vain ”ei apua” ja ”ei löytynyt”"
FEEDBACK_VIEW_KIND = "Vastauksen tyyppi"
FEEDBACK_VIEW_SEARCH = "Hae kysymyksistä ja kommenteista"
FEEDBACK_VIEW_REFRESH = "Päivitä"
FEEDBACK_VIEW_HEADERS: tuple[str, ...] = ("Aika (UTC)", "Kysymys", "Tyyppi", "Apua", "Kommentti", "Lähteet")
FEEDBACK_VIEW_CAPTION = "Palautteet ({count})"
FEEDBACK_VIEW_EMPTY = "Valinnoilla ei löytynyt palautetta."
ANSWER_KIND_NAMES = {"figure": "luku", "owner": "vastuuhenkilö", "text": "teksti", "not_found": "ei löytynyt"}

# `python -m ui feedback` (staff command).
FEEDBACK_CLI = {
    "description": "Asukkaiden palaute vastauksista: listaa ”ei apua” -vastaukset ja kysymykset, joihin ei löytynyt vastausta.",
    "export": "tulosta palaute (oletuksena vain ”ei apua” ja ”ei löytynyt”)",
    "csv": "CSV-muodossa (erotin ;)",
    "json": "yksi JSON-olio riviä kohden",
    "all": "kaikki palaute, myös ”oli apua”",
    "kind": "vain tämän tyypin vastaukset",
    "search": "vain kysymykset tai kommentit, joissa on tämä teksti",
    "since": "vain tästä päivästä alkaen (VVVV-KK-PP)",
    "db": "palautetietokannan SQLAlchemy-osoite (oletus: KAYTTO_FEEDBACK_DB tai data/feedback.sqlite3)",
    "count": "Palautteita: {count}",
    "bad_date": "päivämäärä muodossa VVVV-KK-PP, saatiin {value!r}",
}

# Startup.
INDEX_BUILDING = "Hakuindeksiä ei löytynyt: rakennetaan se nyt (vain ensimmäisellä käynnistyskerralla)…"
INDEX_READY = "Hakuindeksi on valmis ({chunks} tekstiä, {seconds:.0f} s)."
SERVER_READY = "Avustaja on käynnissä: avaa selaimessa {url} (lopetus: Ctrl+C)"
INDEX_NOT_ANSWERING = "Hakuindeksi ei vastannut {seconds:.0f} sekunnissa: palvelu käynnistyy silti, ja tekstikysymykset odottavat indeksiä."
