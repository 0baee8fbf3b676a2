"""The route of a question: decided once, by meaning, and passed down to the tool that answers it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.language.analysis import QuestionAnalysis
from assistant.text.answerability import AnswerabilityFeatures
from assistant.text.evidence import Evidence
from assistant.tools.goals.match import GoalMatch

RouteKind = Literal["figure", "owner", "text", "not_found"]


@dataclass(frozen=True)
class Route:
    """Where a question goes and everything that decided it (shown as the answer's reading, kept for evaluation)."""

    kind: RouteKind
    analysis: QuestionAnalysis
    reason: str = ""  # not_found: year_outside_plan | outside_board | no_evidence | title_not_in_grid | …
    figure: Any = None  # the figure tool's reading (FigureQuery, Impossible, Unsettled) for figure routes
    goals: tuple[GoalMatch, ...] = ()  # owner routes: the goals answered, best first
    owner: str = ""  # owner-reverse: the title whose goals are listed
    area: str = ""  # area-reverse: the service area whose goals are listed
    focus: str = "owner"  # what an owner question asks of the goal: owner | metric | target
    evidence: tuple[Evidence, ...] = ()  # text routes: the evidence sentences, best first
    features: AnswerabilityFeatures | None = None
    probability: float | None = None  # the answerability model's estimate that the plan answers it
    detail: dict[str, Any] = field(default_factory=dict, compare=False)  # e.g. unmatched words, years
