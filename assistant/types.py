"""The answer contract: what `answer(question)` returns and `ask --json` prints (keep it stable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

AnswerKind = Literal["figure", "owner", "text", "not_found"]
ANSWER_KINDS: tuple[str, ...] = ("figure", "owner", "text", "not_found")


@dataclass(frozen=True)
class Citation:
    """A numbered piece of evidence: section, the quoted (repaired) sentences and source lines."""

    n: int
    section_id: str
    section: str  # section path joined with " › "
    quote: str
    lines: tuple[int, int]

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "section_id": self.section_id,
            "section": self.section,
            "quote": self.quote,
            "lines": [self.lines[0], self.lines[1]],
        }


@dataclass(frozen=True)
class FigureRef:
    """A figure stated in an answer and the table cell it was read from (or computed from)."""

    table: str
    area: str
    item: str
    column: str  # e.g. "TA 2024" or "TA 2024 − TP 2022" for a computed change
    value: int | float  # whole euros (int); a percent change is a float with one decimal
    unit: str  # "€" or "%"
    value_text: str = ""  # formatted the Finnish way, e.g. "32 611 450 €" or "−4,2 %"

    def to_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "area": self.area,
            "item": self.item,
            "column": self.column,
            "value": self.value,
            "unit": self.unit,
        }


@dataclass(frozen=True)
class Answer:
    """A Finnish answer with its kind, numbered citations, figures and owners."""

    question: str
    kind: AnswerKind
    answer: str
    citations: tuple[Citation, ...] = ()
    figures: tuple[FigureRef, ...] = ()
    owners: tuple[str, ...] = ()
    elapsed_ms: float = 0.0
    retrieved_ids: tuple[str, ...] = field(default=(), compare=False)  # section ids, for evaluation
    backend: str = "extractive"

    def to_json(self) -> dict[str, Any]:
        """The stable JSON contract of `python -m assistant ask --json`."""
        return {
            "question": self.question,
            "kind": self.kind,
            "answer": self.answer,
            "citations": [citation.to_json() for citation in self.citations],
            "figures": [figure.to_json() for figure in self.figures],
            "owners": list(self.owners),
            "elapsed_ms": round(self.elapsed_ms, 2),
        }
