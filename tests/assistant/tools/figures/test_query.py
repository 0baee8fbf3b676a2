"""Parsing questions into figure queries: operation, areas, rows, columns, and impossible requests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.tools.figures.query import (
    FigureQuery,
    Impossible,
    NotFigure,
    ParseResult,
    candidate_rows,
    parse_figure_query,
)
from assistant.language.vocabulary import BOARD, BUDGET, COSTS, NET, REVENUE
from corpus.records import Column

TA23, TA24, TS25, TS26, TP22 = Column(2023, "TA"), Column(2024, "TA"), Column(2025, "TS"), Column(2026, "TS"), Column(2022, "TP")


def query(question: str) -> FigureQuery:
    parsed = parse_figure_query(question)
    assert isinstance(parsed, FigureQuery), parsed
    return parsed


@pytest.mark.parametrize(
    ("question", "areas", "items", "columns"),
    [
        ("Paljonko varhaiskasvatuksen henkilöstökulut ovat vuonna 2024?", ("VAKA",), ("Henkilöstökulut",), (TA24,)),
        ("paljonko varhaiskasvatuksen henkilostokulut ovat 2024", ("VAKA",), ("Henkilöstökulut",), (TA24,)),
        ("paljonko varhaiskasvtuksen palkat ovat ensi vuonna", ("VAKA",), ("Henkilöstökulut",), (TS25,)),
        ("Paljonko päiväkodit maksavat 2026?", ("VAKA",), (COSTS,), (TS26,)),
        ("Mitkä olivat kirjaston menot tilinpäätöksessä?", ("VIRE",), (COSTS,), (TP22,)),
        ("Paljonko palkkoihin menee opetuksessa 2023?", ("OPKOU",), ("Henkilöstökulut",), (TA23,)),
        ("Mikä on hyten budjetti?", ("HYTE",), (BUDGET,), (TA24,)),
        ("Mikä on toimialan toimintakate TS 2025?", (BOARD,), ("Toimintakate",), (TS25,)),
        ("Paljonko tuloja hyvinvointilautakunnalla on tänä vuonna?", (BOARD,), (REVENUE,), (TA24,)),
        ("Mitkä ovat koulujen nettomenot viime vuonna?", ("OPKOU",), (NET,), (TA23,)),
        ("Mitkä ovat toimialan tulot ja menot?", (BOARD,), (REVENUE, COSTS), (TA24,)),
        ("Mikä on VAKA:n TA 2023?", ("VAKA",), (BUDGET,), (TA23,)),
        ("Paljonko hyvinvointilautakunnan varhaiskasvatuksen kulut ovat?", ("VAKA",), (COSTS,), (TA24,)),
    ],
)
def test_lookup(question: str, areas: tuple[str, ...], items: tuple[str, ...], columns: tuple[Column, ...]) -> None:
    parsed = query(question)
    assert (parsed.operation, parsed.areas, parsed.items, parsed.columns) == ("lookup", areas, items, columns)


@pytest.mark.parametrize(
    "question",
    [
        "Paljonko Heinolan varhaiskasvatus maksaa?",
        "Paljonko Varhaiskasvatuksen Henkilöstökulut ovat 2024?",
        "Mitkä ovat Opetus- ja koulutuspalveluiden menot TA 2024?",
        "Paljonko Virikkeellinen Elämä maksaa?",
        "Paljonko HYTE:n menot ovat?",
    ],
)
def test_capitalised_plan_words_are_not_mistaken_for_names(question: str) -> None:
    assert query(question).operation == "lookup"


def test_no_year_means_the_plan_year_and_says_so() -> None:
    parsed = query("Paljonko museon kulut ovat?")
    assert (parsed.columns, parsed.column_defaulted, parsed.area_defaulted) == ((TA24,), True, False)


def test_no_area_means_the_whole_board_and_says_so() -> None:
    parsed = query("Paljonko henkilöstökulut ovat 2024?")
    assert (parsed.areas, parsed.area_defaulted) == ((BOARD,), True)


@pytest.mark.parametrize(
    ("question", "note"),
    [("Paljonko kirjaston kulut ovat?", "Kirjasto"), ("uimahallin menot 2025", "Uimahalli"), ("nuorisotyön kulut", "Nuorisotyö")],
)
def test_sub_service_maps_to_its_area_with_a_note(question: str, note: str) -> None:
    parsed = query(question)
    assert parsed.areas == ("VIRE",) and [n.name for n in parsed.notes] == [note]


def test_year_range_lists_every_year() -> None:
    parsed = query("Mitkä ovat varhaiskasvatuksen menot vuosina 2024-2026?")
    assert (parsed.operation, parsed.columns) == ("lookup", (TA24, TS25, TS26))


@pytest.mark.parametrize(
    ("question", "columns"),
    [
        ("Miten opetuksen menot muuttuvat 2023-2024?", (TA23, TA24)),
        ("Paljonko varhaiskasvatuksen kulut kasvavat ensi vuonna?", (TA24, TS25)),
        ("Kuinka paljon henkilöstökulut nousevat vuodesta 2022 vuoteen 2026?", (TP22, TS26)),
        ("Paljonko hyten kulut ovat 2025 verrattuna edellisvuoteen?", (TA24, TS25)),
        ("Paljonko museon tulot vähenevät prosentteina?", (TA23, TA24)),
        ("koulujen kulujen muutos 2026 vs 2024", (TA24, TS26)),
        ("Kasvavatko kirjaston menot 2022?", (TP22, TA23)),
    ],
)
def test_change(question: str, columns: tuple[Column, ...]) -> None:
    parsed = query(question)
    assert (parsed.operation, parsed.columns) == ("change", columns)


@pytest.mark.parametrize(
    ("question", "scope", "descending", "areas"),
    [
        ("Millä palvelualueella on suurimmat henkilöstökulut?", "areas", True, (BOARD,)),
        ("Mikä palvelualue saa vähiten tuloja 2025?", "areas", False, (BOARD,)),
        ("Kumpi kuluttaa enemmän, vaka vai opetus?", "areas", True, ("VAKA", "OPKOU")),
        ("Mikä on varhaiskasvatuksen suurin kuluerä?", "items", True, ("VAKA",)),
        ("Mihin kirjastossa menee eniten rahaa?", "items", True, ("VIRE",)),
    ],
)
def test_ranking(question: str, scope: str, descending: bool, areas: tuple[str, ...]) -> None:
    parsed = query(question)
    assert (parsed.operation, parsed.rank_scope, parsed.descending, parsed.areas) == ("ranking", scope, descending, areas)


def test_ranking_of_changes() -> None:
    parsed = query("Millä palvelualueella henkilöstökulut kasvavat eniten 2023-2024?")
    assert (parsed.operation, parsed.by_change, parsed.columns, parsed.decrease) == ("ranking", True, (TA23, TA24), False)


@pytest.mark.parametrize(
    ("question", "areas", "columns"),
    [
        ("Paljonko varhaiskasvatus ja opetus maksavat yhteensä 2024?", ("VAKA", "OPKOU"), (TA24,)),
        ("Paljonko kirjaston kulut ovat yhteensä 2024–2026?", ("VIRE",), (TA24, TS25, TS26)),
    ],
)
def test_sum(question: str, areas: tuple[str, ...], columns: tuple[Column, ...]) -> None:
    parsed = query(question)
    assert (parsed.operation, parsed.areas, parsed.columns) == ("sum", areas, columns)


@pytest.mark.parametrize(
    ("question", "areas", "items"),
    [
        ("Kuinka suuri osa toimialan menoista on varhaiskasvatusta?", ("VAKA",), (COSTS,)),
        ("mika on opetuksen osuus henkilostokuluista 2025", ("OPKOU",), ("Henkilöstökulut",)),
    ],
)
def test_share(question: str, areas: tuple[str, ...], items: tuple[str, ...]) -> None:
    parsed = query(question)
    assert (parsed.operation, parsed.areas, parsed.items, len(parsed.columns)) == ("share", areas, items, 1)


@pytest.mark.parametrize(
    ("question", "items"),
    [
        ("Paljonko varhaiskasvatukseen käytetään rahaa?", (COSTS,)),
        ("Paljonko rahaa menee nuorisotyöhön?", (COSTS,)),
        ("Paljonko kirjasto saa rahaa?", (BUDGET,)),
    ],
)
def test_money_verbs(question: str, items: tuple[str, ...]) -> None:
    assert query(question).items == items


@pytest.mark.parametrize(
    ("question", "items"),
    [
        # a row the question names wins over the concept its verb or a second noun also says
        ("mika palvelualue tuotti eniten myyntituottoja 2022", ("Myyntituotot",)),
        ("Mikä palvelualue tuottaa eniten maksutuottoja?", ("Maksutuotot",)),
        ("paljonko vakan tuloista on maksutuottoja 2024", ("Maksutuotot",)),
        ("paljonko toimialan tuloista tulee myynnistä 2024", ("Myyntituotot",)),
        ("muiden toimintatuottojen määrä vakassa 2024", ("Muut toimintatuotot",)),
        ("Paljonko kouluille tulee tukia ja avustuksia 2023?", ("Tuet ja avustukset",)),
        ("mitkä ovat toimialan kulut palvelujen ostoihin 2025", ("Palvelujen ostot",)),
        ("paljonko kuluja aineista ja tarvikkeista tulee kouluille 2024", ("Aineet, tarvikkeet ja tavarat",)),
        ("hyten menot avustuksiin 2024", ("Avustukset",)),
        ("paljonko virikkeellinen elämä jakaa avustuksia 2024", ("Avustukset",)),
        ("vakan poistojen kulut 2024", ("Poistot ja arvonalentumiset",)),
        ("toimialan rahoitustuotot ja -kulut 2022", ("Rahoitustuotot ja -kulut",)),
        ("Mikä on opetuksen nettotulos eli tilikauden tulos 2025?", ("Tilikauden tulos",)),
        # a concept stays when the named row is of another kind
        ("Mitkä ovat toimialan tulot ja henkilöstökulut 2024?", (REVENUE, "Henkilöstökulut")),
    ],
)
def test_named_row_wins_over_its_concept(question: str, items: tuple[str, ...]) -> None:
    assert query(question).items == items


@pytest.mark.parametrize(
    "question",
    ["Montako opettajaa opetuspalveluissa on?", "Paljonko lapsia päiväkodeissa on 2024?", "montako asiakasta kirjastossa käy"],
)
def test_counts_of_people_are_never_euros(question: str) -> None:
    assert not isinstance(parse_figure_query(question), FigureQuery)


def test_investments() -> None:
    parsed = query("Paljonko investointeihin on varattu vuodelle 2025?")
    assert (parsed.investments, parsed.items, parsed.columns) == (True, (COSTS,), (TS25,))


@pytest.mark.parametrize(
    ("question", "reason", "values"),
    [
        ("Paljonko kirjaston menot ovat vuonna 2027?", "year_outside_plan", ("2027",)),
        ("paljonko opetus maksoi 2019", "year_outside_plan", ("2019",)),
        ("Paljonko kulut kasvavat 2024-2028?", "year_outside_plan", ("2028",)),
        ("Paljonko teknisen toimialan budjetti on?", "outside_board", ("tekninen toimiala",)),
        ("Mitkä ovat soten menot?", "outside_board", ("sosiaali- ja terveyspalvelut",)),
        ("Paljonko hyvinvointialueen kulut ovat 2024?", "outside_board", ("hyvinvointialue",)),
        ("Mikä oli henkilöstökulujen tilinpäätös 2024?", "no_such_column", ("TP 2024",)),
        ("Mikä on varhaiskasvatuksen TA 2025?", "no_such_column", ("TA 2025",)),
        ("hyten toimintakate TP 2023", "no_such_column", ("TP 2023",)),
        ("Paljonko Heinolan kaupungin budjetti on?", "outside_board", ("koko kaupunki",)),
        ("Paljonko kaupunki käyttää rahaa 2024?", "outside_board", ("koko kaupunki",)),
        ("Paljonko opettajan palkka on?", "personal_salary", ()),
        ("Paljonko uimahallin pääsymaksu maksaa?", "price", ()),
        ("Paljonko kirjaston remontti maksaa?", "not_itemised", ("remontti",)),
        ("paljonko oppilasruokailu maksaa", "not_itemised", ("oppilasruokailu",)),
        ("Mikä on Rainion päiväkodin budjetti?", "not_itemised", ("Rainion",)),
        ("Paljonko opetus maksaa oppilasta kohden?", "not_itemised", ("oppilasta", "kohden")),
    ],
)
def test_impossible_requests(question: str, reason: str, values: tuple[str, ...]) -> None:
    assert parse_figure_query(question) == Impossible(reason, values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "question",
    [
        "Kuka vastaa harrastemallista?", "Mitä kirjastolle tapahtuu?", "Paljonko museokohteita on?", "Miksi menot pienenevät?",
        "mita hyte-palvelualueen toimintaan kuuluu", "Kuuluvatko vanhus- ja vammaisneuvostojen määrärahat hyteen?",
        "milloin kirjasto palaa remontoituihin tiloihin",
    ],
)
def test_not_a_figure_question(question: str) -> None:
    assert isinstance(parse_figure_query(question), NotFigure)


@pytest.mark.parametrize(
    ("value", "area", "investments", "rows"),
    [
        (COSTS, BOARD, False, ("Menot", "Toimintakulut")),
        (COSTS, "VAKA", False, ("Toimintakulut",)),
        (COSTS, BOARD, True, ("Menot",)),
        (REVENUE, "HYTE", False, ("Toimintatuotot",)),
        (NET, BOARD, False, ("Netto", "Toimintakate")),
        (BUDGET, "VIRE", False, ("Toimintakulut", "Toimintatuotot", "Toimintakate")),
        ("Henkilöstökulut", "VAKA", False, ("Henkilöstökulut",)),
    ],
)
def test_candidate_rows(value: str, area: str, investments: bool, rows: tuple[str, ...]) -> None:
    assert candidate_rows(value, area, investments) == rows


def _valid(parsed: ParseResult) -> bool:
    if isinstance(parsed, FigureQuery):
        return bool(parsed.areas and parsed.items and parsed.columns)
    return isinstance(parsed, (NotFigure, Impossible))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_parser_never_raises_on_arbitrary_text(text: str) -> None:
    assert _valid(parse_figure_query(text))


_WORDS = st.sampled_from(
    "paljonko menot kulut tulot 2022 2024 2025 2027 TA TP TS ensi vuonna vaka opetus kirjasto hyte toimiala "
    "eniten vähiten yhteensä muutos kasvaa verrattuna - – % € investoinnit budjetti palkat kumpi enemmän".split()
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=14).map(" ".join))
def test_parser_never_raises_on_plan_like_word_salad(text: str) -> None:
    parsed = parse_figure_query(text)
    assert _valid(parsed)
    if isinstance(parsed, FigureQuery) and parsed.operation == "change":
        assert len(parsed.columns) >= 2 and parsed.columns[0] < parsed.columns[-1]
