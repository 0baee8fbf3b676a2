"""Synthetic corpora for benchmarks: N× the plan's chunks with varied text, and vectors reused from a pool.

Embedding 1000× the plan with a real model would take hours on two cores, so passages are embedded once
(the pool) and every copy gets its origin's vector plus noise; queries are still embedded by the real model.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence

import numpy as np

from corpus.records import Chunk
from corpus.text import fold
from index.embedders.base import Embedder, normalise_rows
from index.passages import ChunkSet, dense_text

NOISE = 0.35  # expected norm of the noise added to a pooled unit vector
_TOKEN = re.compile(r"\S+")


def synthetic_chunks(base: Sequence[Chunk], scale: int, seed: int = 0) -> tuple[ChunkSet, list[int]]:
    """`scale` copies of `base` (copy 0 is `base` itself) and, per chunk, the index of the chunk it came from.

    Each later copy shuffles a chunk's words and swaps a fifth of them for words of other chunks, so texts
    differ (BM25 sees a realistic vocabulary, not exact duplicates) while sections and line ranges stay valid.
    """
    rng = random.Random(seed)
    pool = [_TOKEN.findall(chunk.text) for chunk in base]
    chunks: list[Chunk] = list(base)
    origins = list(range(len(base)))
    for copy in range(1, scale):
        for origin, chunk in enumerate(base):
            words = list(pool[origin])
            rng.shuffle(words)
            for _ in range(len(words) // 5):
                donor = pool[rng.randrange(len(pool))]
                if donor:
                    words[rng.randrange(len(words))] = donor[rng.randrange(len(donor))]
            text = " ".join(words)
            digest = hashlib.sha256(f"{copy}|{chunk.id}|{text}".encode()).hexdigest()[:20]
            chunks.append(Chunk(chunk.doc_id, f"{chunk.doc_id}:syn{copy}:{digest}", chunk.section_id, chunk.section_path, chunk.kind, text, chunk.lines))
            origins.append(origin)
    fingerprint = hashlib.sha256("".join(chunk.id for chunk in chunks).encode()).hexdigest()[:16]
    return ChunkSet(tuple(chunks), fingerprint), origins


class PooledEmbedder:
    """Real query vectors; passage vectors looked up from a pool computed once (see the module docstring)."""

    def __init__(self, real: Embedder, source: ChunkSet, origins: Sequence[int], pool: np.ndarray, seed: int = 0) -> None:
        self.name = real.name  # the index records the real model: the vectors live in its space
        self.dim = real.dim
        self._real = real
        rng = np.random.default_rng(seed)
        noise = rng.standard_normal((len(origins), real.dim)).astype(np.float32) * (NOISE / np.sqrt(real.dim))
        noise[: len(pool)] = 0.0  # copy 0 keeps the true vectors
        vectors = normalise_rows(pool[np.asarray(origins)] + noise)
        self._by_text = {dense_text(chunk): vectors[row] for row, chunk in enumerate(source.chunks)}

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """The real model's query vectors."""
        return self._real.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Pooled vectors of known passages."""
        return np.stack([self._by_text[text] for text in texts]) if texts else np.zeros((0, self.dim), np.float32)


def sample_queries(chunks: Sequence[Chunk], n: int, seed: int = 1) -> list[str]:
    """`n` distinct queries of 2–6 consecutive words from the chunks; every third typed without ä/ö."""
    rng = random.Random(seed)
    queries: list[str] = []
    seen: set[str] = set()
    attempts = 0
    while len(queries) < n and attempts < n * 50:
        attempts += 1
        words = [word for word in re.findall(r"[^\W\d_]{3,}", rng.choice(chunks).text)]
        if len(words) < 2:
            continue
        size = rng.randint(2, min(6, len(words)))
        start = rng.randrange(len(words) - size + 1)
        query = " ".join(words[start : start + size])
        query = fold(query) if len(queries) % 3 == 2 else query.lower()
        if query not in seen:
            seen.add(query)
            queries.append(query)
    return queries
