"""HybridSearcher: typed hits from dense, lexical and fused retrieval over a built (hash-embedder) index."""

from __future__ import annotations

import pytest

from index.fusion import reciprocal_rank_fusion
from index.hits import Hit
from index.passages import ChunkSet
from index.search import SEARCH_MODES, HybridSearcher

QUERIES = ["Rainion päiväkoti lakkaa", "paivakoti", "kirjastoon", "Missä kirjasto sijaitsee?", "museoissa", "henkilöstökulut"]


@pytest.mark.parametrize("mode", SEARCH_MODES)
@pytest.mark.parametrize("query", QUERIES)
def test_hits_are_typed_ranked_and_carry_provenance(searcher: HybridSearcher, paragraphs: ChunkSet, mode: str, query: str) -> None:
    hits = searcher.search(query, k=5, mode=mode)  # type: ignore[arg-type]
    assert 1 <= len(hits) <= 5
    assert all(isinstance(hit, Hit) for hit in hits)
    assert [hit.rank for hit in hits] == list(range(1, len(hits) + 1))
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert len({hit.chunk.id for hit in hits}) == len(hits)
    chunks = {chunk.id: chunk for chunk in paragraphs.chunks}
    for hit in hits:
        assert hit.chunk == chunks[hit.chunk.id]
        assert hit.section_path == hit.chunk.section_path and hit.lines == hit.chunk.lines
        assert set(hit.retriever_ranks) == set(hit.retriever_scores) and hit.retriever_ranks
        if mode != "fused":
            assert set(hit.retriever_ranks) == {mode}
            assert hit.score == hit.retriever_scores[mode]


@pytest.mark.parametrize("query", QUERIES)
def test_fused_is_rrf_of_the_single_modes(searcher: HybridSearcher, query: str) -> None:
    depth = searcher.candidates
    dense = [(hit.chunk.id, hit.score) for hit in searcher.search(query, depth, "dense")]
    lexical = [(hit.chunk.id, hit.score) for hit in searcher.search(query, depth, "lexical")]
    expected = reciprocal_rank_fusion({"dense": dense, "lexical": lexical}, k=searcher.fusion_k)[:10]
    fused = searcher.search(query, 10, "fused")
    assert [(hit.chunk.id, hit.retriever_ranks) for hit in fused] == [(item.id, item.ranks) for item in expected]
    assert [hit.score for hit in fused] == pytest.approx([item.score for item in expected])


@pytest.mark.parametrize(
    ("query", "text_starts"),
    [("Rainion päiväkodin toiminta lakkaa", "Rainion"), ("Kirkkiksen koulun rakennushanke", "Kirkkiksen koulun")],
)
def test_fused_puts_a_passage_both_retrievers_agree_on_first(searcher: HybridSearcher, query: str, text_starts: str) -> None:
    assert searcher.search(query, 3)[0].chunk.text.startswith(text_starts)


@pytest.mark.parametrize("mode", SEARCH_MODES)
def test_sections_restrict_every_mode(searcher: HybridSearcher, paragraphs: ChunkSet, mode: str) -> None:
    wanted = {chunk.section_id for chunk in paragraphs.chunks[:5]}
    hits = searcher.search("päiväkoti kirjasto koulu", k=20, mode=mode, sections=wanted)  # type: ignore[arg-type]
    assert hits and {hit.section_id for hit in hits} <= wanted
    assert searcher.search("päiväkoti", k=5, mode=mode, sections=[]) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(("query", "k"), [("", 5), ("   ", 5), ("päiväkoti", 0)])
def test_nothing_asked_nothing_found(searcher: HybridSearcher, query: str, k: int) -> None:
    assert searcher.search(query, k) == []


def test_k_larger_than_the_index_returns_what_there_is(searcher: HybridSearcher, paragraphs: ChunkSet) -> None:
    hits = searcher.search("ja", k=10_000, mode="dense")
    assert len(hits) == len(paragraphs.chunks)


def test_unknown_mode_lists_the_valid_ones(searcher: HybridSearcher) -> None:
    with pytest.raises(ValueError, match=r"unknown search mode 'hybrid'; valid modes: fused, dense, lexical"):
        searcher.search("päiväkoti", mode="hybrid")  # type: ignore[arg-type]
