"""The vectors of a local build as one numpy file beside its Chroma database (`builds/<id>/vectors.npz`).

A question needs only the chunk vectors (a few dozen) and the unit vectors: reading them from this file
instead of Chroma spares a cold process importing chromadb (~1.5 s). The file is written into the staged
build before it is published, so it is as atomic as the build; one that is missing, unreadable or does not
match the IndexInfo it carries is ignored and the build is served from Chroma as before.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.errors import IndexStoreError
from index.store.info import IndexInfo

SNAPSHOT = "vectors.npz"
_ARRAYS = ("info", "chunk_ids", "chunk_sections", "chunk_vectors", "unit_ids", "unit_vectors")


class SnapshotUnusable(Exception):
    """Why a snapshot cannot be served (never shown to users: the Chroma path takes over)."""


@dataclass(frozen=True)
class VectorSnapshot:
    """A build's record vectors: chunks (with the section id dense search filters on) and units of meaning."""

    info: IndexInfo
    chunk_ids: tuple[str, ...]
    chunk_sections: tuple[str, ...]
    chunk_vectors: np.ndarray  # (chunks, dim) float32, as stored in Chroma
    unit_ids: tuple[str, ...]
    unit_vectors: np.ndarray  # (units, dim) float32

    def save(self, folder: Path) -> Path:
        """Write `folder/vectors.npz` (through a temporary file, so a reader never sees half of it)."""
        path = folder / SNAPSHOT
        partial = folder / f".{SNAPSHOT}.partial"
        with open(partial, "wb") as handle:
            np.savez(
                handle,
                info=np.array(json.dumps(self.info.metadata(), sort_keys=True)),
                chunk_ids=np.array(self.chunk_ids, dtype=str),
                chunk_sections=np.array(self.chunk_sections, dtype=str),
                chunk_vectors=np.asarray(self.chunk_vectors, dtype=np.float32),
                unit_ids=np.array(self.unit_ids, dtype=str),
                unit_vectors=np.asarray(self.unit_vectors, dtype=np.float32).reshape(len(self.unit_ids), self.info.dim),
            )
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
        return path


def load_snapshot(folder: Path) -> VectorSnapshot:
    """The snapshot of the build in `folder`, or SnapshotUnusable saying why it cannot be trusted."""
    path = folder / SNAPSHOT
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in _ARRAYS}  # reading checks each array's CRC
    except FileNotFoundError:
        raise SnapshotUnusable(f"{path} is missing") from None
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        raise SnapshotUnusable(f"{path} cannot be read ({exc})") from exc
    try:
        info = IndexInfo.from_metadata(json.loads(str(arrays["info"])), str(folder))
    except (ValueError, IndexStoreError) as exc:
        raise SnapshotUnusable(f"{path} has no valid index info ({exc})") from exc
    snapshot = VectorSnapshot(
        info,
        tuple(str(value) for value in arrays["chunk_ids"]),
        tuple(str(value) for value in arrays["chunk_sections"]),
        arrays["chunk_vectors"],
        tuple(str(value) for value in arrays["unit_ids"]),
        arrays["unit_vectors"],
    )
    _check(snapshot, folder.name, path)
    return snapshot


def _check(snapshot: VectorSnapshot, build_id: str, path: Path) -> None:
    info = snapshot.info
    problems = []
    if info.build_id != build_id:
        problems.append(f"it belongs to build {info.build_id}")
    if len(snapshot.chunk_ids) != info.chunks or len(snapshot.chunk_sections) != info.chunks:
        problems.append(f"it holds {len(snapshot.chunk_ids)} of {info.chunks} chunks")
    if len(snapshot.unit_ids) != info.units:
        problems.append(f"it holds {len(snapshot.unit_ids)} of {info.units} units")
    for name, ids, vectors in (("chunk", snapshot.chunk_ids, snapshot.chunk_vectors), ("unit", snapshot.unit_ids, snapshot.unit_vectors)):
        if vectors.dtype != np.float32 or vectors.shape != (len(ids), info.dim):
            problems.append(f"its {name} vectors are {vectors.dtype} {vectors.shape}, not ({len(ids)}, {info.dim})")
        elif not np.isfinite(vectors).all():
            problems.append(f"its {name} vectors are not all finite")
    if len(set(snapshot.chunk_ids) | set(snapshot.unit_ids)) != len(snapshot.chunk_ids) + len(snapshot.unit_ids):
        problems.append("its record ids repeat")
    if problems:
        raise SnapshotUnusable(f"{path}: " + "; ".join(problems))
