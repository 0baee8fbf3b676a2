"""Cleaning and validating a user's question before anything else sees it.

Text pasted from PDFs and web pages carries invisible characters: soft hyphens inside words
("varhais\u00adkasvatus"), zero-width spaces and joiners, byte-order marks, bidirectional controls. They are
removed, not turned into spaces, so that a word stays one word; other control characters (tabs, line
breaks, NUL, escapes) separate words. NFKC then folds look-alike forms (full-width digits, ligatures,
no-break spaces) into the plain ones the plan is written in.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.errors import EmptyQuestion, QuestionTooLong
from corpus.text import squash_spaces

MAX_QUESTION_CHARS = 2000
# Invisible characters beyond category Cf that render as nothing: combining grapheme joiner, Hangul
# fillers, Mongolian and other variation selectors (Unicode's Default_Ignorable_Code_Point, less Cf).
_IGNORABLE_RANGES = (
    "\u034f", "\u115f\u1160", "\u17b4\u17b5", "\u180b-\u180f", "\u3164", "\ufe00-\ufe0f", "\uffa0",
    "\U000e0100-\U000e01ef",
)  # fmt: skip
_IGNORABLE = re.compile(f"[{''.join(_IGNORABLE_RANGES)}]")


def remove_invisible(text: str) -> str:
    """The text without format characters (category Cf: soft hyphen, zero-width space/joiners, BOM, bidi
    controls) and other default-ignorable characters; nothing visible changes."""
    if text.isascii():
        return text
    kept = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _IGNORABLE.sub("", kept)


def clean_question(text: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """Remove invisible characters, NFKC-normalise, turn other controls into spaces, collapse whitespace and
    enforce the length limit (on what is left); markup stays plain text."""
    if len(text) > 4 * limit:
        raise QuestionTooLong(len(text), limit)  # refused before any per-character work
    visible = unicodedata.normalize("NFKC", remove_invisible(text))
    spaced = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in visible)
    cleaned = squash_spaces(spaced)
    if len(cleaned) > limit:
        raise QuestionTooLong(len(cleaned), limit)
    if not cleaned:
        raise EmptyQuestion("question is empty; write a question in Finnish, e.g. 'Paljonko varhaiskasvatus maksaa 2024?'")
    return cleaned


# How much of a question is read: about twice the longest question of the gold sets (17 words, 159
# characters). Routing, Voikko's analyses of unseen words and retrieval all grow with the words read, so a
# 2 000-character question would otherwise cost half a second of CPU before its embedding.
READ_WORDS = 60  # a three-part question fits; the longest dev question has 17 words
READ_CHARS = 500
_GAP = " … "


def reading_window(question: str, max_words: int = READ_WORDS, max_chars: int = READ_CHARS) -> str:
    """The part of a cleaned question that is read: all of it when short, else its beginning and its end
    (a long message usually ends with the question), each cut at a word boundary."""
    words = question.split(" ")
    if len(words) <= max_words and len(question) <= max_chars:
        return question
    half_words, half_chars = max_words // 2, (max_chars - len(_GAP)) // 2
    head = _fit(" ".join(words[:half_words]), half_chars, from_end=False)
    tail = _fit(" ".join(words[-half_words:]), half_chars, from_end=True)
    return f"{head}{_GAP}{tail}"


def _fit(text: str, limit: int, from_end: bool) -> str:
    if len(text) <= limit:
        return text
    cut = text[-limit:] if from_end else text[:limit]
    # Drop the broken word at the cut, unless the piece is a single "word" (CJK has no spaces).
    if " " in cut:
        cut = cut.split(" ", 1)[1] if from_end else cut.rsplit(" ", 1)[0]
    return cut
