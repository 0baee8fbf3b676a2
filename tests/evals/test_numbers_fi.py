"""Reading whole numbers from Finnish answer text: groupings, signs, spaces, and what must not be read."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evals.numbers_fi import format_number, numbers_in

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
        ("muutos on −4,2 %", {4, 2}),
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


def test_format_number_groups_with_no_break_spaces() -> None:
    assert format_number(32_611_450) == "32\u00a0611\u00a0450"
    assert numbers_in(format_number(32_611_450)) == {32_611_450}
