"""Which goal of the goals grid a question means: dense similarity to every field of every goal (vectors stored
with the index) combined with lemma coverage of the question's content words (which owner titles it names: `titles`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.language.analysis import QuestionAnalysis, Word
from assistant.language.lemmas import Coverage, LemmaIndex, TextLemmas
from corpus.records import Goal, qualified
from corpus.units import SemanticUnit

# What each field's similarity is worth (in standard deviations taken off): the goal and what it measures say which
# goal it is; the strategic aims are shared by several goals, so they say less; owners are matched by title.
FIELD_PENALTY: dict[str, float] = {"goal": 0.0, "target": 0.0, "metric": 0.0, "sub_aim": 1.0, "aim": 1.0}
DENSE_WEIGHT = 0.7
LEXICAL_WEIGHT = 1.0
AREA_WEIGHT = 0.2  # the question names the goal's service area


@dataclass(frozen=True)
class GoalMatch:
    """A goal, how well the question matches it, and which field matched best (by meaning)."""

    goal: Goal
    score: float
    dense: float  # best weighted field similarity, relative to the other goals (z-score)
    coverage: Coverage
    best_field: str  # kind of the best-matching field: goal, target, metric, sub_aim, aim


class GoalMatcher:
    """Scores questions against the goals grid (one instance per corpus)."""

    def __init__(
        self, goals: Sequence[Goal], units: Sequence[SemanticUnit], lemmas: LemmaIndex, area_names: dict[str, str] | None = None
    ) -> None:
        self.goals = tuple(goals)
        self.lemmas = lemmas
        # Goal ids repeat from one plan to the next: a field unit belongs to the goal of its own document.
        by_key = {goal.key: i for i, goal in enumerate(self.goals)}
        self._field_goal = np.array([by_key.get(qualified(unit.doc_id, unit.ref), -1) for unit in units], dtype=np.int64)
        self._field_penalty = np.array([FIELD_PENALTY.get(unit.kind, np.inf) for unit in units], dtype=np.float32)
        self._field_kind = [unit.kind for unit in units]
        # A goal sits in its service area's row of the grid: the area's name is part of what it says.
        names = area_names or {}
        self._texts: list[TextLemmas] = [lemmas.text_lemmas(f"{names.get(g.area, '')} {_goal_text(g)}") for g in self.goals]

    def match(
        self,
        analysis: QuestionAnalysis,
        similarities: np.ndarray,
        pool: Sequence[Goal] | None = None,
        areas: frozenset[str] = frozenset(),
    ) -> tuple[GoalMatch, ...]:
        """Goals best first. `similarities` are the question's similarities to this matcher's field units as
        z-scores over all the plan's units (so a goal's score can be weighed against a sentence's)."""
        if not self.goals:
            return ()
        words = _topic_words(analysis)
        best = np.full(len(self.goals), -np.inf, dtype=np.float32)
        best_kind = ["goal"] * len(self.goals)
        for row, goal_index in enumerate(self._field_goal):
            if goal_index < 0 or not np.isfinite(self._field_penalty[row]) or not len(similarities):
                continue
            value = float(similarities[row]) - float(self._field_penalty[row])
            if value > best[goal_index]:
                best[goal_index] = value
                best_kind[goal_index] = self._field_kind[row]
        allowed = {goal.key for goal in pool} if pool is not None else None
        matches = []
        for i, goal in enumerate(self.goals):
            if allowed is not None and goal.key not in allowed:
                continue
            coverage = self.lemmas.coverage(words, self._texts[i])
            dense = float(best[i]) if np.isfinite(best[i]) else 0.0
            score = DENSE_WEIGHT * dense / 2.0 + LEXICAL_WEIGHT * coverage.weight + (AREA_WEIGHT if goal.area in areas else 0.0)
            matches.append(GoalMatch(goal, score, dense, coverage, best_kind[i]))
        ranked = sorted(matches, key=lambda match: -match.score)
        in_area = [match for match in ranked if match.goal.area in areas and match.coverage.weight > 0]
        if in_area:  # "koulujen markkinointi": a goal of the area named, never another area's like it
            ranked = in_area
        return tuple(ranked)


def _topic_words(analysis: QuestionAnalysis) -> list[Word]:
    return list(analysis.content)


def _goal_text(goal: Goal) -> str:
    return " ".join((goal.goal, *goal.target_level, *goal.metrics, goal.strategic_aim, *goal.sub_aims))


def goals_of(owner: str, goals: Sequence[Goal]) -> tuple[Goal, ...]:
    """The goals an owner title is responsible for (exact title, as the grid prints it)."""
    return tuple(goal for goal in goals if owner in goal.owners)
