"""One Finnish number reader for the guard and the evals: groupings, signs, units, scale and number words, dates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.language.numbers import number_word_value, numbers_in, read_numbers

SEPARATORS = (" ", "\u00a0", "\u202f", "\u2009", ".")
MINUSES = ("", "-", "−", "–")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Toimialan menot ovat 32 611 450 €.", {32_611_450}),
        ("TA 2024 (talousarvio) −32 611 450 €", {2024, 32_611_450}),
        ("menot -32\u00a0611\u00a0450 euroa", {32_611_450}),
        ("menot 32\u202f611\u202f450 €", {32_611_450}),
        ("menot 32.611.450 €", {32_611_450}),
        ("menot 32611450 €", {32_611_450}),
        ("vuonna 2024 611 450 €", {2024, 611_450}),
        ("Rainion päiväkodin toiminta lakkaa 1.8.2024 lukien.", {1, 8, 2024}),
        ("muutos on −4,2 %", set()),  # a decimal states no whole number
        ("noin 32,6 milj. euroa", {32_600_000}),
        ("1.234 €", {1234}),  # dots may group thousands
        ("5 974 300 € ja 11 347 900 €, yhteensä 17 322 200 €", {5_974_300, 11_347_900, 17_322_200}),
        ("Tätä ei löydy käyttösuunnitelmasta.", set()),
    ],
)
def test_numbers_in_reads_finnish_formats(text: str, expected: set[int]) -> None:
    assert numbers_in(text) == frozenset(expected)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("1 558 300 €", 558_300),  # a tail of a longer number is not the number
        ("32 611 451 €", 32_611_450),
        ("3 261 145 €", 32_611_450),
        ("32 611 450 €", 611_450),
    ],
)
def test_numbers_in_does_not_read_parts_of_other_numbers(text: str, absent: int) -> None:
    assert absent not in numbers_in(text)


@given(
    value=st.integers(min_value=0, max_value=10**12),
    separator=st.sampled_from(SEPARATORS),
    minus=st.sampled_from(MINUSES),
    before=st.sampled_from(("", "Menot ovat ", "TA 2024 ", "vuonna 2025: ")),
    after=st.sampled_from(("", " €", " euroa.", " € [1]")),
)
def test_any_grouped_number_is_read_back(value: int, separator: str, minus: str, before: str, after: str) -> None:
    written = f"{value:,}".replace(",", separator)
    assert value in numbers_in(f"{before}{minus}{written}{after}")


@given(st.text(max_size=300))
def test_numbers_in_never_raises_and_is_non_negative(text: str) -> None:
    assert all(number >= 0 for number in numbers_in(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("32 611 450 €", [("32 611 450", Decimal(32611450), 1)]),
        ("−32 611 450 €", [("32 611 450", Decimal(32611450), 1)]),
        ("32\u00a0611\u00a0450\u00a0€", [("32\u00a0611\u00a0450", Decimal(32611450), 1)]),
        ("32\u202f611\u202f450 €", [("32\u202f611\u202f450", Decimal(32611450), 1)]),
        ("−4,2 %", [("4,2", Decimal("4.2"), 1)]),
        ("4.2 %", [("4.2", Decimal("4.2"), 1)]),
        ("1 234,56 €", [("1 234,56", Decimal("1234.56"), 1)]),
        ("32,6 milj. €", [("32,6 milj", Decimal("32.6"), 1_000_000)]),
        ("2 miljardia", [("2 miljardia", Decimal(2), 1_000_000_000)]),
        ("700 tuhatta euroa", [("700 tuhatta", Decimal(700), 1000)]),
        ("vuosina 2024–2025", [("2024", Decimal(2024), 1), ("2025", Decimal(2025), 1)]),
        ("TA 2024 35 000", [("2024", Decimal(2024), 1), ("35 000", Decimal(35000), 1)]),
        ("1000e", [("1000", Decimal(1000), 1)]),
        ("2. asteen koulutus", [("2", Decimal(2), 1)]),
        ("CAF2020-asiakirja", [("2020", Decimal(2020), 1)]),
        ("1,234,567 ja 1.234.567", [("1,234,567", Decimal(1234567), 1), ("1.234.567", Decimal(1234567), 1)]),
        ("ei lukuja", []),
    ],
)
def test_read_numbers_reads_finnish_formats(text: str, expected: list[tuple[str, Decimal, int]]) -> None:
    assert [(m.text, m.value, m.scale) for m in read_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "date"),
    [("1.8.2024", (1, 8, 2024)), ("26.9.2023,", (26, 9, 2023)), ("lukien 1.8.", (1, 8, None))],
)
def test_read_numbers_reads_dates(text: str, date: tuple[int, int, int | None]) -> None:
    assert [m.date for m in read_numbers(text)] == [date]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TA 2024 −8 409 500 €", [("year", 0, ""), ("amount", -1, "€")]),
        ("kasvu +2,5 % vuodesta 2023", [("amount", 1, "%"), ("year", 0, "")]),
        ("vuosina 2021–2025", [("year", 0, ""), ("year", 0, "")]),  # a range dash is no minus sign
        ("2024 € ja 2 024 euroa", [("amount", 0, "€"), ("amount", 0, "€")]),  # with a unit it is an amount
        ("lakkaa 1.8.2024", [("date", 0, "")]),
        ("30 prosenttia", [("amount", 0, "%")]),
        ("vuonna 2024. Euroopassa", [("year", 0, "")]),
    ],
)
def test_each_number_knows_its_kind_sign_and_unit(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert [(m.kind, m.sign, m.unit) for m in read_numbers(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kolme miljoonaa euroa", [("kolme miljoonaa", Decimal(3_000_000), "€")]),
        ("noin kahdeksan miljoonaa", [("kahdeksan miljoonaa", Decimal(8_000_000), "")]),
        ("kolme ja puoli miljoonaa", [("kolme ja puoli miljoonaa", Decimal(3_500_000), "")]),
        ("puoli miljardia", [("puoli miljardia", Decimal(500_000_000), "")]),
        ("kaksi tuhatta euroa", [("kaksi tuhatta", Decimal(2000), "€")]),
        ("viisi aluetta ja kolmen museon", [("viisi", Decimal(5), ""), ("kolmen", Decimal(3), "")]),
        ("kaksikymmentäkolme", [("kaksikymmentäkolme", Decimal(23), "")]),
        ("tuhat euroa", [("tuhat", Decimal(1000), "€")]),
        ("32,6 miljoonaa", [("32,6 miljoonaa", Decimal(32_600_000), "")]),  # digits keep their scale word
        # Not figures: "one of", "together", "another", "rains", vague plurals.
        ("yksi tavoitteista toteutuu yhdessä, toista kertaa; sataa; miljoonia euroja; tuhansia kävijöitä", []),
    ],
)
def test_number_words_are_numbers(text: str, expected: list[tuple[str, Decimal, str]]) -> None:
    assert [(m.text, m.amount, m.unit) for m in read_numbers(text)] == expected
    assert all(m.word for m in read_numbers(text) if not m.text[0].isdigit())


@pytest.mark.parametrize(
    ("word", "value"),
    [("kaksi", 2), ("kahden", 2), ("kolmea", 3), ("neljaan", 4), ("seitseman", 7), ("kymmenen", 10),
     ("viisitoista", 15), ("kolmekymmenta", 30), ("kaksisataaviisikymmenta", 250), ("kaksituhatta", 2000),
     ("tuhatviisisataa", 1500), ("satakunta", None), ("toista", None), ("yksikko", None), ("kuudes", None)],
)  # fmt: skip
def test_number_word_value(word: str, value: int | None) -> None:
    assert number_word_value(word) == value


@given(st.text(max_size=400))
def test_read_numbers_never_raises_and_spans_are_in_order(text: str) -> None:
    mentions = read_numbers(text)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(0 <= m.start < m.end <= len(text) and m.amount >= 0 for m in mentions)
