"""Executing a FigureQuery over the plan's cells: every operation in integer arithmetic, every cell kept.

Amounts are compared by size (|value|: costs are printed negative); a change is |end| − |start| and its percent
is relative to |start|; a share is |part| / |whole|; percentages are in tenths, rounded half away from zero
(the Finnish way, exact); a mean is rounded to whole euros the same way. Nothing is read from anywhere but the
cells, and each result carries the cells it used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise

from assistant.errors import FigureNotFound
from assistant.language.formatting import percent_tenths, round_half_away
from assistant.tools.figures.plan import Plan
from assistant.tools.figures.query import FigureQuery
from corpus.records import BudgetCell, Column


@dataclass(frozen=True)
class Change:
    """One row of one area from a column to another: table difference, change in size and its percent."""

    start: BudgetCell
    end: BudgetCell
    difference: int  # end − start, signs as printed
    magnitude: int  # |end| − |start|: growing costs are a positive change
    percent_tenths: int | None  # magnitude / |start|; None when start is 0 or the sign flips

    @property
    def cells(self) -> tuple[BudgetCell, ...]:
        return (self.start, self.end)


def change_of(start: BudgetCell, end: BudgetCell) -> Change:
    """The change from one cell to another."""
    magnitude = abs(end.value) - abs(start.value)
    undefined = start.value == 0 or start.value * end.value < 0
    return Change(start, end, end.value - start.value, magnitude, None if undefined else percent_tenths(magnitude, abs(start.value)))


@dataclass(frozen=True)
class Lookup:
    cells: tuple[BudgetCell, ...]


@dataclass(frozen=True)
class Changes:
    changes: tuple[Change, ...]

    @property
    def cells(self) -> tuple[BudgetCell, ...]:
        return tuple(cell for change in self.changes for cell in change.cells)


@dataclass(frozen=True)
class Series:
    """One row of one area over several columns, with each step and the change over the whole span."""

    cells: tuple[BudgetCell, ...]
    steps: tuple[Change, ...]
    overall: Change


@dataclass(frozen=True)
class Trend:
    series: tuple[Series, ...]

    @property
    def cells(self) -> tuple[BudgetCell, ...]:
        return tuple(cell for series in self.series for cell in series.cells)


@dataclass(frozen=True)
class Total:
    """A sum of cells; `board_equal` is the board's own cell when the areas' sum is exactly the board's row."""

    cells: tuple[BudgetCell, ...]
    total: int
    board_equal: BudgetCell | None = None


@dataclass(frozen=True)
class Mean:
    cells: tuple[BudgetCell, ...]
    total: int
    mean: int  # whole euros, halves away from zero


@dataclass(frozen=True)
class Average:
    means: tuple[Mean, ...]

    @property
    def cells(self) -> tuple[BudgetCell, ...]:
        return tuple(cell for mean in self.means for cell in mean.cells)


@dataclass(frozen=True)
class Share:
    part: tuple[BudgetCell, ...]
    whole: tuple[BudgetCell, ...]
    part_total: int
    whole_total: int
    percent_tenths: int | None  # None when the whole is 0

    @property
    def cells(self) -> tuple[BudgetCell, ...]:
        return tuple(dict.fromkeys((*self.part, *self.whole)))


@dataclass(frozen=True)
class Difference:
    first: BudgetCell
    second: BudgetCell
    magnitude: int  # |first| − |second|
    difference: int  # first − second, signs as printed

    @property
    def cells(self) -> tuple[BudgetCell, ...]:
        return (self.first, self.second)


@dataclass(frozen=True)
class Ranked:
    """One entry of a ranking: what it is (an area code, a row or a column label), its cells and its measure."""

    key: str
    cells: tuple[BudgetCell, ...]
    value: int | None  # |amount|, the change in euros or the change in tenths of a percent
    change: Change | None = None


@dataclass(frozen=True)
class Ranking:
    """Entries in order (all of them), how many were asked for, groups of equal values, keys lacking the row."""

    entries: tuple[Ranked, ...]
    shown: int
    ties: tuple[tuple[str, ...], ...]
    missing: tuple[str, ...]

    @property
    def cells(self) -> tuple[BudgetCell, ...]:
        return tuple(cell for entry in self.entries[: self.shown] for cell in entry.cells)


