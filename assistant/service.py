"""The assistant: loads the corpus and the search index once and answers questions."""

from __future__ import annotations

import time

from assistant.answer_types import Answer
from assistant.question import clean_question
from assistant.settings import Settings, load_settings
from corpus.store import Corpus, load_corpus


class Assistant:
    """Answers Finnish questions about the plan; build once, call `answer` many times."""

    def __init__(self, settings: Settings | None = None, corpus: Corpus | None = None) -> None:
        self.settings = settings or load_settings()
        self.corpus = corpus or load_corpus()

    def answer(self, question: str) -> Answer:
        """Answer one question (raises AssistantError subclasses for bad input)."""
        started = time.perf_counter()
        cleaned = clean_question(question)
        # Placeholder until routing and the composer land (lead is wiring them).
        return Answer(
            question=cleaned,
            kind="not_found",
            answer="Tätä ei löydy käyttösuunnitelmasta.",
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
