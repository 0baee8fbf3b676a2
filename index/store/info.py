"""What a built index records about itself, the published index as opened, and the `Store` protocol."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from index.errors import REBUILD, DimensionMismatch, EmbedderMismatch, IndexNotBuilt, StaleIndex
from index.passages import PASSAGE_FORMAT
from index.store.calls import CallGuard

if TYPE_CHECKING:  # types only: chromadb loads where it is used, not on every import of this module
    from chromadb.api.models.Collection import Collection

    from index.store.snapshot import VectorSnapshot

SCHEMA = 2  # 2: units of meaning share the collection with the chunks
HNSW = {"hnsw": {"space": "cosine"}}
BUILD_ID_PATTERN = r"\d{8}T\d{6}-[0-9a-f]{6}"  # what `new_info` makes: only such names are ever pruned


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
    units: int = 0  # units of meaning (sentences, goal fields, rows) stored beside the chunks

    @property
    def records(self) -> int:
        """How many records a complete build holds."""
        return self.chunks + self.units

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

    def check(self, embedder: str, fingerprint: str, where: str, dim: int | None = None) -> None:
        """Raise when this index was built with another embedder (or one of another dimension), from other
        chunks or by an older format."""
        if self.embedder != embedder:
            raise EmbedderMismatch(
                f"{where}: index was built with embedder {self.embedder!r}, settings ask for {embedder!r}; "
                f"rebuild with `{REBUILD} --embedder {embedder}`",
                built=self.embedder,
                wanted=embedder,
            )
        if dim is not None and self.dim != dim:
            raise DimensionMismatch(
                f"{where}: index vectors have {self.dim} dimensions, embedder {embedder!r} makes {dim}; "
                f"rebuild with `{REBUILD} --force`",
                name=embedder,
                built=self.dim,
                wanted=dim,
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


def new_info(embedder: str, dim: int, fingerprint: str, chunks: int, passages: str, units: int = 0) -> IndexInfo:
    """Metadata for a build starting now, with a fresh build id."""
    now = datetime.now(UTC)
    build_id = f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    return IndexInfo(build_id, embedder, dim, fingerprint, chunks, now.isoformat(timespec="seconds"), passages, SCHEMA, units)


@dataclass(frozen=True)
class ActiveIndex:
    """The published index: its collection (or, for a local build, its vector snapshot), what it records, and
    how its calls are bounded in time."""

    collection: Collection | None  # None when it is served from `snapshot` (Chroma was never opened)
    info: IndexInfo
    location: str
    guard: CallGuard
    read_only: bool = False  # served from a private copy because the data dir cannot be written
    release: Callable[[], None] = field(default=lambda: None, repr=False, compare=False)
    snapshot: VectorSnapshot | None = field(default=None, repr=False, compare=False)

    def chroma(self) -> Collection:
        """The Chroma collection (only an index opened with `snapshot=False` is sure to have one)."""
        if self.collection is None:
            raise ValueError(f"{self.location} was opened from its vector snapshot, without Chroma")
        return self.collection

    def close(self) -> None:
        """Release the Chroma client this index was opened with (nothing to release for a snapshot)."""
        self.release()


class Store(Protocol):
    """A place that holds builds and says which one is published."""

    location: str

    def generation(self, deadline: float | None = None) -> str | None:
        """The build id now published (a cheap check: one link or one request), None when none is."""
        ...

    def active(self, deadline: float | None = None, snapshot: bool = True) -> ActiveIndex | None:
        """The published index, None when none is; with `snapshot`, a store that keeps vector snapshots may
        serve it from one (no Chroma collection then); builds and stats ask for Chroma itself."""
        ...

    def stage(self, info: IndexInfo) -> Collection: ...

    def publish(self, info: IndexInfo) -> None: ...

    def discard(self, info: IndexInfo) -> None:
        """Remove a staged build that will not be published (a failed build)."""
        ...

    def lock(self, wait_s: float, ttl_s: float, notify: Callable[[str], None]) -> AbstractContextManager[None]: ...

    def close(self) -> None: ...
