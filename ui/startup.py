"""Getting ready to serve: build the search index on first start, with progress shown in the terminal."""

from __future__ import annotations

import sys
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


def ensure_index(settings: Settings, corpus: Corpus | None = None, out: TextIO = sys.stderr) -> bool:
    """Build the index when it is missing or stale (True when it built one); progress bar on stderr."""
    if index_ready(settings, corpus):
        return False
    print(texts.INDEX_BUILDING, file=out, flush=True)
    report = build_index(settings.index, source=corpus, progress=True)
    print(texts.INDEX_READY.format(chunks=report.chunks, seconds=report.seconds), file=out, flush=True)
    return True
