"""A question analyser over the real plan's word forms, as the assistant builds it."""

from __future__ import annotations

import pytest

from assistant.language.analysis import Analyser
from assistant.language.morphology import Morphology
from corpus.store import load_corpus


@pytest.fixture(scope="session")
def analyser() -> Analyser:
    corpus = load_corpus()
    return Analyser(Morphology.of(corpus), ["Heinola", "käyttösuunnitelma", "suunnitelma"], 2024)
