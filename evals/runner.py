"""Running a suite: ask every answer question, rank every retrieval question, and score each one."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from assistant.types import Answer
from evals.gold import AnswerItem
from evals.retrieval_eval import Search, evaluate_question, to_result
from evals.results import QuestionResult
from evals.scoring import Check, score_answer
from evals.suites import Suite

Answerer = Callable[[str], Answer]


class MissingSystem(RuntimeError):
    """A suite needs the assistant or the search index, and none was given."""


@dataclass(frozen=True)
class System:
    """What a run evaluates: an answerer for answer rows and a search function for retrieval rows."""

    answer: Answerer | None = None
    search: Search | None = None
    retrieval_mode: str = "fused"


def source_of(path: str, line: int) -> str:
    """Where a gold row came from, as 'file name:line'."""
    return f"{Path(path).name}:{line}"


def expected_of(item: AnswerItem) -> dict[str, object]:
    """The row's expectations as shown beside the answer in reports."""
    return {
        "kind": item.kind,
        "numbers": list(item.numbers),
        "owners": list(item.owners),
        "facts": list(item.facts),
        "sections": ["|".join(options) for options in item.sections],
    }


def answer_result(item: AnswerItem, answer: Answer, latency_ms: float, suite: str) -> QuestionResult:
    """Score an answer and keep what was returned."""
    score = score_answer(item, answer)
    return QuestionResult(
        suite=suite,
        id=item.id,
        category=item.category,
        question=item.question,
        checks=score.checks,
        latency_ms=latency_ms,
        kind=answer.kind,
        answer=answer.answer,
        citations=tuple(citation.to_json() for citation in answer.citations),
        owners=answer.owners,
        retrieved_ids=answer.retrieved_ids,
        expected=expected_of(item),
        backend=answer.backend,
        tags=item.tags,
        source=source_of(item.path, item.line),
    )


def error_result(item: AnswerItem, error: Exception, latency_ms: float, suite: str) -> QuestionResult:
    """A question the system raised on: it fails, and the error is kept for the report."""
    return QuestionResult(
        suite=suite,
        id=item.id,
        category=item.category,
        question=item.question,
        checks=(Check("kind", False, (item.kind,), (item.kind,)),),
        latency_ms=latency_ms,
        expected=expected_of(item),
        tags=item.tags,
        error=f"{type(error).__name__}: {error}",
        source=source_of(item.path, item.line),
    )


def ask(item: AnswerItem, answer: Answerer, suite: str) -> QuestionResult:
    """Ask one question, timing the whole call (a raising system is scored as a failure, not a crash)."""
    started = time.perf_counter()
    try:
        result = answer(item.question)
    except Exception as error:  # noqa: BLE001 - one broken question must not stop the run
        return error_result(item, error, elapsed_ms(started), suite)
    return answer_result(item, result, elapsed_ms(started), suite)


def elapsed_ms(started: float) -> float:
    """Milliseconds since `started`, to the microsecond (what results.jsonl keeps)."""
    return round((time.perf_counter() - started) * 1000, 3)


def run_suite(suite: Suite, system: System, progress: bool = True) -> tuple[QuestionResult, ...]:
    """Evaluate every row of the suite, answer rows first, with one progress bar."""
    if suite.answers and system.answer is None:
        raise MissingSystem(f"suite {suite.name!r} has answer questions but no assistant was given")
    if suite.retrieval and system.search is None:
        raise MissingSystem(f"suite {suite.name!r} has retrieval questions but no search index was given")
    answer_suite = "answers" if suite.name in ("all", "answers") else suite.name
    results: list[QuestionResult] = []
    with tqdm(total=suite.size, desc=f"arviointi ({suite.name})", unit="kysymys", disable=not progress) as bar:
        for item in suite.answers:
            results.append(ask(item, system.answer, answer_suite))  # type: ignore[arg-type]
            bar.update()
        for retrieval_item in suite.retrieval:
            outcome = evaluate_question(retrieval_item, system.search, system.retrieval_mode)  # type: ignore[arg-type]
            results.append(to_result(outcome))
            bar.update()
    return tuple(results)


def failures(results: Sequence[QuestionResult]) -> tuple[QuestionResult, ...]:
    """The rows that did not pass, in run order."""
    return tuple(result for result in results if not result.passed)
