"""Accounting identities that the budget tables must satisfy: they prove the parse and the errata."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from corpus.budget import (
    COST_LINES,
    MENOT,
    NETTO,
    POISTOT,
    RAHOITUS,
    REVENUE_LINES,
    TALOUSARVIO,
    TILIKAUDEN_TULOS,
    TOIMINTAKATE,
    TOIMINTAKULUT,
    TOIMINTATUOTOT,
    TULOSLASKELMA,
    TULOT,
    VUOSIKATE,
    area_table_id,
)
from corpus.manifest import Manifest
from corpus.records import BudgetCell, Column

TOLERANCE = 2  # euros: the printed document rounds its own subtotals by a euro or two


@dataclass(frozen=True)
class IdentityCheck:
    """One identity for one table column: the printed figure (`actual`) against the sum of its terms."""

    name: str
    table: str
    area: str
    column: Column
    expected: int
    actual: int
    difference: int  # actual - expected
    ok: bool
    item: str  # the printed figure that is checked
    terms: tuple[str, ...]  # what `expected` adds up
    lines: tuple[int, ...]  # source lines of every figure involved (checked item first)


_Key = tuple[str, str, str, Column]  # table, area, item, column


def check_identities(cells: Sequence[BudgetCell], manifest: Manifest) -> list[IdentityCheck]:
    """Check every identity the tables allow: line sums, subtotals, areas vs board, talousarvio vs tuloslaskelma."""
    grid: dict[_Key, BudgetCell] = {(c.table, c.area, c.item, c.column): c for c in cells}
    tables = list(dict.fromkeys((c.table, c.area) for c in cells))
    columns = sorted({c.column for c in cells})
    checks: list[IdentityCheck] = []
    for table, area in tables:
        for column in columns:
            checks.extend(_within_table(grid, table, area, column))
    checks.extend(_areas_add_up(grid, manifest, columns))
    checks.extend(_talousarvio_matches(grid, manifest, columns))
    return checks


def _within_table(grid: dict[_Key, BudgetCell], table: str, area: str, column: Column) -> Iterable[IdentityCheck]:
    def has(item: str) -> bool:
        return (table, area, item, column) in grid

    base = VUOSIKATE if has(VUOSIKATE) else TOIMINTAKATE  # areas without financial items have no vuosikate
    sums = (
        ("toimintatuotot", TOIMINTATUOTOT, REVENUE_LINES),
        ("toimintakulut", TOIMINTAKULUT, COST_LINES),
        ("toimintakate", TOIMINTAKATE, (TOIMINTATUOTOT, TOIMINTAKULUT)),
        ("vuosikate", VUOSIKATE, (TOIMINTAKATE, RAHOITUS)),
        ("tilikauden-tulos", TILIKAUDEN_TULOS, (base, POISTOT)),
        ("netto", NETTO, (TULOT, MENOT)),
    )
    for name, total, terms in sums:
        present = [(table, area, term, column) for term in terms if has(term)]
        if has(total) and present:
            # a line the table does not print is zero (HYTE has no maksutuotot, VIRE no rahoitus)
            yield _check(name, grid[(table, area, total, column)], [grid[key] for key in present], [k[2] for k in present])


def _areas_add_up(grid: dict[_Key, BudgetCell], manifest: Manifest, columns: Sequence[Column]) -> Iterable[IdentityCheck]:
    board = manifest.board.code
    items = list(dict.fromkeys(item for (table, area, item, _) in grid if (table, area) == (TULOSLASKELMA, board)))
    for item in items:
        for column in columns:
            whole = grid.get((TULOSLASKELMA, board, item, column))
            if whole is None:
                continue
            parts: list[BudgetCell] = []
            expected = 0
            for area in manifest.areas:
                value, used = _implied(grid, area_table_id(area.code), area.code, item, column)
                expected += value
                parts.extend(used)
            yield _check(
                "palvelualueet-yhteensa", whole, parts, [area.code for area in manifest.areas], expected=expected
            )


def _implied(grid: dict[_Key, BudgetCell], table: str, area: str, item: str, column: Column) -> tuple[int, list[BudgetCell]]:
    """An area's figure for `item`, or what its table implies: zero, or kate + rahoitus for a missing vuosikate."""
    cell = grid.get((table, area, item, column))
    if cell is not None:
        return cell.value, [cell]
    if item == VUOSIKATE:
        kate, kate_cells = _implied(grid, table, area, TOIMINTAKATE, column)
        rahoitus, rahoitus_cells = _implied(grid, table, area, RAHOITUS, column)
        return kate + rahoitus, kate_cells + rahoitus_cells
    return 0, []


_TALOUSARVIO_ROWS = ((TULOT, TOIMINTATUOTOT), (MENOT, TOIMINTAKULUT), (NETTO, TOIMINTAKATE))


def _talousarvio_matches(grid: dict[_Key, BudgetCell], manifest: Manifest, columns: Sequence[Column]) -> Iterable[IdentityCheck]:
    board = manifest.board.code
    for row, item in _TALOUSARVIO_ROWS:
        for column in columns:
            approved = grid.get((TALOUSARVIO, board, row, column))
            result = grid.get((TULOSLASKELMA, board, item, column))
            if approved is not None and result is not None:
                yield _check("talousarvio-tuloslaskelma", approved, [result], [f"{TULOSLASKELMA}: {item}"])


def _check(
    name: str, actual: BudgetCell, parts: Sequence[BudgetCell], terms: Sequence[str], expected: int | None = None
) -> IdentityCheck:
    total = sum(part.value for part in parts) if expected is None else expected
    difference = actual.value - total
    return IdentityCheck(
        name=name,
        table=actual.table,
        area=actual.area,
        column=actual.column,
        expected=total,
        actual=actual.value,
        difference=difference,
        ok=abs(difference) <= TOLERANCE,
        item=actual.item,
        terms=tuple(terms),
        lines=tuple(dict.fromkeys([actual.line, *(part.line for part in parts)])),
    )
