"""Running a suite with a scripted system: rows, per-check outcomes, summary metrics and the run folder."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from assistant.types import Answer
from evals.results import QuestionResult, read_results
from evals.run_files import write_run
from evals.runner import MissingSystem, System, accepts_conversation, converser_for, run_suite
from evals.summary import format_summary, summarize
from tests.evals.fakes import (
    CONVERSATION,
    HOSTILE_Q,
    Q1,
    Q2,
    Q3,
    Remembering,
    RicherAnswer,
    ScriptedAnswerer,
    ScriptedSearch,
    answer_item,
    cite,
    good_answers,
    search_rankings,
    small_suite,
    suite_of,
)


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
        run_suite(suite_of("x", retrieval=small_suite().retrieval), System(ScriptedAnswerer({}), None), progress=False)


# --- conversations, confident wrong answers, false "not in the plan" --------------------------

def test_turns_are_asked_in_order_with_the_previous_state() -> None:
    remembering = Remembering()
    results = run_suite(suite_of("k", conversations=[CONVERSATION]), System(remembering), progress=False)
    assert remembering.states == [None, "vaka", "vaka-2025"]
    assert [(r.key, r.conversation, r.turn, r.passed) for r in results] == [
        ("conversations/k001.1", "k001", 1, True),
        ("conversations/k001.2", "k001", 2, True),
        ("conversations/k001.3", "k001", 3, False),  # should have asked which figure
    ]
    assert results[2].source == "fake:1"


def test_a_system_without_conversation_state_answers_each_turn_alone() -> None:
    asked: list[str] = []

    def alone(question: str) -> Answer:
        asked.append(question)
        return Remembering()(question)

    assert not accepts_conversation(alone) and accepts_conversation(Remembering())
    results = run_suite(suite_of("k", conversations=[CONVERSATION]), System(alone), progress=False)
    assert asked == [Q1, Q2, Q3]
    assert [r.passed for r in results] == [True, False, False]
    assert converser_for(alone)(Q1, "ignored").answer.startswith("VAKA")


def test_a_raising_turn_fails_and_the_next_turn_starts_afresh() -> None:
    states: list[object] = []

    def converse(question: str, state: object) -> Answer:
        states.append(state)
        if question == Q1:
            raise RuntimeError("rikki")
        return Remembering()(question, state)

    results = run_suite(suite_of("k", conversations=[CONVERSATION]), System(converse=converse), progress=False)
    assert states == [None, None, None]
    assert results[0].error == "RuntimeError: rikki" and results[0].turn == 1


def test_turn_metrics_split_first_turns_from_follow_ups() -> None:
    results = run_suite(suite_of("k", conversations=[CONVERSATION]), System(Remembering()), progress=False)
    summary = summarize(results, {"suite": "k"})
    metrics = summary["metrics"]
    assert metrics["conversations.turn.first"] == 1.0
    assert metrics["conversations.turn.follow_up"] == 0.5
    assert (metrics["conversations.turn.2"], metrics["conversations.turn.3"]) == (1.0, 0.0)
    assert metrics["conversations.conversations.all_turns"] == 0.0
    assert summary["turns"]["conversations"][2] == {"turn": 3, "questions": 1, "passed": 0, "pass_rate": 0.0}
    assert summary["confident_wrong"] == {"conversations": ["k001.3"]}  # answered and cited, should have asked


def test_confident_wrong_and_false_not_found_are_listed_by_id(results: tuple[QuestionResult, ...]) -> None:
    # a002: an owner answer with a citation but the wrong owner; a005 raised (not an answer)
    summary = summarize(results, {"suite": "all"})
    assert summary["confident_wrong"] == {"answers": ["a002"]}
    assert summary["false_not_found"] == {}
    unsure = run_suite(suite_of("all", small_suite().answers), System(ScriptedAnswerer(good_answers())), progress=False)
    assert summarize(unsure, {})["false_not_found"] == {"answers": ["a005"]}  # text expected, not_found answered
    console = format_summary(summary)
    assert "Varmat väärät vastaukset (lähteet mukana, rivi hylätty): 1" in console and "answers 1: a002" in console


def test_an_uncited_wrong_answer_is_not_confident() -> None:
    row = answer_item("a001", "q", "figure", "figure-lookup", numbers=(1,), sections=(("talousarvio",),))
    uncited = run_suite(suite_of("x", answers=[row]), System(lambda q: Answer(q, "figure", "2 €")), progress=False)
    assert not uncited[0].passed and summarize(uncited, {})["confident_wrong"] == {}


def test_only_the_operation_wrong_is_counted_apart() -> None:
    row = answer_item("a001", "q", "figure", "figure-lookup", numbers=(1,), sections=(("talousarvio",),), operation="lookup")
    right_figure = RicherAnswer("q", "figure", "1 €", citations=(cite("talousarvio"),))
    results = run_suite(suite_of("x", answers=[row]), System(lambda q: right_figure), progress=False)
    summary = summarize(results, {})
    assert summary["confident_wrong"] == summary["confident_wrong_operation_only"] == {"answers": ["a001"]}
