"""Comparing runs: metric deltas, flipped questions and the exit codes CI relies on."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.types import Answer
from evals.cli import main
from evals.compare import MetricDelta, compare_runs
from evals.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from evals.run_files import write_run
from evals.runner import System, run_suite
from evals.summary import summarize
from tests.evals.fakes import (
    FIGURE_Q,
    OWNER_Q,
    ScriptedAnswerer,
    ScriptedSearch,
    good_answers,
    search_rankings,
    small_suite,
    suite_of,
)


def make_run(folder: Path, answers: dict[str, Answer]) -> Path:
    system = System(ScriptedAnswerer(answers), ScriptedSearch(search_rankings()))
    results = run_suite(small_suite(), system, progress=False)
    write_run(folder, results, summarize(results, {"suite": "all", "backend": "extractive"}))
    return folder


@pytest.fixture
def runs(tmp_path: Path) -> tuple[Path, Path]:
    base = good_answers()
    changed = dict(base)
    changed[FIGURE_Q] = replace(base[FIGURE_Q], answer="Toimialan menot ovat 32 611 000 € [1].")  # breaks a001
    changed[OWNER_Q] = replace(base[OWNER_Q], owners=("Palvelualuejohtaja, Virikkeellinen elämä",))  # fixes a002
    return make_run(tmp_path / "a", base), make_run(tmp_path / "b", changed)


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_same_run_is_no_regression(runs: tuple[Path, Path]) -> None:
    code, out, _ = cli("compare", str(runs[0]), str(runs[0]))
    assert code == EXIT_OK
    assert "Ei heikennyksiä" in out


def test_a_broken_question_is_a_regression_and_listed(runs: tuple[Path, Path]) -> None:
    code, out, _ = cli("compare", str(runs[0]), str(runs[1]))
    assert code == EXIT_FAILED
    assert "answers/a001" in out.split("läpi → hylätty")[1].split("hylätty → läpi")[0]
    assert "answers/a002" in out.split("hylätty → läpi")[1]
    assert "HEIKENNYS" in out


def test_the_reverse_direction_is_an_improvement_only_where_nothing_dropped(runs: tuple[Path, Path]) -> None:
    # b -> a fixes a001 but breaks a002 again, so the owner metrics drop: still a regression
    code, out, _ = cli("compare", str(runs[1]), str(runs[0]), "--json")
    data = json.loads(out)
    assert code == EXIT_FAILED
    assert [flip["key"] for flip in data["pass_to_fail"]] == ["answers/a002"]
    assert [flip["key"] for flip in data["fail_to_pass"]] == ["answers/a001"]
    assert "answers.check.owners" in data["regressions"]
    assert "answers.check.numbers" not in data["regressions"]


def test_a_threshold_above_the_drop_passes(runs: tuple[Path, Path]) -> None:
    code, out, _ = cli("compare", str(runs[0]), str(runs[1]), "--threshold", "1.0", "--json")
    data = json.loads(out)
    assert code == EXIT_OK
    assert data["ok"] is True
    deltas = {m["name"]: m["delta"] for m in data["metrics"]}
    assert deltas["answers.check.numbers"] == pytest.approx(-1.0)
    assert deltas["answers.check.owners"] == pytest.approx(1.0)
    assert deltas["answers.pass_rate"] == pytest.approx(0.0)


def test_a_missing_run_folder_is_a_usage_error(tmp_path: Path, runs: tuple[Path, Path]) -> None:
    code, _, err = cli("compare", str(runs[0]), str(tmp_path / "nothing"))
    assert code == EXIT_USAGE
    assert "python -m evals run --out" in err


@pytest.mark.parametrize(
    ("before", "after", "threshold", "regressed"),
    [(0.95, 0.94, 0.01, False), (0.95, 0.93, 0.01, True), (0.95, 0.95, 0.0, False), (0.95, 0.949, 0.0, True),
     (None, 0.5, 0.0, False), (0.5, None, 0.0, False)],
)  # fmt: skip
def test_metric_delta_regression_rule(before: float | None, after: float | None, threshold: float, regressed: bool) -> None:
    assert MetricDelta("m", before, after).regressed(threshold) is regressed


def test_added_and_removed_questions_are_reported() -> None:
    system = System(ScriptedAnswerer(good_answers()), ScriptedSearch(search_rankings()))
    full = run_suite(small_suite(), system, progress=False)
    fewer = run_suite(suite_of("all", small_suite().answers[:3], small_suite().retrieval), system, progress=False)
    comparison = compare_runs(summarize(full, {}), full, summarize(fewer, {}), fewer, 0.01)
    assert comparison.only_a == ("answers/a004", "answers/a005")
    assert comparison.only_b == ()
    assert comparison.broke == () and comparison.fixed == ()
