"""The real system under evaluation: the assistant (extractive or LLM backend) and the hybrid search index."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.service import Assistant
from assistant.settings import Settings, load_settings
from corpus.store import Corpus, load_corpus
from evals.retrieval_eval import Search
from evals.runner import Answerer
from index.hits import Hit
from index.search import HybridSearcher, open_searcher

BACKENDS: tuple[str, ...] = ("extractive", "llm")


class BackendNotConfigured(ValueError):
    """`--backend llm` was asked for but no LLM endpoint is configured."""


def settings_for(backend: str, base: Settings | None = None) -> Settings:
    """Settings with the LLM switched off (extractive) or required to be configured (llm)."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; valid: {', '.join(BACKENDS)}")
    settings = base or load_settings()
    if backend == "extractive":
        return settings.with_llm(backend="none")
    if not settings.llm.enabled:
        raise BackendNotConfigured(
            "the LLM backend is not configured; set KAYTTO_LLM_BACKEND=openai (or ollama), "
            "KAYTTO_LLM_BASE_URL (e.g. http://127.0.0.1:8080/v1) and KAYTTO_LLM_MODEL, or use a KAYTTO_CONFIG file"
        )
    return settings


@dataclass(frozen=True)
class Pipeline:
    """The opened system: answer function, search function and a description of what was opened."""

    answer: Answerer | None
    search: Search | None
    context: dict[str, str]


def open_warm_searcher(settings: Settings, corpus: Corpus) -> HybridSearcher:
    """The hybrid searcher, warmed now so that one-off costs (Voikko, the model's first call) are not timed."""
    searcher = open_searcher(settings.index, corpus, warm=False)
    searcher.warm()
    return searcher


def search_function(searcher: HybridSearcher) -> Search:
    """The searcher as a plain `search(question, k, mode)` function."""

    def search(question: str, k: int, mode: str) -> Sequence[Hit]:
        return searcher.search(question, k=k, mode=mode)  # type: ignore[arg-type]

    return search


def open_pipeline(
    backend: str,
    need_answers: bool,
    need_search: bool,
    base: Settings | None = None,
    corpus: Corpus | None = None,
) -> Pipeline:
    """Open the corpus, the index and (when answers are needed) the assistant once, sharing one searcher."""
    settings = settings_for(backend, base)
    corpus = corpus if corpus is not None else load_corpus()
    searcher = open_warm_searcher(settings, corpus)
    answer = Assistant(settings, corpus=corpus, searcher=searcher).answer if need_answers else None
    context = {
        "backend": backend,
        "corpus_fingerprint": corpus.fingerprint,
        "embedder": settings.index.embedder,
        "llm_model": f"{settings.llm.backend}:{settings.llm.model}" if settings.llm.enabled else "—",
    }
    return Pipeline(answer, search_function(searcher) if need_search else None, context)
