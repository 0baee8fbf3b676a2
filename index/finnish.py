"""Finnish tokens for BM25: character 4-grams of diacritic-folded words plus Voikko base forms and compound parts.

4-grams make "paivakoti", "päiväkodeissa" and OCR-damaged spellings overlap; base forms ("=päiväkoti" folded)
and compound parts ("=koti") match inflected words exactly. Voikko is imported on first need because loading
its transducer takes seconds; words already seen (the corpus vocabulary, shipped with the index) skip it.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from corpus.text import fold

TOKENIZER_VERSION = "fi-4gram-voikko-2"
GRAM = 4
LEMMA_PREFIX = "="  # never produced by a gram, so base forms and grams cannot collide
MIN_PART = 3  # compound parts shorter than this ("ja", "sto") are noise
_WORD = re.compile(r"[^\W_]+")
_DIACRITICS = frozenset("äöåé")
_MEMO_LIMIT = 100_000  # query words seen in a long-running process
# Function and question words: in questions they only add noise ("paljonko", "mihin"), in passages weight.
STOPWORDS = frozenset(
    fold(word)
    for word in (
        "ja tai sekä eli on ovat oli ole olla ei en se sen ne niiden tämä tämän nämä tässä sitä siitä siihen "
        "mitä mikä mitkä mihin missä mistä miten milloin kuka ketkä kenen paljonko kuinka onko kun jos että "
        "joka jotka jonka joiden myös vain vielä nyt siis niin kuin esim"
    ).split()
)


def words(text: str) -> list[str]:
    """Lower-cased words (runs of letters and digits) of `text`."""
    return _WORD.findall(text.lower())


def grams(word: str) -> list[str]:
    """Character 4-grams of the folded word padded with "_" ("_pai", "paiv", …, "oti_")."""
    padded = f"_{fold(word)}_"
    if len(padded) <= GRAM:
        return [padded]
    return [padded[i : i + GRAM] for i in range(len(padded) - GRAM + 1)]


class Lemmatiser:
    """Voikko base forms and compound parts of single words, folded and memoised."""

    def __init__(self, known: Mapping[str, tuple[str, ...]] | None = None) -> None:
        self._memo: dict[str, tuple[str, ...]] = dict(known or {})
        self._known = frozenset(self._memo)
        self._by_fold: dict[str, set[str]] = {}
        for word, lemmas in self._memo.items():
            self._by_fold.setdefault(fold(word), set()).update(lemmas)
        self._voikko: Any = None
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Load Voikko now (e.g. in a background thread at start-up) instead of on the first unseen word."""
        self._analyser()

    def lemmas(self, word: str) -> tuple[str, ...]:
        """Folded base forms and compound parts of a lower-cased word; empty when Voikko does not know it."""
        found = self._memo.get(word)
        if found is None:
            found = self._analyse(word)
            if len(self._memo) - len(self._known) > _MEMO_LIMIT:
                self._memo = {key: value for key, value in self._memo.items() if key in self._known}
            self._memo[word] = found
        return found

    def known_lemmas(self, word: str) -> tuple[str, ...]:
        """Like `lemmas`, but only from what is already analysed: never loads Voikko (empty when unknown)."""
        return self._memo.get(word, ())

    def query_lemmas(self, word: str) -> tuple[str, ...]:
        """Base forms of a query word from what the index already knows (never loads Voikko: no question pays for
        its transducer), and for a word typed without ä/ö also those of corpus words that fold to it."""
        found = set(self.known_lemmas(word))
        if not _DIACRITICS.intersection(word):
            found.update(self._by_fold.get(fold(word), ()))
        return tuple(sorted(found))

    def vocabulary(self) -> dict[str, tuple[str, ...]]:
        """Every word analysed so far and its lemmas (after indexing: the corpus vocabulary)."""
        return dict(self._memo)

    def known(self) -> dict[str, tuple[str, ...]]:
        """Only the words given at construction (what an index saves; words seen in queries are not kept)."""
        return {word: self._memo[word] for word in self._known}

    def _analyse(self, word: str) -> tuple[str, ...]:
        if not any(ch.isalpha() for ch in word):
            return ()
        self._analyser()
        return _voikko_lemmas(word)

    def _analyser(self) -> Any:
        if self._voikko is None:
            with self._lock:
                if self._voikko is None:
                    self._voikko = importlib.import_module("pyvoikko")
        return self._voikko


@lru_cache(maxsize=200_000)
def _voikko_lemmas(word: str) -> tuple[str, ...]:
    # A pure function of the word, shared by every Lemmatiser in the process (rebuilds re-tokenise the corpus).
    found: set[str] = set()
    for analysis in importlib.import_module("pyvoikko").analyse(word):
        found.add(fold(analysis.BASEFORM))
        for part in analysis.COMPOUND_PARTS or ():
            base = fold(part.BASEFORM).strip("-")
            if len(base) >= MIN_PART:
                found.add(base)
    return tuple(sorted(found))


class FinnishTokenizer:
    """Turns passages and queries into BM25 tokens (see the module docstring)."""

    version = TOKENIZER_VERSION

    def __init__(self, lemmatiser: Lemmatiser | None = None) -> None:
        self.lemmatiser = lemmatiser or Lemmatiser()

    def passage_tokens(self, text: str) -> list[str]:
        """Tokens of an indexed passage."""
        return self._tokens(text, self.lemmatiser.lemmas)

    def query_tokens(self, text: str) -> list[str]:
        """Tokens of a query; words typed without ä/ö also match corpus words that fold to them."""
        return self._tokens(text, self.lemmatiser.query_lemmas)

    def _tokens(self, text: str, lemmas_of: Any) -> list[str]:
        tokens: list[str] = []
        for word in words(text):
            if fold(word) in STOPWORDS:
                continue
            tokens.extend(grams(word))
            lemmas = lemmas_of(word)
            tokens.extend(LEMMA_PREFIX + lemma for lemma in (lemmas or (fold(word),)))
        return tokens


def lemma_tokens(tokens: Iterable[str]) -> list[str]:
    """Only the base-form tokens of a token list (for tests and debugging)."""
    return [token for token in tokens if token.startswith(LEMMA_PREFIX)]
