"""Finnish number formatting and exact integer percentages."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.language.formatting import (
    MINUS,
    format_euros,
    format_int,
    format_percent,
    parse_finnish_int,
    percent_tenths,
    round_half_away,
    tenths_to_float,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0 €"),
        (7, "7 €"),
        (1000, "1 000 €"),
        (2688600, "2 688 600 €"),
        (-32611450, f"{MINUS}32 611 450 €"),
        (-19, f"{MINUS}19 €"),
        (1234567890, "1 234 567 890 €"),
    ],
)
def test_format_euros(value: int, expected: str) -> None:
    assert format_euros(value) == expected


def test_format_euros_marks_positive_changes_only_when_asked() -> None:
    assert (format_euros(579900, plus=True), format_euros(-579900, plus=True), format_euros(0, plus=True)) == (
        "+579 900 €",
        f"{MINUS}579 900 €",
        "0 €",
    )


@pytest.mark.parametrize(
    ("tenths", "plus", "expected"),
    [(-42, False, f"{MINUS}4,2 %"), (42, False, "4,2 %"), (42, True, "+4,2 %"), (0, True, "0,0 %"), (5, False, "0,5 %"),
     (-1000, False, f"{MINUS}100,0 %"), (123456, False, "12 345,6 %")],
)
def test_format_percent(tenths: int, plus: bool, expected: str) -> None:
    assert format_percent(tenths, plus=plus) == expected


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(5, 10, 1), (-5, 10, -1), (15, 10, 2), (25, 10, 3), (-25, 10, -3), (14, 10, 1), (-14, 10, -1), (5, -10, -1), (0, 7, 0)],
)
def test_round_half_away_from_zero(numerator: int, denominator: int, expected: int) -> None:
    assert round_half_away(numerator, denominator) == expected


def test_round_half_away_rejects_zero_denominator() -> None:
    with pytest.raises(ZeroDivisionError, match="denominator"):
        round_half_away(1, 0)


@pytest.mark.parametrize(
    ("change", "base", "tenths"),
    [(-579900, 8989400, -65), (252650, 18292400, 14), (700800, 19327000, 36), (1, 3, 333), (1, 8, 125), (-1, 8, -125)],
)
def test_percent_tenths_on_plan_figures(change: int, base: int, tenths: int) -> None:
    assert percent_tenths(change, base) == tenths


@given(st.integers(-10**12, 10**12), st.integers(1, 10**12))
def test_percent_tenths_matches_exact_fraction(change: int, base: int) -> None:
    exact = Fraction(change * 1000, base)
    result = percent_tenths(change, base)
    assert abs(exact - result) <= Fraction(1, 2)
    if abs(exact - result) == Fraction(1, 2):  # a tie is rounded away from zero
        assert abs(result) > abs(exact)


@given(st.integers(-10**15, 10**15))
def test_format_int_round_trips(value: int) -> None:
    assert parse_finnish_int(format_int(value)) == value
    assert parse_finnish_int(format_euros(value)) == value


def test_tenths_to_float_has_one_decimal() -> None:
    assert (tenths_to_float(-65), tenths_to_float(14), tenths_to_float(0)) == (-6.5, 1.4, 0.0)
