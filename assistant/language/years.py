"""Years in a question: written out, as column labels ("TA 2024"), as ranges, or relative ("ensi vuonna").

A number is a year only where it is used as one: four digits 1900–2099 standing alone, not a date
(1.8.2024), not inside a code or name (CAF2020) and not a money amount (2 024 €).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.text import fold

_LABEL = re.compile(r"\b(tp|ta|ts)\s*-?\s*((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![0-9.,a-z])((?:19|20)\d\d)(?![0-9]|\s?(?:€|e\b|eur))")
_SHORT_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|—|\.\.)\s*((?:19|20)?\d\d)\b")
# Words for the year after and the year before: alone they count from the plan year; in a conversation they step
# from the year in focus ("seuraavana vuonna", "edellisenä vuonna"; "ensi" and "viime" always count from now).
_NEXT = r"seuraava\w*"
_BEFORE = r"edellis\w*|edellinen"
# Relative years as offsets from the plan year ("ensi vuonna" = the year after the plan's).
_RELATIVE: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"\b(ensi|{_NEXT}|tuleva\w*) ?vuo"), +1),
    (re.compile(r"\b(tana|taman|kuluva\w*|nyky) ?vuo"), 0),
    (re.compile(rf"\b(viime|{_BEFORE}|mennee\w*) ?vuo"), -1),
    (re.compile(r"\btoissa ?vuo"), -2),
)
_STEP = re.compile(rf"\b(?:({_NEXT})|{_BEFORE}) ?vuo\w*", re.IGNORECASE)


@dataclass(frozen=True)
class YearMention:
    """A year the question names, where (character offset in the folded text) and how."""

    year: int
    kind: str | None = None  # from an explicit label such as "TS 2025"
    offset: int | None = None  # relative words: years from the plan year (ensi vuonna = +1)
    at: int = 0
    end: int = 0  # relative words: where their match ends (in "ensi vuonna", inside "vuonna")

    @property
    def relative(self) -> bool:
        return self.offset is not None


def find_years(text: str, plan_year: int) -> tuple[YearMention, ...]:
    """Years in question order: labels 'TA 2024', plain years, the end of a range '2024–26' and relative words."""
    folded = fold(text)
    found: list[YearMention] = []
    labelled: set[int] = set()
    for match in _LABEL.finditer(folded):
        found.append(YearMention(int(match.group(2)), match.group(1).upper(), at=match.start()))
        labelled.add(match.start(2))
    for match in _SHORT_YEAR_RANGE.finditer(folded):
        end = match.group(2)
        if len(end) == 2:  # "2024-26"
            start_year = int(match.group(1))
            end_year = start_year // 100 * 100 + int(end)
            if end_year > start_year:
                found.append(YearMention(end_year, at=match.start(2)))
    for match in _YEAR.finditer(folded):
        if match.start(1) not in labelled:
            found.append(YearMention(int(match.group(1)), at=match.start(1)))
    for pattern, offset in _RELATIVE:
        for match in pattern.finditer(folded):
            found.append(YearMention(plan_year + offset, offset=offset, at=match.start(), end=match.end()))
    return tuple(sorted(found, key=lambda mention: mention.at))


def year_range_requested(text: str) -> bool:
    """Whether the question asks for a span of years ('2024–2026', 'vuosina 2024-2026')."""
    return bool(_SHORT_YEAR_RANGE.search(fold(text)))


def step_from(text: str, years: Sequence[int]) -> str:
    """The text with "seuraavana vuonna" written as the year after the last of `years` and "edellisenä vuonna"
    as the year before the first (a follow-up steps from the years in focus); unchanged without years."""
    if not years:
        return text
    return _STEP.sub(lambda match: str(max(years) + 1 if match.group(1) else min(years) - 1), text)


def steps_in(text: str) -> tuple[int, ...]:
    """The steps ("seuraavana vuonna" +1, "edellisenä vuonna" −1) the text takes from the years in focus."""
    return tuple(+1 if match.group(1) else -1 for match in _STEP.finditer(text))
