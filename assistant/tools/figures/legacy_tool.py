"""Transitional: today's figure parser behind the FigureTool interface (read → reading, answer) until the
typed FigureQuery parser of issue 10 replaces it."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.language.analysis import QuestionAnalysis
from assistant.tools.figures.answer import answer_figure, figures_for
from assistant.tools.figures.query import NotFigure, parse_figure_query
from assistant.types import Answer
from corpus.store import Corpus


@dataclass(frozen=True)
class LegacyReading:
    parsed: object

    @property
    def is_figure(self) -> bool:
        return not isinstance(self.parsed, NotFigure)


class LegacyFigureTool:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.figures = figures_for(corpus)

    def read(self, analysis: QuestionAnalysis) -> LegacyReading:
        return LegacyReading(parse_figure_query(analysis.text))

    def answer(self, analysis: QuestionAnalysis, reading: LegacyReading) -> Answer:
        answer = answer_figure(analysis.text, self.corpus, self.figures)
        if answer is None:
            raise ValueError("not a figure question")
        return answer
