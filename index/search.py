"""Hybrid search: dense (Chroma, or a local build's vector snapshot) and lexical (BM25) retrieval fused by
reciprocal rank, as typed `Hit`s."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Literal, get_args

import numpy as np

from corpus.records import Chunk
from corpus.store import load_corpus
from index.dense import Dense, DenseRetriever, VectorRetriever
from index.embedders import Embedder, create_embedder
from index.fusion import reciprocal_rank_fusion
from index.hits import Hit
from index.lexical import LexicalIndex, open_lexical_index
from index.passages import ChunkSource
from index.settings import IndexSettings
from index.store import ActiveIndex, IndexInfo, open_store, require_active
from index.store.local import writable
from index.units import UnitVectors, load_unit_vectors, snapshot_unit_vectors

SearchMode = Literal["fused", "dense", "lexical"]
SEARCH_MODES: tuple[str, ...] = get_args(SearchMode)
DENSE = "dense"
LEXICAL = "lexical"
# RRF's k = 60 was chosen for fusing lists of thousands; a plan has tens of chunks, and with k = 60 a first
# place barely outweighs a fifth. k = 10 keeps agreement at the top decisive (gold set, fused: recall@5
# 0.993 -> 1.000, MRR 0.894 -> 0.902; see BENCHMARKS.md).
FUSION_K = 10


class HybridSearcher:
    """Searches one built index; everything (model, vectors, BM25) is loaded once, at construction."""

    def __init__(
        self,
        chunks: Iterable[Chunk],
        dense: Dense,
        lexical: LexicalIndex,
        info: IndexInfo,
        candidates: int = 30,
        units: UnitVectors | None = None,
        release: Callable[[], None] = lambda: None,
    ) -> None:
        self.chunks = {chunk.id: chunk for chunk in chunks}
        self.dense = dense
        self.lexical = lexical
        self.info = info
        self.candidates = candidates
        self.fusion_k = FUSION_K
        self.units = units or UnitVectors((), np.zeros((0, 0), dtype=np.float32))
        self._release = release

    def embed_query(self, query: str) -> np.ndarray:
        """The question's unit-length vector (embed once, use it for chunks and units)."""
        vector = np.asarray(self.dense.embedder.embed_queries([query])[0], dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def search(
        self,
        query: str,
        k: int = 10,
        mode: SearchMode = "fused",
        sections: Iterable[str] | None = None,
        deadline: float | None = None,
        *,
        vector: np.ndarray | None = None,
    ) -> list[Hit]:
        """The `k` best chunks for `query`, best first; `sections` restricts the search to those section ids;
        `vector` is the query's embedding when the caller has it already.

        `deadline` (a `time.monotonic()` instant) bounds the Chroma call: past it, StoreTimeout. Without one,
        a server call may take the settings' `chroma_timeout_s`.
        """
        if mode not in SEARCH_MODES:
            raise ValueError(f"unknown search mode {mode!r}; valid modes: {', '.join(SEARCH_MODES)}")
        if k <= 0 or not query.strip():
            return []
        wanted = frozenset(sections) if sections is not None else None
        depth = max(k, self.candidates)
        rankings: dict[str, list[tuple[str, float]]] = {}
        if mode in ("fused", DENSE):
            if vector is None:
                matches = self.dense.search(query, depth, wanted, deadline)
            else:
                matches = self.dense.search_vector(vector, depth, wanted, deadline)
            rankings[DENSE] = [(m.chunk_id, m.score) for m in matches]
        if mode in ("fused", LEXICAL):
            allowed = None if wanted is None else [c.id for c in self.chunks.values() if c.section_id in wanted]
            rankings[LEXICAL] = [(m.chunk_id, m.score) for m in self.lexical.search(query, depth, allowed)]
        hits: list[Hit] = []
        for fused in reciprocal_rank_fusion(rankings, k=self.fusion_k)[:k]:
            chunk = self.chunks[fused.id]
            # A single retriever's own score is more telling than RRF over one list.
            score = fused.score if mode == "fused" else fused.scores[mode]
            hits.append(Hit(chunk, score, len(hits) + 1, fused.scores, fused.ranks))
        return hits

    def warm(self) -> None:
        """Pay the model's one-off first call now instead of on the first query (queries never load Voikko)."""
        self.dense.embedder.embed_queries(["lämmittely"])

    def close(self) -> None:
        """Release the Chroma client of this index (searching afterwards fails)."""
        self._release()


def open_searcher(
    settings: IndexSettings | None = None,
    source: ChunkSource | None = None,
    embedder: Embedder | None = None,
    warm: bool = True,
) -> HybridSearcher:
    """Open the published index for `source` (default: the corpus) with the configured embedder.

    Raises IndexNotBuilt, EmbedderMismatch, StaleIndex or IndexDamaged (each says how to rebuild). With `warm`,
    Voikko and the model are warmed in a background thread so that start-up does not wait for them. A
    searcher that follows rebuilds is `index.reloading.open_reloading_searcher`.
    """
    settings = settings or IndexSettings.from_env()
    source = source if source is not None else load_corpus()
    embedder = embedder or create_embedder(settings.embedder)
    searcher = searcher_for(require_active(open_store(settings)), settings, source, embedder)
    if warm:
        threading.Thread(target=searcher.warm, name="index-warm", daemon=True).start()
    return searcher


def searcher_for(
    active: ActiveIndex,
    settings: IndexSettings,
    source: ChunkSource,
    embedder: Embedder,
    lexical: LexicalIndex | None = None,
) -> HybridSearcher:
    """A searcher over an opened index (its client is closed if this fails); `lexical` reuses a loaded BM25
    index of the same corpus."""
    try:
        active.info.check(embedder.name, source.fingerprint, active.location, embedder.dim)
        if lexical is None or lexical.fingerprint != source.fingerprint:
            folder = settings.index_dir / "lexical"
            lexical = open_lexical_index(folder, source, save=not active.read_only and writable(folder), strict=False)
        units_of_source = tuple(getattr(source, "units", ()))
        dense: Dense
        if active.snapshot is not None:  # a local build: no Chroma call at all
            snapshot = active.snapshot
            dense = VectorRetriever(snapshot.chunk_ids, snapshot.chunk_sections, snapshot.chunk_vectors, embedder, active.guard)
            units = snapshot_unit_vectors(snapshot, units_of_source, active.location)
        else:
            collection = active.chroma()
            dense = DenseRetriever(collection, embedder, active.guard, count=active.info.chunks)
            units = active.guard.run(lambda: load_unit_vectors(collection, units_of_source, active.location))
    except BaseException:
        active.close()
        raise
    return HybridSearcher(source.chunks, dense, lexical, active.info, settings.candidates, units, release=active.close)

