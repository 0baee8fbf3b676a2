"""CSV downloads: every Talous view and the goals grid parse back to exactly the corpus's cells and goals."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from corpus.store import load_corpus
from ui import texts
from ui.downloads import ENCODING, area_rows, cell_rows, column_rows, csv_text, goal_rows, safe_name, write_csv
from ui.labels import Labels
from ui.views.budget import BudgetView
from ui.views.goals import ALL, filter_goals

CORPUS = load_corpus()
LABELS = Labels.from_corpus(CORPUS)
VIEW = BudgetView(cells=CORPUS.cells, labels=LABELS, board_code=CORPUS.document().manifest.board.code)
CELLS = {(c.table, c.area, c.item, c.column.label): c for c in CORPUS.cells}


def parse(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())  # the BOM Finnish Excel needs for ä/ö
    return list(csv.DictReader(io.StringIO(raw.decode(ENCODING)), delimiter=";"))


def test_the_whole_cell_table_round_trips_with_source_lines(tmp_path: Path) -> None:
    rows = parse(write_csv(cell_rows(CORPUS.cells, LABELS), "kaikki", tmp_path))
    assert len(rows) == len(CORPUS.cells) == 390
    for row in rows:
        cell = CELLS[(row["taulukko"], row["palvelualue_koodi"], row["rivi"], row["sarake"])]
        assert int(row["arvo_euroa"]) == cell.value
        assert (int(row["lähderivi"]), row["osio"], row["painettu"]) == (cell.line, cell.section_id, cell.printed)
        assert row["palvelualue"] == LABELS.area(cell.area)


@pytest.mark.parametrize("area", sorted({c.area for c in CORPUS.cells}))
def test_one_area_by_all_years_equals_the_cells(area: str, tmp_path: Path) -> None:
    rows = parse(write_csv(area_rows(VIEW, area), f"alue {area}", tmp_path))
    columns = [column.label for column in VIEW.columns]
    table_ids = {LABELS.table(c.table): c.table for c in CORPUS.cells}
    seen = 0
    for row in rows:
        assert row["palvelualue"] == LABELS.area(area)
        for column in columns:
            cell = CELLS.get((table_ids[row["taulukko"]], area, row["rivi"], column))
            assert row[column] == (str(cell.value) if cell else "")
            seen += cell is not None
            assert row[f"{texts.CSV_LINE_PREFIX} {column}"] == (str(cell.line) if cell else "")
    assert seen == sum(1 for c in CORPUS.cells if c.area == area)  # every cell of the area is in the file


@pytest.mark.parametrize("column", [column.label for column in VIEW.columns])
def test_all_areas_by_one_year_equals_the_cells(column: str, tmp_path: Path) -> None:
    rows = parse(write_csv(column_rows(VIEW, column), f"sarake {column}", tmp_path))
    areas = {name: code for name, code in VIEW.area_choices() if code != VIEW.board_code}
    assert rows and set(rows[0]) == {texts.ROW_HEADER.lower(), *areas}
    for row in rows:
        item = row[texts.ROW_HEADER.lower()]
        for name, code in areas.items():
            cell = next((c for c in CORPUS.cells if c.area == code and c.item == item and c.column.label == column), None)
            assert row[name] == (str(cell.value) if cell else "")


def test_the_goals_csv_is_the_filtered_grid(tmp_path: Path) -> None:
    shown = filter_goals(CORPUS.goals, "VAKA", ALL, ALL, "")
    rows = parse(write_csv(goal_rows(shown, LABELS), "tavoitteet", tmp_path))
    assert [row["tavoite"] for row in rows] == [goal.goal for goal in shown] and 0 < len(rows) < len(CORPUS.goals)
    assert [row["vastuu"].split(" | ") for row in rows] == [list(goal.owners) for goal in shown]
    assert {row["palvelualue"] for row in rows} == {"Varhaiskasvatus"}


def test_files_are_named_by_content_and_written_once(tmp_path: Path) -> None:
    first = write_csv([["a", "b;c"], ["ä", "1"]], "Varhaiskasvatus: TA 2024", tmp_path)
    assert first.name.startswith("varhaiskasvatus-ta-2024-") and first.suffix == ".csv"
    assert write_csv([["a", "b;c"], ["ä", "1"]], "Varhaiskasvatus: TA 2024", tmp_path) == first
    assert csv_text([["a", "b;c"]]) == 'a;"b;c"\r\n'
    assert list(tmp_path.iterdir()) == [first]
    assert safe_name("<script>") == "script"
