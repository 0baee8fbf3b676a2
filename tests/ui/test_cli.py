"""`python -m ui`: defaults, offline environment, and a Finnish message (no trace) when startup fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.__main__ import main, parse_args
from ui.bench import percentile

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_defaults_bind_to_loopback_port_7860() -> None:
    args = parse_args([])
    assert (args.host, args.port, args.workers, args.concurrency) == ("127.0.0.1", 7860, 1, 64)
    assert (parse_args(["--host", "0.0.0.0", "--port", "8080"]).host, parse_args(["--port", "8080"]).port) == ("0.0.0.0", 8080)


def test_analytics_are_off_before_gradio_is_imported() -> None:
    env = {key: value for key, value in os.environ.items() if key != "GRADIO_ANALYTICS_ENABLED"}
    code = "import ui.__main__, gradio, os; print(os.environ.get('GRADIO_ANALYTICS_ENABLED'))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, "False"), done.stderr[-2000:]


def test_startup_failure_is_a_finnish_message(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KAYTTO_LLM_BACKEND", "tuntematon")
    assert main(["--port", "7999"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Asetuksissa on virhe") and "Traceback" not in err


@pytest.mark.parametrize(
    ("values", "pct", "expected"),
    [([], 50, 0.0), ([3.0], 95, 3.0), ([4.0, 1.0, 3.0, 2.0], 50, 2.0), ([float(i) for i in range(1, 101)], 95, 95.0)],
)
def test_percentile_is_nearest_rank(values: list[float], pct: float, expected: float) -> None:
    assert percentile(values, pct) == expected
