"""Running a suite with a scripted system: rows, per-check outcomes, summary metrics and the run folder."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from evals.results import QuestionResult, read_results
from evals.run_files import write_run
from evals.runner import MissingSystem, System, run_suite
from evals.summary import format_summary, summarize
from evals.suites import Suite
from tests.evals.fakes import HOSTILE_Q, ScriptedAnswerer, ScriptedSearch, good_answers, search_rankings, small_suite


@pytest.fixture
def results() -> tuple[QuestionResult, ...]:
    system = System(ScriptedAnswerer(good_answers(), raises=[HOSTILE_Q]), ScriptedSearch(search_rankings()))
    return run_suite(small_suite(), system, progress=False)


def test_one_row_per_question_in_suite_order(results: tuple[QuestionResult, ...]) -> None:
    assert [r.key for r in results] == [
        "answers/a001", "answers/a002", "answers/a003", "answers/a004", "answers/a005",
        "retrieval/r001", "retrieval/r002", "retrieval/r003",
    ]  # fmt: skip
    assert [r.passed for r in results] == [True, False, True, True, False, True, True, False]


def test_answer_rows_keep_what_was_returned_and_each_check(results: tuple[QuestionResult, ...]) -> None:
    figure, owner = results[0], results[1]
    assert figure.kind == "figure"
    assert figure.citations[0]["section_id"] == "talousarvio"
    assert figure.retrieved_ids == ("talousarvio", "tuloslaskelma")
    assert [(c.name, c.passed) for c in figure.checks] == [("kind", True), ("numbers", True), ("citations", True)]
    assert owner.failed_checks == ("owners",)
    assert owner.expected["owners"] == ["Palvelualuejohtaja"]
    assert (figure.source, results[5].source) == ("fake:1", "fake:1")  # the gold file and line of each row
    assert all(r.latency_ms >= 0 for r in results)


def test_a_raising_question_fails_without_stopping_the_run(results: tuple[QuestionResult, ...]) -> None:
    broken = results[4]
    assert broken.error == "RuntimeError: rikki"
    assert not broken.passed
    assert results[5].passed  # the run went on


def test_retrieval_rows_carry_ranking_and_metrics(results: tuple[QuestionResult, ...]) -> None:
    r002 = results[6]
    assert r002.retrieved_ids == ("kuvaus/vire", "otsikko", "investoinnit")  # repeated section collapsed
    assert r002.metrics["first_rank"] == 3.0
    assert r002.metrics["mrr"] == pytest.approx(1 / 3)
    assert r002.backend == "fused"
    assert results[7].failed_checks == ("recall@5",)


def test_summary_metrics_are_exact(results: tuple[QuestionResult, ...]) -> None:
    summary = summarize(results, {"suite": "all", "backend": "extractive"})
    metrics = summary["metrics"]
    assert summary["questions"] == 8
    assert summary["passed"] == 5
    assert summary["errors"] == 1
    assert metrics["answers.pass_rate"] == pytest.approx(3 / 5)
    assert metrics["answers.kind.text"] == pytest.approx(1 / 2)
    assert metrics["answers.check.owners"] == 0.0
    assert metrics["answers.not_found.precision"] == 1.0
    assert metrics["answers.not_found.recall"] == 1.0
    assert metrics["retrieval.pass_rate"] == pytest.approx(2 / 3)
    assert metrics["retrieval.recall@1"] == pytest.approx(1 / 3)
    assert metrics["retrieval.mrr"] == pytest.approx((1 + 1 / 3) / 3, abs=1e-6)
    ndcg_r002 = (1 / math.log2(4)) / (1 + 1 / math.log2(3))
    assert metrics["retrieval.ndcg@10"] == pytest.approx((1 + ndcg_r002) / 3, abs=1e-6)
    categories = {(c["suite"], c["category"]): (c["questions"], c["passed"]) for c in summary["categories"]}
    assert categories[("answers", "text")] == (2, 1)
    assert categories[("retrieval", "table")] == (1, 0)
    assert set(summary["latency_ms"]) == {"answers", "retrieval"}
    assert "answers.pass_rate" in format_summary(summary)


def test_not_found_precision_counts_wrong_not_found_answers() -> None:
    # a005 expects text; answering it not_found lowers precision (one of two not_found answers is right)
    system = System(ScriptedAnswerer(good_answers()), ScriptedSearch(search_rankings()))
    summary = summarize(run_suite(small_suite(), system, progress=False), {})
    assert summary["metrics"]["answers.not_found.precision"] == 0.5


def test_run_folder_round_trips(results: tuple[QuestionResult, ...], tmp_path: Path) -> None:
    summary = summarize(results, {"suite": "all"})
    files = write_run(tmp_path / "run", results, summary)
    assert read_results(files.results) == results
    assert json.loads(files.summary.read_text(encoding="utf-8"))["metrics"] == summary["metrics"]
    assert files.report_md.read_text(encoding="utf-8").startswith("# Arviointiraportti")
    assert files.report_html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    first = json.loads(files.results.read_text(encoding="utf-8").splitlines()[0])
    assert set(first) >= {"id", "category", "question", "kind", "answer", "citations", "retrieved_ids", "checks", "latency_ms"}


def test_a_suite_without_the_system_it_needs_is_refused() -> None:
    with pytest.raises(MissingSystem, match="no assistant"):
        run_suite(small_suite(), System(None, ScriptedSearch({})), progress=False)
    with pytest.raises(MissingSystem, match="no search index"):
        run_suite(Suite("x", retrieval=small_suite().retrieval), System(ScriptedAnswerer({}), None), progress=False)
