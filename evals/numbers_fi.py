"""Whole numbers as the evaluation reports print them; reading numbers lives in `assistant.language.numbers`."""

from __future__ import annotations


def format_number(value: int) -> str:
    """A whole number with Finnish thousands grouping (no-break spaces): 32611450 -> '32 611 450'."""
    return f"{value:,}".replace(",", "\u00a0")