@dataclass(frozen=True)
class Existence:
    """Which areas' tables print a row, and for those that do, its cells in the asked columns."""

    row: str
    columns: tuple[Column, ...]
    present: tuple[BudgetCell, ...]
    absent: tuple[str, ...]

    @property
    def cells(self) -> tuple[BudgetCell, ...]:
        return self.present

    @property
    def zero(self) -> tuple[str, ...]:
        """Areas that print the row with 0 € in every asked column."""
        areas = tuple(dict.fromkeys(cell.area for cell in self.present))
        return tuple(a for a in areas if all(cell.value == 0 for cell in self.present if cell.area == a))


@dataclass(frozen=True)
class Composition:
    """A row as the sum of its terms (rows of its table, or the service areas' same row), with the check."""

    total: BudgetCell
    terms: tuple[str, ...]
    term_cells: tuple[BudgetCell, ...]  # cells of the terms the table prints (a missing term is 0)
    expected: int
    over_areas: bool

    @property
    def cells(self) -> tuple[BudgetCell, ...]:
        return (self.total, *self.term_cells)

    @property
    def rounding(self) -> int:
        return self.total.value - self.expected


Result = Lookup | Changes | Trend | Total | Average | Share | Difference | Ranking | Existence | Composition


def execute(query: FigureQuery, plan: Plan) -> Result:
    """Run a query; raises FigureNotFound when a cell it needs does not exist or the query names none."""
    if not (query.areas and query.columns) or (query.operation != "ranking" and not query.rows):
        raise FigureNotFound(f"a {query.operation} needs areas, rows and columns: {query.areas}, {query.rows}, {query.columns}")
    return RUNNERS[query.operation](query, plan)


def _cell(plan: Plan, area: str, row: str, column: Column) -> BudgetCell:
    cell = plan.cell(area, row, column)
    if cell is None:
        raise FigureNotFound(f"no cell for area {area!r}, row {row!r}, column {column.label}")
    return cell


def _lookup(query: FigureQuery, plan: Plan) -> Lookup:
    return Lookup(tuple(_cell(plan, a, r, c) for a in query.areas for r in query.rows for c in query.columns))


def _change(query: FigureQuery, plan: Plan) -> Changes:
    start, end = query.columns[0], query.columns[-1]
    return Changes(tuple(
        change_of(_cell(plan, a, r, start), _cell(plan, a, r, end)) for a in query.areas for r in query.rows
    ))


def _trend(query: FigureQuery, plan: Plan) -> Trend:
    series: list[Series] = []
    for area in query.areas:
        for row in query.rows:
            cells = tuple(_cell(plan, area, row, column) for column in sorted(query.columns))
            steps = tuple(change_of(a, b) for a, b in pairwise(cells))
            series.append(Series(cells, steps, change_of(cells[0], cells[-1])))
    return Trend(tuple(series))


def _sum(query: FigureQuery, plan: Plan) -> Total:
    cells = _lookup(query, plan).cells
    total = sum(cell.value for cell in cells)
    board_equal = None
    with_row = {area for area in plan.areas if len(query.rows) == 1 and plan.has(area, query.rows[0])}
    if set(query.areas) == with_row and len(query.rows) == len(query.columns) == 1:
        board = plan.cell(plan.board, query.rows[0], query.columns[0])
        if board is not None and board.value == total:
            board_equal = board
    return Total(cells, total, board_equal)


def _average(query: FigureQuery, plan: Plan) -> Average:
    groups: list[tuple[BudgetCell, ...]] = []
    if query.along == "areas":
        for row in query.rows:
            for column in query.columns:
                groups.append(tuple(_cell(plan, area, row, column) for area in query.areas))
    else:
        for area in query.areas:
            for row in query.rows:
                groups.append(tuple(_cell(plan, area, row, column) for column in query.columns))
    means = []
    for cells in groups:
        total = sum(cell.value for cell in cells)
        means.append(Mean(cells, total, round_half_away(total, len(cells))))
    return Average(tuple(means))


def _share(query: FigureQuery, plan: Plan) -> Share:
    if query.along == "rows":
        part: tuple[BudgetCell, ...] = (_cell(plan, query.areas[0], query.rows[0], query.columns[0]),)
        whole: tuple[BudgetCell, ...] = (_cell(plan, query.areas[0], query.rows[-1], query.columns[0]),)
    elif query.along == "areas":
        part = (_cell(plan, query.areas[0], query.rows[0], query.columns[0]),)
        whole = (_cell(plan, query.areas[-1], query.rows[0], query.columns[0]),)
    else:  # a column of the sum of every listed column
        part = (_cell(plan, query.areas[0], query.rows[0], query.columns[0]),)
        whole = tuple(_cell(plan, query.areas[0], query.rows[0], column) for column in sorted(query.columns))
    part_total = sum(cell.value for cell in part)
    whole_total = sum(cell.value for cell in whole)
    tenths = None if whole_total == 0 else percent_tenths(abs(part_total), abs(whole_total))
    return Share(part, whole, part_total, whole_total, tenths)


