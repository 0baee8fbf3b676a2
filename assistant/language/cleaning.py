"""Cleaning and validating a user's question before anything else sees it."""

from __future__ import annotations

import unicodedata

from assistant.errors import EmptyQuestion, QuestionTooLong
from corpus.text import squash_spaces

MAX_QUESTION_CHARS = 2000


def clean_question(text: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """Strip control characters, collapse whitespace and enforce the length limit; markup stays plain text."""
    if len(text) > limit:
        raise QuestionTooLong(len(text), limit)
    kept = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    cleaned = squash_spaces(unicodedata.normalize("NFC", kept))
    if not cleaned:
        raise EmptyQuestion("question is empty; write a question in Finnish, e.g. 'Paljonko varhaiskasvatus maksaa 2024?'")
    return cleaned
