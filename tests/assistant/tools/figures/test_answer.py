"""Figure answers over the real plan: exact figures, names, columns, units, citations, and not_found."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.types import Answer
from assistant.tools.figures.answer import answer_figure
from assistant.language.formatting import MINUS
from corpus.store import Corpus

NUMBER = re.compile(r"[+\-−]?\d{1,3}(?: \d{3})+|[+\-−]?\d+(?:,\d)?")


def ask(corpus: Corpus, question: str) -> Answer:
    answer = answer_figure(question, corpus)
    assert answer is not None, question
    return answer


@pytest.mark.parametrize(
    ("question", "figures", "section"),
    [
        ("Paljonko varhaiskasvatuksen henkilöstökulut ovat vuonna 2024?", ["5 974 300 €"], "palvelualuelaskelmat/vaka"),
        ("paljonko varhaiskasvatuksen henkilostokulut ovat 2024", ["5 974 300 €"], "palvelualuelaskelmat/vaka"),
        ("Paljonko päiväkotien palkat ovat ensi vuonna?", ["6 059 200 €"], "palvelualuelaskelmat/vaka"),
        ("Mitkä ovat toimialan menot 2024?", ["32 611 450 €"], "talousarvio"),
        ("Paljonko hyvinvointilautakunnan tulot olivat tilinpäätöksessä 2022?", ["3 065 621 €"], "talousarvio"),
        ("Mikä on koulujen toimintakate TS 2026?", ["18 789 900 €"], "palvelualuelaskelmat/opkou"),
        ("Paljonko kirjaston kulut ovat 2025?", ["5 024 100 €"], "palvelualuelaskelmat/vire"),
        ("Paljonko hyten avustukset ovat 2026?", ["71 000 €"], "palvelualuelaskelmat/hyte"),
        ("Paljonko investointeihin on varattu vuodelle 2026?", ["235 000 €"], "investoinnit/taulukko"),
        ("Paljonko uimahallin ostopalvelut ovat TA 2023?", ["1 141 100 €"], "palvelualuelaskelmat/vire"),
    ],
)
def test_lookup_answers(corpus: Corpus, question: str, figures: list[str], section: str) -> None:
    answer = ask(corpus, question)
    assert answer.kind == "figure"
    for figure in figures:
        assert figure in answer.answer
    assert [c.section_id for c in answer.citations] == [section]


def test_answer_names_table_area_row_column_meaning_and_unit(corpus: Corpus) -> None:
    answer = ask(corpus, "Paljonko varhaiskasvatuksen henkilöstökulut ovat vuonna 2024?")
    title = next(c.table_title for c in corpus.cells if c.area == "VAKA")
    for part in (title, "Varhaiskasvatus", "Henkilöstökulut", "TA 2024 (talousarvio)", "€", "euroja"):
        assert part in answer.answer, part
    assert f"{MINUS}5 974 300 €" in answer.answer  # costs keep the table's sign


def test_citation_quotes_the_printed_cell_and_its_lines(corpus: Corpus) -> None:
    answer = ask(corpus, "Mitkä ovat virikkeellisen elämän henkilöstökulut 2024?")
    (citation,) = answer.citations
    cell = next(c for c in corpus.cells if c.area == "VIRE" and c.item == "Henkilöstökulut" and c.column.label == "TA 2024")
    assert (citation.n, citation.section_id, citation.lines) == (1, "palvelualuelaskelmat/vire", (cell.line, cell.line))
    assert citation.section == corpus.section("palvelualuelaskelmat/vire").path_text
    assert cell.printed.replace(" ", "") in citation.quote.replace(" ", "")
    assert "[1]" in answer.answer


def test_figure_refs_carry_table_area_item_column(corpus: Corpus) -> None:
    answer = ask(corpus, "Paljonko varhaiskasvatuksen henkilöstökulut ovat vuonna 2024?")
    assert [ref.to_json() for ref in answer.figures] == [
        {"table": "palvelualuelaskelmat/vaka", "area": "VAKA", "item": "Henkilöstökulut", "column": "TA 2024", "value": -5974300, "unit": "€"}
    ]


@pytest.mark.parametrize(
    ("question", "note"),
    [
        ("Paljonko kirjaston menot ovat 2024?", "Kirjasto kuuluu Virikkeellinen elämä -palvelualueeseen, jota suunnitelma ei jaa palveluittain"),
        ("Paljonko museon kulut ovat?", "Museotoiminta kuuluu Virikkeellinen elämä -palvelualueeseen"),
        ("Mitkä ovat liikuntapalveluiden tulot 2025?", "Liikuntapalvelut kuuluvat Virikkeellinen elämä -palvelualueeseen"),
        ("paljonko nuorisotyo maksaa", "Nuorisotyö kuuluu Virikkeellinen elämä -palvelualueeseen"),
    ],
)
def test_vire_sub_services_say_the_plan_does_not_split_them(corpus: Corpus, question: str, note: str) -> None:
    answer = ask(corpus, question)
    assert answer.kind == "figure" and note in answer.answer
    assert {ref.area for ref in answer.figures} == {"VIRE"}


def test_change_in_euros_and_percent(corpus: Corpus) -> None:
    answer = ask(corpus, "Miten varhaiskasvatuksen kulut muuttuvat vuodesta 2023 vuoteen 2024?")
    assert "8 989 400 €" in answer.answer and "8 409 500 €" in answer.answer
    assert "pienenee 579 900 €" in answer.answer and f"{MINUS}6,5 %" in answer.answer
    computed = [ref for ref in answer.figures if "−" in ref.column]
    assert [(ref.value, ref.unit) for ref in computed] == [(-579900, "€"), (-6.5, "%")]


def test_ranking_of_areas(corpus: Corpus) -> None:
    answer = ask(corpus, "Millä palvelualueella on suurimmat henkilöstökulut 2024?")
    order = [ref.area for ref in answer.figures]
    assert order == ["OPKOU", "VAKA", "VIRE", "HYTE"]
    assert len(answer.citations) == 4
    lines = answer.answer.splitlines()
    assert lines[1].startswith("1. Opetus- ja koulutuspalvelut") and "11 347 900 €" in lines[1]


@pytest.mark.parametrize(
    ("question", "item", "column"),
    [
        ("mikä palvelualue saa eniten maksutuottoja 2024", "Maksutuotot", "TA 2024"),
        ("Millä palvelualueella on pienimmät poistot 2025?", "Poistot ja arvonalentumiset", "TS 2025"),
        ("jarjesta palvelualueet vuosikatteen mukaan 2026", "Vuosikate", "TS 2026"),
    ],
)
def test_ranking_leaves_out_areas_without_the_row_and_says_so(corpus: Corpus, question: str, item: str, column: str) -> None:
    answer = ask(corpus, question)
    having = {c.area: abs(c.value) for c in corpus.cells if c.item == item and c.column.label == column and c.area != "TOIMIALA"}
    lacking = sorted({c.area for c in corpus.cells if c.area != "TOIMIALA"} - set(having))
    assert answer.kind == "figure" and lacking  # the case this test is about
    ranked = [ref.area for ref in answer.figures]
    assert sorted(ranked) == sorted(having)
    values = [having[area] for area in ranked]
    assert values in (sorted(values), sorted(values, reverse=True))
    (notice,) = [line for line in answer.answer.splitlines() if "vertailussa" in line]
    assert f"ei ole riviä {item}" in notice


def test_ranking_of_changes_says_which_area_lacks_the_row(corpus: Corpus) -> None:
    answer = ask(corpus, "Millä palvelualueella maksutuotot kasvavat eniten 2024-2025?")
    assert {ref.area for ref in answer.figures} == {"VIRE", "OPKOU", "VAKA"}
    assert "Hyvinvoinnin ja terveyden edistäminen ei ole vertailussa" in answer.answer


def test_comparison_of_two_areas_gives_the_difference(corpus: Corpus) -> None:
    answer = ask(corpus, "Kumpi kuluttaa enemmän 2024, varhaiskasvatus vai opetus?")
    assert "Ero: 10 135 550 €" in answer.answer


def test_ranking_of_cost_rows_within_an_area(corpus: Corpus) -> None:
    answer = ask(corpus, "Mikä on varhaiskasvatuksen suurin kuluerä 2024?")
    assert answer.figures[0].item == "Henkilöstökulut"
    assert [c.section_id for c in answer.citations] == ["palvelualuelaskelmat/vaka"]


def test_sum(corpus: Corpus) -> None:
    answer = ask(corpus, "Paljonko varhaiskasvatus ja opetus maksavat yhteensä 2024?")
    assert f"Yhteensä {MINUS}26 955 550 €" in answer.answer or f"Yhteensä {MINUS}26 954 550 €" in answer.answer
    total = answer.figures[0]
    assert total.value == sum(ref.value for ref in answer.figures[1:])


@pytest.mark.parametrize(
    ("question", "must_say"),
    [
        ("Paljonko kirjaston menot ovat vuonna 2027?", "2027"),
        ("Mitkä olivat varhaiskasvatuksen kulut 2019?", "2019"),
        ("Paljonko teknisen toimialan budjetti on 2024?", "tekninen toimiala"),
        ("Mitkä ovat sosiaali- ja terveyspalveluiden menot?", "sosiaali- ja terveyspalvelut"),
        ("Paljonko hyten maksutuotot ovat 2024?", "Maksutuotot"),
        ("Mikä on hyvinvoinnin ja terveyden edistämisen vuosikate?", "Vuosikate"),
        ("Mikä oli henkilöstökulujen tilinpäätös 2024?", "TP 2024"),
        ("Paljonko investointien tulot ovat?", "Tulot"),
        ("Paljonko Heinolan kaupungin budjetti on?", "koko kaupunki"),
        ("Paljonko uimahallin lippu maksaa?", "hintoja"),
        ("Paljonko lastentarhanopettaja ansaitsee?", "palkkoja"),
    ],
)
def test_cells_that_cannot_exist_are_not_found_without_numbers(corpus: Corpus, question: str, must_say: str) -> None:
    answer = ask(corpus, question)
    assert (answer.kind, answer.figures, answer.citations) == ("not_found", (), ())
    assert must_say in answer.answer
    table_values = {f"{abs(c.value):,}".replace(",", " ") for c in corpus.cells if abs(c.value) >= 1000}
    assert not [v for v in table_values if v in answer.answer]  # never a neighbouring number


def test_share_of_the_whole_board(corpus: Corpus) -> None:
    answer = ask(corpus, "Kuinka suuri osa toimialan menoista on varhaiskasvatusta?")
    assert "8 409 500 €" in answer.answer and "32 611 450 €" in answer.answer and "25,8 %" in answer.answer
    assert [c.section_id for c in answer.citations] == ["palvelualuelaskelmat/vaka", "tuloslaskelma"]


def test_missing_row_lists_the_rows_that_exist(corpus: Corpus) -> None:
    answer = ask(corpus, "Paljonko hyten maksutuotot ovat 2024?")
    assert "Rivit ovat: Myyntituotot, Tuet ja avustukset" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Paljonko varhaiskasvatuksen henkilöstökulut ovat vuonna 2024?",
        "Miten opetuksen menot muuttuvat 2023-2024?",
        "Millä palvelualueella henkilöstökulut kasvavat eniten 2023-2024?",
        "Mitkä ovat toimialan tulot ja menot vuosina 2024-2026?",
        "Paljonko kirjaston kulut ovat yhteensä 2024–2026?",
        "Mikä on hyten budjetti?",
        "Mikä on toimintakate 2024?",
    ],
)
def test_every_number_stated_is_a_cited_or_computed_figure(corpus: Corpus, question: str) -> None:
    answer = ask(corpus, question)
    allowed = {ref.value_text.lstrip("+−-").removesuffix(" €").removesuffix(" %") for ref in answer.figures}
    allowed |= {str(c.year) for c in {cell.column for cell in corpus.cells}} | {str(c.n) for c in answer.citations}
    allowed |= {str(i) for i in range(1, 10)}  # list positions
    errata = {c.printed.lstrip("=-") for c in corpus.cells if c.erratum}
    stated = {m.group().lstrip("+−-") for m in NUMBER.finditer(answer.answer)}
    assert stated - allowed - errata == set()
    quotes = " ".join(c.quote for c in answer.citations).replace(" ", "")
    for ref in answer.figures:
        if ref.unit == "€" and "−" not in ref.column and "+" not in ref.column:
            cell = next(c for c in corpus.cells if (c.table, c.area, c.item, c.column.label) == (ref.table, ref.area, ref.item, ref.column))
            assert cell.printed.replace(" ", "") in quotes


def test_not_a_figure_question_gives_none(corpus: Corpus) -> None:
    assert answer_figure("Kuka vastaa harrastemallista?", corpus) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from("paljonko menot kulut tulot 2023 2024 2026 TA vaka opetus kirjasto hyte eniten yhteensä muutos investoinnit budjetti palkat kumpi enemmän ja".split()), max_size=10).map(" ".join))
def test_answer_figure_never_raises(corpus: Corpus, text: str) -> None:
    answer = answer_figure(text, corpus)
    assert answer is None or answer.kind in ("figure", "not_found")
