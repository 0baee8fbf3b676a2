"""The faithfulness guard: numbers in Finnish formats, owner titles, proper names and citation markers."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.language.formatting import format_euros, format_int
from assistant.language.numbers import read_numbers
from assistant.llm.evidence import EvidenceText
from assistant.llm.faithfulness import MAX_ANSWER_CHARS, FaithfulnessReport, check_faithfulness, strip_citations
from assistant.tools.figures.tools import ChangeResult
from corpus.records import BudgetCell, Column

# Lines as the repaired plan prints them (table rows, prose, the goals grid).
EVIDENCE = (
    "Hyvinvointilautakunnan toimiala TP 2022 TA 2023 TA 2024 TS 2025 TS 2026",
    "MENOT -31 791 870 -32 839 500 -32 611 450 -33 346 600 -34 378 200",
    "Myyntituotot 960 796 712 500 620 000 621 000 621 000",
    "Vuosikate -28 726260 -29962900 -29922850 -31081000 -32103 800",  # OCR-damaged grouping
    "Rainion päiväkodin toiminta lakkaa 1.8.2024 lukien (hyvinvointilautakunta 26.9.2023, valtuusto 6.10.2023).",
    "Heinolassa on viisi varhaiskasvatusaluetta. Heinolassa on kolme museokohdetta.",
    "Kirkkiksen koulun toiminta siirtyy väistöön Tommola-taloon 1.8.2024.",
    "Tavoitteena on, että toiminnassa on vähintään 18 % heistä. Mittari: lisääntyminen 30 % vuoteen 2023 verrattuna.",
    "Vastuu: Koulutusjohtaja. Palvelualuejohtaja Virikkeellinen elämä, Liikuntapalvelujohtaja",
    "Koulutuskeskus Salpaus, Suomen urheiluopisto. Laajan hyvinvointikertomuksen 2021-2025 valmistelu.",
)
TOOL_RESULT = '{"start": {"value": -8989400}, "end": {"value": -8409500}, "percent": -6.5, "percent_tenths": -65}'


@pytest.mark.parametrize(
    "answer",
    [
        "Menot ovat TA 2024 yhteensä 32 611 450 € [1].",
        "Menot ovat TA 2024 yhteensä −32 611 450 €.",
        "Menot ovat TA 2024 yhteensä 32\u00a0611\u00a0450 €.",  # no-break spaces
        "Menot ovat TA 2024 yhteensä 32\u202f611\u202f450 €.",  # narrow no-break spaces
        "Menot ovat noin 32,6 milj. euroa.",  # rounded at the precision written
        "Menot ovat noin 33 miljoonaa euroa.",
        "Vuosikate on TA 2024 −29 922 850 €.",  # the source printed it without spaces
        "Vuosikate on TP 2022 −28 726 260 €.",  # the source printed it half-grouped
        "Myyntituotot ovat TA 2024 620 000 € ja TA 2023 712 500 €.",
        "Varhaiskasvatuksen toimintakulut laskevat 6,5 % eli 8 989 400 eurosta 8 409 500 euroon.",
        "Muutos on −6,5 %.",
        "Rainion päiväkoti lakkaa 1.8.2024.",
        "Päätös tehtiin 26.9.2023.",
        "Toiminta muuttaa elokuussa 2024 (1.8.).",
        "Varhaiskasvatusalueita on 5 ja museokohteita 3.",
        "Varhaiskasvatusalueita on viisi.",
        "Tavoite on vähintään 18 % ja kasvu 30 % vuoteen 2023 verrattuna.",
        "Hyvinvointikertomus koskee vuosia 2021–2025.",
        "1. Menot kasvavat.\n2. Tulot laskevat.",  # list markers are not figures
        "Tavoitteesta vastaa koulutusjohtaja.",
        "Vastuu on Koulutusjohtajalla ja liikuntapalvelujohtajalla.",
        "Asiasta päättää lautakunta, ja johtaja vastaa.",  # bare titles are common nouns
        "Kirkkiksen koulu siirtyy Tommola-talossa toimivaan väistöön.",
        "Heinolan kaupungin yhteistyö on Koulutuskeskus Salpauksen kanssa.",
        "Luvut ovat TA 2024 -sarakkeesta (HYTE ja VAKA).",
        "",
    ],
)
def test_supported_answers_pass(answer: str) -> None:
    report = check_faithfulness(answer, [*EVIDENCE, TOOL_RESULT])

    assert report == FaithfulnessReport(ok=True)


@pytest.mark.parametrize(
    ("answer", "numbers", "names"),
    [
        ("Menot ovat TA 2024 yhteensä 32 611 451 €.", ("32 611 451",), ()),  # a neighbouring number
        ("Menot ovat 32 611 €.", ("32 611",), ()),
        ("Menot ovat noin 40 milj. euroa.", ("40 milj",), ()),
        ("Menot ovat noin 32,5 milj. euroa.", ("32,5 milj",), ()),
        ("Muutos on −6,4 %.", ("6,4",), ()),
        ("Muutos on 7 %.", ("7",), ()),  # whole numbers are never rounded
        ("Rainion päiväkoti lakkaa 1.9.2024.", ("1.9.2024",), ()),
        ("Päätös tehtiin 26.9.2022.", ("26.9.2022",), ()),
        ("Varhaiskasvatusalueita on neljä.", ("neljä",), ()),
        ("Varhaiskasvatusalueita on 4.", ("4",), ()),
        ("Menot olivat vuonna 2019 suuret.", ("2019",), ()),
        ("Menot ovat 32,611,450 euroa ja 1.000.000 euroa.", ("1.000.000",), ()),
        ("Tavoitteesta vastaa opetusjohtaja.", (), ("opetusjohtaja",)),
        ("Vastuu on hyvinvointijohtajalla.", (), ("hyvinvointijohtajalla",)),
        ("Asian valmistelee sivistyslautakunta.", (), ("sivistyslautakunta",)),
        ("Yhteistyötä tehdään Lahden ja Espoon kanssa.", (), ("Lahden", "Espoon")),
        ("Asiasta vastaa Matti Meikäläinen.", (), ("Matti", "Meikäläinen")),
        ("Palvelut ostetaan KELA:lta.", (), ("KELA",)),
        ("Kulut ovat 5 000 € ja vastuu rehtorilla Virtasella.", ("5 000",), ("rehtorilla", "Virtasella")),
    ],
)
def test_unsupported_numbers_and_names_are_reported(answer: str, numbers: tuple[str, ...], names: tuple[str, ...]) -> None:
    report = check_faithfulness(answer, [*EVIDENCE, TOOL_RESULT])

    assert report == FaithfulnessReport(ok=False, unsupported_numbers=numbers, unsupported_names=names)


def test_allowed_numbers_and_names_extend_the_evidence() -> None:
    answer = "Henkilöstökulut ovat −19 327 000 € ja muutos +2,5 %; vastuussa Hyvinvointipäällikkö."
    assert not check_faithfulness(answer, EVIDENCE).ok
    report = check_faithfulness(answer, EVIDENCE, allowed_numbers=[-19_327_000, 2.5], allowed_names=["Hyvinvointipäällikkö"])
    assert report == FaithfulnessReport(ok=True)
    as_text = check_faithfulness(
        answer, EVIDENCE, allowed_numbers=["−19 327 000 €", "2,5 %"], allowed_names=["hyvinvointipäällikkö"]
    )
    assert as_text.ok


def test_citation_markers_are_not_numbers_and_must_be_in_range() -> None:
    answer = "Menot ovat 32 611 450 € [1]. Tulot laskevat [2, 3]. Katso myös [4–5]."

    assert check_faithfulness(answer, EVIDENCE).ok
    assert check_faithfulness(answer, EVIDENCE, citation_count=5).ok
    assert check_faithfulness(answer, EVIDENCE, citation_count=3) == FaithfulnessReport(ok=False, unsupported_citations=(4, 5))
    assert check_faithfulness("Menot [0].", EVIDENCE, citation_count=3).unsupported_citations == (0,)


@pytest.mark.parametrize(
    ("text", "cited", "rest"),
    [
        ("Menot [1].", (1,), "Menot  ."),
        ("a [2] b [1] c [2]", (2, 1), "a   b   c  "),
        ("a [1, 3] b [4–6]", (1, 3, 4, 5, 6), "a   b  "),
        ("a [1-2]", (1, 2), "a  "),
        ("hakasulut [x] ja [] eivät ole viitteitä", (), "hakasulut [x] ja [] eivät ole viitteitä"),
    ],
)
def test_strip_citations(text: str, cited: tuple[int, ...], rest: str) -> None:
    assert strip_citations(text) == (cited, rest)


# --- properties ---------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300), evidence=st.lists(st.text(max_size=200), max_size=3), count=st.none() | st.integers(0, 5))
def test_checker_never_raises(text: str, evidence: list[str], count: int | None) -> None:
    report = check_faithfulness(text, evidence, citation_count=count)
    assert report.ok == (not (report.unsupported_numbers or report.unsupported_names or report.unsupported_citations))


_NUMBERISH = st.text(alphabet="0123456789 ,.-−%€[]()\u00a0\u202fmiljoonaatuhat\n", max_size=80)


@settings(max_examples=300, deadline=None)
@given(text=_NUMBERISH, evidence=_NUMBERISH)
def test_checker_never_raises_on_number_soup(text: str, evidence: str) -> None:
    check_faithfulness(text, [evidence], allowed_numbers=[evidence, 1.5, -3, float("nan"), float("inf")])
    read_numbers(text)


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.integers(-(10**12), 10**12), min_size=1, max_size=5))
def test_figures_written_the_finnish_way_are_supported_by_plain_evidence(values: list[int]) -> None:
    answer = "Luvut ovat " + " ja ".join(format_euros(v) for v in values) + "."
    evidence = "Taulukko: " + "; ".join(str(v) for v in values)

    assert check_faithfulness(answer, [evidence]) == FaithfulnessReport(ok=True)


@settings(max_examples=200, deadline=None)
@given(value=st.integers(0, 10**12), delta=st.integers(1, 10**6))
def test_a_neighbouring_figure_is_never_supported(value: int, delta: int) -> None:
    report = check_faithfulness(f"Summa on {format_int(value + delta)} €.", [f"Summa {value}"])

    assert report.unsupported_numbers == (format_int(value + delta),)


# --- what a number is about: column, area, sign, direction ---------------------------------------

VAKA_ROW = EvidenceText(
    "Toimintakulut: TP 2022 −8 448 544 €; TA 2023 −8 989 400 €; TA 2024 −8 409 500 €.",
    "Palvelualuettaiset laskelmat › Varhaiskasvatuspalvelut",
)


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("Varhaiskasvatuksen toimintakulut ovat TA 2024 −8 409 500 €.", True),
        ("Toimintakulut ovat vuonna 2024 8 409 500 euroa.", True),
        ("Toimintakulut ovat 8 409 500 € (TA 2024) ja 8 989 400 € (TA 2023).", True),
        ("TA 2023: 8 989 400 €; TA 2024: 8 409 500 €.", True),
        ("Toimintakulut ovat TA 2023 −8 409 500 €.", False),
        ("Toimintakulut ovat 8 409 500 € vuonna 2023.", False),
        ("Toimintakulut ovat 8 409 500 € (TA 2023) ja 8 989 400 € (TA 2024).", False),
        ("TA 2024: 8 989 400 €; TA 2023: 8 409 500 €.", False),
        ("Toimintakulut ovat TA 2024 +8 409 500 €.", False),
        ("Liikuntapalvelujen toimintakulut ovat TA 2024 8 409 500 €.", False),
        ("Toimintakulut ovat TA 2024 8 409 500 %.", False),
    ],
)
def test_a_passage_number_keeps_its_column_area_sign_and_unit(answer: str, ok: bool) -> None:
    assert check_faithfulness(answer, [VAKA_ROW]).ok is ok


def _cell(column: str, value: int, area: str = "VAKA") -> BudgetCell:
    return BudgetCell("doc", "t", "T", area, "Toimintakulut", Column.parse(column), value, 1, "t", str(value))


def test_typed_tool_results_carry_column_area_sign_and_direction() -> None:
    change = ChangeResult(_cell("TA 2023", -8_989_400), _cell("TA 2024", -8_409_500), 579_900, -579_900, -65)

    def ok(answer: str) -> bool:
        return check_faithfulness(answer, [], results=[change]).ok

    assert ok("Varhaiskasvatuksen toimintakulut laskevat 579 900 € (6,5 %) vuodesta 2023 vuoteen 2024.")
    assert ok("Toimintakulut ovat TA 2024 −8 409 500 € ja TA 2023 −8 989 400 €.")
    assert not ok("Toimintakulut kasvavat 6,5 %.")  # the amount decreases
    assert not ok("Toimintakulut ovat TA 2023 −8 409 500 €.")
    assert not ok("Opetuksen toimintakulut ovat TA 2024 −8 409 500 €.")
    assert not ok("Toimintakulut ovat 8 409 500 € vuonna 2025.")
    # Line numbers and years inside typed results are no amounts.
    assert not ok("Toimintakulut ovat 2023 €.")


@pytest.mark.parametrize(
    ("answer", "unsupported"),
    [
        ("Menot ovat noin kolmekymmentäkolme miljoonaa euroa.", ()),  # 32 611 450 rounded
        ("Menot ovat noin kolme miljoonaa euroa.", ("kolme miljoonaa",)),
        ("Menot ovat puoli miljardia euroa.", ("puoli miljardia",)),
        ("Museokohteita on kolme ja varhaiskasvatusalueita viisi.", ()),
        ("Varhaiskasvatusalueita on kuusi.", ("kuusi",)),
        ("Yksi tavoitteista toteutuu yhdessä muiden kanssa.", ()),  # "yksi" and "yhdessä" state no figure
    ],
)
def test_number_words_are_checked_as_numbers(answer: str, unsupported: tuple[str, ...]) -> None:
    assert check_faithfulness(answer, EVIDENCE).unsupported_numbers == unsupported


@pytest.mark.parametrize(
    ("answer", "names"),
    [
        ("Tavoitteesta vastaa koulutusjohtaja.", ()),
        ("Tavoitteesta vastaa Rehtori.", ("Rehtori",)),
        ("Rehtori vastaa tavoitteesta.", ("Rehtori",)),  # a title at a sentence start is still a title
        ("Vastuu on kaupunginhallituksella.", ("kaupunginhallituksella",)),
        ("Tavoitteesta vastaa liikuntapalvelujohtaja.", ("liikuntapalvelujohtaja",)),  # in the text, but no owner
        ("Liikuntapalvelujohtaja mainitaan suunnitelmassa.", ()),  # named, not as the one responsible
        ("Asiasta päättää lautakunta, ja johtaja vastaa.", ()),
    ],
)
def test_job_titles_must_be_owners_of_the_goals_grid(answer: str, names: tuple[str, ...]) -> None:
    report = check_faithfulness(answer, EVIDENCE, owners=["Koulutusjohtaja", "Varhaiskasvatusjohtaja"])

    assert report.unsupported_names == names


def test_an_answer_over_the_limit_is_refused_unread() -> None:
    huge = "Menot ovat TA 2024 yhteensä 32 611 450 € [1]. " * 22_000  # about 1 MB
    started = time.process_time()
    report = check_faithfulness(huge, EVIDENCE)

    assert (report.ok, report.too_long) == (False, True)
    assert time.process_time() - started < 0.5
    assert check_faithfulness(huge[:MAX_ANSWER_CHARS], EVIDENCE).too_long is False


@pytest.mark.parametrize(
    "unit",
    [
        "Menot ovat TA 2024 yhteensä 32 611 450 € [1]. ",
        "1 € ja ",
        "Koulutusjohtaja Heinola Aaltonen, ",
        "a-",
        "[1, 2, 3, ",
        "1.8.2024 ja 2025–2026, ",
        "kolme miljoonaa ja kaksikymmentä ",
    ],
)
def test_the_check_is_linear_in_the_answer(unit: str) -> None:
    def cost(chars: int) -> float:
        text = (unit * (chars // len(unit) + 1))[:chars]
        started = time.process_time()
        check_faithfulness(text, EVIDENCE, max_chars=None)
        return time.process_time() - started

    small, large = cost(20_000), cost(160_000)
    assert large < 24 * max(small, 0.005)  # 8× the text; a quadratic check would take ~64× as long
