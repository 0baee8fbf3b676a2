"""The searcher's retrievers as llama-index retrievers, and llama-index's own reciprocal-rank fusion over them.

`HybridSearcher.search` fuses with `index.fusion` because llama-index's `QueryFusionRetriever` keeps only the
fused score; both use the same formula (tests check they agree), so either path ranks alike.
"""

from __future__ import annotations


from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import BaseRetriever, QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from corpus.records import Chunk
from index.llama_embedding import LlamaEmbedding
from index.search import HybridSearcher


def chunk_node(chunk: Chunk) -> TextNode:
    """A llama-index node for a chunk (same id, text and provenance whichever retriever returns it)."""
    return TextNode(
        id_=chunk.id,
        text=chunk.text,
        metadata={
            "doc_id": chunk.doc_id,
            "section_id": chunk.section_id,
            "section": chunk.section_path_text,
            "line_start": chunk.lines.start,
            "line_end": chunk.lines.end,
        },
    )


class DenseChunkRetriever(BaseRetriever):
    """Dense retrieval that embeds the query through a llama-index embed model (or uses the bundle's vector)."""

    def __init__(self, searcher: HybridSearcher, embed_model: LlamaEmbedding, top_k: int = 10) -> None:
        super().__init__()
        self._searcher = searcher
        self._embed_model = embed_model
        self._top_k = top_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        vector = query_bundle.embedding or self._embed_model.get_query_embedding(query_bundle.query_str)
        matches = self._searcher.dense.search_vector(vector, self._top_k)
        return [NodeWithScore(node=chunk_node(self._searcher.chunks[m.chunk_id]), score=m.score) for m in matches]


class LexicalChunkRetriever(BaseRetriever):
    """BM25 over Finnish tokens."""

    def __init__(self, searcher: HybridSearcher, top_k: int = 10) -> None:
        super().__init__()
        self._searcher = searcher
        self._top_k = top_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        matches = self._searcher.lexical.search(query_bundle.query_str, self._top_k)
        return [NodeWithScore(node=chunk_node(self._searcher.chunks[m.chunk_id]), score=m.score) for m in matches]


def fusion_retriever(
    searcher: HybridSearcher, embed_model: LlamaEmbedding, top_k: int = 10, depth: int | None = None
) -> QueryFusionRetriever:
    """llama-index `QueryFusionRetriever` in reciprocal-rank mode with one query: no LLM is ever called."""
    depth = depth or max(top_k, searcher.candidates)
    return QueryFusionRetriever(
        [DenseChunkRetriever(searcher, embed_model, depth), LexicalChunkRetriever(searcher, depth)],
        llm=MockLLM(),  # never consulted with num_queries=1; passing it stops a lookup of Settings.llm
        mode=FUSION_MODES.RECIPROCAL_RANK,
        similarity_top_k=top_k,
        num_queries=1,
        use_async=False,
    )


