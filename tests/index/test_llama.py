"""llama-index integration: the embedder as a BaseEmbedding, explicit Settings, and llama-index's own fusion."""

from __future__ import annotations

import numpy as np
import pytest
from llama_index.core import Settings
from llama_index.core.llms import MockLLM

from index.embedders.hashing import HashingEmbedder
from index.llama_embedding import LlamaEmbedding, configure_llama_index
from index.llama_retrievers import DenseChunkRetriever, LexicalChunkRetriever, fusion_retriever
from index.fusion import RRF_K
from index.search import HybridSearcher

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
