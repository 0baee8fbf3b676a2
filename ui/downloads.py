"""CSV downloads of the Talous and Tavoitteet views, and of the staff's feedback list.

The rows are built by pure functions (tested against the cells); `write_csv` puts them in a file the
page can offer: semicolon-separated UTF-8 with a BOM, which Finnish Excel opens with ä/ö intact. Values
are whole euros as printed (costs negative), without thousands separators, so any tool reads them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from corpus.records import BudgetCell, Goal
from corpus.text import slugify
from ui import texts
from ui.labels import Labels
from ui.views.budget import BudgetView, area_matrix, column_matrix

DELIMITER = ";"
ENCODING = "utf-8-sig"
DOWNLOAD_DIR = "kaytto-csv"
LIST_JOIN = " | "

Rows = list[list[str]]


def cell_rows(cells: Iterable[BudgetCell], labels: Labels) -> Rows:
    """The whole cell table, one row per cell with its source line and section (headers first)."""
    rows: Rows = [list(texts.CSV_CELL_HEADERS)]
    for cell in sorted(cells, key=lambda c: (c.doc_id, c.line, c.column)):
        rows.append(
            [
                cell.doc_id, cell.table, cell.table_title, cell.area, labels.area(cell.area), cell.item,
                cell.column.label, str(cell.column.year), cell.column.kind, str(cell.value), cell.printed,
                str(cell.line), cell.section_id, cell.erratum or "",
            ]
        )
    return rows


def area_rows(view: BudgetView, area: str) -> Rows:
    """One area × all years: a row per line item, a column per budget column, then each value's source
    line (the OCR sometimes prints a row's values on several lines)."""
    columns = [column.label for column in view.columns]
    rows: Rows = [[*texts.CSV_MATRIX_LEAD, *columns, *(f"{texts.CSV_LINE_PREFIX} {label}" for label in columns)]]
    name = view.labels.area(area)
    for row in area_matrix(view, area):
        values = [str(cell.value) if cell else "" for cell in row.cells]
        lines = [str(cell.line) if cell else "" for cell in row.cells]
        item = next(cell.item for cell in row.cells if cell)
        rows.append([name, view.labels.table(row.table), item, *values, *lines])
    return rows


def column_rows(view: BudgetView, column_label: str) -> Rows:
    """All service areas × one year: a row per comparable line item, a column per area."""
    areas, matrix = column_matrix(view, column_label)
    rows: Rows = [[texts.ROW_HEADER.lower(), *areas]]
    for item, cells in matrix:
        rows.append([item, *(str(cell.value) if cell else "" for cell in cells)])
    return rows


def goal_rows(goals: Sequence[Goal], labels: Labels) -> Rows:
    """The goals grid as filtered: one row per goal, lists joined with ' | '."""
    rows: Rows = [list(texts.CSV_GOAL_HEADERS)]
    for goal in goals:
        rows.append(
            [
                labels.area(goal.area), goal.strategic_aim, LIST_JOIN.join(goal.sub_aims), goal.goal,
                LIST_JOIN.join(goal.metrics), LIST_JOIN.join(goal.target_level), LIST_JOIN.join(goal.owners),
                f"{goal.lines.start}-{goal.lines.end}",
            ]
        )
    return rows


def csv_text(rows: Rows) -> str:
    """Rows as CSV text (semicolons, CRLF line ends, quoting only where needed)."""
    out = io.StringIO()
    csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def write_csv(rows: Rows, name: str, folder: Path | None = None) -> Path:
    """Write `rows` to `<folder>/<name>-<hash>.csv` (atomically; the same rows give the same file)."""
    folder = folder or Path(tempfile.gettempdir()) / DOWNLOAD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    data = csv_text(rows).encode(ENCODING)
    digest = hashlib.sha256(data).hexdigest()[:10]
    path = folder / f"{safe_name(name)}-{digest}.csv"
    if not path.is_file():
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    return path


def safe_name(name: str) -> str:
    """A file name stem from Finnish text: 'Varhaiskasvatus: TA 2024' -> 'varhaiskasvatus-ta-2024'."""
    return slugify(name, max_words=8) or re.sub(r"\W+", "-", name).strip("-") or "taulukko"
