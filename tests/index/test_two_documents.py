"""An index of two plans (the real one and the made-up test plan): one Chroma record per chunk and unit, each
with its document, and a search finds each plan's passages under its own document id."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.store import Corpus
from index.build import build_index
from index.embedders.hashing import HashingEmbedder
from index.search import HybridSearcher, open_searcher
from index.settings import IndexSettings
from index.store import open_store, require_active

MADE_UP = "sivistyslautakunta-2025"


@pytest.fixture(scope="module")
def two_document_settings(tmp_path_factory: pytest.TempPathFactory) -> IndexSettings:
    return IndexSettings(data_dir=Path(tmp_path_factory.mktemp("two-documents")) / "data", embedder="hash")


@pytest.fixture(scope="module")
def two_document_index(two_document_settings: IndexSettings, two_document_corpus: Corpus) -> Iterator[HybridSearcher]:
    settings = two_document_settings
    build_index(settings, two_document_corpus, HashingEmbedder())
    searcher = open_searcher(settings, two_document_corpus, HashingEmbedder(), warm=False)
    yield searcher
    searcher.close()


def test_every_chunk_and_unit_is_one_chroma_record_with_its_document(
    two_document_index: HybridSearcher, two_document_corpus: Corpus, two_document_settings: IndexSettings
) -> None:
    chroma = require_active(open_store(two_document_settings), snapshot=False)  # Chroma itself, not the snapshot
    assert chroma.collection is not None
    stored = chroma.collection.get(include=["metadatas"])
    records = dict(zip(stored["ids"], stored["metadatas"] or [], strict=True))
    expected = {chunk.id: chunk.doc_id for chunk in two_document_corpus.chunks}
    expected |= {unit.id: unit.doc_id for unit in two_document_corpus.units}
    assert len(stored["ids"]) == len(two_document_corpus.chunks) + len(two_document_corpus.units)
    assert {record_id: meta["doc_id"] for record_id, meta in records.items()} == expected


def test_each_plans_passages_are_found_under_its_own_document(two_document_index: HybridSearcher) -> None:
    (made_up,) = two_document_index.search("Tähtitalossa konsertteja kulttuuripalvelut", k=1, mode="lexical")
    assert (made_up.chunk.doc_id, made_up.section_id) == (MADE_UP, "kuvaus/kult")
    assert made_up.section_key == f"{MADE_UP}#kuvaus/kult"
    (real,) = two_document_index.search("Ladninkivalteri Aschanin talo museokohdetta", k=1, mode="lexical")
    assert real.chunk.doc_id == "hyvinvointilautakunta-2024"
