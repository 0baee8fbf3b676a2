"""Reciprocal rank fusion: its arithmetic, its invariants, and agreement with llama-index's QueryFusionRetriever."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import BaseRetriever, QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from index.fusion import RRF_K, Fused, reciprocal_rank_fusion

IDS = st.sampled_from([f"c{i}" for i in range(12)])
RANKING = st.lists(IDS, unique=True, max_size=10).map(lambda ids: [(item, float(len(ids) - n)) for n, item in enumerate(ids)])


def test_scores_are_sums_of_reciprocal_ranks() -> None:
    fused = reciprocal_rank_fusion({"dense": [("a", 0.9), ("b", 0.8)], "lexical": [("b", 12.0), ("c", 3.0)]})
    assert fused == [
        Fused("b", 1 / 61 + 1 / 60, {"dense": 2, "lexical": 1}, {"dense": 0.8, "lexical": 12.0}),
        Fused("a", 1 / 60, {"dense": 1}, {"dense": 0.9}),
        Fused("c", 1 / 61, {"lexical": 2}, {"lexical": 3.0}),
    ]


def test_ties_go_to_the_better_single_rank_then_the_id() -> None:
    fused = reciprocal_rank_fusion({"dense": [("z", 1.0), ("y", 0.5)], "lexical": [("x", 2.0), ("w", 1.0)]})
    assert [item.id for item in fused] == ["x", "z", "w", "y"]


@given(st.dictionaries(st.sampled_from(["dense", "lexical"]), RANKING, min_size=1))
def test_every_id_once_best_first_with_its_ranks(rankings: dict[str, list[tuple[str, float]]]) -> None:
    fused = reciprocal_rank_fusion(rankings)
    expected_ids = {item for ranking in rankings.values() for item, _ in ranking}
    assert sorted(item.id for item in fused) == sorted(expected_ids)
    assert [item.score for item in fused] == sorted((item.score for item in fused), reverse=True)
    for item in fused:
        for name, rank in item.ranks.items():
            assert rankings[name][rank - 1][0] == item.id
        assert item.score == pytest.approx(sum(1 / (RRF_K + rank - 1) for rank in item.ranks.values()))


class _Fixed(BaseRetriever):
    def __init__(self, ranking: list[tuple[str, float]]) -> None:
        super().__init__()
        self._ranking = ranking

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [NodeWithScore(node=TextNode(id_=item, text=f"teksti {item}"), score=score) for item, score in self._ranking]


@given(RANKING, RANKING)
def test_agrees_with_llama_index_query_fusion(dense: list[tuple[str, float]], lexical: list[tuple[str, float]]) -> None:
    retriever = QueryFusionRetriever(
        [_Fixed(dense), _Fixed(lexical)],
        llm=MockLLM(),
        mode=FUSION_MODES.RECIPROCAL_RANK,
        num_queries=1,
        use_async=False,
        similarity_top_k=100,
    )
    theirs = {node.node.node_id: node.score for node in retriever.retrieve("kysely")}
    ours = {item.id: item.score for item in reciprocal_rank_fusion({"dense": dense, "lexical": lexical})}
    assert theirs == pytest.approx(ours)
