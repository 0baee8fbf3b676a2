"""Chunk records in a Chroma collection: written with their vectors and provenance, vectors read back for reuse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from corpus.records import Chunk
from index.passages import passage_text

if TYPE_CHECKING:  # types only: chromadb loads where it is used, not on every import of this module
    from chromadb.api.models.Collection import Collection

WRITE_BATCH = 1000  # well under Chroma's max batch size (5461)


def add_chunks(collection: Collection, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
    """Write chunks with their vectors, passage text and provenance metadata."""
    for start in range(0, len(chunks), WRITE_BATCH):
        batch = chunks[start : start + WRITE_BATCH]
        collection.add(
            ids=[chunk.id for chunk in batch],
            embeddings=np.asarray(vectors[start : start + WRITE_BATCH], dtype=np.float32),
            documents=[passage_text(chunk) for chunk in batch],
            metadatas=[
                {
                    "record": "chunk",
                    "doc_id": chunk.doc_id,
                    "section_id": chunk.section_id,
                    "kind": chunk.kind,
                    "line_start": chunk.lines.start,
                    "line_end": chunk.lines.end,
                }
                for chunk in batch
            ],
        )


def fetch_vectors(collection: Collection, ids: Sequence[str], dim: int) -> dict[str, np.ndarray]:
    """Stored vectors of length `dim` for those of `ids` the collection has (others are embedded again)."""
    found: dict[str, np.ndarray] = {}
    for start in range(0, len(ids), WRITE_BATCH):
        result = collection.get(ids=list(ids[start : start + WRITE_BATCH]), include=["embeddings"])  # type: ignore[list-item]
        embeddings = result["embeddings"]
        if embeddings is None:
            continue
        for chunk_id, vector in zip(result["ids"], embeddings, strict=True):
            array = np.asarray(vector, dtype=np.float32)
            if array.shape == (dim,) and np.isfinite(array).all():
                found[chunk_id] = array
    return found
