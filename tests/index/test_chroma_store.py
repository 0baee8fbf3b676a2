"""The Chroma store: metadata it records, and the same index built and searched through a `chroma run` server."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import chromadb
import pytest

from index.build import build_index, index_stats
from index.embedders.hashing import HashingEmbedder
from index.errors import EmbedderMismatch, IndexNotBuilt, StaleIndex, StoreUnavailable
from index.passages import PASSAGE_FORMAT, ChunkSet
from index.search import open_searcher
from index.settings import IndexSettings
from index.store import SCHEMA, IndexInfo, LocalStore, ServerStore, open_store
from tests.index.chunks import chunk_set, make_chunk


def test_collection_metadata_records_embedder_dimension_and_corpus(built: IndexSettings, paragraphs: ChunkSet) -> None:
    active = open_store(built).active(snapshot=False)
    assert active is not None
    info = active.info
    assert (info.embedder, info.dim, info.fingerprint, info.chunks, info.passages, info.schema) == (
        "hash", 256, paragraphs.fingerprint, len(paragraphs.chunks), PASSAGE_FORMAT, SCHEMA,
    )
    assert IndexInfo.from_metadata(active.collection.metadata, "x") == info


def test_chunk_records_carry_provenance(built: IndexSettings, paragraphs: ChunkSet) -> None:
    active = open_store(built).active(snapshot=False)
    assert active is not None
    chunk = paragraphs.chunks[3]
    record = active.collection.get(ids=[chunk.id], include=["metadatas", "documents"])
    assert record["metadatas"] and record["documents"]
    assert record["metadatas"][0] == {
        "record": "chunk", "doc_id": chunk.doc_id, "section_id": chunk.section_id, "kind": chunk.kind,
        "line_start": chunk.lines.start, "line_end": chunk.lines.end,
    }
    assert record["documents"][0].endswith(chunk.text)


def test_the_index_lives_under_the_data_dir(built: IndexSettings) -> None:
    store = open_store(built)
    assert isinstance(store, LocalStore)
    active = store.active()
    assert active is not None and Path(active.location).is_relative_to(built.data_dir / "index" / "builds")


@pytest.mark.parametrize("missing", ["embedder", "fingerprint"])
def test_incomplete_metadata_means_rebuild(missing: str) -> None:
    metadata = IndexInfo("b", "hash", 8, "f", 1, "t", PASSAGE_FORMAT).metadata()
    del metadata[missing]
    with pytest.raises(IndexNotBuilt, match=rf"metadata is incomplete \('{missing}'\); rebuild with `python -m index build`"):
        IndexInfo.from_metadata(metadata, "somewhere")


@pytest.mark.parametrize("url", ["http://127.0.0.1:9", "127.0.0.1:9"])
def test_an_unreachable_server_is_reported_with_its_url(url: str) -> None:
    with pytest.raises(StoreUnavailable, match="cannot reach the Chroma server") as caught:
        ServerStore(url, "kaytto")
    assert "127.0.0.1:9" in caught.value.finnish()


@pytest.mark.slow
def test_build_and_search_through_a_chroma_server(chroma_server_url: str, tmp_path: Path, paragraphs: ChunkSet) -> None:
    settings = IndexSettings(data_dir=tmp_path / "data", embedder="hash", chroma_url=chroma_server_url, collection="srv-a")
    report = build_index(settings, paragraphs, HashingEmbedder())
    assert report.location == f"{chroma_server_url} (srv-a)"
    assert not (tmp_path / "data" / "index" / "builds").exists()  # vectors are on the server, not here

    searcher = open_searcher(settings, paragraphs, HashingEmbedder(), warm=False)
    assert searcher.info.build_id == report.build_id
    for mode in ("fused", "dense", "lexical"):
        assert searcher.search("Rainion päiväkoti lakkaa", 1, mode)[0].chunk.text.startswith("Rainion")  # type: ignore[arg-type]
    assert index_stats(settings, paragraphs).chunks == len(paragraphs.chunks)

    host, port = chroma_server_url.removeprefix("http://").split(":")
    names = {c.name for c in chromadb.HttpClient(host=host, port=int(port)).list_collections() if c.name.startswith("srv-a-")}
    assert names == {"srv-a-active", f"srv-a-{report.build_id}"}


@pytest.mark.slow
def test_server_builds_swap_and_check_like_local_ones(chroma_server_url: str, tmp_path: Path, paragraphs: ChunkSet) -> None:
    settings = IndexSettings(data_dir=tmp_path / "data", embedder="hash", chroma_url=chroma_server_url, collection="srv-b")
    with pytest.raises(IndexNotBuilt):
        open_searcher(settings, paragraphs, HashingEmbedder(), warm=False)
    first = build_index(settings, paragraphs, HashingEmbedder())
    chunks = list(paragraphs.chunks)
    chunks[0] = make_chunk(chunks[0].section_path[0], chunks[0].text + " (muutettu)", chunks[0].lines.start, chunks[0].lines.end)
    edited = chunk_set(tuple(chunks))
    with pytest.raises(StaleIndex):
        open_searcher(settings, edited, HashingEmbedder(), warm=False)
    with pytest.raises(EmbedderMismatch):
        open_searcher(replace(settings, embedder="hash:64"), paragraphs, HashingEmbedder(64), warm=False)
    second = build_index(settings, edited, HashingEmbedder())
    assert (second.embedded, second.reused) == (1, len(chunks) - 1)
    assert open_searcher(settings, edited, HashingEmbedder(), warm=False).info.build_id == second.build_id
    third = build_index(settings, paragraphs, HashingEmbedder())
    host, port = chroma_server_url.removeprefix("http://").split(":")
    names = {c.name for c in chromadb.HttpClient(host=host, port=int(port)).list_collections() if c.name.startswith("srv-b-")}
    assert names == {"srv-b-active", f"srv-b-{second.build_id}", f"srv-b-{third.build_id}"}  # the first is pruned
    assert first.build_id not in "".join(names)