def _difference(query: FigureQuery, plan: Plan) -> Difference:
    column = query.columns[0]
    if query.along == "rows":
        first = _cell(plan, query.areas[0], query.rows[0], column)
        second = _cell(plan, query.areas[0], query.rows[1], column)
    else:
        first = _cell(plan, query.areas[0], query.rows[0], column)
        second = _cell(plan, query.areas[1], query.rows[0], column)
    return Difference(first, second, abs(first.value) - abs(second.value), first.value - second.value)


def _ranking(query: FigureQuery, plan: Plan) -> Ranking:
    entries: list[Ranked] = []
    missing: list[str] = []
    start, end = query.columns[0], query.columns[-1]
    for key, area, row, columns in _rank_keys(query):
        cells = [plan.cell(area, row, column) for column in columns]
        if any(cell is None for cell in cells):
            missing.append(key)
            continue
        present = tuple(cell for cell in cells if cell is not None)
        if query.measure == "amount":
            entries.append(Ranked(key, present, abs(present[0].value)))
        else:
            change = change_of(_cell(plan, area, row, start), _cell(plan, area, row, end))
            value = change.magnitude if query.measure == "change" else change.percent_tenths
            entries.append(Ranked(key, change.cells, value, change))
    if not entries:
        raise FigureNotFound(f"nothing to rank: {', '.join(missing)} lack the row")
    descending = query.order == "desc"
    known = sorted((e for e in entries if e.value is not None), key=lambda e: e.value or 0, reverse=descending)
    ordered = (*known, *(e for e in entries if e.value is None))  # an undefined percent goes last
    shown = len(ordered) if query.top is None else min(query.top, len(ordered))
    while shown < len(ordered) and ordered[shown].value is not None and ordered[shown].value == ordered[shown - 1].value:
        shown += 1  # a tie at the cut is listed, not dropped
    ties = tuple(
        keys for _, group in groupby(known, key=lambda e: e.value) if len(keys := tuple(e.key for e in group)) > 1
    )
    return Ranking(ordered, shown, ties, tuple(missing))


def _rank_keys(query: FigureQuery) -> Sequence[tuple[str, str, str, tuple[Column, ...]]]:
    """(key, area, row, columns) of each entry a ranking compares."""
    if query.along == "rows":
        columns = (query.columns[0],) if query.measure == "amount" else (query.columns[0], query.columns[-1])
        return [(row, query.areas[0], row, columns) for row in query.rows]
    if query.along == "columns":
        return [(column.label, query.areas[0], query.rows[0], (column,)) for column in query.columns]
    columns = (query.columns[0],) if query.measure == "amount" else (query.columns[0], query.columns[-1])
    return [(area, area, query.rows[0], columns) for area in query.areas]


def _existence(query: FigureQuery, plan: Plan) -> Existence:
    row = query.rows[0]
    present: list[BudgetCell] = []
    absent: list[str] = []
    for area in query.areas:
        cells = [cell for column in query.columns if (cell := plan.cell(area, row, column)) is not None]
        if cells:
            present.extend(cells)
        else:
            absent.append(area)
    return Existence(row, query.columns, tuple(present), tuple(absent))


def _identity(query: FigureQuery, plan: Plan) -> Composition:
    area, row, column = query.areas[0], query.rows[0], query.columns[0]
    identity = plan.identity(area, row, column)
    if identity is None:
        raise FigureNotFound(f"row {row!r} of area {area!r} is not a sum of other rows in the plan")
    total = _cell(plan, area, row, column)
    if identity.over_areas:
        term_cells = tuple(c for code in identity.terms if (c := plan.cell(code, row, column)) is not None)
    else:
        term_cells = tuple(c for term in identity.terms if (c := plan.cell(area, term, column)) is not None)
    return Composition(total, identity.terms, term_cells, identity.check.expected, identity.over_areas)


RUNNERS: dict[str, Callable[[FigureQuery, Plan], Result]] = {
    "lookup": _lookup,
    "change": _change,
    "trend": _trend,
    "sum": _sum,
    "average": _average,
    "share": _share,
    "difference": _difference,
    "ranking": _ranking,
    "existence": _existence,
    "identity": _identity,
}
