"""The budget explorer's data and pictures: series and comparisons read from the corpus's budget cells."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from corpus.records import BudgetCell, Column
from corpus.text import group_thousands
from ui import texts
from ui.labels import Labels, euros
from ui.signs import is_cost

KEY_SEPARATOR = "::"
LABEL_WIDTH = 16  # characters per line of a bar's category label
TITLE_WIDTH = 32  # characters per line of a chart title (phones are narrow)
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
            f'<tr><th scope="row">{_column_html(point.label)}</th>'
            f'<td class="num">{html.escape(value)}</td><td class="num">{html.escape(line)}</td></tr>'
        )
    return (
        f'<p class="table-title" aria-hidden="true">{html.escape(caption)}</p>'
        f'<div class="table-scroll" tabindex="0" role="region" aria-label="{html.escape(caption)}">'
        f'<table class="budget-table sticky-first"><caption class="visually-hidden">{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def points_figure(points: Sequence[Point], title: str, colour_by_point: bool = False) -> go.Figure:
    """Horizontal bars of the points (missing values left out), readable on a phone: labels on the left at
    14 px, values beside the bars, Finnish number formatting. Costs are drawn as positive "menot"."""
    shown = [point for point in points if point.cell]
    values = [point.cell.value for point in shown if point.cell]
    costs = bool(values) and all(value <= 0 for value in values) and any(value < 0 for value in values) and all(
        is_cost(point.cell.item) for point in shown if point.cell
    )
    drawn = [-value for value in values] if costs else values
    colours = [BAR_COLOURS[i % len(BAR_COLOURS)] for i in range(len(shown))] if colour_by_point else BAR_COLOURS[0]
    figure = go.Figure(
        go.Bar(
            orientation="h",
            # Long area names are wrapped rather than cut, so they stay readable beside their bars.
            y=["<br>".join(textwrap.wrap(point.label, LABEL_WIDTH)) for point in shown],
            x=drawn,
            text=[euros(value) for value in drawn],
            textposition="outside",
            textfont={"size": 14},
            cliponaxis=False,
            marker_color=colours,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    # Room beyond the longest bar for its value label, so labels never run off the chart.
    low, high = min(0, *(drawn or [0])), max(0, *(drawn or [0]))
    pad = 0.55 * ((high - low) or 1)
    figure.update_layout(
        title={"text": "<br>".join(textwrap.wrap(title, TITLE_WIDTH)), "font": {"size": 16}},
        separators=", ",  # decimal comma, space between thousands (Finnish)
        xaxis={
            "title": {"text": texts.CHART_AXIS_COSTS if costs else texts.CHART_AXIS},
            "tickformat": ",d",
            "showticklabels": False,  # every bar carries its value; ticks would crowd a phone
            "zeroline": True,
            "zerolinecolor": "#595959",
            "range": [low - pad if low < 0 else 0, high + pad if high > 0 else 0],
        },
        yaxis={"type": "category", "autorange": "reversed", "automargin": True},
        uniformtext={"minsize": 12, "mode": "show"},
        margin={"l": 10, "r": 20, "t": 70, "b": 60},
        bargap=0.35,
        height=120 + 72 * max(1, len(shown)),
        font={"size": 14, "color": "#1f2937"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        dragmode=False,
    )
    return figure


@dataclass(frozen=True)
class MatrixRow:
    """One line item of an area with its value in every column (None where nothing is printed)."""

    table: str
    item: str
    cells: tuple[BudgetCell | None, ...]

    @property
    def lines(self) -> tuple[int, ...]:
        """The distinct source lines the row's values were printed on (OCR may split a row over lines)."""
        return tuple(sorted({cell.line for cell in self.cells if cell}))


def area_matrix(view: BudgetView, area: str) -> list[MatrixRow]:
    """Every line item of `area` × every column, in print order."""
    rows = []
    for label, key in view.item_choices(area):
        table, item = split_key(key)
        points = view.series(area, key)
        rows.append(MatrixRow(table, label, tuple(p.cell for p in points)))
    return rows


def column_matrix(view: BudgetView, column_label: str) -> tuple[list[str], list[tuple[str, list[BudgetCell | None]]]]:
    """Every comparable item × every service area in one column: (area names, [(item, cells by area)])."""
    areas = [(name, code) for name, code in view.area_choices() if code != view.board_code]
    rows = []
    for item in view.comparable_items():
        by_area = {c.area: c for c in view.cells if c.item == item and c.column.label == column_label and c.area != view.board_code}
        rows.append((item, [by_area.get(code) for _, code in areas]))
    return [name for name, _ in areas], rows


def render_matrix(view: BudgetView, area: str) -> str:
    """The area × years table: sticky first column, scrolling sideways in a focusable region on phones."""
    rows = area_matrix(view, area)
    caption = texts.BUDGET_MATRIX_CAPTION.format(area=view.labels.area(area))
    if not rows:
        return f'<p class="budget-empty">{html.escape(texts.BUDGET_EMPTY)}</p>'
    head = f'<th scope="col">{texts.ROW_HEADER}</th>' + "".join(
        f'<th scope="col">{_column_html(column.label)}</th>' for column in view.columns
    ) + f'<th scope="col">{texts.BUDGET_SOURCE_LINES}</th>'
    body = []
    for row in rows:
        values = "".join(
            f'<td class="num">{html.escape(group_thousands(cell.value)) if cell else texts.BUDGET_MISSING}</td>'
            for cell in row.cells
        )
        body.append(f'<tr><th scope="row">{html.escape(row.item)}</th>{values}<td class="num">{", ".join(map(str, row.lines)) or texts.BUDGET_MISSING}</td></tr>')
    return (
        f'<p class="table-title" aria-hidden="true">{html.escape(caption)}</p>'
        f'<div class="table-scroll" tabindex="0" role="region" aria-label="{html.escape(caption)}">'
        f'<table class="matrix-table sticky-first"><caption class="visually-hidden">{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _column_html(label: str) -> str:
    kind, _, year = label.partition(" ")
    name = texts.COLUMN_KIND_NAMES.get(kind)
    return f'<abbr title="{name}">{html.escape(kind)}</abbr> {html.escape(year)}' if name else html.escape(label)
