"""Ranking metrics over section ids: recall@k, reciprocal rank and nDCG@k with binary relevance.

Gold rows label the *sections* that answer a question (any of them is relevant), while retrievers rank
chunks; `section_ranking` collapses chunk hits to sections first. A heading-only parent id ("palvelualuelaskelmat")
is met by any of its children; a parent with text of its own ("tavoitteet", "investoinnit") only by itself,
since its children do not hold that text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evals.gold import HEADING_ONLY_IDS

RECALL_KS: tuple[int, ...] = (1, 3, 5)
NDCG_K = 10


def section_ranking(section_ids: Iterable[str]) -> tuple[str, ...]:
    """Section ids in the order first retrieved, without repeats (several chunks share a section)."""
    return tuple(dict.fromkeys(section_ids))


def matched_gold(section_id: str, relevant: Iterable[str]) -> str | None:
    """The gold id that `section_id` satisfies (itself, or a heading-only parent that covers it), if any."""
    for gold in relevant:
        if section_id == gold or (gold in HEADING_ONLY_IDS and section_id.startswith(gold + "/")):
            return gold
    return None


def relevance_flags(ranking: Sequence[str], relevant: Iterable[str]) -> tuple[bool, ...]:
    """For each ranked section, whether it is relevant; a gold id is credited once (children of a heading count once)."""
    remaining = list(dict.fromkeys(relevant))
    flags = []
    for section_id in ranking:
        gold = matched_gold(section_id, remaining)
        if gold is not None:
            remaining.remove(gold)
        flags.append(gold is not None)
    return tuple(flags)


def first_relevant_rank(flags: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant section, or None when none was retrieved."""
    for rank, relevant in enumerate(flags, start=1):
        if relevant:
            return rank
    return None


def recall_at_k(flags: Sequence[bool], k: int) -> float:
    """1.0 when a relevant section is in the top k, else 0.0 (the gold ids are alternatives, so one suffices)."""
    return 1.0 if any(flags[:k]) else 0.0


def reciprocal_rank(flags: Sequence[bool]) -> float:
    """1 / rank of the first relevant section (0.0 when none was retrieved)."""
    rank = first_relevant_rank(flags)
    return 0.0 if rank is None else 1.0 / rank


def ndcg_at_k(flags: Sequence[bool], relevant_count: int, k: int = NDCG_K) -> float:
    """Binary nDCG@k: DCG of the ranking over the DCG of all `relevant_count` gold sections ranked first."""
    if relevant_count <= 0:
        return 0.0
    dcg = sum(1.0 / math.log2(rank + 1) for rank, hit in enumerate(flags[:k], start=1) if hit)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(relevant_count, k) + 1))
    return dcg / ideal


@dataclass(frozen=True)
class RankingScore:
    """The metrics of one ranked list against one gold row."""

    recall: dict[int, float]  # k -> recall@k
    reciprocal_rank: float
    ndcg: float
    first_rank: int | None

    def as_dict(self) -> dict[str, float]:
        """Flat metric names: recall@1 … recall@5, mrr, ndcg@10."""
        values = {f"recall@{k}": value for k, value in self.recall.items()}
        return values | {"mrr": self.reciprocal_rank, f"ndcg@{NDCG_K}": self.ndcg}


def score_ranking(ranked_section_ids: Iterable[str], relevant: Iterable[str]) -> RankingScore:
    """Score a ranked list of (possibly repeated) section ids against the gold sections."""
    relevant_ids = tuple(dict.fromkeys(relevant))
    flags = relevance_flags(section_ranking(ranked_section_ids), relevant_ids)
    return RankingScore(
        recall={k: recall_at_k(flags, k) for k in RECALL_KS},
        reciprocal_rank=reciprocal_rank(flags),
        ndcg=ndcg_at_k(flags, len(relevant_ids)),
        first_rank=first_relevant_rank(flags),
    )


def mean_scores(scores: Sequence[RankingScore]) -> dict[str, float]:
    """The mean of every metric over the questions (MRR is the mean reciprocal rank)."""
    if not scores:
        return {}
    names = scores[0].as_dict().keys()
    return {name: sum(score.as_dict()[name] for score in scores) / len(scores) for name in names}
