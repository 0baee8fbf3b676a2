"""`python -m ui.feedback export`: the staff's CSV of unhelpful and not-found answers; Finnish errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.errors import FeedbackStoreUnavailable
from ui.feedback.cli import main
from ui.feedback.export import HEADERS
from ui.feedback.store import FeedbackStore, default_url
from ui.messages_fi import message_for

REPO_ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    store = FeedbackStore.open(default_url(tmp_path), app_version="0.1.0")
    store.record("Paljonko kirjasto maksaa?", "figure", ["palvelualuelaskelmat/vire"], helpful=True)
    row = store.record("Mitkä ovat uimahallin aukioloajat?", "not_found", [], helpful=True)
    store.add_comment(row, "Tätä kysytään usein; sähköposti a@b.fi")
    store.record("Kuka vastaa harrastemallista?", "owner", ["tavoitteet/taulukko"], helpful=False)
    return tmp_path


def test_export_csv_lists_thumbs_down_and_not_found(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAYTTO_DATA_DIR", str(data_dir))
    monkeypatch.delenv("KAYTTO_FEEDBACK_DB", raising=False)
    out = io.StringIO()
    assert main(["export", "--csv"], out=out) == 0
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert tuple(rows[0]) == HEADERS
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in rows[1:]] == [
        ("Kuka vastaa harrastemallista?", "owner", "ei", "", "tavoitteet/taulukko"),
        ("Mitkä ovat uimahallin aukioloajat?", "not_found", "kyllä", "Tätä kysytään usein; sähköposti [poistettu]", ""),
    ]


def test_export_all_as_json_lines_from_an_explicit_database(data_dir: Path) -> None:
    out = io.StringIO()
    assert main(["export", "--all", "--json", "--db", default_url(data_dir)], out=out) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["vastauksen_tyyppi"] for line in lines] == ["owner", "not_found", "figure"]
    assert set(lines[0]) == set(HEADERS)


def test_a_database_that_cannot_open_is_one_finnish_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x")
    assert main(["export", "--csv", "--db", f"sqlite:///{tmp_path}/file/x/feedback.sqlite3"]) == 1
    assert capsys.readouterr().err == message_for(FeedbackStoreUnavailable("x")) + "\n"


def test_python_m_ui_feedback_export_runs_by_itself(data_dir: Path) -> None:
    env = {**os.environ, "KAYTTO_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO_ROOT)}
    env.pop("KAYTTO_FEEDBACK_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "ui.feedback", "export", "--csv"], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[0] == ";".join(HEADERS) and len(done.stdout.splitlines()) == 3
    helped = subprocess.run([sys.executable, "-m", "ui.feedback", "export", "--help"], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert "python -m ui feedback export --csv" in helped.stdout
