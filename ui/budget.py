"""The budget explorer's data and pictures: series and comparisons read from the corpus's budget cells."""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from typing import Sequence

import plotly.graph_objects as go

from corpus.records import BudgetCell, Column
from ui import texts
from ui.labels import Labels, euros

KEY_SEPARATOR = "::"
LABEL_WIDTH = 18  # characters per line of a bar's category label
TITLE_WIDTH = 40  # characters per line of a chart title (phones are narrow)
# Colours with at least 4.5:1 contrast on white, so bars and their labels stay readable.
BAR_COLOURS = ("#1f5f99", "#8a4b08", "#2e6b30", "#7a2e7a", "#595959")


@dataclass(frozen=True)
class Point:
    """One value of a series: the column, the cell it came from (None when the table has no value)."""

    label: str  # column label, e.g. "TA 2024", or an area name in a comparison
    cell: BudgetCell | None


@dataclass(frozen=True)
class BudgetView:
    """Budget cells indexed for the explorer: areas, line items per area, columns."""

    cells: tuple[BudgetCell, ...]
    labels: Labels
    board_code: str = "TOIMIALA"

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(sorted({cell.column for cell in self.cells}))

    def column_choices(self) -> list[tuple[str, str]]:
        """(label shown, column label) pairs, e.g. ('TA 2024 (talousarvio)', 'TA 2024')."""
        return [(f"{c.label} ({texts.COLUMN_KIND_NAMES.get(c.kind, c.kind)})", c.label) for c in self.columns]

    def area_choices(self) -> list[tuple[str, str]]:
        """(Finnish name, code) for every area with cells, the whole board first."""
        manifest_order = {code: position for position, code in enumerate(self.labels.area_names)}
        codes = sorted(
            {cell.area for cell in self.cells},
            key=lambda code: (code != self.board_code, manifest_order.get(code, len(manifest_order)), code),
        )
        return [(self.labels.area(code), code) for code in codes]

    def item_choices(self, area: str) -> list[tuple[str, str]]:
        """(label, key) for every line item of `area` in print order; the table is named when an item repeats."""
        pairs = list(dict.fromkeys((cell.table, cell.item) for cell in self._ordered(area)))
        counts: dict[str, int] = {}
        for _, item in pairs:
            counts[item] = counts.get(item, 0) + 1
        return [
            (f"{item} ({self.labels.table(table)})" if counts[item] > 1 else item, item_key(table, item))
            for table, item in pairs
        ]

    def series(self, area: str, key: str) -> list[Point]:
        """The item's value in each of the five columns (a point without a cell when it is not printed)."""
        table, item = split_key(key)
        found = {c.column: c for c in self.cells if c.area == area and c.table == table and c.item == item}
        return [Point(column.label, found.get(column)) for column in self.columns]

    def default_compare_item(self, column_label: str) -> str | None:
        """The comparable item with the largest total in `column_label` (the biggest line is the usual question)."""
        items = self.comparable_items()
        return max(
            items,
            key=lambda item: sum(abs(p.cell.value) for p in self.compare(item, column_label) if p.cell),
            default=None,
        )

    def comparable_items(self) -> list[str]:
        """Items printed for at least two service areas (the board's own tables are not compared)."""
        areas_by_item: dict[str, set[str]] = {}
        for cell in sorted(self.cells, key=lambda c: c.line):
            if cell.area != self.board_code:
                areas_by_item.setdefault(cell.item, set()).add(cell.area)
        return [item for item, areas in areas_by_item.items() if len(areas) >= 2]

    def compare(self, item: str, column_label: str) -> list[Point]:
        """The item in one column for every service area, side by side (board excluded: it is their sum)."""
        points = []
        for name, code in self.area_choices():
            if code == self.board_code:
                continue
            cell = next(
                (c for c in self.cells if c.area == code and c.item == item and c.column.label == column_label),
                None,
            )
            points.append(Point(name, cell))
        return points

    def _ordered(self, area: str) -> list[BudgetCell]:
        return sorted((c for c in self.cells if c.area == area), key=lambda c: (c.line, c.column))


def item_key(table: str, item: str) -> str:
    return f"{table}{KEY_SEPARATOR}{item}"


def split_key(key: str) -> tuple[str, str]:
    table, _, item = key.partition(KEY_SEPARATOR)
    return table, item


def render_points_table(points: Sequence[Point], caption: str, first_header: str) -> str:
    """Points as an accessible HTML table (label, euros, source line), all text escaped."""
    if not any(point.cell for point in points):
        return f'<p class="budget-empty">{html.escape(texts.BUDGET_EMPTY)}</p>'
    headers = (first_header, texts.BUDGET_VALUE_HEADER, texts.BUDGET_SOURCE_HEADER)
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
    rows = []
    for point in points:
        value = euros(point.cell.value) if point.cell else texts.BUDGET_MISSING
        line = str(point.cell.line) if point.cell else texts.BUDGET_MISSING
        rows.append(
            f'<tr><th scope="row">{html.escape(point.label)}</th>'
            f'<td class="num">{html.escape(value)}</td><td class="num">{html.escape(line)}</td></tr>'
        )
    return (
        f'<table class="budget-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def points_figure(points: Sequence[Point], title: str, colour_by_point: bool = False) -> go.Figure:
    """A bar chart of the points (missing values left out), with Finnish number formatting on hover."""
    shown = [point for point in points if point.cell]
    colours = [BAR_COLOURS[i % len(BAR_COLOURS)] for i in range(len(shown))] if colour_by_point else BAR_COLOURS[0]
    figure = go.Figure(
        go.Bar(
            # Long area names are wrapped rather than tilted, so they stay readable under their bars.
            x=["<br>".join(textwrap.wrap(point.label, LABEL_WIDTH)) for point in shown],
            y=[point.cell.value for point in shown if point.cell],
            text=[euros(point.cell.value) for point in shown if point.cell],
            textposition="outside",
            cliponaxis=False,
            marker_color=colours,
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    values = [point.cell.value for point in shown if point.cell] or [0]
    # Room beyond the longest bar for its value label, so labels never run into the axis labels.
    low, high = min(0, *values), max(0, *values)
    pad = 0.18 * ((high - low) or 1)
    figure.update_layout(
        title={"text": "<br>".join(textwrap.wrap(title, TITLE_WIDTH))},
        separators=", ",  # decimal comma, space between thousands (Finnish)
        yaxis={
            "title": {"text": "euroa"},
            "tickformat": ",d",
            "zeroline": True,
            "zerolinecolor": "#595959",
            "range": [low - pad if low < 0 else 0, high + pad if high > 0 else 0],
        },
        xaxis={"type": "category"},
        margin={"l": 80, "r": 30, "t": 60, "b": 80},
        height=420,
        font={"size": 14, "color": "#1f2937"},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    return figure
