"""Where built indexes live in Chroma: an embedded PersistentClient under the data dir, or a Chroma server.

Each build writes a new collection (locally in its own folder) and is published by one atomic step: a symlink
swap (`index/current -> builds/<id>`) locally, a pointer collection's metadata on a server. A build killed
half-way therefore leaves the previous index serving. Embeddings are always passed in: Chroma's own default
embedder would download a model.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ContextManager, Protocol
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import NotFoundError

from corpus.records import Chunk
from index.errors import REBUILD, EmbedderMismatch, IndexNotBuilt, IndexStoreError, StaleIndex, StoreUnavailable
from index.passages import PASSAGE_FORMAT, passage_text
from index.settings import IndexSettings

SCHEMA = 1
HNSW = {"hnsw": {"space": "cosine"}}
WRITE_BATCH = 1000  # well under Chroma's max batch size (5461)
_CHROMA = ChromaSettings(anonymized_telemetry=False)


@dataclass(frozen=True)
class IndexInfo:
    """What a built index records about itself (stored as the collection's metadata)."""

    build_id: str
    embedder: str
    dim: int
    fingerprint: str
    chunks: int
    built_at: str
    passages: str
    schema: int = SCHEMA

    def metadata(self) -> dict[str, str | int]:
        return asdict(self)

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any] | None, where: str) -> IndexInfo:
        """Parse collection metadata; anything unexpected means the index must be rebuilt."""
        try:
            data = dict(metadata or {})
            info = cls(**{name: data[name] for name in cls.__dataclass_fields__})
        except (KeyError, TypeError) as exc:
            raise IndexNotBuilt(
                f"{where}: collection metadata is incomplete ({exc}); rebuild with `{REBUILD}`", where=where
            ) from exc
        if info.schema != SCHEMA:
            raise IndexNotBuilt(f"{where}: index schema {info.schema} is not {SCHEMA}; rebuild with `{REBUILD}`", where=where)
        return info

    def check(self, embedder: str, fingerprint: str, where: str) -> None:
        """Raise when this index was built with another embedder, from other chunks or by an older format."""
        if self.embedder != embedder:
            raise EmbedderMismatch(
                f"{where}: index was built with embedder {self.embedder!r}, settings ask for {embedder!r}; "
                f"rebuild with `{REBUILD} --embedder {embedder}`",
                built=self.embedder,
                wanted=embedder,
            )
        if self.fingerprint != fingerprint:
            raise StaleIndex(
                f"{where}: index is stale (built from corpus {self.fingerprint}, corpus is now {fingerprint}); "
                f"rebuild with `{REBUILD}`",
                built=self.fingerprint,
                current=fingerprint,
            )
        if self.passages != PASSAGE_FORMAT:
            raise StaleIndex(
                f"{where}: index was built with passage format {self.passages}, this version uses {PASSAGE_FORMAT}; "
                f"rebuild with `{REBUILD}`",
                built=self.passages,
                current=PASSAGE_FORMAT,
            )


def new_info(embedder: str, dim: int, fingerprint: str, chunks: int, passages: str) -> IndexInfo:
    """Metadata for a build starting now, with a fresh build id."""
    now = datetime.now(timezone.utc)
    build_id = f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    return IndexInfo(build_id, embedder, dim, fingerprint, chunks, now.isoformat(timespec="seconds"), passages)


@dataclass(frozen=True)
class ActiveIndex:
    """The published index: its collection and what it records."""

    collection: Collection
    info: IndexInfo
    location: str


class Store(Protocol):
    """A place that holds builds and says which one is published."""

    location: str

    def active(self) -> ActiveIndex | None: ...

    def stage(self, info: IndexInfo) -> Collection: ...

    def publish(self, info: IndexInfo) -> None: ...

    def lock(self) -> ContextManager[None]: ...


def open_store(settings: IndexSettings) -> Store:
    """The server store when a Chroma URL is configured, else the embedded one under the data dir."""
    if settings.chroma_url:
        return ServerStore(settings.chroma_url, settings.collection)
    return LocalStore(settings.index_dir, settings.collection)


def require_active(store: Store) -> ActiveIndex:
    """The published index, or IndexNotBuilt saying how to build it."""
    active = store.active()
    if active is None:
        raise IndexNotBuilt(f"no index at {store.location}; build it with `{REBUILD}`", where=store.location)
    return active


