"""One evaluated question as a typed row: the `results.jsonl` contract of a run (keep it stable)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.scoring import Check

RESULTS_FILE = "results.jsonl"
SUMMARY_FILE = "summary.json"


@dataclass(frozen=True)
class QuestionResult:
    """A question of a suite, what the system returned, each check's outcome and the latency."""

    suite: str  # "answers-dev", "retrieval-test", "conversations-test", ... or a custom suite's name
    id: str  # the gold row's stable id
    category: str
    question: str
    checks: tuple[Check, ...]
    latency_ms: float
    kind: str | None = None  # the answer's kind (None for retrieval rows)
    answer: str | None = None
    citations: tuple[dict[str, Any], ...] = ()
    owners: tuple[str, ...] = ()
    retrieved_ids: tuple[str, ...] = ()  # section ids in retrieved order
    expected: dict[str, Any] = field(default_factory=dict, compare=False)
    metrics: dict[str, float] = field(default_factory=dict, compare=False)  # retrieval rows: recall@k, mrr, ndcg@10
    backend: str | None = None
    tags: tuple[str, ...] = ()
    error: str | None = None  # the system raised instead of answering
    source: str = ""  # the gold line the question came from, e.g. "answers_dev.jsonl:12"
    conversation: str | None = None  # conversation turns: the conversation's id ("c001")
    turn: int | None = None  # conversation turns: the position, 1 for the first
    parts: tuple[dict[str, Any], ...] = ()  # a multi answer's parts: kind, answer, citations, owners
    operation: str | None = None  # the operation the answer's interpretation shows, if any
    resolved_question: str = ""  # conversation turns: the follow-up as the system read it ("Tulkitsin: …")

    @property
    def cited(self) -> bool:
        """Whether the answer, or one of its parts, cites the plan."""
        return bool(self.citations) or any(part.get("citations") for part in self.parts)

    @property
    def key(self) -> str:
        """Unique within a run: suite and id."""
        return f"{self.suite}/{self.id}"

    @property
    def passed(self) -> bool:
        return self.error is None and all(check.passed for check in self.checks)

    @property
    def failed_checks(self) -> tuple[str, ...]:
        return tuple(check.name for check in self.checks if not check.passed)

    def to_json(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "id": self.id,
            "category": self.category,
            "question": self.question,
            "kind": self.kind,
            "answer": self.answer,
            "citations": list(self.citations),
            "owners": list(self.owners),
            "retrieved_ids": list(self.retrieved_ids),
            "expected": self.expected,
            "checks": [check.to_json() for check in self.checks],
            "passed": self.passed,
            "metrics": self.metrics,
            "latency_ms": round(self.latency_ms, 3),
            "backend": self.backend,
            "tags": list(self.tags),
            "error": self.error,
            "source": self.source,
            "conversation": self.conversation,
            "turn": self.turn,
            "parts": list(self.parts),
            "operation": self.operation,
            "resolved_question": self.resolved_question,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuestionResult:
        return cls(
            suite=data["suite"],
            id=data["id"],
            category=data["category"],
            question=data["question"],
            checks=tuple(Check.from_json(check) for check in data.get("checks", ())),
            latency_ms=float(data.get("latency_ms", 0.0)),
            kind=data.get("kind"),
            answer=data.get("answer"),
            citations=tuple(data.get("citations", ())),
            owners=tuple(data.get("owners", ())),
            retrieved_ids=tuple(data.get("retrieved_ids", ())),
            expected=dict(data.get("expected", {})),
            metrics={name: float(value) for name, value in data.get("metrics", {}).items()},
            backend=data.get("backend"),
            tags=tuple(data.get("tags", ())),
            error=data.get("error"),
            source=str(data.get("source", "")),
            conversation=data.get("conversation"),
            turn=data.get("turn"),
            parts=tuple(data.get("parts", ())),
            operation=data.get("operation"),
            resolved_question=str(data.get("resolved_question") or ""),
        )


def write_results(path: Path, results: Iterable[QuestionResult]) -> None:
    """Write one JSON object per line, in suite order."""
    with path.open("w", encoding="utf-8") as handle:
        for result in results:
            handle.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")


def read_results(path: Path) -> tuple[QuestionResult, ...]:
    """Read a run's results.jsonl back."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(QuestionResult.from_json(json.loads(line)))
    return tuple(rows)
