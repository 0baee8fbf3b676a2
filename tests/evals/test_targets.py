"""The product's quality targets, held on the DEV split only, with the real index and assistant (issues 3, 4, 9).

The test split is frozen and never asserted here: `python -m evals run --suite test` prints its scores, and
those are the ones worth quoting. Each threshold is at or just below the dev score the product had when the
split was made; raise a threshold when the product gets better, never lower one to make a change pass.
Re-measured on 2026-12-01 after the restructure landed (one route by meaning, the typed figure query, the fitted
answerability model): figure 1.000, owner 0.623, text 0.511, not in the plan 0.896 (precision 0.52, recall 0.94),
13 confident wrong answers of 436; conversations: first turns 0.806, follow-ups 0.648 (after issue 11).
Raised later that day (sentence windows, spoken endings, verbs weighed half, grid words, shares and rankings in
follow-ups, the out-of-fold answerability threshold): figure 1.000, owner 0.656, text 0.556, not in the plan
0.906 (precision 0.54, recall 0.94), 13 confident wrong of 436; follow-ups 0.761.
Raised again the next session (a word of the language is no typo, clock times, "mihin" as parts, area-true goals):
owner 0.639, text 0.556, not in the plan 0.917 (precision 0.54, recall 0.95), 12 confident wrong of 436.
And after the fourth (a change from the year in focus, ordinals, reasons said in two words): follow-ups 0.775.
After the fifth (shortened owner titles, how-known metric questions, an area's goals, "kenelle" as a recipient,
genitive owners of figures): owner 0.689, text 0.570, not in the plan 0.938 (precision 0.56, recall 0.95).
After the sixth ("homma", aims and sub-aims, event and where frames, follow-ups over column kinds, other areas,
the town): owner 0.738, not in the plan 0.948 (precision 0.57, recall 0.96), 11 confident wrong of 436;
conversations: first turns 0.861, follow-ups 0.803.
After the seventh (clitics read off their word, follow-ups over percents, sums, places and "ilman", the whole
goals grid, everyday words for sub-services): owner 0.721, text 0.585, not in the plan 0.948 (precision 0.58,
recall 0.96), 12 confident wrong of 436; conversations: first turns 0.861, follow-ups 0.803.
After the eighth (named units, listings followed up, social turns, spoken forms, "kuka johtaa"): owner 0.738,
11 confident wrong of 436; conversations unchanged on dev.
After the ninth (compounds of an area and a row, spans in the allative, which of two, a sentence that never names
the sub-service asked of refused, "tarha"): text 0.593, not in the plan 0.958 (precision 0.59, recall 0.97),
10 confident wrong of 436.
"""

from __future__ import annotations

import pytest

from evals.gold import RETRIEVAL_DEV, load_retrieval_gold
from evals.pipeline import search_function
from evals.results import QuestionResult
from evals.retrieval_eval import evaluate_retrieval, metrics_by_mode
from evals.runner import System, run_suite
from evals.split import TUNED_ON
from evals.suites import Suite, load_suite
from evals.summary import is_confident_wrong, not_found_scores, turn_scores

pytestmark = pytest.mark.slow

# Dev pass rates per gold kind (answers_dev.jsonl): at or just below today's.
KIND_TARGETS = {"figure": 0.98, "owner": 0.73, "text": 0.58, "not_found": 0.95}


@pytest.fixture(scope="module")
def dev_results(real_assistant) -> tuple[QuestionResult, ...]:  # type: ignore[no-untyped-def]
    """The dev answers and conversations (retrieval is held apart, with its own metrics)."""
    suite = load_suite("dev")
    asked = Suite(suite.name, parts=tuple(part for part in suite.parts if not part.retrieval))
    return run_suite(asked, System(answer=real_assistant.answer), progress=False)


def answers(results: tuple[QuestionResult, ...]) -> list[QuestionResult]:
    return [r for r in results if r.suite == "answers-dev"]


def rate(rows: list[QuestionResult]) -> float:
    return sum(r.passed for r in rows) / len(rows)


def test_fused_retrieval_meets_its_targets(real_assistant) -> None:  # type: ignore[no-untyped-def]
    outcomes = evaluate_retrieval(load_retrieval_gold(RETRIEVAL_DEV), search_function(real_assistant.searcher), modes=("fused",))
    (fused,) = metrics_by_mode(outcomes, ("fused",))
    assert fused.metrics["recall@5"] >= 0.97
    # 0.90 when query words the plan lacks were analysed by Voikko; queries no longer load it (1.5 s, +240 MB on
    # a cold start) and match such words by their 4-grams: measured 0.898 on dev.
    assert fused.metrics["mrr"] >= 0.89


def test_every_tuned_on_figure_answer_is_right(dev_results: tuple[QuestionResult, ...]) -> None:
    tuned = [r for r in answers(dev_results) if TUNED_ON.match(r.id) and r.expected["kind"] == "figure"]
    assert len(tuned) >= 60
    assert [(r.id, r.question) for r in tuned if not r.passed] == []


@pytest.mark.parametrize(("kind", "target"), KIND_TARGETS.items())
def test_dev_answers_of_each_kind_meet_their_target(dev_results: tuple[QuestionResult, ...], kind: str, target: float) -> None:
    rows = [r for r in answers(dev_results) if r.expected["kind"] == kind]
    assert len(rows) >= 20
    assert rate(rows) >= target


def test_not_in_the_plan_is_precise_and_complete(dev_results: tuple[QuestionResult, ...]) -> None:
    scores = not_found_scores("answers-dev", answers(dev_results))
    assert scores["answers-dev.not_found.precision"] >= 0.58
    assert scores["answers-dev.not_found.recall"] >= 0.96


def test_confident_wrong_answers_stay_few(dev_results: tuple[QuestionResult, ...]) -> None:
    wrong = [r for r in answers(dev_results) if is_confident_wrong(r)]
    assert len(wrong) / len(answers(dev_results)) <= 0.03


def test_conversations_meet_their_targets(dev_results: tuple[QuestionResult, ...]) -> None:
    turns = [r for r in dev_results if r.suite == "conversations-dev"]
    scores = turn_scores("conversations-dev", turns)
    assert len(turns) >= 80
    assert scores["conversations-dev.turn.first"] >= 0.83
    assert scores["conversations-dev.turn.follow_up"] >= 0.78


def test_the_dev_split_has_the_promised_shape() -> None:
    suite = load_suite("dev")
    kinds = [item.kind for item in suite.answers]
    assert len(suite.answers) >= 400 and len(suite.conversations) >= 30
    assert kinds.count("figure") >= 120 and kinds.count("owner") >= 50
    assert kinds.count("text") >= 120 and kinds.count("not_found") >= 80
