"""The `python -m evals` command line: help with examples, usage errors before anything heavy is opened."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evals.cli import build_parser, main
from evals.commands import default_run_folder, limited
from evals.exit_codes import EXIT_USAGE
from evals.suites import load_suite

REPO_ROOT = Path(__file__).resolve().parents[2]


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


@pytest.fixture
def no_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KAYTTO_CONFIG", "KAYTTO_LLM_BACKEND", "KAYTTO_LLM_BASE_URL", "KAYTTO_LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("command", ["run", "retrieval", "compare", "export"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    help_text = subparsers.choices[command].format_help()  # type: ignore[attr-defined]
    assert f"python -m evals {command}" in help_text


def test_module_entry_point_prints_help() -> None:
    done = subprocess.run([sys.executable, "-m", "evals", "--help"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "python -m evals compare" in done.stdout


def test_unknown_suite_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = cli("run", "--suite", str(tmp_path / "puuttuu.jsonl"), "--out", str(tmp_path / "run"))
    assert code == EXIT_USAGE
    assert "dev, test, all, answers-dev" in err
    assert not (tmp_path / "run").exists()


def test_llm_backend_that_is_not_configured_is_a_usage_error(tmp_path: Path, no_llm: None) -> None:
    code, _, err = cli("run", "--suite", "answers-test", "--backend", "llm", "--out", str(tmp_path / "run"))
    assert code == EXIT_USAGE
    assert "KAYTTO_LLM_BASE_URL" in err
    assert not (tmp_path / "run").exists()


def test_unknown_retriever_mode_is_a_usage_error() -> None:
    code, _, err = cli("retrieval", "--modes", "dense,sparse")
    assert code == EXIT_USAGE
    assert "'sparse'" in err and "dense, lexical, fused" in err


def test_default_run_folder_names_time_suite_and_backend() -> None:
    now = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert default_run_folder("answers", "llm", now) == Path("runs/20240506T070809-answers-llm")
    assert default_run_folder("/tmp/omat.jsonl", "extractive", now) == Path("runs/20240506T070809-omat-extractive")


def test_limit_cuts_each_part_of_the_suite() -> None:
    suite = limited(load_suite("all"), 3)
    assert [part.label for part in suite.parts] == [part.label for part in load_suite("all").parts]
    assert [item.id for item in suite.parts[0].answers] == ["a001", "a002", "a003"]
    assert [item.id for item in suite.parts[2].retrieval] == ["r001", "r002", "r003"]
    assert len(suite.parts[1].conversations) == 3 and len(suite.parts[3].answers) == 3
    assert limited(suite, None) is suite


def test_the_default_suite_is_dev_and_retrieval_takes_a_split() -> None:
    parser = build_parser()
    assert parser.parse_args(["run"]).suite == "dev"
    assert parser.parse_args(["retrieval"]).suite == "dev"
    assert parser.parse_args(["retrieval", "--suite", "test"]).suite == "test"
    with pytest.raises(SystemExit):
        parser.parse_args(["retrieval", "--suite", "answers-test"])
