"""The evidence an LLM answer is checked against: the numbers it states, each with what it is about.

Numbers come from three places: typed tool results and figures (a budget cell knows its column, area and
sign), passages (read with `number_context`, so "TA 2024 −8 409 500 €" keeps its column), and bare
allowed values. Dates and years are kept apart from amounts: a date never licenses an amount.
"""

from __future__ import annotations

import bisect
import dataclasses
import decimal
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assistant.language.number_context import ColumnMark, NumberInContext, read_in_context
from assistant.language.numbers import SEP, blank_list_markers, read_numbers
from assistant.tools.figures.tools import ChangeResult, ShareResult, SumResult
from assistant.types import FigureRef
from corpus.records import BudgetCell, Column

# OCR-damaged evidence ("32 611450") and table rows printing several figures in one run of digit groups
# ("960 796 712 500 620 000") are read every way the groups can be joined; a regular run of up to three
# groups is read only as the one number it spells.
_DIGIT_RUN = re.compile(rf"[0-9]+(?:{SEP}[0-9]+)*")
_COLUMN_LABEL = re.compile(r"\b(TP|TA|TS) ((?:19|20)[0-9]{2})\b")
MAX_RUN_GROUPS = 5
MAX_DIGITS = 30
MAX_DEPTH = 8


@dataclass(frozen=True)
class EvidenceText:
    """A passage as the model saw it: its text, and its section path (whose areas and years count)."""

    text: str
    title: str = ""


@dataclass(frozen=True)
class Fact:
    """An amount the evidence states; an empty set or 0 means the evidence does not say."""

    value: Decimal  # absolute, scaled
    sign: int = 0  # −1, +1, or 0 when unsigned
    unit: str = ""  # "€", "%" or ""
    columns: frozenset[ColumnMark] = frozenset()
    areas: frozenset[str] = frozenset()
    directions: frozenset[int] = frozenset()  # +1 growth, −1 decline (for changes)


@dataclass(frozen=True)
class Evidence:
    """Everything an answer may state: amounts (sorted by value), years, dates and the words of the texts."""

    facts: tuple[Fact, ...]  # sorted by value
    years: frozenset[int]
    dates: frozenset[tuple[int, int, int | None]]
    texts: tuple[str, ...]
    values: tuple[Decimal, ...] = ()  # the facts' values, for bisection
    # Every way of joining the digit groups of irregular runs ("32 611450"): guesses, so they support only a
    # number written in full, and say nothing about its column or area.
    joined: frozenset[Decimal] = frozenset()

    def near(self, target: Decimal, tolerance: Decimal, limit: int) -> Iterator[Fact]:
        """Facts within `tolerance` of `target`, nearest first, at most `limit` of them."""
        values = self.values
        low = bisect.bisect_left(values, target - tolerance)
        high = bisect.bisect_right(values, target + tolerance)
        middle = bisect.bisect_left(values, target, low, high)
        below, above = middle - 1, middle
        for _ in range(min(limit, high - low)):
            if above < high and (below < low or values[above] - target <= target - values[below]):
                yield self.facts[above]
                above += 1
            else:
                yield self.facts[below]
                below -= 1


def build_evidence(
    passages: Iterable[EvidenceText | str],
    results: Iterable[Any] = (),
    allowed_numbers: Iterable[int | float | Decimal | str] = (),
) -> Evidence:
    """Evidence from passages, typed tool results (cells, figures, changes, goals…) and bare allowed numbers."""
    facts: list[Fact] = []
    years: set[int] = set()
    dates: set[tuple[int, int, int | None]] = set()
    texts: list[EvidenceText] = [p if isinstance(p, EvidenceText) else EvidenceText(p) for p in passages]
    for result in results:
        _walk(result, facts, texts, years, "", 0)
    for item in allowed_numbers:
        if isinstance(item, str):
            texts.append(EvidenceText(item))
        elif isinstance(item, (int, float, Decimal)) and not isinstance(item, bool):
            number = _decimal(item)
            if number is not None:
                facts.append(Fact(abs(number), _sign(number)))
    joined: set[Decimal] = set()
    for passage in texts:
        _read_text(passage, facts, years, dates, joined)
    ordered = tuple(sorted(set(facts), key=lambda fact: fact.value))
    words = tuple(t for p in texts for t in (p.text, p.title) if t)
    values = tuple(fact.value for fact in ordered)
    return Evidence(ordered, frozenset(years), frozenset(dates), words, values, frozenset(joined))


def _read_text(
    passage: EvidenceText,
    facts: list[Fact],
    years: set[int],
    dates: set[tuple[int, int, int | None]],
    joined: set[Decimal],
) -> None:
    text = blank_list_markers(passage.text)
    for number in read_in_context(text, passage.title):
        mention = number.mention
        if mention.overflow:
            continue
        if mention.kind == "date":
            assert mention.date is not None
            day, month, year = mention.date
            dates |= {(day, month, year), (day, month, None)}
            if year:
                years.add(year)
            # "4.2." may be a decimal; only the year-less form keeps that reading.
            if year is None:
                facts.append(_text_fact(number, mention.amount))
        elif mention.kind == "year":
            years.add(int(mention.value))
        else:
            facts.extend(_text_fact(number, value) for value in mention.readings)
    for mention in read_numbers(passage.title, words=False):
        if mention.kind == "year":
            years.add(int(mention.value))
    joined.update(_joined_runs(text))


