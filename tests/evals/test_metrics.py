"""Ranking metrics on hand-made rankings, with exact expected values."""

from __future__ import annotations

import math

import pytest

from evals.metrics import (
    mean_scores,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
    relevance_flags,
    score_ranking,
    section_ranking,
)


def test_section_ranking_keeps_first_occurrence_order() -> None:
    assert section_ranking(["kuvaus/vaka", "kuvaus/vaka", "talousarvio", "kuvaus/vaka", "otsikko"]) == (
        "kuvaus/vaka",
        "talousarvio",
        "otsikko",
    )


def test_single_relevant_section_at_rank_two() -> None:
    score = score_ranking(["talousarvio", "kuvaus/vaka", "otsikko"], ["kuvaus/vaka"])
    assert score.recall == {1: 0.0, 3: 1.0, 5: 1.0}
    assert score.reciprocal_rank == 0.5
    assert score.ndcg == pytest.approx(1 / math.log2(3))
    assert score.first_rank == 2


def test_two_relevant_sections_at_ranks_one_and_three() -> None:
    score = score_ranking(["otsikko", "talousarvio", "kuvaus/toimiala"], ["otsikko", "kuvaus/toimiala"])
    dcg = 1 + 1 / math.log2(4)
    ideal = 1 + 1 / math.log2(3)
    assert score.ndcg == pytest.approx(dcg / ideal)
    assert score.ndcg == pytest.approx(0.919720, abs=1e-6)
    assert score.reciprocal_rank == 1.0
    assert score.recall[1] == 1.0


def test_repeated_chunks_of_one_section_count_once() -> None:
    # three chunks of the same wrong section push nothing down: the relevant one is the 2nd *section*
    score = score_ranking(["tuloslaskelma", "tuloslaskelma", "tuloslaskelma", "talousarvio"], ["talousarvio"])
    assert score.first_rank == 2
    assert score.recall[1] == 0.0
    assert score.recall[3] == 1.0


def test_parent_gold_id_covers_children_but_is_credited_once() -> None:
    ranking = ["palvelualuelaskelmat/vaka", "palvelualuelaskelmat/opkou", "otsikko"]
    assert relevance_flags(ranking, ["palvelualuelaskelmat"]) == (True, False, False)
    assert score_ranking(ranking, ["palvelualuelaskelmat"]).ndcg == 1.0


def test_a_parent_with_its_own_text_is_met_only_by_itself() -> None:
    assert relevance_flags(["tavoitteet/taulukko", "tavoitteet"], ["tavoitteet"]) == (False, True)
    assert relevance_flags(["investoinnit/taulukko"], ["investoinnit"]) == (False,)


def test_child_gold_id_does_not_accept_its_parent() -> None:
    assert relevance_flags(["tavoitteet", "tavoitteet/taulukko"], ["tavoitteet/taulukko"]) == (False, True)


def test_a_prefix_that_is_not_a_parent_does_not_match() -> None:
    assert relevance_flags(["palvelualuelaskelmatx", "kuvausx/vaka"], ["palvelualuelaskelmat", "kuvaus"]) == (False, False)


def test_nothing_relevant_retrieved_scores_zero() -> None:
    score = score_ranking(["otsikko", "talousarvio"], ["tavoitteet/taulukko"])
    assert score.as_dict() == {"recall@1": 0.0, "recall@3": 0.0, "recall@5": 0.0, "mrr": 0.0, "ndcg@10": 0.0}
    assert score.first_rank is None


def test_relevant_beyond_the_cutoffs() -> None:
    ranking = [f"s{i}" for i in range(1, 12)] + ["gold"]
    flags = relevance_flags(ranking, ["gold"])
    assert recall_at_k(flags, 5) == 0.0
    assert reciprocal_rank(flags) == pytest.approx(1 / 12)
    assert ndcg_at_k(flags, 1, k=10) == 0.0


def test_ndcg_with_no_relevant_sections_is_zero() -> None:
    assert ndcg_at_k((True, False), 0) == 0.0


def test_mean_scores_averages_each_metric() -> None:
    first = score_ranking(["a", "b"], ["a"])  # rank 1
    second = score_ranking(["a", "b", "c", "d"], ["d"])  # rank 4
    means = mean_scores([first, second])
    assert means["recall@1"] == 0.5
    assert means["recall@3"] == 0.5
    assert means["recall@5"] == 1.0
    assert means["mrr"] == pytest.approx((1 + 0.25) / 2)
    assert means["ndcg@10"] == pytest.approx((1 + 1 / math.log2(5)) / 2)
    assert mean_scores([]) == {}
