"""Marking the question's words in a quote, and the Finnish number helpers."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.highlight import highlight, matches, question_terms
from ui.labels import euros, percent


def test_number_helpers() -> None:
    assert (euros(0), euros(-19), percent(12.25), percent(0.0)) == ("0 €", "−19 €", "12,2 %", "0,0 %")


@pytest.mark.parametrize(
    ("question_word", "quote_word", "expected"),
    [
        ("varhaiskasvatus", "varhaiskasvatuksen", True),
        ("henkilöstökulut", "Henkilostokulut", True),
        ("kirjasto", "Kirjastopalvelut", True),
        ("päiväkoti", "päiväkodin", True),
        ("maksaa", "maksutuotot", False),
        ("paljonko", "palvelualue", False),
        ("mitä", "mitä", False),  # a stopword is never marked
    ],
)
def test_matching_follows_finnish_inflection(question_word: str, quote_word: str, expected: bool) -> None:
    assert matches(quote_word, question_terms(question_word)) is expected


@given(st.text(max_size=200), st.text(max_size=60))
def test_highlight_keeps_the_text_and_only_adds_marks(text: str, question: str) -> None:
    marked = highlight(text, question)
    assert {name.lower() for name in re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", marked)} <= {"mark"}
    assert html.unescape(marked.replace("<mark>", "").replace("</mark>", "")) == text