def _text_fact(number: NumberInContext, value: Decimal) -> Fact:
    mention = number.mention
    return Fact(value, mention.sign, mention.unit, number.columns, number.areas, number.directions)


def _joined_runs(text: str) -> Iterator[Decimal]:
    """Every joining of up to MAX_RUN_GROUPS neighbouring digit groups of an irregular run."""
    for run in _DIGIT_RUN.finditer(text):
        groups = re.split(SEP, run.group(0))
        if _regular(groups) and len(groups) <= 3:
            continue  # "32 611 450" is one figure, read already; "32 611" must not count as printed
        for i in range(len(groups)):
            for j in range(i + 1, min(len(groups), i + MAX_RUN_GROUPS) + 1):
                digits = "".join(groups[i:j])
                if len(digits) <= MAX_DIGITS:
                    yield Decimal(digits)


def _regular(groups: Sequence[str]) -> bool:
    """Whether digit groups are grouped as one number would be: 1-3 digits, then groups of exactly 3."""
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


# --- typed results ------------------------------------------------------------------------------

def _walk(value: Any, facts: list[Fact], texts: list[EvidenceText], years: set[int], area: str, depth: int) -> None:
    """Facts from typed values; the strings inside them become passages (titled by their area, if any)."""
    if depth > MAX_DEPTH or value is None or isinstance(value, bool):
        return
    if isinstance(value, BudgetCell):
        facts.append(cell_fact(value))
        years.add(value.column.year)
    elif isinstance(value, FigureRef):
        facts.append(figure_fact(value))
        years |= {mark.year for mark in _label_marks(value.column)}
    elif isinstance(value, ChangeResult):
        facts.extend(change_facts(value))
        years |= {value.start.column.year, value.end.column.year}
    elif isinstance(value, ShareResult):
        facts.extend((cell_fact(value.part), cell_fact(value.whole)))
        if value.percent is not None:
            facts.append(Fact(abs(Decimal(str(value.percent))), 0, "%", _marks(value.part.column), frozenset({value.part.area})))
        years.add(value.part.column.year)
    elif isinstance(value, SumResult):
        facts.extend(cell_fact(cell) for cell in value.cells)
        columns = frozenset(mark for cell in value.cells for mark in _marks(cell.column))
        areas = frozenset(cell.area for cell in value.cells)
        facts.append(Fact(abs(Decimal(value.total)), _sign(value.total), "€", columns, areas))
        years |= {mark.year for mark in columns}
    elif isinstance(value, str):
        texts.append(EvidenceText(value, area))
    elif isinstance(value, Column):
        years.add(value.year)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        own_area = getattr(value, "area", area)
        own_area = own_area if isinstance(own_area, str) else area
        for field in dataclasses.fields(value):
            _walk(getattr(value, field.name), facts, texts, years, own_area, depth + 1)
    elif isinstance(value, Mapping):
        for item in value.values():
            _walk(item, facts, texts, years, area, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _walk(item, facts, texts, years, area, depth + 1)
    # Other numbers inside typed results (line numbers, years, counts of tenths) are no amounts.


def cell_fact(cell: BudgetCell) -> Fact:
    """A budget cell: its value with its sign, column and area."""
    return Fact(abs(Decimal(cell.value)), _sign(cell.value), "€", _marks(cell.column), frozenset({cell.area}))


def figure_fact(figure: FigureRef) -> Fact:
    """A figure an answer states: value, unit, the column(s) in its label and its area."""
    number = _decimal(figure.value) or Decimal(0)
    unit = figure.unit if figure.unit in ("€", "%") else ""
    return Fact(abs(number), _sign(number), unit, _label_marks(figure.column), frozenset({figure.area}))


def change_facts(change: ChangeResult) -> list[Fact]:
    """Both cells, the difference, the change in amount and the percent; all point the amount's way."""
    columns = _marks(change.start.column) | _marks(change.end.column)
    areas = frozenset({change.start.area, change.end.area})
    direction = frozenset({_sign(change.magnitude_change)}) - {0}
    facts = [cell_fact(change.start), cell_fact(change.end)]
    for amount in (change.difference, change.magnitude_change):
        facts.append(Fact(abs(Decimal(amount)), _sign(amount), "€", columns, areas, direction))
    if change.percent is not None:
        percent = Decimal(str(change.percent))
        facts.append(Fact(abs(percent), _sign(percent), "%", columns, areas, direction))
    return facts


def _marks(column: Column) -> frozenset[ColumnMark]:
    return frozenset({ColumnMark(column.year, column.kind)})


def _label_marks(label: str) -> frozenset[ColumnMark]:
    return frozenset(ColumnMark(int(year), kind) for kind, year in _COLUMN_LABEL.findall(label))


def _sign(value: int | float | Decimal) -> int:
    return (value > 0) - (value < 0)


def _decimal(value: int | float | Decimal) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except decimal.InvalidOperation:
        return None
    return number if number.is_finite() else None
