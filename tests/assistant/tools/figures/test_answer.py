"""Figure answers over the real plan: the reading line first, exact figures, names, columns, units, citations,
every operation's answer, not-found and clarify answers, and labels that cannot mislead."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.language.formatting import MINUS
from assistant.types import Answer
from corpus.store import Corpus

Ask = Callable[[str], Answer]
NUMBER = re.compile(r"[+\-−]?\d{1,3}(?: \d{3})+|[+\-−]?\d+(?:,\d)?")


@pytest.mark.parametrize(
    ("question", "figures", "section"),
    [
        ("Paljonko varhaiskasvatuksen henkilöstökulut ovat vuonna 2023?", ["6 211 300 €"], "palvelualuelaskelmat/vaka"),
        ("Paljonko päiväkotien palkat ovat ensi vuonna?", ["6 059 200 €"], "palvelualuelaskelmat/vaka"),
        ("Mitkä ovat toimialan menot 2025?", ["33 346 600 €"], "talousarvio"),
        ("Mikä on koulujen toimintakate TS 2026?", ["18 789 900 €"], "palvelualuelaskelmat/opkou"),
        ("Paljonko hyten avustukset ovat 2026?", ["71 000 €"], "palvelualuelaskelmat/hyte"),
        ("Paljonko uimahallin ostopalvelut ovat TA 2023?", ["1 141 100 €"], "palvelualuelaskelmat/vire"),
    ],
)
def test_lookup_answers(ask: Ask, question: str, figures: list[str], section: str) -> None:
    answer = ask(question)
    assert answer.kind == "figure"
    for figure in figures:
        assert figure in answer.answer
    assert [c.section_id for c in answer.citations] == [section]


def test_the_reading_line_comes_first_and_the_json_carries_the_query(ask: Ask) -> None:
    answer = ask("Paljonko varhaiskasvatuksen toimintakulut muuttuvat 2024-2026?")
    first = answer.answer.splitlines()[0]
    assert first == "Tulkinta: Varhaiskasvatus · Toimintakulut · TA 2024 → TS 2026 · muutos"
    data = answer.to_json()["interpretation"]
    assert (data["route"], data["operation"], data["rows"], data["areas"], data["columns"], data["text"]) == (
        "figure", "change", ["Toimintakulut"], ["VAKA"], ["TA 2024", "TS 2026"], first)
    assert answer.headline and answer.headline in answer.answer


def test_answer_names_table_area_row_column_meaning_and_unit(ask: Ask, corpus: Corpus) -> None:
    answer = ask("Paljonko varhaiskasvatuksen henkilöstökulut ovat vuonna 2024?")
    title = next(c.table_title for c in corpus.cells if c.area == "VAKA")
    for part in (title, "Varhaiskasvatus", "Henkilöstökulut", "TA 2024 (talousarvio)", "€", "euroja", "1000e"):
        assert part in answer.answer, part
    assert f"{MINUS}5 974 300 €" in answer.answer  # costs keep the table's sign


def test_citation_quotes_the_printed_cell_and_its_lines(ask: Ask, corpus: Corpus) -> None:
    answer = ask("Mitkä ovat virikkeellisen elämän henkilöstökulut 2024?")
    (citation,) = answer.citations
    cell = next(c for c in corpus.cells if c.area == "VIRE" and c.item == "Henkilöstökulut" and c.column.label == "TA 2024")
    assert (citation.n, citation.section_id, citation.lines) == (1, "palvelualuelaskelmat/vire", (cell.line, cell.line))
    assert cell.printed.replace(" ", "") in citation.quote.replace(" ", "")
    assert "[1]" in answer.answer


def test_figure_refs_carry_table_area_item_column(ask: Ask) -> None:
    answer = ask("Paljonko varhaiskasvatuksen henkilöstökulut ovat vuonna 2024?")
    assert [ref.to_json() for ref in answer.figures] == [
        {"table": "palvelualuelaskelmat/vaka", "area": "VAKA", "item": "Henkilöstökulut", "column": "TA 2024", "value": -5974300, "unit": "€"}
    ]


@pytest.mark.parametrize(
    ("question", "note"),
    [
        ("Paljonko kirjaston menot ovat 2025?", "Kirjasto kuuluu palvelualueeseen Virikkeellinen elämä"),
        ("Mitkä ovat liikuntapalveluiden tulot 2025?", "Liikuntapalvelut kuuluvat palvelualueeseen Virikkeellinen elämä"),
    ],
)
def test_sub_services_say_first_that_the_plan_does_not_split_them(ask: Ask, question: str, note: str) -> None:
    answer = ask(question)
    assert answer.kind == "figure" and note in answer.answer
    assert {ref.area for ref in answer.figures} == {"VIRE"}
    # said before any figure, and in the short answer: the figure is the whole area's, not the service's own
    assert answer.headline.startswith(note) and answer.answer.index(note) < answer.answer.index("€")


def test_change_in_euros_and_percent(ask: Ask) -> None:
    answer = ask("Miten varhaiskasvatuksen kulut muuttuvat vuodesta 2023 vuoteen 2024?")
    assert "8 989 400 €" in answer.answer and "8 409 500 €" in answer.answer
    assert "pienenee 579 900 €" in answer.answer and f"{MINUS}6,5 %" in answer.answer
    computed = [ref for ref in answer.figures if "−" in ref.column]
    assert [(ref.value, ref.unit) for ref in computed] == [(-579900, "€"), (-6.5, "%")]


def test_trend_lists_every_column_with_its_step(ask: Ask, corpus: Corpus) -> None:
    answer = ask("Miten opetuksen henkilöstökulut kehittyvät?")
    values = [c for c in corpus.cells if c.area == "OPKOU" and c.item == "Henkilöstökulut"]
    for cell in values:
        assert f"{abs(cell.value):,}".replace(",", " ") + " €" in answer.answer
    assert "TP 2022 → TS 2026" in answer.headline and "kasvaa 999 662 €" in answer.headline


def test_ranking_of_areas(ask: Ask) -> None:
    answer = ask("Millä palvelualueella on suurimmat henkilöstökulut 2024?")
    assert [ref.area for ref in answer.figures] == ["OPKOU", "VAKA", "VIRE", "HYTE"]
    assert answer.headline.startswith("Suurin: Opetus- ja koulutuspalvelut")
    assert any(line.startswith("1. Opetus- ja koulutuspalvelut") for line in answer.answer.splitlines())


def test_a_ranking_of_the_first_few_names_each_in_its_first_line(ask: Ask) -> None:
    answer = ask("mitkä kaksi palvelualuetta saavat suurimmat toimintatuotot 2024")
    headline = answer.answer.splitlines()[1]
    assert headline.startswith("Suurimmat 2: 1. ") and "; 2. " in headline


def test_an_ordinal_names_that_place_first_and_the_places_before_it_below(ask: Ask) -> None:
    answer = ask("millä palvelualueella on toiseksi suurimmat toimintatuotot 2024")
    lines = answer.answer.splitlines()
    second = next(line for line in lines if line.startswith("2. "))
    name = second[3:].split(":")[0]
    assert lines[1].startswith(f"Toiseksi suurin: {name}, ") and any(line.startswith("1. ") for line in lines)
    assert "2. sija" in lines[0]


def test_an_ordinal_past_the_last_place_says_there_is_no_such_place(ask: Ask) -> None:
    answer = ask("millä palvelualueella on viidenneksi suurimmat toimintatuotot 2025")
    places = [line for line in answer.answer.splitlines() if line[:1].isdigit() and line[1:3] == ". "]
    assert answer.answer.splitlines()[1] == f"Viidenneksi suurinta ei ole: vertailussa on vain {len(places)} palvelualuetta."
    assert 0 < len(places) < 5


def test_ranking_leaves_out_areas_without_the_row_and_says_so(ask: Ask) -> None:
    answer = ask("Millä palvelualueella on pienimmät poistot 2025?")
    assert "HYTE" not in {ref.area for ref in answer.figures}
    (notice,) = [line for line in answer.answer.splitlines() if "vertailussa" in line]
    assert "Hyvinvoinnin ja terveyden edistäminen ei ole vertailussa" in notice and "Poistot ja arvonalentumiset" in notice


def test_ranking_states_ties(ask: Ask) -> None:
    answer = ask("minä vuonna varhaiskasvatuksen avustukset ovat suurimmat")  # 500 000 € in three columns
    assert "Tasatilanne" in answer.answer


def test_top_n_lists_that_many(ask: Ask) -> None:
    answer = ask("kolme suurinta kuluerää virikkeellisessä elämässä 2024")
    ranked = [line for line in answer.answer.splitlines() if re.match(r"\d\. ", line)]
    assert len(ranked) == 3 and ranked[0].startswith("1. Muut toimintakulut")


def test_difference_of_two_areas(ask: Ask) -> None:
    answer = ask("Kumpi kuluttaa enemmän 2024, varhaiskasvatus vai opetus?")
    assert "10 135 550 €" in answer.headline and answer.headline.startswith("Opetus- ja koulutuspalvelut")


def test_difference_of_two_rows(ask: Ask) -> None:
    answer = ask("paljonko enemmän toimialalla on henkilöstökuluja kuin palvelujen ostoja 2025")
    assert "14 464 200 €" in answer.headline  # 20 027 800 − 5 563 600


def test_sum_and_its_cells(ask: Ask) -> None:
    answer = ask("Paljonko varhaiskasvatus ja opetus maksavat yhteensä 2024?")
    assert answer.headline == f"Yhteensä {MINUS}26 954 550 €."
    total = answer.figures[0]
    assert total.value == sum(ref.value for ref in answer.figures[1:])


def test_a_sum_over_areas_that_equals_the_board_says_so(ask: Ask) -> None:
    answer = ask("palvelualueiden henkilöstökulut yhteensä 2026")
    assert "sama kuin koko toimialan" in answer.answer and "20 592 300 €" in answer.answer
    assert "ei mainittu palvelualuetta" not in answer.answer


def test_average_per_year(ask: Ask) -> None:
    answer = ask("paljonko hyten tulot ovat keskimäärin vuodessa 2024-2026")
    assert "133 567 €" in answer.headline  # (150 700 + 125 000 + 125 000) / 3 = 133 566,67


def test_several_means_are_each_named_in_the_headline(ask: Ask) -> None:
    answer = ask("opetuksen menot ja tulot keskimäärin vuodessa 2023-2025")
    means = [ref.value_text for ref in answer.figures if ref.column.startswith("keskiarvo")]
    assert len(means) == 2 and all(mean in answer.headline for mean in means)
    assert "Toimintakulut" in answer.headline and "Toimintatuotot" in answer.headline


def test_share_of_a_row_in_an_areas_total(ask: Ask) -> None:
    answer = ask("kuinka suuri osa varhaiskasvatuksen tuloista on maksutuottoja 2025")
    assert "53,3 %" in answer.headline  # 256 000 / 480 300
    assert answer.interpretation is not None and answer.interpretation.operation == "share"


def test_share_of_an_area_in_the_board(ask: Ask) -> None:
    answer = ask("Kuinka suuri osa toimialan menoista on varhaiskasvatusta?")
    assert "8 409 500 €" in answer.answer and "32 611 450 €" in answer.answer and "25,8 %" in answer.answer
    assert [c.section_id for c in answer.citations] == ["palvelualuelaskelmat/vaka", "tuloslaskelma"]


def test_existence_and_negation(ask: Ask) -> None:
    answer = ask("millä palvelualueella ei ole maksutuottoja")
    assert answer.headline == "Rivi Maksutuotot puuttuu näiden palvelualueiden taulukoista: Hyvinvoinnin ja terveyden edistäminen."
    yes = ask("onko opetuksella rahoitustuottoja ja -kuluja 2025")
    assert yes.headline.startswith("Kyllä") and "0 €" in yes.headline


def test_existence_names_the_columns_where_the_row_is_not_zero(ask: Ask) -> None:
    answer = ask("onko varhaiskasvatuksella koskaan ollut rahoituskuluja")
    assert answer.headline.startswith("Kyllä") and f"TP 2022 (tilinpäätös): {MINUS}6 €" in answer.answer


def test_a_missing_row_cites_the_table_that_lacks_it(ask: Ask) -> None:
    answer = ask("onko hytellä maksutuottoja")
    assert answer.headline.startswith("Ei") and [c.section_id for c in answer.citations] == ["palvelualuelaskelmat/hyte"]


def test_identity_as_a_question(ask: Ask) -> None:
    answer = ask("mistä toimialan vuosikate koostuu 2025")
    assert answer.headline == "Vuosikate = Toimintakate + Rahoitustuotot ja -kulut."
    assert "31 081 000 €" in answer.answer


def test_investment_answers_say_investoinnit_in_the_answer_line(ask: Ask) -> None:
    answer = ask("Paljonko investointeihin on varattu vuodelle 2025?")
    assert "Investoinnit" in answer.headline and "70 000 €" in answer.headline


@pytest.mark.parametrize(
    ("question", "must_say"),
    [
        ("Paljonko kirjaston menot ovat vuonna 2029?", "2029"),
        ("Paljonko teknisen toimialan budjetti on 2024?", "tekninen toimiala"),
        ("Paljonko hyten maksutuotot ovat 2023?", "Maksutuotot"),
        ("Mikä oli henkilöstökulujen tilinpäätös 2024?", "TP 2024"),
        ("Paljonko Heinolan kaupungin budjetti on?", "koko kaupunki"),
    ],
)
def test_cells_that_cannot_exist_are_not_found_without_numbers(ask: Ask, corpus: Corpus, question: str, must_say: str) -> None:
    answer = ask(question)
    assert (answer.kind, answer.figures, answer.citations) == ("not_found", (), ())
    assert must_say in answer.answer
    table_values = {f"{abs(c.value):,}".replace(",", " ") for c in corpus.cells if abs(c.value) >= 1000}
    assert not [v for v in table_values if v in answer.answer]  # never a neighbouring number


def test_a_named_unit_says_first_that_it_has_no_figure_then_gives_the_area_labelled(ask: Ask) -> None:
    answer = ask("paljonko kirkkiksen koulu maksaa 2025")
    lines = answer.answer.splitlines()
    assert answer.kind == "not_found" and answer.not_itemised == ("Kirkkiksen koulu",)
    assert lines[0].startswith("Käyttösuunnitelmassa ei ole omaa lukua kohteelle ”Kirkkiksen koulu”")
    assert any("koko palvelualueen luku, ei kohteen oma" in line for line in lines)
    assert {ref.area for ref in answer.figures} == {"OPKOU"} and "19 095 300 €" in answer.answer


def test_an_unsettled_reading_offers_complete_questions_that_read_settled(ask: Ask) -> None:
    answer = ask("paljonko enemmän kouluilla on henkilöstökuluja")
    assert answer.kind == "clarify" and "mihin verrataan" in answer.answer
    assert len(answer.suggestions) == 3
    for suggestion in answer.suggestions:
        assert suggestion in answer.answer
        follow = ask(suggestion)
        assert follow.kind == "figure" and follow.interpretation is not None
        assert follow.interpretation.operation == "difference"


def test_missing_row_lists_the_rows_that_exist(ask: Ask) -> None:
    answer = ask("Paljonko hyten maksutuotot ovat 2024?")
    assert "Sen rivit ovat: Myyntituotot, Tuet ja avustukset" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Miten opetuksen menot muuttuvat 2023-2024?",
        "Millä palvelualueella henkilöstökulut kasvavat eniten 2023-2024?",
        "Mitkä ovat toimialan tulot ja menot vuosina 2024-2026?",
        "Paljonko kirjaston kulut ovat yhteensä 2024–2026?",
        "Mikä on hyten budjetti?",
        "kuinka suuri osa opetuksen kuluista on henkilöstökuluja",
        "mistä vakan toimintakulut koostuvat",
        "miten toimialan tulot kehittyvät",
    ],
)
def test_every_number_stated_is_a_cited_or_computed_figure(ask: Ask, corpus: Corpus, question: str) -> None:
    answer = ask(question)
    allowed = {ref.value_text.lstrip("+−-").removesuffix(" €").removesuffix(" %") for ref in answer.figures}
    allowed |= {str(c.year) for c in {cell.column for cell in corpus.cells}} | {str(c.n) for c in answer.citations}
    allowed |= {str(i) for i in range(1, 10)} | {"1000"}  # list positions, counts, the "1000e" header note
    errata = {c.printed.lstrip("=-") for c in corpus.cells if c.erratum}
    stated = {m.group().lstrip("+−-") for m in NUMBER.finditer(answer.answer)}
    assert stated - allowed - errata == set()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(
    "paljonko menot kulut tulot 2023 2024 2026 TA vaka opetus kirjasto hyte eniten yhteensä muutos investoinnit budjetti "
    "palkat kumpi enemmän ja osuus ei koostuu keskimäärin kolme kuin".split()), max_size=10).map(" ".join))
def test_answers_never_raise(ask: Ask, text: str) -> None:
    assert ask(text).kind in ("figure", "not_found", "clarify")
