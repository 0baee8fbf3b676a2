"""Every Finnish string the interface shows, in one place (labels, notes, example questions)."""

from __future__ import annotations

PAGE_TITLE = "Kysy käyttösuunnitelmasta – Heinolan hyvinvointilautakunta 2024"
HEADING = "Kysy hyvinvointilautakunnan käyttösuunnitelmasta 2024"
INTRO = (
    "Avustaja vastaa Heinolan hyvinvointilautakunnan vuoden 2024 käyttösuunnitelman perusteella. "
    "Jokaisen vastauksen alla on numeroidut lähteet: avaa lähdekortti nähdäksesi lainatut virkkeet "
    "ja rivit, joilta ne löytyvät. Luvut ovat euroina suoraan suunnitelman taulukoista."
)

TAB_CHAT = "Kysy"
TAB_BUDGET = "Talous"
TAB_GOALS = "Tavoitteet"
TAB_SOURCE = "Lähde"

CHAT_LABEL = "Keskustelu"
CHAT_PLACEHOLDER = "Kysy esimerkiksi varhaiskasvatuksen menoista tai palvelualueiden tavoitteista."
QUESTION_LABEL = "Kysymyksesi"
QUESTION_PLACEHOLDER = "Kirjoita kysymys suomeksi ja paina Enter"
ASK_BUTTON = "Kysy"
CLEAR_BUTTON = "Tyhjennä keskustelu"
EXAMPLES_HEADING = "Esimerkkikysymyksiä"
CONTEXT_NOTE = (
    "Jokaiseen kysymykseen vastataan erikseen: avustaja ei muista aiempia kysymyksiä. "
    "Kirjoita jatkokysymykseen koko asia, esimerkiksi ”Entä opetuksen henkilöstökulut vuonna 2024?”."
)

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
FIGURES_CAPTION = "Luvut, joihin vastaus perustuu"
FIGURE_HEADERS: tuple[str, ...] = ("Taulukko", "Palvelualue", "Rivi", "Sarake", "Arvo")
OWNERS_TITLE = "Vastuussa"
NOT_FOUND_LEAD = "Suunnitelmassa käsitellään muun muassa näitä aiheita:"
NOT_FOUND_TRY = "Kokeile esimerkiksi kysymystä:"
ERROR_TITLE = "Virhe"
UNEXPECTED_ERROR = "Vastauksen muodostaminen epäonnistui odottamattomasti. Yritä uudelleen hetken kuluttua."
QUESTION_TRUNCATED = "… (kysymys lyhennetty näytössä)"


def lines_label(start: int, end: int) -> str:
    """'rivi 12' or 'rivit 12–15' (source line numbers)."""
    return f"rivi {start}" if start == end else f"rivit {start}–{end}"


# Talous tab.
BUDGET_INTRO = (
    "Valitse palvelualue ja taulukon rivi: näet sen viisi saraketta (tilinpäätös, talousarvio ja "
    "taloussuunnitelma) taulukkona ja kaaviona. Alempana voit verrata palvelualueita valitsemanasi vuonna. "
    "Luvut ovat euroja; menot ovat suunnitelmassa negatiivisia."
)
BUDGET_AREA = "Palvelualue"
BUDGET_ITEM = "Taulukon rivi"
BUDGET_COMPARE_HEADING = "Palvelualueet rinnakkain"
BUDGET_COMPARE_ITEM = "Rivi vertailuun"
BUDGET_COMPARE_COLUMN = "Vuosi ja sarake"
BUDGET_SERIES_CHART = "Kaavio: valitun rivin viisi saraketta"
BUDGET_COMPARE_CHART = "Kaavio: palvelualueet rinnakkain"
BUDGET_COLUMN_HEADER = "Sarake"
BUDGET_VALUE_HEADER = "Euroa"
BUDGET_AREA_HEADER = "Palvelualue"
BUDGET_SOURCE_HEADER = "Lähderivi"
BUDGET_MISSING = "–"
BUDGET_EMPTY = "Valinnalle ei löydy lukuja."
COLUMN_KIND_NAMES = {"TP": "tilinpäätös", "TA": "talousarvio", "TS": "taloussuunnitelma"}

# Tavoitteet tab.
GOALS_INTRO = "Käyttösuunnitelman palvelualueittaiset tavoitteet. Rajaa taulukkoa valinnoilla tai hakusanalla."
GOALS_AREA = "Palvelualue"
GOALS_OWNER = "Vastuuhenkilö"
GOALS_AIM = "Strateginen päämäärä"
GOALS_SEARCH = "Hae tavoitteista"
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
    "Suunnitelman teksti osioittain. Rivinumerot vastaavat lähdekorttien rivejä. Korjattu teksti on "
    "OCR-virheistä siistitty; alkuperäisen tekstin voi näyttää vertailua varten."
)
SOURCE_SECTION = "Osio"
SOURCE_WHOLE_PLAN = "Koko suunnitelma"
SOURCE_SHOW_ORIGINAL = "Näytä alkuperäinen OCR-teksti"
SOURCE_REPAIRED_CAPTION = "Korjattu teksti"
SOURCE_ORIGINAL_CAPTION = "Alkuperäinen OCR-teksti"

# Startup.
INDEX_BUILDING = "Hakuindeksiä ei löytynyt: rakennetaan se nyt (vain ensimmäisellä käynnistyskerralla)…"
INDEX_READY = "Hakuindeksi on valmis ({chunks} tekstiä, {seconds:.0f} s)."
SERVER_READY = "Avustaja on käynnissä: avaa selaimessa {url} (lopetus: Ctrl+C)"
INDEX_NOT_ANSWERING = "Hakuindeksi ei vastannut {seconds:.0f} sekunnissa: palvelu käynnistyy silti, ja tekstikysymykset odottavat indeksiä."
