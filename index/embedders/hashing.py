"""A deterministic, model-free embedder ("hash"): signed feature hashing of folded words and 3-grams.

For tests and for benchmarking everything but the model; it knows nothing about meaning.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from corpus.text import fold
from index.embedders.base import normalise_rows

NAME = "hash"
DEFAULT_DIM = 256
_WORD = re.compile(r"[^\W_]+")


class HashingEmbedder:
    """Texts sharing words or letter 3-grams get similar vectors; the same text always gets the same vector."""

    def __init__(self, dim: int = DEFAULT_DIM) -> None:
        if dim < 8:
            raise ValueError(f"hash embedder needs dim >= 8, got {dim}")
        self.dim = dim
        self.name = NAME if dim == DEFAULT_DIM else f"{NAME}:{dim}"

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Same as passages: the hashing has no query mode."""
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """One hashed vector per text."""
        return self._embed(texts)

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in _features(text):
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dim
                out[row, bucket] += 1.0 if digest[4] & 1 else -1.0
        return normalise_rows(out)


def _features(text: str) -> list[str]:
    features: list[str] = []
    for word in _WORD.findall(fold(text)):
        features.append("w:" + word)
        padded = f"_{word}_"
        features.extend("g:" + padded[i : i + 3] for i in range(max(1, len(padded) - 2)))
    return features


def create(argument: str | None) -> HashingEmbedder:
    """Factory for "hash" and "hash:<dim>"."""
    if argument is None:
        return HashingEmbedder()
    if not argument.isdigit():
        raise ValueError(f"hash embedder spec must be 'hash:<dim>', got 'hash:{argument}'")
    return HashingEmbedder(int(argument))
