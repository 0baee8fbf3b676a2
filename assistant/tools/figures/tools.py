"""Figure tools over the budget cells: lookup, change between columns, ranking, sums (integer arithmetic).

The tools are plain typed methods with docstrings so that they can be handed to a language model as
tools as they are; every result carries the cells it used (table, row, column, source line).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.errors import FigureNotFound
from assistant.language.formatting import percent_tenths, tenths_to_float
from corpus.records import BudgetCell, Column
from corpus.store import Corpus
from corpus.text import fold

BOARD = "TOIMIALA"


@dataclass(frozen=True)
class FigureResult:
    """One figure as printed in a table, in whole euros (costs are negative)."""

    cell: BudgetCell

    @property
    def value(self) -> int:
        return self.cell.value


@dataclass(frozen=True)
class ChangeResult:
    """How a row changes between two columns.

    `difference` is table arithmetic (end − start, signs as printed); `magnitude_change` is the change
    in the amount (|end| − |start|), so shrinking costs are a negative magnitude change; `percent_tenths`
    is that change relative to |start| in tenths of a percent, None when it is undefined (start 0 or
    the sign flips).
    """

    start: BudgetCell
    end: BudgetCell
    difference: int
    magnitude_change: int
    percent_tenths: int | None

    @property
    def percent(self) -> float | None:
        return None if self.percent_tenths is None else tenths_to_float(self.percent_tenths)

    @property
    def cells(self) -> tuple[BudgetCell, ...]:
        return (self.start, self.end)


@dataclass(frozen=True)
class RankingResult:
    """Cells of one row and column ordered by amount (absolute value), with the areas lacking the row."""

    item: str
    column: Column
    cells: tuple[BudgetCell, ...]
    descending: bool
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShareResult:
    """An area's figure as a share of the whole board's figure on the same row (tenths of a percent)."""

    part: BudgetCell
    whole: BudgetCell
    percent_tenths: int | None  # None when the board's figure is 0

    @property
    def percent(self) -> float | None:
        return None if self.percent_tenths is None else tenths_to_float(self.percent_tenths)

    @property
    def cells(self) -> tuple[BudgetCell, ...]:
        return (self.part, self.whole)


@dataclass(frozen=True)
class SumResult:
    """The integer sum of several cells, which are kept as provenance."""

    cells: tuple[BudgetCell, ...]
    total: int


def as_column(column: str | Column) -> Column:
    """A Column from a label such as 'TA 2024' (case and spacing tolerant)."""
    if isinstance(column, Column):
        return column
    text = column.strip().upper().replace("-", " ")
    if len(text) > 2 and text[2] != " ":
        text = text[:2] + " " + text[2:]
    try:
        return Column.parse(" ".join(text.split()))
    except ValueError:
        raise FigureNotFound(f"not a column label: {column!r}; use e.g. 'TP 2022', 'TA 2024' or 'TS 2026'") from None


class Figures:
    """The figure tools, bound to one set of budget cells."""

    def __init__(self, cells: Iterable[BudgetCell], board: str = BOARD) -> None:
        self.cells: tuple[BudgetCell, ...] = tuple(cells)
        self.board = board
        self._by_key: dict[tuple[str, str, Column], list[BudgetCell]] = {}
        self._by_row: dict[tuple[str, str], list[BudgetCell]] = {}
        for cell in self.cells:
            self._by_key.setdefault((cell.area, fold(cell.item), cell.column), []).append(cell)
            self._by_row.setdefault((cell.area, fold(cell.item)), []).append(cell)

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> Figures:
        """Figure tools over every cell of the corpus."""
        return cls(corpus.cells)

    # --- what exists ---------------------------------------------------------------------------

    def areas(self) -> tuple[str, ...]:
        """Area codes with figures, the whole board first."""
        codes = list(dict.fromkeys(cell.area for cell in self.cells))
        return tuple(sorted(codes, key=lambda code: (code != self.board, codes.index(code))))

    def service_areas(self) -> tuple[str, ...]:
        """Area codes other than the whole board."""
        return tuple(code for code in self.areas() if code != self.board)

    def tables(self, area: str | None = None) -> tuple[str, ...]:
        """Table ids (in document order), optionally only those with figures of `area`."""
        cells = sorted(self.cells, key=lambda cell: cell.line)
        return tuple(dict.fromkeys(c.table for c in cells if area is None or c.area == area))

    def items(self, area: str, table: str | None = None) -> tuple[str, ...]:
        """The rows an area has (in printed order), optionally within one table."""
        cells = sorted(self._cells(area=area, table=table), key=lambda cell: (self._table_rank(cell.table), cell.line))
        return tuple(dict.fromkeys(cell.item for cell in cells))

    def columns(self, area: str | None = None, item: str | None = None) -> tuple[Column, ...]:
        """The columns with figures, optionally for one area and row."""
        cells = self._cells(area=area, item=item)
        return tuple(sorted({cell.column for cell in cells}))

    def has_item(self, area: str, item: str, table: str | None = None) -> bool:
        """Whether the area's tables have the row."""
        return any(True for _ in self._cells(area=area, item=item, table=table))

    # --- the tools -----------------------------------------------------------------------------

    def lookup_figure(self, area: str, item: str, column: str | Column, table: str | None = None) -> FigureResult:
        """The figure of one row (e.g. 'Henkilöstökulut') of an area (HYTE, OPKOU, VAKA, VIRE or TOIMIALA for
        the whole board) in one column ('TP 2022', 'TA 2023', 'TA 2024', 'TS 2025', 'TS 2026'), in euros;
        costs are negative. `table` picks a table when several have the row (e.g. 'investoinnit')."""
        return FigureResult(self._cell(area, item, as_column(column), table))

    def figure_change(
        self, area: str, item: str, from_column: str | Column, to_column: str | Column, table: str | None = None
    ) -> ChangeResult:
        """How one row of an area changes from one column to another, in euros and percent (one decimal)."""
        start = self._cell(area, item, as_column(from_column), table)
        end = self._cell(area, item, as_column(to_column), table, prefer=start.table)
        magnitude = abs(end.value) - abs(start.value)
        flips = start.value * end.value < 0
        tenths = None if start.value == 0 or flips else percent_tenths(magnitude, abs(start.value))
        return ChangeResult(start, end, end.value - start.value, magnitude, tenths)

    def figure_share(self, area: str, item: str, column: str | Column) -> ShareResult:
        """How large a share (percent, one decimal) one area's row is of the same row for the whole board."""
        col = as_column(column)
        part = self._cell(area, item, col, None)
        whole = self._cell(self.board, item, col, None)
        tenths = None if whole.value == 0 else percent_tenths(abs(part.value), abs(whole.value))
        return ShareResult(part, whole, tenths)

    def rank_areas(
        self, item: str, column: str | Column, descending: bool = True, areas: Sequence[str] | None = None
    ) -> RankingResult:
        """Service areas (not the whole board) ordered by the amount of one row in one column, largest first
        unless `descending` is False; `areas` restricts the comparison."""
        col = as_column(column)
        candidates = [self._norm_area(a) for a in areas] if areas else list(self.service_areas())
        found: list[BudgetCell] = []
        missing: list[str] = []
        for area in candidates:
            try:
                found.append(self._cell(area, item, col, None))
            except FigureNotFound:
                missing.append(area)
        if not found:
            raise FigureNotFound(
                f"no area has row {item!r} in column {col.label}; rows: {', '.join(self._all_items())}"
            )
        ordered = sorted(found, key=lambda cell: abs(cell.value), reverse=descending)
        return RankingResult(item=ordered[0].item, column=col, cells=tuple(ordered), descending=descending, missing=tuple(missing))

    def rank_items(
        self, area: str, items: Sequence[str], column: str | Column, descending: bool = True
    ) -> RankingResult:
        """Rows of one area (e.g. its cost rows) ordered by amount in one column, largest first."""
        col = as_column(column)
        code = self._norm_area(area)
        found = [self._cell(code, item, col, None) for item in items if self.has_item(code, item)]
        if not found:
            raise FigureNotFound(f"area {code!r} has none of the rows {list(items)}; rows: {', '.join(self.items(code))}")
        ordered = sorted(found, key=lambda cell: abs(cell.value), reverse=descending)
        missing = tuple(item for item in items if not self.has_item(code, item))
        return RankingResult(item="", column=col, cells=tuple(ordered), descending=descending, missing=missing)

    def sum_figures(
        self,
        areas: Sequence[str],
        items: Sequence[str],
        columns: Sequence[str | Column],
        table: str | None = None,
    ) -> SumResult:
        """The sum in euros of every combination of the given areas, rows and columns (each must exist)."""
        cells = tuple(
            self._cell(area, item, as_column(column), table) for area in areas for item in items for column in columns
        )
        if not cells:
            raise FigureNotFound("nothing to sum: give at least one area, row and column")
        return SumResult(cells=cells, total=sum(cell.value for cell in cells))

    # --- internals -----------------------------------------------------------------------------

    def _cells(
        self, area: str | None = None, item: str | None = None, table: str | None = None
    ) -> Iterable[BudgetCell]:
        code = self._norm_area(area) if area is not None else None
        folded_item = fold(item).strip() if item is not None else None
        pool = self._by_row.get((code, folded_item), []) if code is not None and folded_item is not None else self.cells
        for cell in pool:
            if code is not None and cell.area != code:
                continue
            if folded_item is not None and fold(cell.item) != folded_item:
                continue
            if table is not None and not self._table_matches(cell, table):
                continue
            yield cell

    def _cell(
        self, area: str, item: str, column: Column, table: str | None, prefer: str | None = None
    ) -> BudgetCell:
        code = self._norm_area(area)
        matches = [
            cell
            for cell in self._by_key.get((code, fold(item).strip(), column), [])
            if table is None or self._table_matches(cell, table)
        ]
        if not matches:
            raise FigureNotFound(self._missing_message(code, item, column, table))
        matches.sort(key=lambda cell: (cell.table != prefer, self._table_rank(cell.table), cell.line))
        return matches[0]

    def _missing_message(self, area: str, item: str, column: Column, table: str | None) -> str:
        where = f" in table {table!r}" if table else ""
        if area not in self.areas():
            return f"no figures for area {area!r}; areas: {', '.join(self.areas())}"
        if not self.has_item(area, item, table):
            rows = ", ".join(self.items(area, table))
            return f"area {area!r} has no row {item!r}{where}; its rows: {rows}"
        labels = ", ".join(col.label for col in self.columns(area, item))
        return f"area {area!r} row {item!r} has no column {column.label}{where}; its columns: {labels}"

    def _all_items(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(cell.item for cell in sorted(self.cells, key=lambda c: c.line)))

    def _norm_area(self, area: str) -> str:
        return area.strip().upper()

    @staticmethod
    def _table_matches(cell: BudgetCell, table: str) -> bool:
        wanted = fold(table)
        return cell.table == table or wanted in fold(cell.table) or wanted in fold(cell.table_title)

    @staticmethod
    def _table_rank(table: str) -> int:
        # Investments repeat the names Menot/Netto; operating tables answer unless asked otherwise.
        return 1 if "investoin" in fold(table) else 0