class LocalStore:
    """Builds in `index_dir/builds/<id>/chroma`, published by swapping the `index_dir/current` symlink."""

    def __init__(self, index_dir: Path, collection: str) -> None:
        self.index_dir = index_dir
        self.collection = collection
        self.location = str(index_dir)
        self._builds = index_dir / "builds"
        self._current = index_dir / "current"

    def active(self) -> ActiveIndex | None:
        if not self._current.exists():
            return None
        folder = self._current.resolve()
        try:
            collection = _persistent(folder / "chroma").get_collection(self.collection, embedding_function=None)
        except (NotFoundError, ValueError):
            return None
        where = str(folder)
        return ActiveIndex(collection, IndexInfo.from_metadata(collection.metadata, where), where)

    def stage(self, info: IndexInfo) -> Collection:
        folder = self._builds / info.build_id
        folder.mkdir(parents=True)
        client = _persistent(folder / "chroma")
        return client.create_collection(self.collection, metadata=info.metadata(), configuration=HNSW, embedding_function=None)  # type: ignore[arg-type]

    def publish(self, info: IndexInfo) -> None:
        previous = self._current.resolve().name if self._current.exists() else None
        link = self.index_dir / f".current-{info.build_id}"
        os.symlink(Path("builds") / info.build_id, link)
        os.replace(link, self._current)  # atomic: readers see the old build or the new one, never neither
        self._prune(keep={info.build_id, previous})

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One build at a time per data dir (released by the OS if the build is killed)."""
        self.index_dir.mkdir(parents=True, exist_ok=True)
        with open(self.index_dir / ".build.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _prune(self, keep: set[str | None]) -> None:
        # The previous build stays: a process that opened it before the swap may still be reading it.
        for folder in self._builds.iterdir():
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)
        for link in self.index_dir.glob(".current-*"):
            link.unlink(missing_ok=True)


class ServerStore:
    """Builds as collections `<prefix>-<id>` on a Chroma server; `<prefix>-active`'s metadata names the published one."""

    def __init__(self, url: str, prefix: str) -> None:
        self.client = _http(url)
        self.prefix = prefix
        self.location = f"{url} ({prefix})"
        self._pointer = f"{prefix}-active"

    def active(self) -> ActiveIndex | None:
        try:
            pointer = self.client.get_collection(self._pointer, embedding_function=None)  # type: ignore[arg-type]
            build_id = (pointer.metadata or {}).get("build_id")
            if not build_id:
                return None
            collection = self.client.get_collection(f"{self.prefix}-{build_id}", embedding_function=None)  # type: ignore[arg-type]
        except NotFoundError:
            return None
        return ActiveIndex(collection, IndexInfo.from_metadata(collection.metadata, self.location), self.location)

    def stage(self, info: IndexInfo) -> Collection:
        return self.client.create_collection(
            f"{self.prefix}-{info.build_id}", metadata=info.metadata(), configuration=HNSW, embedding_function=None  # type: ignore[arg-type]
        )

    def publish(self, info: IndexInfo) -> None:
        active = self.active()
        previous = active.info.build_id if active else ""
        pointer = self.client.get_or_create_collection(
            self._pointer, metadata={"build_id": info.build_id}, embedding_function=None  # type: ignore[arg-type]
        )
        pointer.modify(metadata={"build_id": info.build_id, "previous": previous})  # one request: atomic
        keep = {self._pointer, f"{self.prefix}-{info.build_id}", f"{self.prefix}-{previous}"}
        for collection in self.client.list_collections():
            if collection.name.startswith(f"{self.prefix}-") and collection.name not in keep:
                self.client.delete_collection(collection.name)

    def lock(self) -> ContextManager[None]:
        # A server is shared between machines; builds are assumed to come from one place at a time.
        return nullcontext()


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


def fetch_vectors(collection: Collection, ids: Sequence[str]) -> dict[str, np.ndarray]:
    """Stored vectors for those of `ids` the collection has."""
    found: dict[str, np.ndarray] = {}
    for start in range(0, len(ids), WRITE_BATCH):
        result = collection.get(ids=list(ids[start : start + WRITE_BATCH]), include=["embeddings"])  # type: ignore[list-item]
        embeddings = result["embeddings"]
        if embeddings is None:
            continue
        for chunk_id, vector in zip(result["ids"], embeddings):
            found[chunk_id] = np.asarray(vector, dtype=np.float32)
    return found


def _persistent(path: Path) -> ClientAPI:
    return chromadb.PersistentClient(path=str(path), settings=_CHROMA)


def _http(url: str) -> ClientAPI:
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if not parsed.hostname:
        raise StoreUnavailable(f"Chroma server URL {url!r} has no host; use http://HOST:PORT", url=url)
    port = parsed.port or (443 if parsed.scheme == "https" else 8000)
    try:
        return chromadb.HttpClient(
            host=parsed.hostname, port=port, ssl=parsed.scheme == "https", settings=ChromaSettings(anonymized_telemetry=False)
        )
    except Exception as exc:  # chromadb raises ValueError or httpx errors depending on what failed
        raise StoreUnavailable(f"cannot reach the Chroma server at {url}: {exc}", url=url) from exc

