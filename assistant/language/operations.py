"""The Finnish words of figure operations (language data in data/operations.toml), as lexicon terms.

Each term's value is its category ("change_up", "share", "most", "neutral", …), so that the words are matched
with the same tolerant patterns as a document's lexicon (`assistant.language.matching.find_terms`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from corpus.lexicon import Term

DATA = Path(__file__).resolve().parent / "data" / "operations.toml"


@dataclass(frozen=True)
class OperationWords:
    """Operation words by category, numerals for top-N, endings that mark an unknown word as a verb, and the
    generic heads of service compounds."""

    terms: tuple[Term, ...]  # value = category
    numbers: tuple[Term, ...]  # value = the number as text ("3")
    verb_endings: tuple[str, ...]
    service_heads: tuple[str, ...] = ()
    asks: tuple[Term, ...] = ()  # value = "join" | "next_ask" | "refer_back"
    ordinals: tuple[Term, ...] = ()  # value = the place as text ("3" for "kolmanneksi")

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(term.value for term in self.terms)


def _term(value: str, entry: Any) -> Term:
    if isinstance(entry, dict):
        match = entry["match"]
        exclude = tuple(entry.get("exclude", ()))
    else:
        match, exclude = entry, ()
    patterns = (match,) if isinstance(match, str) else tuple(match)
    if not patterns or not all(isinstance(p, str) and p.strip("=*") for p in patterns):
        raise ValueError(f"{DATA}: empty pattern for {value!r}: {entry!r}")
    return Term(value=value, patterns=patterns, exclude=exclude)


def load_operation_words(path: Path = DATA) -> OperationWords:
    """Read the operation words from a TOML file (see data/operations.toml for the format)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    terms = tuple(_term(category, entry) for category, entries in data["words"].items() for entry in entries)
    numbers = tuple(_term(str(number), entry) for number, entries in data.get("numbers", {}).items() for entry in entries)
    endings = tuple(str(ending) for ending in data.get("unknown_words", {}).get("verb_endings", ()))
    heads = tuple(str(head) for head in data.get("heads", {}).get("service", ()))
    asks = tuple(_term(kind, entry) for kind, entries in data.get("asks", {}).items() for entry in entries)
    ordinals = tuple(_term(str(place), entry) for place, entries in data.get("ordinals", {}).items() for entry in entries)
    return OperationWords(terms, numbers, endings, heads, asks, ordinals)


@lru_cache(maxsize=1)
def operation_words() -> OperationWords:
    """The committed operation words (read once)."""
    return load_operation_words()
