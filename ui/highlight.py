"""Marking the words of a quote that match the question, as escaped HTML."""

from __future__ import annotations

import html
import re

from corpus.text import fold, shared_prefix

WORD = re.compile(r"\w+", re.UNICODE)
# Question words that carry no topic: marking them would only add noise to the quote.
_STOPWORDS = frozenset(
    fold(word)
    for word in (
        "ja tai sekä on ovat oli olivat ei eivät se ne sen niiden tämä nämä mitä mikä mitkä kuka ketkä "
        "kenen kuinka paljonko montako miten miksi milloin missä mihin mistä onko ovatko kun jos että "
        "myös mukaan vuonna vuoden vuodelle vuosina entä mutta kanssa kaikki koko siitä näin"
    ).split()
)
_MIN_WORD = 3
_MIN_SHARED_PREFIX = 5
# Finnish inflects by suffix: 'varhaiskasvatus' / 'varhaiskasvatuksen' differ in the last few letters only.
_MAX_SUFFIX_DIFFERENCE = 4


def question_terms(question: str) -> frozenset[str]:
    """The folded content words of a question (no stopwords, no one- or two-letter words)."""
    return frozenset(
        word for word in (fold(match) for match in WORD.findall(question))
        if len(word) >= _MIN_WORD and word not in _STOPWORDS
    )


def matches(word: str, terms: frozenset[str]) -> bool:
    """Whether a quote word is (an inflected form or compound of) one of the question's terms."""
    folded = fold(word)
    if len(folded) < _MIN_WORD:
        return False
    for term in terms:
        if folded == term:
            return True
        shared = shared_prefix(folded, term)
        if shared >= _MIN_SHARED_PREFIX and shared >= min(len(folded), len(term)) - _MAX_SUFFIX_DIFFERENCE:
            return True
    return False


def highlight(text: str, question: str) -> str:
    """`text` as escaped HTML with the words matching `question` wrapped in <mark>."""
    terms = question_terms(question)
    out: list[str] = []
    position = 0
    for match in WORD.finditer(text):
        out.append(html.escape(text[position : match.start()]))
        word = html.escape(match.group())
        out.append(f"<mark>{word}</mark>" if terms and matches(match.group(), terms) else word)
        position = match.end()
    out.append(html.escape(text[position:]))
    return "".join(out)
