"""The entry points the service used before FigureTool: `answer_figure(question, corpus)` and `figures_for`.

Kept so that the current service keeps working until it routes once and calls `FigureTool.read/answer` itself;
both build their tools once per corpus object.
"""

from __future__ import annotations

import weakref

from assistant.language.analysis import Analyser
from assistant.language.morphology import Morphology
from assistant.tools.figures.tool import FigureTool
from assistant.tools.figures.tools import Figures
from assistant.types import Answer
from corpus.store import Corpus

_CACHE: dict[int, tuple[weakref.ref[Corpus], FigureTool, Analyser, Figures]] = {}


def _tools(corpus: Corpus) -> tuple[FigureTool, Analyser, Figures]:
    entry = _CACHE.get(id(corpus))
    if entry is not None and entry[0]() is corpus:
        return entry[1], entry[2], entry[3]
    manifest = corpus.document().manifest
    analyser = Analyser(Morphology(corpus.word_forms), (manifest.municipality,), manifest.year)
    tools = (FigureTool(corpus), analyser, Figures.from_corpus(corpus))
    _CACHE[id(corpus)] = (weakref.ref(corpus), *tools)
    return tools


def figures_for(corpus: Corpus) -> Figures:
    """The typed figure tools (for a language model) over a corpus, built once per corpus object."""
    return _tools(corpus)[2]


def answer_figure(question: str, corpus: Corpus, figures: Figures | None = None) -> Answer | None:
    """A figure answer (figure, not_found or clarify), or None when the question is not about figures."""
    tool, analyser, _ = _tools(corpus)
    return tool.ask(analyser.analyse(question))
