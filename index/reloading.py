"""A searcher that follows rebuilds: a running process picks up a newly published index without a restart.

At most every `check_every_s` a search starts a background check of the store's generation (the `current`
link, or one request to the server's pointer collection); when it names a new build, that build is opened
beside the one serving and swapped in once it is ready, so no search waits for the check or the reopening.
A search that fails because its build is gone (a server prunes all but the two newest builds) reopens at
once and is answered by the new build. The replaced searcher is closed after `RETIRE_AFTER_S`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable

import numpy as np

from corpus.records import Chunk
from corpus.store import load_corpus
from index.dense import Dense
from index.embedders import Embedder, create_embedder
from index.errors import IndexDamaged, IndexStoreError, StoreTimeout, StoreUnavailable
from index.hits import Hit
from index.lexical import LexicalIndex
from index.passages import ChunkSource
from index.search import HybridSearcher, SearchMode, searcher_for
from index.settings import IndexSettings
from index.store import IndexInfo, Store, open_store, require_active
from index.units import UnitVectors

logger = logging.getLogger(__name__)
RETIRE_AFTER_S = 30.0  # far longer than any search (each is bounded by its deadline)


class ReloadingSearcher:
    """Searches whatever index is published now; a drop-in for `HybridSearcher` (same `search`, `info`,
    `dense`, `lexical`, `chunks`, `warm`), and `current()` gives the `HybridSearcher` serving right now."""

    def __init__(
        self,
        store: Store,
        settings: IndexSettings,
        source: ChunkSource,
        embedder: Embedder,
        first: HybridSearcher,
        check_every_s: float,
    ) -> None:
        self.store = store
        self.settings = settings
        self.source = source
        self.embedder = embedder
        self.check_every_s = check_every_s
        self.last_error: IndexStoreError | None = None  # why the last check or reopening failed
        self._searcher = first
        self._failed: str | None = None  # a generation that could not be opened: not retried until it changes
        self._checking = threading.Lock()
        self._next_check = time.monotonic() + check_every_s

    def current(self) -> HybridSearcher:
        """The searcher serving now; starts a background check for a new generation when one is due."""
        if time.monotonic() >= self._next_check and self._checking.acquire(blocking=False):
            self._next_check = time.monotonic() + self.check_every_s
            threading.Thread(target=self._check_in_background, name="index-reload", daemon=True).start()
        return self._searcher

    def refresh(self, deadline: float | None = None) -> bool:
        """Check now (waiting for a check already running) and switch to a newly published index; True when
        it switched. Raises what opening the new index raises; the old one keeps serving then."""
        with self._checking:
            return self._refresh(deadline)

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
        """`HybridSearcher.search` on the index published now (see there for `deadline` and `vector`)."""
        searcher = self.current()
        try:
            return searcher.search(query, k, mode, sections, deadline, vector=vector)
        except IndexDamaged:
            # Its build may have been pruned before a check noticed the newer one: reopen and ask that.
            if searcher is not self._searcher or self.refresh(deadline):
                return self._searcher.search(query, k, mode, sections, deadline, vector=vector)
            raise

    def embed_query(self, query: str) -> np.ndarray:
        """The question's unit-length vector (see `HybridSearcher.embed_query`)."""
        return self.current().embed_query(query)

    @property
    def units(self) -> UnitVectors:
        return self.current().units

    @property
    def generation(self) -> str:
        """The build id serving now."""
        return self._searcher.info.build_id

    @property
    def info(self) -> IndexInfo:
        return self.current().info

    @property
    def dense(self) -> Dense:
        return self.current().dense

    @property
    def lexical(self) -> LexicalIndex:
        return self.current().lexical

    @property
    def chunks(self) -> dict[str, Chunk]:
        return self.current().chunks

    def warm(self) -> None:
        self.current().warm()

    def close(self) -> None:
        """Release the serving index and the store."""
        self._searcher.close()
        self.store.close()

    def _check_in_background(self) -> None:
        try:
            self._refresh(None)
        except IndexStoreError as exc:
            self.last_error = exc
            logger.warning("looking for or opening a newly published index failed; still serving %s: %s", self.generation, exc)
        finally:
            self._checking.release()

    def _refresh(self, deadline: float | None) -> bool:
        published = self.store.generation(deadline)
        if published is None or published == self._searcher.info.build_id or published == self._failed:
            return False
        old = self._searcher
        try:
            new = searcher_for(require_active(self.store, deadline), self.settings, self.source, self.embedder, old.lexical)
        except (StoreTimeout, StoreUnavailable):
            raise  # the server is unwell for now: the next check tries this generation again
        except IndexStoreError:
            self._failed = published
            raise
        self._searcher, self._failed, self.last_error = new, None, None
        logger.info("switched from index %s to %s", old.info.build_id, new.info.build_id)
        timer = threading.Timer(RETIRE_AFTER_S, old.close)
        timer.daemon = True
        timer.start()
        return True


def open_reloading_searcher(
    settings: IndexSettings | None = None,
    source: ChunkSource | None = None,
    embedder: Embedder | None = None,
    warm: bool = True,
    check_every_s: float | None = None,
) -> ReloadingSearcher:
    """Like `open_searcher`, but the searcher follows rebuilds (checked every `check_every_s`, default the
    settings' `reload_check_s`). Raises what `open_searcher` raises when no usable index is published now."""
    settings = settings or IndexSettings.from_env()
    source = source if source is not None else load_corpus()
    embedder = embedder or create_embedder(settings.embedder)
    store = open_store(settings)
    try:
        first = searcher_for(require_active(store), settings, source, embedder)
    except BaseException:
        store.close()
        raise
    searcher = ReloadingSearcher(
        store, settings, source, embedder, first, settings.reload_check_s if check_every_s is None else check_every_s
    )
    if warm:
        threading.Thread(target=searcher.warm, name="index-warm", daemon=True).start()
    return searcher
