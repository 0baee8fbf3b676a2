"""A local build's vector snapshot: searching from it ranks exactly as Chroma does, a broken one falls back to
Chroma with the same results (and the next build mends it), and the fast path never imports chromadb."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from corpus.store import load_corpus
from index.build import build_index
from index.dense import DenseMatch, DenseRetriever, VectorRetriever
from index.embedders import create_embedder
from index.embedders.hashing import HashingEmbedder
from index.passages import ChunkSet
from index.reloading import open_reloading_searcher
from index.search import HybridSearcher, open_searcher
from index.settings import IndexSettings
from index.store import open_store, require_active
from index.store.snapshot import SNAPSHOT, load_snapshot
from index.units import load_unit_vectors
from tests.index.chunks import chunk_set, make_chunk

REPO = Path(__file__).resolve().parents[2]
QUESTIONS = [
    "kuka vastaa harrastemallista",
    "mitä harrastemalli tarkoittaa",
    "paljonko sosiaali- ja terveyspalvelujen toimintakulut ovat",
    "kirjaston aukioloajat ja palvelut",
    "nuorisotyön tavoitteet vuodelle 2024",
    "varhaiskasvatus",
]
QUERY = "Rainion päiväkoti lakkaa"


def _same(fast: list[DenseMatch], chroma: list[DenseMatch]) -> None:
    assert [m.chunk_id for m in fast] == [m.chunk_id for m in chroma]
    np.testing.assert_allclose([m.score for m in fast], [m.score for m in chroma], atol=1e-5)


def test_snapshot_search_ranks_as_chroma_on_the_real_index(real_index_settings: IndexSettings) -> None:
    corpus = load_corpus()
    embedder = create_embedder(real_index_settings.embedder)
    store = open_store(real_index_settings)
    fast_index, chroma_index = require_active(store), require_active(store, snapshot=False)
    assert fast_index.snapshot is not None and fast_index.collection is None and chroma_index.collection is not None
    snapshot = fast_index.snapshot
    fast = VectorRetriever(snapshot.chunk_ids, snapshot.chunk_sections, snapshot.chunk_vectors, embedder, fast_index.guard)
    chroma = DenseRetriever(chroma_index.collection, embedder, chroma_index.guard, count=chroma_index.info.chunks)
    sections = sorted({chunk.section_id for chunk in corpus.chunks})
    some = set(sections[: len(sections) // 3])
    try:
        for question in QUESTIONS:
            vector = embedder.embed_queries([question])[0]
            for k, wanted in ((5, None), (30, None), (1000, None), (5, some), (1000, some), (3, {sections[-1]})):
                _same(fast.search_vector(vector, k, wanted), chroma.search_vector(vector, k, wanted))
            assert len(fast.search_vector(vector, 1000)) == chroma.count == len(corpus.chunks)
            assert fast.search_vector(vector, 5, {"no-such-section"}) == chroma.search_vector(vector, 5, {"no-such-section"}) == []
            assert fast.search_vector(vector, 5, set()) == [] and fast.search_vector(vector, 0) == []
        units = load_unit_vectors(chroma_index.collection, corpus.units, chroma_index.location)
        served = open_searcher(real_index_settings, corpus, embedder, warm=False)
        assert isinstance(served.dense, VectorRetriever)
        assert served.units.units == units.units and len(units.units) == fast_index.info.units > 0
        np.testing.assert_allclose(served.units.matrix, units.matrix, atol=1e-6)
    finally:
        chroma_index.close()
        store.close()


def _replace_info(folder: Path, change: Callable[[dict], dict]) -> None:
    path = folder / SNAPSHOT
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["info"] = np.array(json.dumps(change(json.loads(str(arrays["info"])))))
    with open(path, "wb") as handle:
        np.savez(handle, **arrays)


def _copy_from_other_build(folder: Path, paragraphs: ChunkSet, tmp: Path) -> None:
    other = IndexSettings(data_dir=tmp / "other", embedder="hash")
    build_index(other, paragraphs, HashingEmbedder())
    shutil.copy((other.index_dir / "current" / SNAPSHOT).resolve(), folder / SNAPSHOT)


BREAKS: dict[str, Callable[[Path, ChunkSet, Path], object]] = {
    "missing": lambda folder, p, tmp: (folder / SNAPSHOT).unlink(),
    "garbage": lambda folder, p, tmp: (folder / SNAPSHOT).write_bytes(os.urandom(2048)),
    "cut in half": lambda folder, p, tmp: os.truncate(folder / SNAPSHOT, (folder / SNAPSHOT).stat().st_size // 2),
    "empty": lambda folder, p, tmp: (folder / SNAPSHOT).write_bytes(b""),
    "of another build": _copy_from_other_build,
    "fewer chunks than its info says": lambda folder, p, tmp: _replace_info(folder, lambda info: {**info, "chunks": info["chunks"] + 1}),
    "another dimension than its info says": lambda folder, p, tmp: _replace_info(folder, lambda info: {**info, "dim": 64}),
    "info garbage": lambda folder, p, tmp: _replace_info(folder, lambda info: {"junk": 1}),
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_a_broken_snapshot_falls_back_to_chroma_with_the_same_results_and_a_build_mends_it(
    name: str, settings: IndexSettings, paragraphs: ChunkSet, tmp_path: Path
) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    folder = (settings.index_dir / "current").resolve()
    fast = open_searcher(settings, paragraphs, HashingEmbedder(), warm=False)
    assert isinstance(fast.dense, VectorRetriever)
    section = paragraphs.chunks[7].section_id
    queries = [QUERY, paragraphs.chunks[3].text, "lautakunta talousarvio"]
    before = [fast.search(q, 8) for q in queries] + [fast.search(q, 8, "dense", sections=[section]) for q in queries]

    BREAKS[name](folder, paragraphs, tmp_path)
    fallback = open_searcher(settings, paragraphs, HashingEmbedder(), warm=False)
    assert isinstance(fallback.dense, DenseRetriever)  # Chroma serves
    after = [fallback.search(q, 8) for q in queries] + [fallback.search(q, 8, "dense", sections=[section]) for q in queries]
    for old, new in zip(before, after, strict=True):
        assert [hit.chunk.id for hit in old] == [hit.chunk.id for hit in new]
        np.testing.assert_allclose([hit.score for hit in old], [hit.score for hit in new], atol=1e-5)
    fallback.close()

    report = build_index(settings, paragraphs, HashingEmbedder())  # up to date: only the snapshot is written again
    assert report.up_to_date and load_snapshot(folder).info.build_id == folder.name
    assert isinstance(open_searcher(settings, paragraphs, HashingEmbedder(), warm=False).dense, VectorRetriever)


FAST_PATH = """
import json, sys
from pathlib import Path
sys.path.insert(0, {repo!r})
from index.embedders.hashing import HashingEmbedder
from index.search import open_searcher
from index.settings import IndexSettings
from tests.index.chunks import chunk_set, paragraph_chunks

