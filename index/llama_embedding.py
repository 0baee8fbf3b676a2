"""The active embedder as a llama-index `BaseEmbedding`, and llama-index Settings that never reach for OpenAI."""

from __future__ import annotations

from typing import Any

from llama_index.core import Settings
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import MockLLM
from pydantic import PrivateAttr

from index.embedders.base import Embedder


class LlamaEmbedding(BaseEmbedding):
    """Delegates to an `Embedder`, keeping its query/passage distinction (e5 needs it)."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=embedder.name, embed_batch_size=16, **kwargs)
        self._embedder = embedder

    @classmethod
    def class_name(cls) -> str:
        return "KayttoEmbedding"

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_queries([query])[0].tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed_passages([text])[0].tolist()

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_passages(texts).tolist()


def configure_llama_index(embedder: Embedder) -> LlamaEmbedding:
    """Set llama-index's global embed model to `embedder`, and its LLM to a mock unless one is already set.

    llama-index otherwise resolves both lazily to OpenAI; the assistant may set a real LLM before or after.
    """
    model = LlamaEmbedding(embedder)
    Settings.embed_model = model
    if getattr(Settings, "_llm", None) is None:  # the public getter would itself resolve the OpenAI default
        Settings.llm = MockLLM()
    return model
