"""Property tests: for random valid queries, the executor equals an independent computation over cells.jsonl.

The independent side reads the committed cells file with `json` and computes with `decimal` (ROUND_HALF_UP rounds
halves away from zero, the Finnish way), so it shares no code with the executor.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.tools.figures import FigureQuery, FigureTool
from assistant.tools.figures.execute import (
    Average,
    Changes,
    Composition,
    Difference,
    Existence,
    Lookup,
    Ranking,
    Share,
    Total,
    Trend,
    execute,
)
from corpus.manifest import DOCUMENTS_DIR
from corpus.records import Column

CELLS = next(DOCUMENTS_DIR.glob("*/derived/cells.jsonl"))


def _raw_cells(path: Path) -> dict[tuple[str, str, str], int]:
    table: dict[tuple[str, str, str], int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cell = json.loads(line)
        row = f"Investoinnit: {cell['item']}" if cell["table_title"] == "Investoinnit" else cell["item"]
        label = f"{cell['column']['kind']} {cell['column']['year']}"
        table.setdefault((cell["area"], row, label), int(cell["value"]))
    return table


RAW = _raw_cells(CELLS)
LABELS = sorted({label for (_, _, label) in RAW}, key=lambda label: label[-4:])
COLUMNS = tuple(Column(int(label[-4:]), label[:2]) for label in LABELS)  # type: ignore[arg-type]
AREAS = ("HYTE", "OPKOU", "VAKA", "VIRE")
BOARD = "TOIMIALA"
ROWS_OF = {area: sorted({row for (a, row, _) in RAW if a == area}) for area in (BOARD, *AREAS)}


def value(area: str, row: str, column: Column) -> int:
    return RAW[(area, row, column.label)]


def tenths(numerator: int, denominator: int) -> int:
    """numerator / denominator in tenths of a percent, halves away from zero."""
    exact = Decimal(numerator) * 1000 / Decimal(denominator)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def mean(values: list[int]) -> int:
    return int((Decimal(sum(values)) / len(values)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.fixture(scope="module")
def plan(tool: FigureTool):  # noqa: ANN201
    return tool.plan


area_rows = st.sampled_from([(area, row) for area in (BOARD, *AREAS) for row in ROWS_OF[area]])
column_sets = st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=5, unique=True).map(lambda cs: tuple(sorted(cs)))
column_pairs = st.lists(st.sampled_from(COLUMNS), min_size=2, max_size=2, unique=True).map(lambda cs: tuple(sorted(cs)))


@settings(max_examples=150, deadline=None)
@given(area_rows, column_sets)
def test_lookup(plan, pair: tuple[str, str], columns: tuple[Column, ...]) -> None:  # noqa: ANN001
    area, row = pair
    result = execute(FigureQuery("lookup", (row,), (area,), columns), plan)
    assert isinstance(result, Lookup)
    assert [(c.area, c.column, c.value) for c in result.cells] == [(area, c, value(area, row, c)) for c in columns]


@settings(max_examples=200, deadline=None)
@given(area_rows, column_pairs)
def test_change_in_euros_and_percent(plan, pair: tuple[str, str], columns: tuple[Column, Column]) -> None:  # noqa: ANN001
    area, row = pair
    result = execute(FigureQuery("change", (row,), (area,), columns, along="columns"), plan)
    assert isinstance(result, Changes)
    (change,) = result.changes
    start, end = value(area, row, columns[0]), value(area, row, columns[1])
    assert (change.difference, change.magnitude) == (end - start, abs(end) - abs(start))
    expected = None if start == 0 or start * end < 0 else tenths(abs(end) - abs(start), abs(start))
    assert change.percent_tenths == expected


@settings(max_examples=100, deadline=None)
@given(area_rows, column_sets.filter(lambda cs: len(cs) >= 2))
def test_trend_steps_add_up_to_the_whole_span(plan, pair: tuple[str, str], columns: tuple[Column, ...]) -> None:  # noqa: ANN001
    area, row = pair
    result = execute(FigureQuery("trend", (row,), (area,), columns, along="columns"), plan)
    assert isinstance(result, Trend)
    (series,) = result.series
    values = [value(area, row, c) for c in columns]
    assert [c.value for c in series.cells] == values
    assert sum(step.magnitude for step in series.steps) == series.overall.magnitude == abs(values[-1]) - abs(values[0])


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted({row for area in AREAS for row in ROWS_OF[area]})), st.data())
def test_sum_over_areas_and_columns(plan, row: str, data: st.DataObject) -> None:  # noqa: ANN001
    having = [area for area in AREAS if row in ROWS_OF[area]]
    areas = tuple(data.draw(st.lists(st.sampled_from(having), min_size=1, unique=True)))
    columns = data.draw(column_sets)
    result = execute(FigureQuery("sum", (row,), areas, columns, along="areas"), plan)
    assert isinstance(result, Total)
    assert result.total == sum(value(a, row, c) for a in areas for c in columns)
    board_row = (BOARD, row, columns[0].label) in RAW
    equal = set(areas) == set(having) and len(columns) == 1 and board_row and value(BOARD, row, columns[0]) == result.total
    assert (result.board_equal is not None) == equal


@settings(max_examples=150, deadline=None)
@given(area_rows, column_sets)
def test_average_per_year_rounds_half_away_from_zero(plan, pair: tuple[str, str], columns: tuple[Column, ...]) -> None:  # noqa: ANN001
    area, row = pair
    result = execute(FigureQuery("average", (row,), (area,), columns, along="columns"), plan)
    assert isinstance(result, Average)
    assert result.means[0].mean == mean([value(area, row, c) for c in columns])


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted({row for area in AREAS for row in ROWS_OF[area]})), st.sampled_from(COLUMNS))
def test_average_over_areas(plan, row: str, column: Column) -> None:  # noqa: ANN001
    having = tuple(area for area in AREAS if row in ROWS_OF[area])
    result = execute(FigureQuery("average", (row,), having, (column,), along="areas"), plan)
    assert isinstance(result, Average) and result.means[0].mean == mean([value(a, row, column) for a in having])


def _parts(plan) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(area, row, total) for (area, row), total in plan.totals.items()]


@settings(max_examples=200, deadline=None)
@given(st.data(), st.sampled_from(COLUMNS))
def test_share_of_a_row_in_its_total(plan, data: st.DataObject, column: Column) -> None:  # noqa: ANN001
    area, row, total = data.draw(st.sampled_from(_parts(plan)))
    result = execute(FigureQuery("share", (row, total), (area,), (column,), along="rows"), plan)
    assert isinstance(result, Share)
    part, whole = value(area, row, column), value(area, total, column)
    assert (result.part_total, result.whole_total) == (part, whole)
    assert result.percent_tenths == (None if whole == 0 else tenths(abs(part), abs(whole)))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([(a, r) for a in AREAS for r in ROWS_OF[a] if r in ROWS_OF[BOARD]]), st.sampled_from(COLUMNS))
def test_share_of_an_area_in_the_board(plan, pair: tuple[str, str], column: Column) -> None:  # noqa: ANN001
    area, row = pair
    result = execute(FigureQuery("share", (row,), (area, BOARD), (column,), along="areas"), plan)
    whole = value(BOARD, row, column)
    assert isinstance(result, Share)
    assert result.percent_tenths == (None if whole == 0 else tenths(abs(value(area, row, column)), abs(whole)))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(ROWS_OF[BOARD]), st.sampled_from(COLUMNS))
def test_share_of_a_year_in_the_whole_period(plan, row: str, column: Column) -> None:  # noqa: ANN001
    others = tuple(c for c in COLUMNS if c != column)
    result = execute(FigureQuery("share", (row,), (BOARD,), (column, *others), along="columns"), plan)
    whole = sum(value(BOARD, row, c) for c in COLUMNS)
    assert isinstance(result, Share) and result.whole_total == whole
    assert result.percent_tenths == (None if whole == 0 else tenths(abs(value(BOARD, row, column)), abs(whole)))


@settings(max_examples=200, deadline=None)
@given(st.data(), st.sampled_from(COLUMNS))
def test_difference_of_two_areas_and_of_two_rows(plan, data: st.DataObject, column: Column) -> None:  # noqa: ANN001
    if data.draw(st.booleans()):
        row = data.draw(st.sampled_from(sorted({r for a in AREAS for r in ROWS_OF[a]})))
        having = [a for a in (BOARD, *AREAS) if row in ROWS_OF[a]]
        first, second = data.draw(st.lists(st.sampled_from(having), min_size=2, max_size=2, unique=True))
        query = FigureQuery("difference", (row,), (first, second), (column,), along="areas")
        a, b = value(first, row, column), value(second, row, column)
    else:
        area = data.draw(st.sampled_from((BOARD, *AREAS)))
        first, second = data.draw(st.lists(st.sampled_from(ROWS_OF[area]), min_size=2, max_size=2, unique=True))
        query = FigureQuery("difference", (first, second), (area,), (column,), along="rows")
        a, b = value(area, first, column), value(area, second, column)
    result = execute(query, plan)
    assert isinstance(result, Difference) and (result.magnitude, result.difference) == (abs(a) - abs(b), a - b)


@settings(max_examples=250, deadline=None)
@given(st.sampled_from(sorted({r for a in AREAS for r in ROWS_OF[a]})), column_pairs, st.sampled_from(["asc", "desc"]),
       st.sampled_from(["amount", "change", "percent"]), st.sampled_from([None, 1, 2, 3]))
def test_ranking_of_areas(plan, row: str, columns, order: str, measure: str, top: int | None) -> None:  # noqa: ANN001
    cols = columns if measure != "amount" else columns[:1]
    query = FigureQuery("ranking", (row,), AREAS, cols, along="areas", order=order, measure=measure, top=top)  # type: ignore[arg-type]
    result = execute(query, plan)
    assert isinstance(result, Ranking)
    having = [a for a in AREAS if row in ROWS_OF[a]]
    assert set(result.missing) == set(AREAS) - set(having)

    def measured(area: str) -> int | None:
        if measure == "amount":
            return abs(value(area, row, cols[0]))
        start, end = value(area, row, cols[0]), value(area, row, cols[-1])
        if measure == "change":
            return abs(end) - abs(start)
        return None if start == 0 or start * end < 0 else tenths(abs(end) - abs(start), abs(start))

    values = [entry.value for entry in result.entries]
    assert values == [measured(entry.key) for entry in result.entries]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=order == "desc") and values[: len(known)] == known
    cut = len(values) if top is None else min(top, len(values))
    expected_shown = cut + sum(1 for v in values[cut:] if v is not None and v == values[cut - 1])
    assert result.shown == expected_shown  # a tie at the cut is shown, never dropped
    for tie in result.ties:
        assert len({measured(key) for key in tie}) == 1


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(AREAS + (BOARD,)), st.sampled_from(COLUMNS))
def test_ranking_of_an_areas_cost_rows(plan, area: str, column: Column) -> None:  # noqa: ANN001
    rows = tuple(r for r in ROWS_OF[area] if plan.total_of(area, r) == "Toimintakulut")
    result = execute(FigureQuery("ranking", rows, (area,), (column,), along="rows"), plan)
    assert isinstance(result, Ranking)
    assert [e.value for e in result.entries] == sorted((abs(value(area, r, column)) for r in rows), reverse=True)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted({r for a in (BOARD, *AREAS) for r in ROWS_OF[a]})), st.sampled_from(COLUMNS))
def test_existence(plan, row: str, column: Column) -> None:  # noqa: ANN001
    result = execute(FigureQuery("existence", (row,), AREAS, (column,), along="areas", negated=True), plan)
    assert isinstance(result, Existence)
    assert set(result.absent) == {a for a in AREAS if row not in ROWS_OF[a]}
    assert set(result.zero) == {a for a in AREAS if row in ROWS_OF[a] and value(a, row, column) == 0}


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_identity_terms_add_up_within_the_rounding_of_the_print(plan, data: st.DataObject) -> None:  # noqa: ANN001
    area, row, column = data.draw(st.sampled_from(sorted(plan.identities, key=str)))
    result = execute(FigureQuery("identity", (row,), (area,), (column,)), plan)
    assert isinstance(result, Composition)
    if result.over_areas:
        terms = [value(a, row, column) for a in result.terms if (a, row, column.label) in RAW]
    else:
        terms = [value(area, t, column) for t in result.terms if (area, t, column.label) in RAW]
    assert result.total.value == value(area, row, column)
    if not result.over_areas:
        assert result.expected == sum(terms)
    assert abs(result.rounding) <= 2
