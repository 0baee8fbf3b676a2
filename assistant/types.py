"""The answer contract: what `answer(question)` returns and `ask --json` prints (keep it stable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

AnswerKind = Literal["figure", "owner", "text", "not_found", "multi", "clarify"]
ANSWER_KINDS: tuple[str, ...] = ("figure", "owner", "text", "not_found", "multi", "clarify")


@dataclass(frozen=True)
class Citation:
    """A numbered piece of evidence: document, section, the quoted (repaired) sentences and source lines."""

    n: int
    section_id: str  # the id within its document ("palvelualuelaskelmat/vire")
    section: str  # section path joined with " › "
    quote: str
    lines: tuple[int, int]
    doc_id: str = ""  # the document the section belongs to; with section_id it is unique across documents

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
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
class Interpretation:
    """How a question was read, shown to the user ("Tulkinta: …") and carried in the JSON for evaluators."""

    route: str  # figure | owner | text | not_found | multi | clarify
    frame: str = ""  # what the question asks for (assistant.language.analysis.FRAMES: who, amount, when, event, …)
    text: str = ""  # the Finnish reading line, e.g. "Tulkinta: Varhaiskasvatus · Toimintakulut · TA 2024 · haku"
    operation: str = ""  # figures: lookup, change, trend, sum, average, share, difference, ranking, existence, identity
    rows: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # column labels, e.g. ("TA 2024", "TS 2026")
    goals: tuple[str, ...] = ()  # goal ids of the goals grid
    sections: tuple[str, ...] = ()  # evidence sections of a text answer
    reason: str = ""  # not_found / clarify: why, as a code (year_outside_plan, outside_board, not_itemised, no_evidence…)
    focus: str = ""  # owner answers: what was asked of the goals (owner or a field: metric, target, aim, sub_aim)

    def to_json(self) -> dict[str, Any]:
        return {
            "route": self.route,
            "frame": self.frame,
            "text": self.text,
            "operation": self.operation,
            "rows": list(self.rows),
            "areas": list(self.areas),
            "columns": list(self.columns),
            "goals": list(self.goals),
            "sections": list(self.sections),
            "reason": self.reason,
            "focus": self.focus,
        }


@dataclass(frozen=True)
class Answer:
    """A Finnish answer with its kind, numbered citations, figures and owners, and how the question was read."""

    question: str
    kind: AnswerKind
    answer: str
    citations: tuple[Citation, ...] = ()
    figures: tuple[FigureRef, ...] = ()
    owners: tuple[str, ...] = ()
    elapsed_ms: float = 0.0
    retrieved_ids: tuple[str, ...] = field(default=(), compare=False)  # section ids, for evaluation
    backend: str = "extractive"
    headline: str = ""  # the one sentence that answers (what the UI shows first)
    interpretation: Interpretation | None = None
    notes: tuple[str, ...] = ()  # caveats: defaults taken, units, sub-services the plan does not split
    suggestions: tuple[str, ...] = ()  # complete questions the user may have meant (clickable in the UI)
    parts: tuple[Answer, ...] = ()  # a multi-part question's answers, in the order asked
    not_itemised: tuple[str, ...] = ()  # named units the question asked about that the plan gives no figure of
    resolved_question: str = ""  # a follow-up read as a whole question ("Tulkitsin: …")
    conversation: Any = field(default=None, compare=False)  # the updated conversation state (serialisable)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON contract of `python -m assistant ask --json` (keys are only ever added)."""
        state = self.conversation
        return {
            "question": self.question,
            "kind": self.kind,
            "answer": self.answer,
            "citations": [citation.to_json() for citation in self.citations],
            "figures": [figure.to_json() for figure in self.figures],
            "owners": list(self.owners),
            "elapsed_ms": round(self.elapsed_ms, 2),
            "headline": self.headline,
            "interpretation": self.interpretation.to_json() if self.interpretation else None,
            "notes": list(self.notes),
            "suggestions": list(self.suggestions),
            "parts": [part.to_json() for part in self.parts],
            "not_itemised": list(self.not_itemised),
            "resolved_question": self.resolved_question,
            "conversation": state.to_json() if state is not None and hasattr(state, "to_json") else state,
        }
