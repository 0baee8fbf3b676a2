"""Getting ready to serve: build the search index on first start, with progress shown in the terminal."""

from __future__ import annotations

import queue
import sys
import threading
from typing import TextIO

from assistant.settings import Settings
from corpus.store import Corpus
from index.build import build_index, index_stats
from index.errors import IndexNotBuilt
from ui import texts


def index_ready(settings: Settings, corpus: Corpus | None = None) -> bool:
    """Whether a published index exists and matches the corpus (other index errors propagate)."""
    try:
        return index_stats(settings.index, source=corpus).up_to_date
    except IndexNotBuilt:
        return False


def index_ready_within(settings: Settings, corpus: Corpus | None, timeout_s: float) -> bool | None:
    """`index_ready`, or None when the index (a hung Chroma server) does not answer within `timeout_s`."""
    result: queue.Queue[tuple[bool, object]] = queue.Queue(maxsize=1)

    def check() -> None:
        try:
            result.put((True, index_ready(settings, corpus)))
        except BaseException as exc:  # handed to the caller's thread below
            result.put((False, exc))

    threading.Thread(target=check, name="index-check", daemon=True).start()  # a stalled check is left behind
    try:
        ok, value = result.get(timeout=timeout_s)
    except queue.Empty:
        return None
    if not ok:
        raise value  # type: ignore[misc]
    return bool(value)


def ensure_index(
    settings: Settings, corpus: Corpus | None = None, out: TextIO = sys.stderr, check_s: float | None = None
) -> bool:
    """Build the index when it is missing or stale (True when it built one); progress bar on stderr.

    With `check_s`, an index that does not even answer the check in time is left alone (and said so):
    the server starts anyway and answers what needs no index.
    """
    ready = index_ready(settings, corpus) if check_s is None else index_ready_within(settings, corpus, check_s)
    if ready is None:
        print(texts.INDEX_NOT_ANSWERING.format(seconds=check_s), file=out, flush=True)
        return False
    if ready:
        return False
    print(texts.INDEX_BUILDING, file=out, flush=True)
    report = build_index(settings.index, source=corpus, progress=True)
    print(texts.INDEX_READY.format(chunks=report.chunks, seconds=report.seconds), file=out, flush=True)
    return True
