"""The product's quality targets on the gold sets, with the real index and assistant (issues 3 and 4)."""

from __future__ import annotations

import pytest

from evals.gold import load_answer_gold, load_retrieval_gold
from evals.pipeline import search_function
from evals.retrieval_eval import evaluate_retrieval, metrics_by_mode
from evals.runner import System, run_suite
from evals.suites import load_suite
from evals.summary import not_found_scores

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def answer_results(real_assistant):
    return run_suite(load_suite("answers"), System(answer=real_assistant.answer), progress=False)


def test_fused_retrieval_meets_its_targets(real_assistant) -> None:
    outcomes = evaluate_retrieval(load_retrieval_gold(), search_function(real_assistant.searcher), modes=("fused",))
    (fused,) = metrics_by_mode(outcomes, ("fused",))
    assert fused.metrics["recall@5"] >= 0.97
    assert fused.metrics["mrr"] >= 0.90


def test_every_figure_and_owner_answer_is_right(answer_results) -> None:
    wrong = [(r.id, r.question) for r in answer_results if r.category.startswith(("figure", "owner")) and not r.passed]
    assert wrong == []


def test_text_answers_are_right_at_least_nine_times_in_ten(answer_results) -> None:
    text = [r for r in answer_results if r.category == "text"]
    assert len(text) >= 45
    assert sum(r.passed for r in text) / len(text) >= 0.90


def test_not_in_the_plan_is_precise_and_complete(answer_results) -> None:
    scores = not_found_scores("answers", answer_results)
    assert scores["answers.not_found.precision"] >= 0.95
    assert scores["answers.not_found.recall"] >= 0.95


def test_the_gold_set_has_the_promised_shape() -> None:
    items = load_answer_gold()
    kinds = [item.kind for item in items]
    assert len(items) >= 120
    assert kinds.count("figure") >= 40 and kinds.count("owner") >= 15
    assert kinds.count("text") >= 45 and kinds.count("not_found") >= 15
