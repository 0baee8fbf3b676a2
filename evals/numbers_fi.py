"""Reading the whole numbers an answer states, written the Finnish way ("32 611 450 €", "−5 974 300")."""

from __future__ import annotations

import re

# Thousands separators Finnish text uses: space, no-break space, narrow no-break space, thin space, dot.
_SEPARATORS = " \u00a0\u202f\u2009."
_GROUP = re.compile(r"[0-9]+")
MAX_DIGITS = 30  # no figure of the plan is longer; bounds the work on pathological input


def digit_runs(text: str) -> list[list[str]]:
    """Runs of digit groups joined by exactly one thousands separator: '1 234 567 ja 8' -> [['1','234','567'], ['8']]."""
    runs: list[list[str]] = []
    previous_end = -2
    for match in _GROUP.finditer(text):
        joined = match.start() == previous_end + 1 and text[previous_end] in _SEPARATORS
        if joined and runs:
            runs[-1].append(match.group())
        else:
            runs.append([match.group()])
        previous_end = match.end()
    return runs


def read_run(run: list[str]) -> list[int]:
    """The numbers a run of digit groups spells, read from the left as Finnish grouping allows.

    A group of 1–3 digits takes every following 3-digit group ("32 611 450"); a longer group stands alone,
    so "2024 611 450" is 2024 and 611 450, "1.8.2024" is 1, 8 and 2024, and "1 558 300" is never 558 300.
    """
    numbers: list[int] = []
    i = 0
    while i < len(run):
        j = i + 1
        if len(run[i]) <= 3:
            while j < len(run) and len(run[j]) == 3:
                j += 1
        digits = "".join(run[i:j])
        if len(digits) <= MAX_DIGITS:
            numbers.append(int(digits))
        i = j
    return numbers


def numbers_in(text: str) -> frozenset[int]:
    """Every whole number the text states, as absolute values (an answer may print "−32 611 450 €").

    Decimals ("4,2 %") are read as two numbers, which is harmless: required numbers are whole euros.
    """
    return frozenset(number for run in digit_runs(text) for number in read_run(run))


def format_number(value: int) -> str:
    """A whole number with Finnish thousands grouping (no-break spaces): 32611450 -> '32 611 450'."""
    return f"{value:,}".replace(",", "\u00a0")
