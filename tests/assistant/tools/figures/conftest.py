"""The figure tool over the real plan, and a question analyser like the router's."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.language.analysis import Analyser
from assistant.language.morphology import Morphology
from assistant.tools.figures import FigureQuery, FigureReading, FigureTool
from assistant.types import Answer
from corpus.records import Column
from corpus.store import Corpus

TP22, TA23, TA24, TS25, TS26 = Column(2022, "TP"), Column(2023, "TA"), Column(2024, "TA"), Column(2025, "TS"), Column(2026, "TS")
AREAS = ("HYTE", "OPKOU", "VAKA", "VIRE")
BOARD = "TOIMIALA"


@pytest.fixture(scope="session")
def analyser(corpus: Corpus) -> Analyser:
    manifest = corpus.document().manifest
    return Analyser(Morphology.of(corpus), (manifest.municipality,), manifest.year)


@pytest.fixture(scope="session")
def tool(corpus: Corpus) -> FigureTool:
    return FigureTool(corpus)


@pytest.fixture(scope="session")
def read(tool: FigureTool, analyser: Analyser) -> Callable[[str], FigureReading]:
    return lambda question: tool.read(analyser.analyse(question))


@pytest.fixture(scope="session")
def query(read: Callable[[str], FigureReading]) -> Callable[[str], FigureQuery]:
    def settled(question: str) -> FigureQuery:
        reading = read(question)
        assert isinstance(reading, FigureQuery), (question, reading)
        return reading

    return settled


@pytest.fixture(scope="session")
def ask(tool: FigureTool, analyser: Analyser) -> Callable[[str], Answer]:
    def answer(question: str) -> Answer:
        analysis = analyser.analyse(question)
        return tool.answer(analysis, tool.read(analysis))

    return answer
