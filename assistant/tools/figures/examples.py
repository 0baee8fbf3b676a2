"""Every settled query the plan can answer, generated from its rows × areas × columns (nothing hand-listed).

Used by the round-trip test (each query phrased in Finnish must read back as itself) and by the benchmark.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Literal

from assistant.tools.figures.plan import Plan
from assistant.tools.figures.query import FigureQuery
from assistant.tools.figures.targets import parts_of
from corpus.records import Column

ORDERS: tuple[Literal["desc", "asc"], ...] = ("desc", "asc")


def all_queries(plan: Plan) -> Iterator[FigureQuery]:
    """Queries of every operation over the whole plan."""
    for generate in (_lookups, _changes, _trends, _sums, _averages, _shares, _differences, _rankings, _existence,
                     _identities):
        yield from generate(plan)


def _area_rows(plan: Plan) -> Iterator[tuple[str, str]]:
    for area in plan.all_areas:
        for row in plan.rows_of.get(area, ()):
            yield area, row


def _spans(plan: Plan, shortest: int = 2) -> Iterator[tuple[Column, ...]]:
    columns = plan.columns
    for i in range(len(columns)):
        for j in range(i + shortest, len(columns) + 1):
            yield columns[i:j]


def _lookups(plan: Plan) -> Iterator[FigureQuery]:
    for area, row in _area_rows(plan):
        for column in plan.columns:
            yield FigureQuery("lookup", (row,), (area,), (column,))


def _changes(plan: Plan) -> Iterator[FigureQuery]:
    for area, row in _area_rows(plan):
        for start, end in combinations(plan.columns, 2):
            yield FigureQuery("change", (row,), (area,), (start, end), along="columns")


def _trends(plan: Plan) -> Iterator[FigureQuery]:
    for area, row in _area_rows(plan):
        for span in _spans(plan):
            yield FigureQuery("trend", (row,), (area,), span, along="columns")


def _shared_rows(plan: Plan) -> list[str]:
    return [row for row in dict.fromkeys(r for a in plan.areas for r in plan.rows_of[a]) if len(_having(plan, row)) >= 2]


def _having(plan: Plan, row: str) -> tuple[str, ...]:
    return tuple(area for area in plan.areas if plan.has(area, row))


def _sums(plan: Plan) -> Iterator[FigureQuery]:
    for area, row in _area_rows(plan):
        for span in _spans(plan, shortest=3):
            yield FigureQuery("sum", (row,), (area,), span, along="columns")
    for row in _shared_rows(plan):
        having = _having(plan, row)
        defaults = ("areas_with_row",) if having != plan.areas else ()
        for column in plan.columns:
            yield FigureQuery("sum", (row,), having, (column,), along="areas", defaults=defaults)  # type: ignore[arg-type]
            for pair in combinations(having, 2):
                yield FigureQuery("sum", (row,), pair, (column,), along="areas")


def _averages(plan: Plan) -> Iterator[FigureQuery]:
    for area, row in _area_rows(plan):
        for span in _spans(plan):
            yield FigureQuery("average", (row,), (area,), span, along="columns")
    for row in _shared_rows(plan):
        having = _having(plan, row)
        if having == plan.areas:
            for column in plan.columns:
                yield FigureQuery("average", (row,), having, (column,), along="areas")


def _shares(plan: Plan) -> Iterator[FigureQuery]:
    for (area, row), total in plan.totals.items():
        if row in plan.investment_rows:
            continue
        for column in plan.columns:
            yield FigureQuery("share", (row, total), (area,), (column,), along="rows")
    for area in plan.areas:
        for row in plan.rows_of[area]:
            if plan.has(plan.board, row):
                for column in plan.columns:
                    yield FigureQuery("share", (row,), (area, plan.board), (column,), along="areas")
    for row in plan.investment_rows:
        for column in plan.columns:
            others = tuple(c for c in plan.columns if c != column)
            yield FigureQuery("share", (row,), (plan.board,), (column, *others), along="columns")


def _differences(plan: Plan) -> Iterator[FigureQuery]:
    for row in _shared_rows(plan):
        for first, second in combinations(_having(plan, row), 2):
            for column in plan.columns:
                yield FigureQuery("difference", (row,), (first, second), (column,), along="areas")
    for area in plan.all_areas:
        rows = [r for r in plan.rows_of[area] if r not in plan.investment_rows]
        for first, second in combinations(rows, 2):
            yield FigureQuery("difference", (first, second), (area,), (plan.plan_column,), along="rows")


def _rankings(plan: Plan) -> Iterator[FigureQuery]:
    for row in _shared_rows(plan):
        for column in plan.columns:
            for order in ORDERS:
                yield FigureQuery("ranking", (row,), plan.areas, (column,), along="areas", order=order)
        for start, end in combinations(plan.columns, 2):
            for measure in ("change", "percent"):
                yield FigureQuery("ranking", (row,), plan.areas, (start, end), along="areas", measure=measure)
    for area in plan.all_areas:
        totals = dict.fromkeys(t for (a, _), t in plan.totals.items() if a == area)
        for total in totals:
            rows = parts_of(plan, area, total)
            grouped = total in plan.concept_rows("@COSTS", area) or total in plan.concept_rows("@REVENUE", area)
            if len(rows) >= 3 and grouped:
                for column in plan.columns:
                    for top in (None, 2, 3):
                        yield FigureQuery("ranking", rows, (area,), (column,), along="rows", top=top)
        for row in plan.rows_of[area]:
            for order in ORDERS:
                yield FigureQuery("ranking", (row,), (area,), plan.columns, along="columns", order=order)


def _existence(plan: Plan) -> Iterator[FigureQuery]:
    rows = dict.fromkeys(r for a in plan.areas for r in plan.rows_of[a])  # rows an area's table can print
    for row in rows:
        for column in plan.columns:
            for negated in (True, False):
                yield FigureQuery("existence", (row,), plan.areas, (column,), along="areas", negated=negated)
            for area in plan.areas:
                yield FigureQuery("existence", (row,), (area,), (column,))


def _identities(plan: Plan) -> Iterator[FigureQuery]:
    for area, row, column in plan.identities:
        yield FigureQuery("identity", (row,), (area,), (column,))
