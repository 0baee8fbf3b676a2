"""Years in a question: written out, as column labels ("TA 2024"), as ranges, relative ("ensi vuonna") or as a
count of years from the plan year ("kolmena vuonna").

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
    (re.compile(rf"\b(ensi|ens|{_NEXT}|tuleva\w*) ?vuo"), +1),  # "ens vuonna", "ensvuonna": spoken "ensi"
    (re.compile(r"\b(tana|taman|kuluva\w*|nyky) ?vuo"), 0),
    (re.compile(rf"\b(viime|{_BEFORE}|mennee\w*) ?vuo"), -1),
    (re.compile(r"\btoissa ?vuo"), -2),
)
# A count of years ("kolmena vuonna", "kolmelle vuodelle", "kahden seuraavan vuoden aikana", "3 vuoden"): that many years from the plan
# year (from the year after it with "seuraava"/"tuleva"/"ensi"), a span of the plan's columns.
_COUNT_WORDS = {"kah": 2, "2": 2, "kolm": 3, "3": 3, "nelj": 4, "4": 4, "viit": 5, "viid": 5, "5": 5}
_YEAR_COUNT = re.compile(
    r"\b(kah(?:den|tena|dessa|delle|deksi)|kolme(?:n|na|ssa|lle|ksi)?|nelj(?:an|ana|assa|alle|aksi)|vii(?:den|tena|dessa|delle|deksi)|[2-5])"
    rf"\s+(?:({_NEXT}|tuleva\w*|ensi)\s+)?(?:vuode\w*|vuote\w*|vuonna|vuotta)\b(?!\s+sitten)"
)
# Years ago, counted from the plan year as "viime vuonna" is ("kaksi vuotta sitten" = two years before it).
_AGO = re.compile(r"\b(vuosi|kaksi|kolme|nelja|viisi|[1-9])\s+(?:vuotta\s+)?sitten\b")
_AGO_COUNTS = {"vuosi": 1, "kaksi": 2, "kolme": 3, "nelja": 4, "viisi": 5}
# ... or alone at the end of an elliptic follow-up ("ja sitä seuraavana?").
_STEP = re.compile(
    rf"\b(?:({_NEXT})|{_BEFORE}) ?vuo\w*|\b(?:(seuraava(?:na|lle|n)?)|edellise(?:n[aä]|lle|n)|edellinen)(?=[\s?!.]*$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class YearMention:
    """A year the question names, where (character offset in the folded text) and how."""

    year: int
    kind: str | None = None  # from an explicit label such as "TS 2025"
    offset: int | None = None  # relative words: years from the plan year (ensi vuonna = +1)
    at: int = 0
    end: int = 0  # relative words: where their match ends (in "ensi vuonna", inside "vuonna")
    span: bool = False  # an end of a count of years ("kolmena vuonna"): every column between is asked

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
    counted: list[tuple[int, int]] = []
    for match in _YEAR_COUNT.finditer(folded):
        count = next(n for prefix, n in _COUNT_WORDS.items() if match.group(1).startswith(prefix))
        first = 1 if match.group(2) else 0
        for offset in (first, first + count - 1):
            found.append(YearMention(plan_year + offset, offset=offset, at=match.start(), end=match.end(), span=True))
        counted.append((match.start(), match.end()))
    for match in _AGO.finditer(folded):
        word = match.group(1)
        offset = -(int(word) if word.isdigit() else _AGO_COUNTS[word])
        found.append(YearMention(plan_year + offset, offset=offset, at=match.start(), end=match.end()))
    for pattern, offset in _RELATIVE:
        for match in pattern.finditer(folded):
            if not any(start <= match.start() < end for start, end in counted):  # "seuraavana" of a count
                found.append(YearMention(plan_year + offset, offset=offset, at=match.start(), end=match.end()))
    return tuple(sorted(found, key=lambda mention: mention.at))


def starts_from(text: str, mention: YearMention) -> bool:
    """Whether a year is named as where something starts, in the elative: "vuodesta 2023", "2023:sta", "viime
    vuodesta" (a change from it, to the plan's year)."""
    folded = fold(text)
    if mention.relative:
        return folded[mention.end :].startswith("desta")  # "viime vuo|desta"
    before, after = folded[: mention.at].rstrip(), folded[mention.at + 4 :]
    return before.endswith(("vuodesta", "vuosilta")) or bool(_ELATIVE_ENDING.match(after))


_ELATIVE_ENDING = re.compile(r":?(?:sta|lta)\b")


def year_range_requested(text: str) -> bool:
    """Whether the question asks for a span of years ('2024–2026', 'vuosina 2024-2026', 'kolmena vuonna')."""
    folded = fold(text)
    return bool(_SHORT_YEAR_RANGE.search(folded) or _YEAR_COUNT.search(folded))


def step_from(text: str, years: Sequence[int]) -> str:
    """The text with "seuraavana vuonna" written as the year after the last of `years` and "edellisenä vuonna"
    as the year before the first (a follow-up steps from the years in focus); unchanged without years."""
    if not years:
        return text
    return _STEP.sub(lambda match: str(max(years) + 1 if match.group(1) or match.group(2) else min(years) - 1), text)


def steps_in(text: str) -> tuple[int, ...]:
    """The steps ("seuraavana vuonna" +1, "edellisenä vuonna" −1) the text takes from the years in focus."""
    return tuple(+1 if match.group(1) or match.group(2) else -1 for match in _STEP.finditer(text))
