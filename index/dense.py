"""The dense retriever: the query's vector against the chunk vectors stored in Chroma."""

from __future__ import annotations

from collections.abc import Collection as Container
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from chromadb.api.models.Collection import Collection

from index.embedders.base import Embedder
from index.store.calls import CallGuard


@dataclass(frozen=True)
class DenseMatch:
    """A chunk id and its cosine similarity to the query."""

    chunk_id: str
    score: float


class DenseRetriever:
    """Nearest chunks by cosine similarity (Chroma HNSW, cosine space); each Chroma call is bounded by `guard`."""

    def __init__(self, collection: Collection, embedder: Embedder, guard: CallGuard, count: int | None = None) -> None:
        self.collection = collection
        self.embedder = embedder
        self.guard = guard
        self.count = guard.run(collection.count) if count is None else count  # chunks only (units share it)

    def search(
        self, query: str, k: int, sections: Container[str] | None = None, deadline: float | None = None
    ) -> list[DenseMatch]:
        """The `k` chunks nearest to the query, best first."""
        if k <= 0 or not self.count:
            return []
        return self.search_vector(self.embedder.embed_queries([query])[0], k, sections, deadline)

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
        # Cosine distance is 1 - similarity; ties broken by id so equal vectors rank the same every time.
        matches = sorted(
            (DenseMatch(chunk_id, 1.0 - float(distance)) for chunk_id, distance in zip(ids, distances, strict=True)),
            key=lambda match: (-match.score, match.chunk_id),
        )
        return matches
