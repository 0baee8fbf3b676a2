"""Parse step 3: the columns a question names — years, column labels ("TS 2025"), ranges, relative years, counts
of years ("kolmena vuonna": the plan year and the next two), kinds.

A range ("2024–2026", "vuosina 2024-2026", "2024 ja 2026 välillä") keeps its end points and says it is a range, so
that a sum or a trend can take every column between and a change only the two ends. A kind word without a year
("tilinpäätöksessä") means that kind's columns; the plan year's column for the talousarvio.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.language.years import YearMention, year_range_requested
from assistant.tools.figures.mentions import Mentions
from assistant.tools.figures.plan import Plan
from corpus.records import Column

CHANGE_WORDS = ("change", "change_up", "change_down", "cut", "percent")


@dataclass(frozen=True)
class ColumnsRead:
    """The columns a question names, in the order named (no duplicates), and whether they span a range."""

    named: tuple[Column, ...]
    span: bool = False  # the question asks for every column from the first to the last
    from_kind: bool = False  # taken from a kind word alone ("taloussuunnitelmassa")

    @property
    def none(self) -> bool:
        return not self.named


def read_columns(mentions: Mentions, plan: Plan) -> ColumnsRead:
    """The named columns (years outside the plan were refused before this step)."""
    years = _resolve_relative(mentions.analysis.years)
    named: list[Column] = []
    for mention in years:
        column = plan.column_of_year(mention.year)
        if column is not None and column not in named:
            named.append(column)
    if not named:
        kinds = tuple(dict.fromkeys(item.value for item in mentions.of("column_kind")))
        if len(kinds) == 1 and kinds[0] != plan.plan_column.kind:
            return ColumnsRead(tuple(c for c in plan.columns if c.kind == kinds[0]), span=False, from_kind=True)
        return ColumnsRead(())
    if len(named) == 1 and mentions.op("onwards"):  # "vuodesta 2022 eteenpäin": to the plan's last column
        return ColumnsRead(between(plan, named[0], plan.columns[-1]), span=True)
    span = len(named) >= 2 and (year_range_requested(mentions.analysis.text) or mentions.op("range"))
    counted = [mention for mention in years if mention.span]
    if counted and min(mention.offset or 0 for mention in counted) > 0 and mentions.op(*CHANGE_WORDS):
        earlier = before(plan, named[0])  # "kasvaa kahtena seuraavana vuonna": from the year before them
        if earlier is not None:
            named.insert(0, earlier)
    return ColumnsRead(tuple(named), span=span)


def _resolve_relative(years: tuple[YearMention, ...]) -> list[YearMention]:
    """'edellisvuoteen verrattuna' next to an explicit year is relative to that year, not to the plan year."""
    absolute = [year for year in years if not year.relative]
    resolved: list[YearMention] = []
    for mention in years:
        if mention.relative and absolute and mention.offset in (-1, 1):
            resolved.append(YearMention(absolute[0].year + (mention.offset or 0), offset=mention.offset, at=mention.at))
        else:
            resolved.append(mention)
    return resolved


def between(plan: Plan, first: Column, last: Column) -> tuple[Column, ...]:
    """Every column of the plan from `first` to `last` (either order), chronologically."""
    low, high = sorted((first, last))
    return tuple(column for column in plan.columns if low <= column <= high)


def before(plan: Plan, column: Column) -> Column | None:
    """The column before `column`, if any."""
    earlier = [c for c in plan.columns if c < column]
    return earlier[-1] if earlier else None


def after(plan: Plan, column: Column) -> Column | None:
    later = [c for c in plan.columns if c > column]
    return later[0] if later else None
