"""Running a suite: ask every answer question, hold every conversation turn by turn, rank every retrieval question."""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.types import Answer
from evals.gold import AnswerItem, AnswerPart, ConversationItem
from evals.results import QuestionResult
from evals.retrieval_eval import Search, evaluate_question, to_result
from evals.scoring import Check, answer_operation, answer_parts, score_answer
from evals.suites import Suite

Answerer = Callable[[str], Answer]
# converse(question, state) -> answer; `state` is the previous answer's `conversation` (None on the first turn)
Converser = Callable[[str, Any], Answer]


class MissingSystem(RuntimeError):
    """A suite needs the assistant or the search index, and none was given."""


def accepts_conversation(answer: Callable[..., Any]) -> bool:
    """Whether `answer` takes a `conversation=` keyword (the state of the conversation so far)."""
    try:
        parameters = inspect.signature(answer).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "conversation" or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters)


def converser_for(answer: Answerer) -> Converser:
    """Turns through `answer(question, conversation=state)` when it takes a state, else each turn on its own."""
    if accepts_conversation(answer):
        return lambda question, state: answer(question, conversation=state)  # type: ignore[call-arg]
    return lambda question, state: answer(question)


@dataclass(frozen=True)
class System:
    """What a run evaluates: an answerer (and optionally a converser) and a search function for retrieval rows."""

    answer: Answerer | None = None
    search: Search | None = None
    retrieval_mode: str = "fused"
    converse: Converser | None = None  # default: `converser_for(answer)`

    def converser(self) -> Converser | None:
        if self.converse is not None:
            return self.converse
        return converser_for(self.answer) if self.answer is not None else None


def source_of(path: str, line: int) -> str:
    """Where a gold row came from, as 'file name:line'."""
    return f"{Path(path).name}:{line}"


def _expected_part(part: AnswerItem | AnswerPart) -> dict[str, object]:
    expected: dict[str, object] = {
        "kind": part.kind,
        "numbers": list(part.numbers),
        "owners": list(part.owners),
        "facts": list(part.facts),
        "sections": ["|".join(options) for options in part.sections],
    }
    if part.operation is not None:
        expected["operation"] = part.operation
    if part.not_itemised:
        expected["not_itemised"] = list(part.not_itemised)
    return expected


def expected_of(item: AnswerItem) -> dict[str, object]:
    """The row's expectations as shown beside the answer in reports."""
    expected = _expected_part(item)
    if item.parts:
        expected["parts"] = [_expected_part(part) for part in item.parts]
    if item.resolved_question:
        expected["resolved_question"] = item.resolved_question
    return expected


def part_json(part: Any) -> dict[str, Any]:
    """One part of a multi answer as results.jsonl keeps it."""
    return {
        "kind": getattr(part, "kind", None),
        "answer": getattr(part, "answer", ""),
        "citations": [citation.to_json() for citation in getattr(part, "citations", ())],
        "owners": list(getattr(part, "owners", ())),
        "operation": answer_operation(part),
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
        parts=tuple(part_json(part) for part in answer_parts(answer)),
        operation=answer_operation(answer),
        resolved_question=getattr(answer, "resolved_question", "") or "",
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
    result, _ = _timed(item, lambda question: answer(question), suite)
    return result


def _timed(item: AnswerItem, call: Callable[[str], Answer], suite: str) -> tuple[QuestionResult, Answer | None]:
    started = time.perf_counter()
    try:
        answer = call(item.question)
    except Exception as error:  # noqa: BLE001 - one broken question must not stop the run
        return error_result(item, error, elapsed_ms(started), suite), None
    return answer_result(item, answer, elapsed_ms(started), suite), answer


def hold_conversation(conversation: ConversationItem, converse: Converser, suite: str) -> tuple[QuestionResult, ...]:
    """Ask the turns in order, each with the state the previous answer returned; one result per turn.

    A turn that raises is scored as a failure and the next turn starts without a state.
    """
    results = []
    state: Any = None
    for position, turn in enumerate(conversation.turns, start=1):
        def ask(question: str, state: Any = state) -> Answer:
            return converse(question, state)

        result, answer = _timed(turn, ask, suite)
        state = getattr(answer, "conversation", None) if answer is not None else None
        results.append(replace(result, conversation=conversation.id, turn=position))
    return tuple(results)


def elapsed_ms(started: float) -> float:
    """Milliseconds since `started`, to the microsecond (what results.jsonl keeps)."""
    return round((time.perf_counter() - started) * 1000, 3)


def run_suite(suite: Suite, system: System, progress: bool = True) -> tuple[QuestionResult, ...]:
    """Evaluate every part of the suite in order (answers, conversations, retrieval), with one progress bar."""
    converse = system.converser()
    if suite.answers and system.answer is None:
        raise MissingSystem(f"suite {suite.name!r} has answer questions but no assistant was given")
    if suite.conversations and converse is None:
        raise MissingSystem(f"suite {suite.name!r} has conversations but no assistant was given")
    if suite.retrieval and system.search is None:
        raise MissingSystem(f"suite {suite.name!r} has retrieval questions but no search index was given")
    results: list[QuestionResult] = []
    with tqdm(total=suite.size, desc=f"arviointi ({suite.name})", unit="kysymys", disable=not progress) as bar:
        for part in suite.parts:
            for item in part.answers:
                results.append(ask(item, system.answer, part.label))  # type: ignore[arg-type]
                bar.update()
            for conversation in part.conversations:
                results.extend(hold_conversation(conversation, converse, part.label))  # type: ignore[arg-type]
                bar.update(len(conversation.turns))
            for retrieval_item in part.retrieval:
                outcome = evaluate_question(retrieval_item, system.search, system.retrieval_mode)  # type: ignore[arg-type]
                results.append(to_result(outcome, part.label))
                bar.update()
    return tuple(results)


def failures(results: Sequence[QuestionResult]) -> tuple[QuestionResult, ...]:
    """The rows that did not pass, in run order."""
    return tuple(result for result in results if not result.passed)
