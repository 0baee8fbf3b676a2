"""Vectors of the plan's units of meaning (sentences, goal fields, rows), stored in the chunk collection at build
time and loaded once when the index is opened, so a question embeds only itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from corpus.units import SemanticUnit
from index.errors import StaleIndex

if TYPE_CHECKING:  # types only: chromadb loads where it is used, not on every import of this module
    from chromadb.api.models.Collection import Collection

    from index.store.snapshot import VectorSnapshot

UNIT = "unit"
CHUNK = "chunk"
WRITE_BATCH = 256


def unit_text(unit: SemanticUnit) -> str:
    """What the embedder sees for a unit: its text as printed (a row with its table's title)."""
    return unit.text


@dataclass(frozen=True)
class UnitVectors:
    """Every unit and its unit-length passage vector (row i of `matrix` is `units[i]`)."""

    units: tuple[SemanticUnit, ...]
    matrix: np.ndarray

    def similarities(self, query: np.ndarray) -> np.ndarray:
        """Cosine similarity of a (unit-length) query vector to every unit."""
        if not len(self.units):
            return np.zeros(0, dtype=np.float32)
        return self.matrix @ np.asarray(query, dtype=np.float32).reshape(-1)


def add_units(collection: Collection, units: Sequence[SemanticUnit], vectors: np.ndarray) -> None:
    """Write units with their vectors beside the chunks (metadata record = "unit")."""
    for start in range(0, len(units), WRITE_BATCH):
        batch = units[start : start + WRITE_BATCH]
        collection.add(
            ids=[unit.id for unit in batch],
            embeddings=np.asarray(vectors[start : start + WRITE_BATCH], dtype=np.float32),
            documents=[unit_text(unit) for unit in batch],
            metadatas=[
                {"record": UNIT, "doc_id": unit.doc_id, "kind": unit.kind, "section_id": unit.section_id, "ref": unit.ref}
                for unit in batch
            ],
        )


def load_unit_vectors(collection: Collection, units: Sequence[SemanticUnit], where: str) -> UnitVectors:
    """The stored vectors of `units`, normalised; a unit without a vector means the index is stale."""
    found: dict[str, np.ndarray] = {}
    ids = [unit.id for unit in units]
    for start in range(0, len(ids), WRITE_BATCH):
        result = collection.get(ids=ids[start : start + WRITE_BATCH], include=["embeddings"])  # type: ignore[list-item]
        for unit_id, vector in zip(result["ids"], result["embeddings"] if result["embeddings"] is not None else [], strict=True):
            found[unit_id] = np.asarray(vector, dtype=np.float32)
    return _unit_vectors(units, found, where)


def snapshot_unit_vectors(snapshot: VectorSnapshot, units: Sequence[SemanticUnit], where: str) -> UnitVectors:
    """Like `load_unit_vectors`, from a build's vector snapshot."""
    return _unit_vectors(units, dict(zip(snapshot.unit_ids, snapshot.unit_vectors, strict=True)), where)


def _unit_vectors(units: Sequence[SemanticUnit], found: dict[str, np.ndarray], where: str) -> UnitVectors:
    ids = [unit.id for unit in units]
    missing = [unit_id for unit_id in ids if unit_id not in found]
    if missing:
        raise StaleIndex(
            f"{where}: {len(missing)} units of meaning have no vector; rebuild with `python -m index build`",
            built="?",
            current="units",
        )
    if not ids:
        return UnitVectors((), np.zeros((0, 0), dtype=np.float32))
    matrix = np.stack([found[unit_id] for unit_id in ids])
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return UnitVectors(tuple(units), matrix / np.where(norms == 0, 1.0, norms))
