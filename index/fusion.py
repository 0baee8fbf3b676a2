"""Reciprocal rank fusion of ranked lists, with each retriever's rank and score kept for every result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

RRF_K = 60  # as in the RRF paper and llama-index's QueryFusionRetriever (score = Σ 1 / (60 + zero-based rank))


@dataclass(frozen=True)
class Fused:
    """One id after fusion: its fused score and, per retriever that found it, its 1-based rank and score."""

    id: str
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)


def reciprocal_rank_fusion(rankings: Mapping[str, Sequence[tuple[str, float]]], k: int = RRF_K) -> list[Fused]:
    """Fuse best-first lists of (id, score) named by retriever; ties go to the better single rank, then the id."""
    fused: dict[str, float] = {}
    ranks: dict[str, dict[str, int]] = {}
    scores: dict[str, dict[str, float]] = {}
    for retriever, ranking in rankings.items():
        for position, (item, score) in enumerate(ranking):
            if retriever in ranks.get(item, {}):
                continue  # a retriever that lists an id twice counts its best rank only
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + position)
            ranks.setdefault(item, {})[retriever] = position + 1
            scores.setdefault(item, {})[retriever] = score
    order = sorted(fused, key=lambda item: (-fused[item], min(ranks[item].values()), item))
    return [Fused(item, fused[item], ranks[item], scores[item]) for item in order]
