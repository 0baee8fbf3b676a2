"""The principled "not in the plan" rules that need no evidence: years the plan's tables and text do not cover."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.language.analysis import QuestionAnalysis


def outside_years(analysis: QuestionAnalysis, plan_years: Sequence[int]) -> tuple[int, ...]:
    """Years the question asks about that lie outside the plan, when it names none inside it.

    Only numbers used as years count (see language.years): a date, a code such as CAF2020 or an amount is none.
    A span that reaches into the plan ("2021–2025") is inside it.
    """
    years = [mention.year for mention in analysis.years]
    if not years or any(year in plan_years for year in years):
        return ()
    return tuple(dict.fromkeys(years))
