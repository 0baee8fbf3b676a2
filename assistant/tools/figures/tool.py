"""The figure tool the router calls: read a question (fast, never raises), then answer the reading."""

from __future__ import annotations

from assistant.language.analysis import QuestionAnalysis
from assistant.tools.figures.compose import FigureAnswers
from assistant.tools.figures.phrase import question_for
from assistant.tools.figures.plan import Plan, build_plan
from assistant.tools.figures.query import FigureQuery, FigureReading, Impossible, NotFigure, Unsettled
from assistant.tools.figures.read import FigureReader
from assistant.types import Answer
from corpus.store import Corpus

# Operation words that stand in for each other in an elliptic ask ("eniten …, ja millä vähiten?").
OP_FAMILIES = {"most": "rank", "least": "rank", "change_up": "change", "change_down": "change", "cut": "change", "more": "compare",
               "less": "compare"}


class FigureTool:
    """Figure questions over one document of a corpus; everything is indexed once, at construction."""

    def __init__(self, corpus: Corpus, doc_id: str | None = None) -> None:
        document = corpus.document(doc_id)
        self.plan: Plan = build_plan(document)
        self.reader = FigureReader(self.plan)
        self.answers = FigureAnswers(self.plan, document)

    def read(self, analysis: QuestionAnalysis) -> FigureReading:
        """How the question reads as a figure question (parse only; never raises)."""
        return self.reader.read(analysis)

    def units_asked(self, analysis: QuestionAnalysis) -> tuple[str, ...]:
        """The plan's named units the question asks an amount or money of (see `FigureReader.units_asked`)."""
        return self.reader.units_asked(analysis)

    def answer(self, analysis: QuestionAnalysis, reading: FigureReading) -> Answer:
        """The Finnish answer to a reading: figure, not_found (with the area's figure when narrower) or clarify."""
        question, frame = analysis.text, analysis.frame
        if isinstance(reading, FigureQuery):
            return self.answers.figure(question, reading, frame)
        if isinstance(reading, Impossible):
            return self.answers.impossible(question, reading, frame)
        if isinstance(reading, Unsettled):
            return self.answers.unsettled(question, reading, frame)
        return self.answers.not_figure(question, reading)

    def ask(self, analysis: QuestionAnalysis) -> Answer | None:
        """Read and answer in one call; None when the question is not about figures."""
        reading = self.read(analysis)
        return None if isinstance(reading, NotFigure) else self.answer(analysis, reading)

    def slot_kind(self, word: str) -> str | None:
        """What one folded word names in this plan: "area", "row", "op:<category>" or None (for completing
        elliptic asks: "entä opetuksen?", "ja millä vähiten?")."""
        found = self.reader.finder.find_tokens((word,))
        for item in found:
            if item.kind in ("area", "row"):
                return item.kind
        ops = [item.value for item in found if item.kind == "op" and item.value != "neutral"]
        return f"op:{OP_FAMILIES.get(ops[0], ops[0])}" if ops else None

    def names_operation(self, word: str) -> bool:
        """Whether one folded word asks how ("eniten", "kasvaa") rather than naming a thing."""
        return (self.slot_kind(word) or "").startswith("op:")

    def question_for(self, query: FigureQuery) -> str:
        """A complete Finnish question that reads as `query` (for suggestions)."""
        return question_for(query, self.plan)
