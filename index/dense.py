"""The dense retrievers: the query's vector against the chunk vectors, in Chroma or in a build's vector snapshot.

Both rank the same way (cosine similarity, best first, ties broken by chunk id) and take the same `k`,
`sections` and `deadline`; `VectorRetriever` answers from a matrix in memory, so searching a local build
needs no chromadb at all.
"""

from __future__ import annotations

from collections.abc import Collection as Container
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from index.embedders.base import Embedder
from index.store.calls import CallGuard

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection


@dataclass(frozen=True)
class DenseMatch:
    """A chunk id and its cosine similarity to the query."""

    chunk_id: str
    score: float


class Dense(Protocol):
    """What the hybrid searcher needs of a dense retriever."""

    embedder: Embedder
    count: int

    def search(
        self, query: str, k: int, sections: Container[str] | None = None, deadline: float | None = None
    ) -> list[DenseMatch]: ...

    def search_vector(
        self, vector: Sequence[float] | np.ndarray, k: int, sections: Container[str] | None = None, deadline: float | None = None
    ) -> list[DenseMatch]: ...


def _ranked(matches: Iterable[DenseMatch]) -> list[DenseMatch]:
    # Ties broken by id so equal vectors rank the same every time.
    return sorted(matches, key=lambda match: (-match.score, match.chunk_id))


class _QueryText:
    """`search` by text for a retriever that searches by vector: the query is embedded, then `search_vector`."""

    embedder: Embedder
    count: int

    def search(
        self, query: str, k: int, sections: Container[str] | None = None, deadline: float | None = None
    ) -> list[DenseMatch]:
        """The `k` chunks nearest to the query, best first."""
        if k <= 0 or not self.count:
            return []
        return self.search_vector(self.embedder.embed_queries([query])[0], k, sections, deadline)

    def search_vector(
        self, vector: Sequence[float] | np.ndarray, k: int, sections: Container[str] | None = None, deadline: float | None = None
    ) -> list[DenseMatch]:
        raise NotImplementedError


class DenseRetriever(_QueryText):
    """Nearest chunks by cosine similarity (Chroma HNSW, cosine space); each Chroma call is bounded by `guard`."""

    def __init__(self, collection: Collection, embedder: Embedder, guard: CallGuard, count: int | None = None) -> None:
        self.collection = collection
        self.embedder = embedder
        self.guard = guard
        self.count = guard.run(collection.count) if count is None else count  # chunks only (units share it)

    def search_vector(
        self,
        vector: Sequence[float] | np.ndarray,
        k: int,
        sections: Container[str] | None = None,
        deadline: float | None = None,
    ) -> list[DenseMatch]:
        """The `k` chunks nearest to a query vector, optionally only from `sections`; StoreTimeout when Chroma
        has not answered by `deadline` (a `time.monotonic()` instant)."""
        if k <= 0 or not self.count:
            return []
        if sections is not None and not sections:
            return []
        chunks_only = {"record": "chunk"}
        where = {"$and": [chunks_only, {"section_id": {"$in": sorted(sections)}}]} if sections is not None else chunks_only
        query = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        result = self.guard.run(
            lambda: self.collection.query(
                query_embeddings=query,
                n_results=min(k, self.count),
                where=where,  # type: ignore[arg-type]
                include=["distances"],  # type: ignore[list-item]
            ),
            deadline,
        )
        ids = result["ids"][0]
        distances = (result["distances"] or [[]])[0]
        # Cosine distance is 1 - similarity.
        return _ranked(DenseMatch(chunk_id, 1.0 - float(distance)) for chunk_id, distance in zip(ids, distances, strict=True))


class VectorRetriever(_QueryText):
    """Nearest chunks by cosine similarity over the chunk vectors of a build's snapshot (exact, in memory)."""

    def __init__(
        self, ids: Sequence[str], sections: Sequence[str], vectors: np.ndarray, embedder: Embedder, guard: CallGuard
    ) -> None:
        self.ids = tuple(ids)
        self.sections = np.asarray(sections, dtype=str)
        matrix = np.asarray(vectors, dtype=np.float32).reshape(len(self.ids), -1)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self.matrix = matrix / np.where(norms == 0, 1.0, norms)
        self.embedder = embedder
        self.guard = guard
        self.count = len(self.ids)

    def search_vector(
        self,
        vector: Sequence[float] | np.ndarray,
        k: int,
        sections: Container[str] | None = None,
        deadline: float | None = None,
    ) -> list[DenseMatch]:
        """The `k` chunks nearest to a query vector, optionally only from `sections`; StoreTimeout when
        `deadline` (a `time.monotonic()` instant) has passed, as with an embedded Chroma."""
        if k <= 0 or not self.count:
            return []
        if sections is not None and not sections:
            return []
        return self.guard.run(lambda: self._nearest(np.asarray(vector, dtype=np.float32).reshape(-1), k, sections), deadline)

    def _nearest(self, query: np.ndarray, k: int, sections: Container[str] | None) -> list[DenseMatch]:
        rows = np.arange(self.count) if sections is None else np.flatnonzero(np.isin(self.sections, sorted(sections)))
        norm = float(np.linalg.norm(query))
        scores = self.matrix[rows] @ (query / norm if norm else query)
        return _ranked(DenseMatch(self.ids[row], float(score)) for row, score in zip(rows, scores, strict=True))[:k]