searcher = open_searcher(IndexSettings(data_dir=Path({data!r}), embedder="hash"), chunk_set(paragraph_chunks()), HashingEmbedder(), warm=False)
hits = searcher.search({query!r}, 3) + searcher.search({query!r}, 3, "dense", sections=[{section!r}])
vector = searcher.embed_query({query!r})
print(json.dumps({{"dense": type(searcher.dense).__name__, "top": hits[0].chunk.text[:20], "units": searcher.units.similarities(vector).shape[0],
                   "loaded": sorted(name for name in sys.modules if name.split(".")[0] in ("chromadb", "httpx"))}}))
"""


def test_searching_a_local_build_never_imports_chromadb(built: IndexSettings, paragraphs: ChunkSet) -> None:
    code = FAST_PATH.format(repo=str(REPO), data=str(built.data_dir), query=QUERY, section=paragraphs.chunks[7].section_id)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"dense": "VectorRetriever", "top": seen["top"], "units": 0, "loaded": []}
    assert seen["top"].startswith("Rainion")


def test_a_rebuild_is_picked_up_from_its_snapshot(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    following = open_reloading_searcher(settings, paragraphs, HashingEmbedder(), warm=False, check_every_s=3600)
    assert isinstance(following.dense, VectorRetriever)
    first = following.generation
    chunks = list(paragraphs.chunks)
    chunks[0] = make_chunk(chunks[0].section_path[0], "Kuuhuhtaan uimaranta avataan kesäkuussa.", chunks[0].lines.start, chunks[0].lines.end)
    edited = chunk_set(tuple(chunks))
    rebuilt = build_index(settings, edited, HashingEmbedder())
    following.source = edited  # the corpus the new build was made from (a running app reloads its corpus too)
    assert following.refresh() is True and following.generation == rebuilt.build_id != first
    current = following.current()
    assert isinstance(current, HybridSearcher) and isinstance(current.dense, VectorRetriever)
    assert current.dense.search("Kuuhuhtaan uimaranta", 1)[0].chunk_id == chunks[0].id
    following.close()
    store = open_store(settings)
    chroma = require_active(store, snapshot=False)  # the snapshot carries the info Chroma records
    assert load_snapshot((settings.index_dir / "current").resolve()).info == chroma.info
    chroma.close()
    store.close()
