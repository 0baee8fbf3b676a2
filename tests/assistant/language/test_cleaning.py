"""Cleaning a question: invisible characters go, controls separate words, NFKC, and the length limit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.errors import EmptyQuestion, QuestionTooLong
from assistant.language.cleaning import (
    MAX_QUESTION_CHARS,
    READ_CHARS,
    READ_WORDS,
    clean_question,
    reading_window,
    remove_invisible,
)

INVISIBLE = ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202e",
             "\u2066", "\u2069", "\u034f", "\ufe0f", "\u180e", "\U000e0001")  # fmt: skip


@pytest.mark.parametrize("mark", INVISIBLE)
def test_invisible_characters_are_removed_not_spaced(mark: str) -> None:
    assert clean_question(f"Paljonko varhais{mark}kasvatus{mark} maksaa?{mark}") == "Paljonko varhaiskasvatus maksaa?"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("kirjasto\tauki\nmilloin\x00?", "kirjasto auki milloin ?"),  # controls separate words
        ("menot\u00a02024", "menot 2024"),  # NFKC: a no-break space is a space
        ("menot ２０２４", "menot 2024"),  # full-width digits
        ("ﬁnanssi", "finanssi"),  # a ligature
        ("  paljonko   maksaa  ", "paljonko maksaa"),
        ("Pa\u0308iva\u0308koti", "Päiväkoti"),  # decomposed ä composed
        ("<b>kirjasto</b>\x07\x1b[31m?", "<b>kirjasto</b> [31m?"),  # markup stays plain text
    ],
)
def test_cleaning(raw: str, clean: str) -> None:
    assert clean_question(raw) == clean


@pytest.mark.parametrize("raw", ["", "   ", "\u200b\u00ad\ufeff", "\t\n\x00"])
def test_nothing_visible_is_an_empty_question(raw: str) -> None:
    with pytest.raises(EmptyQuestion):
        clean_question(raw)


def test_the_limit_counts_what_is_left() -> None:
    assert len(clean_question("a" * MAX_QUESTION_CHARS + "\u200b" * 100)) == MAX_QUESTION_CHARS
    with pytest.raises(QuestionTooLong, match="2001 characters"):
        clean_question("a" * (MAX_QUESTION_CHARS + 1))
    with pytest.raises(QuestionTooLong):
        clean_question("\u200b" * (4 * MAX_QUESTION_CHARS + 1))  # refused before any per-character work


@given(st.text(max_size=300))
def test_cleaning_never_leaves_invisible_or_control_characters(text: str) -> None:
    try:
        cleaned = clean_question(text)
    except EmptyQuestion:
        return
    assert remove_invisible(cleaned) == cleaned
    assert not any(ch.isspace() and ch != " " for ch in cleaned)
    cleaned.encode("utf-8")  # no lone surrogates left


def test_a_short_question_is_read_whole() -> None:
    question = "Paljonko toimiala käyttää palvelujen ostoihin sekä aineisiin, tarvikkeisiin ja tavaroihin yhteensä vuonna 2024?"
    assert reading_window(question) == question


@pytest.mark.parametrize(
    "question",
    [
        " ".join(f"sana{i}" for i in range(500)),
        "Hei, olen kolmen lapsen äiti ja mietin monia asioita. " * 30 + "Paljonko varhaiskasvatuksen maksutuotot ovat 2024?",
        "漢" * 2000,
        "a" * 1999,
    ],
)
def test_a_long_question_is_read_from_its_beginning_and_its_end(question: str) -> None:
    window = reading_window(question)
    assert len(window) <= READ_CHARS and len(window.split(" ")) <= READ_WORDS + 1
    head, _, tail = window.partition(" … ")
    assert question.startswith(head) and question.endswith(tail)
    if question.endswith("2024?"):
        assert tail.endswith("Paljonko varhaiskasvatuksen maksutuotot ovat 2024?")
