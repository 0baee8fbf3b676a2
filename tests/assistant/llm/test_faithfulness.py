"""The faithfulness guard: numbers in Finnish formats, owner titles, proper names and citation markers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.language.numbers import read_numbers
from assistant.llm.faithfulness import FaithfulnessReport, check_faithfulness, strip_citations
from assistant.language.formatting import format_euros, format_int

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
