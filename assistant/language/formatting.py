"""Finnish number formatting with integer arithmetic: "−32 611 450 €", "−4,2 %"."""

from __future__ import annotations

from corpus.text import group_thousands

MINUS = "\u2212"  # the typographic minus sign, as Finnish print uses
THOUSANDS = " "  # plain space: answers stay searchable and copy-pasteable
EURO = "€"
PERCENT = "%"


def format_int(value: int) -> str:
    """An integer with space-grouped thousands and a typographic minus: -32611450 -> '−32 611 450'."""
    return group_thousands(value)


def format_euros(value: int, plus: bool = False) -> str:
    """Whole euros the Finnish way: -32611450 -> '−32 611 450 €' (`plus` marks positive changes '+')."""
    sign = "+" if plus and value > 0 else ""
    return f"{sign}{format_int(value)} {EURO}"


def round_half_away(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest integer, halves away from zero (exact, no floats)."""
    if denominator == 0:
        raise ZeroDivisionError("round_half_away: denominator is zero")
    negative = (numerator < 0) != (denominator < 0)
    num, den = abs(numerator), abs(denominator)
    quotient = (2 * num + den) // (2 * den)
    return -quotient if negative else quotient


def percent_tenths(change: int, base: int) -> int:
    """The percentage `change / base * 100` in tenths of a percent, e.g. (-42, 1000) -> -42 (= −4,2 %)."""
    return round_half_away(change * 1000, base)


def tenths_to_float(tenths: int) -> float:
    """Tenths of a percent as a float with one decimal: -42 -> -4.2."""
    return round(tenths / 10, 1)


def format_percent(tenths: int, plus: bool = False) -> str:
    """Tenths of a percent the Finnish way: -42 -> '−4,2 %' (`plus` marks positive values '+')."""
    whole, tenth = divmod(abs(tenths), 10)
    body = f"{whole:,}".replace(",", THOUSANDS) + f",{tenth} {PERCENT}"
    if tenths < 0:
        return MINUS + body
    return ("+" + body) if plus and tenths > 0 else body


def parse_finnish_int(text: str) -> int:
    """Parse an integer written the Finnish way ('−32 611 450', '-5 974 300 €') back to int."""
    cleaned = text.replace(MINUS, "-").replace(EURO, "").replace("\u00a0", "").replace("\u202f", "")
    cleaned = cleaned.replace(" ", "").strip()
    return int(cleaned)
