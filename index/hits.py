"""Typed retrieval results: the chunk found, where it sits in the plan, and how each retriever scored it."""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.records import Chunk, LineRange


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk with its fused score and per-retriever ranks and scores."""

    chunk: Chunk
    score: float  # fused (reciprocal rank fusion) score; in a single-retriever mode, that retriever's score
    rank: int  # 1-based rank in the fused list
    retriever_scores: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    retriever_ranks: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def section_id(self) -> str:
        return self.chunk.section_id

    @property
    def section_key(self) -> str:
        return self.chunk.section_key

    @property
    def section_path(self) -> tuple[str, ...]:
        return self.chunk.section_path

    @property
    def lines(self) -> LineRange:
        return self.chunk.lines
