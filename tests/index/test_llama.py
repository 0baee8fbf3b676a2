"""llama-index integration: the embedder as a BaseEmbedding, explicit Settings, our hybrid retriever, and llama-index's own fusion."""

from __future__ import annotations

import numpy as np
import pytest
from llama_index.core import Settings
from llama_index.core.llms import MockLLM
from llama_index.core.query_engine import RetrieverQueryEngine
from llama_index.core.response_synthesizers import ResponseMode
from llama_index.core.schema import QueryBundle

from index.embedders.hashing import HashingEmbedder
from index.errors import EmbedderMismatch
from index.fusion import RRF_K
from index.llama_embedding import LlamaEmbedding, configure_llama_index
from index.llama_retrievers import DenseChunkRetriever, HybridChunkRetriever, LexicalChunkRetriever, fusion_retriever
from index.search import SEARCH_MODES, HybridSearcher

QUERIES = ["Rainion päiväkoti lakkaa", "paivakoti", "Missä kirjasto sijaitsee?", "museoissa", "kirkkiksen koulu"]


@pytest.fixture
def restore_settings() -> object:
    saved = (Settings._llm, Settings._embed_model)
    yield
    Settings._llm, Settings._embed_model = saved


def test_llama_embedding_keeps_the_query_passage_distinction() -> None:
    embedder = HashingEmbedder()
    model = LlamaEmbedding(embedder)
    assert model.model_name == "hash"
    np.testing.assert_allclose(model.get_query_embedding("päiväkoti"), embedder.embed_queries(["päiväkoti"])[0], atol=1e-6)
    np.testing.assert_allclose(model.get_text_embedding_batch(["a b", "c"]), embedder.embed_passages(["a b", "c"]), atol=1e-6)


@pytest.mark.usefixtures("restore_settings")
def test_configure_sets_our_embedder_and_never_openai() -> None:
    Settings._llm = None
    model = configure_llama_index(HashingEmbedder())
    assert Settings.embed_model is model
    assert isinstance(Settings.llm, MockLLM)


@pytest.mark.usefixtures("restore_settings")
def test_configure_keeps_an_llm_someone_already_chose() -> None:
    chosen = MockLLM(max_tokens=7)
    Settings.llm = chosen
    configure_llama_index(HashingEmbedder())
    assert Settings.llm is chosen


@pytest.mark.parametrize("query", QUERIES)
def test_llama_retrievers_return_the_searchers_chunks(searcher: HybridSearcher, query: str) -> None:
    model = LlamaEmbedding(searcher.dense.embedder)
    dense = DenseChunkRetriever(searcher, model, 5).retrieve(query)
    lexical = LexicalChunkRetriever(searcher, 5).retrieve(query)
    assert [n.node.node_id for n in dense] == [h.chunk.id for h in searcher.search(query, 5, "dense")]
    assert [n.node.node_id for n in lexical] == [h.chunk.id for h in searcher.search(query, 5, "lexical")]
    assert dense[0].node.metadata["section_id"] == searcher.chunks[dense[0].node.node_id].section_id


@pytest.mark.parametrize("query", QUERIES)
def test_query_fusion_retriever_scores_like_the_searcher(
    searcher: HybridSearcher, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(searcher, "fusion_k", RRF_K)  # llama-index fixes k = 60
    retriever = fusion_retriever(searcher, LlamaEmbedding(searcher.dense.embedder), top_k=len(searcher.chunks))
    theirs = {n.node.node_id: n.score for n in retriever.retrieve(query)}
    ours = {h.chunk.id: h.score for h in searcher.search(query, len(searcher.chunks), "fused")}
    assert theirs == pytest.approx(ours)


@pytest.mark.parametrize("mode", SEARCH_MODES)
@pytest.mark.parametrize("query", QUERIES)
def test_hybrid_retriever_returns_the_searchers_ranking_with_provenance(
    searcher: HybridSearcher, query: str, mode: str
) -> None:
    nodes = HybridChunkRetriever(searcher, top_k=5, mode=mode).retrieve(query)  # type: ignore[arg-type]
    hits = searcher.search(query, 5, mode)  # type: ignore[arg-type]
    assert [(n.node.node_id, n.score) for n in nodes] == [(h.chunk.id, pytest.approx(h.score, abs=1e-6)) for h in hits]
    for node, hit in zip(nodes, hits, strict=True):
        assert node.node.get_content() == hit.chunk.text
        assert node.node.metadata == {
            "doc_id": hit.chunk.doc_id,
            "section_id": hit.section_id,
            "section": hit.chunk.section_path_text,
            "line_start": hit.lines.start,
            "line_end": hit.lines.end,
        }


def test_hybrid_retriever_uses_the_embedding_a_query_bundle_brings(searcher: HybridSearcher) -> None:
    model = LlamaEmbedding(searcher.dense.embedder)
    bundle = QueryBundle("museoissa", embedding=model.get_query_embedding("Rainion päiväkoti lakkaa"))
    nodes = HybridChunkRetriever(searcher, top_k=5, mode="dense", embed_model=model).retrieve(bundle)
    expected = searcher.search("Rainion päiväkoti lakkaa", 5, "dense")
    assert [n.node.node_id for n in nodes] == [h.chunk.id for h in expected]
    assert expected != searcher.search("museoissa", 5, "dense")


def test_hybrid_retriever_keeps_to_the_sections_it_is_given(searcher: HybridSearcher) -> None:
    section = searcher.search("päiväkoti", 1)[0].section_id
    nodes = HybridChunkRetriever(searcher, top_k=10, sections=[section]).retrieve("kirjasto ja museot")
    assert nodes and {n.node.metadata["section_id"] for n in nodes} == {section}


def test_hybrid_retriever_refuses_an_embed_model_the_index_was_not_built_with(searcher: HybridSearcher) -> None:
    with pytest.raises(EmbedderMismatch, match=r"built with 'hash', the embed model is 'hash:64'"):
        HybridChunkRetriever(searcher, embed_model=LlamaEmbedding(HashingEmbedder(dim=64)))


@pytest.mark.usefixtures("restore_settings")
def test_hybrid_retriever_serves_a_query_engine_without_an_llm(searcher: HybridSearcher) -> None:
    Settings.llm = MockLLM()
    retriever = HybridChunkRetriever(searcher, top_k=3)
    engine = RetrieverQueryEngine.from_args(retriever, llm=Settings.llm, response_mode=ResponseMode.NO_TEXT)
    response = engine.query("Rainion päiväkoti lakkaa")
    assert [n.node.node_id for n in response.source_nodes] == [h.chunk.id for h in searcher.search("Rainion päiväkoti lakkaa", 3)]
