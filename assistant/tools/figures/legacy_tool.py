"""Transitional name: the service built `LegacyFigureTool(corpus)`; it is now the FigureTool of issue 10 with the
typed LLM tools beside it (`.figures`). Use `FigureTool` directly; this module goes when the service does."""

from __future__ import annotations

from assistant.tools.figures.tool import FigureTool
from assistant.tools.figures.tools import Figures
from corpus.store import Corpus


class LegacyFigureTool(FigureTool):
    """FigureTool plus the typed figure tools a language model is offered."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__(corpus)
        self.figures = Figures.from_corpus(corpus)
