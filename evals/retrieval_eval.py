"""Retrieval evaluation: rank each gold question with each retriever mode and score the section ranking."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from evals.gold import RetrievalItem
from evals.latency import percentile
from evals.metrics import RECALL_KS, RankingScore, mean_scores, score_ranking, section_ranking
from evals.results import QuestionResult
from evals.scoring import Check
from index.hits import Hit

# search(question, k, mode) -> hits, best first; mode is one of MODES.
Search = Callable[[str, int, str], Sequence[Hit]]
MODES: tuple[str, ...] = ("dense", "lexical", "fused")
# Chunks asked for per question: enough for ten distinct sections (nDCG@10) although sections repeat.
DEPTH = 30
PASS_K = 5  # a retrieval row passes when a relevant section is in the top 5 (the retrieval target)


@dataclass(frozen=True)
class RetrievalOutcome:
    """One question ranked by one retriever mode: the section ranking, its scores and the latency."""

    item: RetrievalItem
    mode: str
    ranking: tuple[str, ...]  # distinct section ids, best first
    score: RankingScore
    latency_ms: float


def evaluate_question(item: RetrievalItem, search: Search, mode: str, depth: int = DEPTH) -> RetrievalOutcome:
    """Rank one question with one mode and score it against the gold sections."""
    started = time.perf_counter()
    hits = search(item.question, depth, mode)
    latency_ms = round((time.perf_counter() - started) * 1000, 3)  # what results.jsonl keeps
    ranking = section_ranking(hit.section_id for hit in hits)
    return RetrievalOutcome(item, mode, ranking, score_ranking(ranking, item.sections), latency_ms)


def evaluate_retrieval(
    items: Sequence[RetrievalItem],
    search: Search,
    modes: Sequence[str] = MODES,
    depth: int = DEPTH,
    progress: bool = False,
) -> tuple[RetrievalOutcome, ...]:
    """Every question with every mode, in gold order then mode order."""
    pairs = [(item, mode) for item in items for mode in modes]
    bar = tqdm(pairs, desc="haku", unit="kysely", disable=not progress, leave=False)
    return tuple(evaluate_question(item, search, mode, depth) for item, mode in bar)


@dataclass(frozen=True)
class ModeRow:
    """The mean metrics of one retriever mode over a set of questions."""

    mode: str
    questions: int
    metrics: dict[str, float]  # recall@1, recall@3, recall@5, mrr, ndcg@10
    p50_ms: float


def metrics_by_mode(outcomes: Iterable[RetrievalOutcome], modes: Sequence[str] = MODES) -> tuple[ModeRow, ...]:
    """One row of mean metrics per mode, in `modes` order (modes without outcomes are left out)."""
    grouped: dict[str, list[RetrievalOutcome]] = {mode: [] for mode in modes}
    for outcome in outcomes:
        grouped.setdefault(outcome.mode, []).append(outcome)
    return tuple(
        ModeRow(
            mode=mode,
            questions=len(rows),
            metrics=mean_scores([row.score for row in rows]),
            p50_ms=percentile([row.latency_ms for row in rows], 50),
        )
        for mode, rows in grouped.items()
        if rows
    )


COLUMNS: tuple[str, ...] = tuple(f"recall@{k}" for k in RECALL_KS) + ("mrr", "ndcg@10")
HEADERS: dict[str, str] = {"mrr": "MRR", "ndcg@10": "nDCG@10"}


def format_table(rows: Sequence[ModeRow]) -> str:
    """A plain-text table: one line per mode, metrics with three decimals and the median latency."""
    header = ["mode", "n", *(HEADERS.get(c, c) for c in COLUMNS), "p50 ms"]
    body = [
        [row.mode, str(row.questions), *(f"{row.metrics[c]:.3f}" for c in COLUMNS), f"{row.p50_ms:.1f}"]
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def render(cells: list[str]) -> str:
        return "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(cells, widths, strict=True)))

    return "\n".join([render(header), render(["-" * w for w in widths]), *map(render, body)])


def to_result(outcome: RetrievalOutcome, suite: str = "retrieval") -> QuestionResult:
    """A results.jsonl row for one retrieval question (the check is: relevant section in the top 5)."""
    item = outcome.item
    hit = outcome.score.recall[PASS_K] == 1.0
    check = Check(f"recall@{PASS_K}", hit, item.sections, () if hit else item.sections)
    return QuestionResult(
        suite=suite,
        id=item.id,
        category=item.category,
        question=item.question,
        checks=(check,),
        latency_ms=outcome.latency_ms,
        retrieved_ids=outcome.ranking,
        expected={"sections": list(item.sections)},
        metrics=outcome.score.as_dict() | {"first_rank": float(outcome.score.first_rank or 0)},
        backend=outcome.mode,
        tags=item.tags,
        source=f"{Path(item.path).name}:{item.line}",
    )
