"""Routing real Finnish questions: inflections, compounds, no ä/ö, typos."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.types import ANSWER_KINDS
from assistant.routing.legacy_cues import Route, route

FIGURE = [
    "Paljonko varhaiskasvatuksen henkilöstökulut ovat vuonna 2024?",
    "paljonko varhaiskasvatuksen henkilostokulut ovat 2024",
    "Paljonko päiväkodit maksavat ensi vuonna?",
    "Mitkä ovat kirjaston menot?",
    "Kuinka paljon rahaa opetukseen käytetään?",
    "Mikä on hyvinvointilautakunnan budjetti 2025?",
    "Paljonko investointeihin on varattu?",
    "Mikä on toimialan toimintakate TA 2024?",
    "Millä palvelualueella on suurimmat henkilöstökulut?",
    "Miten opetuksen kulut muuttuvat vuodesta 2023 vuoteen 2024?",
    "Paljonko koulujen ostopalvelut maksavat?",
    "hyten maararahat 2026",
    "Paljonko museon tulot olivat tilinpäätöksessä 2022?",
    "Mitkä ovat varhaiskasvatuksen palkat?",
    "Paljonko palkkoihin menee opetuksessa?",
    "Mikä on VAKA:n TS 2025?",
    "paljonko maksutuottoja kertyy vireella",
    "henklöstökulut koko toimialalla",  # typo
    "Mikä palvelualue on kallein?",
    "Mitkä ovat investoinnit vuosina 2024-2026 yhteensä?",
]

OWNER = [
    "Kuka vastaa harrastemallista?",
    "kuka vastaa harrastemallista",
    "Ketkä vastaavat liikuntaneuvonnan tavoitteesta?",
    "Kenen vastuulla on opiskeluhuollon kehittäminen?",
    "Mitä tavoitteita koulutusjohtajalla on?",
    "mita tavoitteita koulutusjohtajalla on",
    "Mikä on varhaiskasvatuksen mittari?",
    "Millä mittareilla seurataan oppilaiden poissaoloja?",
    "Mikä on liikuntaneuvojan asiakkaiden tavoitetaso?",
    "Mitkä ovat opetuksen tavoitteet?",
    "Kuka on vastuuhenkilö somejulkaisuille?",
    "Mistä hyvinvointipäällikkö vastaa?",
    "Mihin strategiseen päämäärään evaus liittyy?",
    "Kuka vastaa varhaiskasvatuksen budjetista?",  # "who" wins over the money word
]

TEXT = [
    "Mitä kirjastolle tapahtuu remontin aikana?",
    "Milloin taidemuseo avautuu?",
    "Mistä opetus- ja koulutuspalvelut vastaa?",
    "Miksi Rainion päiväkoti lakkaa?",
    "Mitkä ovat opetuksen painopisteet vuonna 2024?",
    "Mitä investointeja suunnitellaan?",
    "Kuinka monta museokohdetta Heinolassa on?",
    "Paljonko varhaiskasvatusalueita on?",
    "Mikä on hyvinvointitoimialan kokonaistavoite?",
    "Mikä on CAF2020-asiakirja?",
    "Mitä palveluja ostetaan tekniseltä toimialalta?",
    "Miksi varhaiskasvatuksen menot pienenevät?",
    "Kerro Tommola-talosta",
    "mita tapahtuu 1.8.2024",
]

NOT_FOUND = [
    ("Paljonko kirjaston menot ovat vuonna 2027?", "year_outside_plan"),
    ("Mitä kirjastolle tehdään vuonna 2030?", "year_outside_plan"),
    ("Paljonko opetus maksoi 2019?", "year_outside_plan"),
    ("Paljonko teknisen toimialan budjetti on?", "outside_board"),
    ("Mitkä ovat sosiaali- ja terveyspalveluiden kulut?", "outside_board"),
    ("Kuka vastaa teknisen toimialan tavoitteista?", "outside_board"),
    ("Mikä on opettajan palkka?", "personal_salary"),
    ("Paljonko koulutusjohtaja tienaa?", "personal_salary"),
    ("Paljonko uimahallin lippu maksaa?", "price"),
    ("Mitä päivähoito maksaa kuukaudessa?", "price"),
    ("Milloin kirjasto on auki?", "opening_hours"),
    ("Mitkä ovat kirjaston aukioloajat?", "opening_hours"),
    # a ticket, a card or one fee is a price, whatever the verb
    ("Paljonko uimahallin kausikortti maksaa?", "price"),
    ("mita kirjastokortti maksaa", "price"),
    ("Mikä on päivähoitomaksu?", "price"),
    ("paljonko on esiopetuksen maksu", "price"),
    ("Paljonko maksaa käydä museossa?", "price"),
    ("paljonko maksaa uida uimahallissa", "price"),
    ("Mitä esiopetus maksaa kerralta?", "price"),
    # the plan names job titles, never persons
    ("mikä on koulutusjohtajan puhelinnumero", "person_contact"),
    ("Mikä on liikuntapalvelujohtajan sähköpostiosoite?", "person_contact"),
    ("mika on hyvinvointipaallikon nimi", "person_contact"),
    ("Kuka on varhaiskasvatuksen johtaja?", "person_contact"),
    ("kuka on sivistysjohtaja", "person_contact"),
    ("Kuka on lukion rehtori?", "person_contact"),
    # counts of people are in no table
    ("Montako oppilasta Heinolan kouluissa on?", "headcount"),
    ("kuinka monta työntekijää varhaiskasvatuksessa on", "headcount"),
    ("Paljonko lapsia päiväkodeissa on 2024?", "headcount"),
    ("kuinka monta opettajaa lukiossa työskentelee", "headcount"),
    # the town's own revenue
    ("Paljonko Heinolan verotulot ovat?", "outside_board"),
    ("paljonko kaupunki saa valtionosuuksia 2024", "outside_board"),
]

# Questions about what an area does or includes, when something happens, or who does an activity
# described in prose: text, even with a money word, a misspelt-looking word or a who-word.
TEXT_NOT_FIGURE_OR_OWNER = [
    "Mitä varhaiskasvatukseen kuuluu?",
    "mita nuorisopalvelujen toimintaan kuuluu",
    "Kuuluuko esiopetus varhaiskasvatukseen?",
    "Sisältyykö liikuntapaikkojen kunnossapito liikuntapalveluihin?",
    "Kuuluvatko kirjaston menot virikkeelliseen elämään?",
    "Kuuluvatko lautakunnan määrärahat hyte-palvelualueeseen?",
    "Mitä toimintaa kirjastolla on?",
    "Milloin taidemuseon remontti alkaa?",
    "milloin kirjasto muuttaa takaisin uusiin tiloihin",
    "milloin koulu palaa korjattuihin tiloihin",
    "kuka ylläpitää liikuntapaikkoja",
    "kuka tuottaa oppilasruokailun",
    "Kuka järjestää musiikkiopetuksen?",
    "kuka asettaa käyttösuunnitelman tavoitteet",
    "kuka päättää päiväkodin lakkauttamisesta",
    "Montako koulua Heinolassa on?",
    "kuinka monta kirjastoa kaupungissa on",
    "montako julkaisua somessa pitää olla kuukaudessa",  # "per month" is a price only with a paying word
    "Voiko kirjastossa käydä remontin aikana?",
    "Mikä on kirjaston osoite?",  # an address of a place, not a person's contact
]

OWNER_MORE = [
    "kenen tavoite on some-julkaisujen määrä",
    "kuka huolehtii evaus-prosesseista",
    "koulutusjohtajan tavoiteet",  # typo
    "hyvinvointipäällikön tavottet",  # typo
    "Mitä tavoitteita virikkeellisen elämän palvelualuejohtajalla on?",
    "mikä on harrastemallitavoitteen tavoitetaso",
    "Mitkä tavoitteet kuuluvat kestävään talouteen?",  # "kuulua" with a goal word stays with the grid
    "Kuka on vastuussa oppimisen tuesta?",
]

FIGURE_MORE = [
    "Paljonko hyten budjettiin kuuluu avustuksia 2024?",  # an amount asked: "kuulua" does not make it text
    "mikä palvelualue tuotti eniten myyntituottoja 2023",
    "mitkä on vakan maksut 2024",  # plural fees are the revenue row
    "Mikä osuus toimialan menoista kuuluu varhaiskasvatukselle 2024?",  # a share, not a membership question
    "kuka saa eniten rahaa 2024",  # colloquial "kuka" for "which area"
    "toimintakatteet 2024 hyte",
]


@pytest.mark.parametrize("question", FIGURE)
def test_figure_questions(question: str) -> None:
    assert route(question).kind == "figure"


@pytest.mark.parametrize("question", OWNER)
def test_owner_questions(question: str) -> None:
    assert route(question).kind == "owner"


@pytest.mark.parametrize("question", TEXT)
def test_text_questions(question: str) -> None:
    assert route(question).kind == "text"


@pytest.mark.parametrize("question", TEXT_NOT_FIGURE_OR_OWNER)
def test_prose_questions_are_text(question: str) -> None:
    assert route(question).kind == "text"


@pytest.mark.parametrize("question", OWNER_MORE)
def test_more_owner_questions(question: str) -> None:
    assert route(question).kind == "owner"


@pytest.mark.parametrize("question", FIGURE_MORE)
def test_more_figure_questions(question: str) -> None:
    assert route(question).kind == "figure"


@pytest.mark.parametrize(("question", "reason"), NOT_FOUND)
def test_clear_not_found(question: str, reason: str) -> None:
    routed = route(question)
    assert (routed.kind, routed.reason) == ("not_found", reason)


def test_signals_explain_the_route() -> None:
    routed = route("Paljonko varhaiskasvatuksen henkilöstökulut ovat?")
    assert "money" in routed.signals and "item:Henkilöstökulut" in routed.signals


def test_route_is_a_frozen_value() -> None:
    routed = route("Kuka vastaa harrastemallista?")
    assert isinstance(routed, Route)
    with pytest.raises(AttributeError):
        routed.kind = "text"  # type: ignore[misc]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_route_never_raises_on_arbitrary_text(text: str) -> None:
    assert route(text).kind in ANSWER_KINDS


_WORDS = st.sampled_from(
    "paljonko kuka vastaa menot kulut 2024 2031 TA TS vaka kirjasto tekninen palkka tavoite mittari € - ä ö % , ? "
    "henkilöstökulut päiväkoti ensi vuonna eniten yhteensä muutos koulutusjohtaja hinta auki".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=12).map(" ".join))
def test_route_never_raises_on_plan_like_word_salad(text: str) -> None:
    assert route(text).kind in ANSWER_KINDS
