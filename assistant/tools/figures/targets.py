"""Parse step 4: the areas and rows a question names, and the table rows its concepts mean.

Concepts (@COSTS "menot", @REVENUE "tulot", @NET, @BUDGET "budjetti", @SPEND "maksaa") resolve through the lexicon
to the row each table has: the board's approved budget says Menot, an area's income statement Toimintakulut; when
the board and an area are read together, the row both have. A named row wins over a concept that only repeats it
("palkkoihin menee" is Henkilöstökulut), except where the concept is the whole of a share ("kuluista").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.tools.figures.mentions import Found, Mentions
from assistant.tools.figures.plan import Plan
from assistant.tools.figures.query import AreaNote
from corpus.lexicon import BUDGET, COSTS, INVESTMENTS, REVENUE, SPEND


@dataclass(frozen=True)
class TargetsRead:
    """Areas and rows as named (first mention of each value kept, question order)."""

    areas: tuple[Found, ...]
    rows: tuple[Found, ...]  # named rows and concepts; @SPEND already read as @COSTS, @INVESTMENTS apart
    investments: Found | None
    notes: tuple[AreaNote, ...]
    every_area: bool  # "palvelualueittain", "kaikkien palvelualueiden", "jokaisella palvelualueella"

    @property
    def area_codes(self) -> tuple[str, ...]:
        return tuple(item.value for item in self.areas)

    @property
    def row_values(self) -> tuple[str, ...]:
        return tuple(item.value for item in self.rows)


def read_targets(mentions: Mentions, plan: Plan) -> TargetsRead:
    """What the question names, before an operation decides how the areas and rows relate."""
    areas = _first_of_each(mentions.of("area"))
    rows_found = [item for item in mentions.of("row") if item.value != INVESTMENTS]
    investments = next((item for item in mentions.of("row") if item.value == INVESTMENTS), None)
    rows = [_as_costs(item) if item.value == SPEND else item for item in rows_found]
    if not rows and mentions.op("cost_rows", "revenue_rows"):
        group = mentions.first_op("cost_rows", "revenue_rows")
        assert group is not None
        concept = COSTS if group.value == "cost_rows" else REVENUE
        rows = [Found("row", concept, group.start, group.end, group.words)]
    if not rows and mentions.op("spend", "cut"):  # money spent, or cut from spending: the costs
        spend = mentions.first_op("spend", "cut")
        assert spend is not None
        rows = [Found("row", COSTS, spend.start, spend.end, spend.words)]
    values = {item.value for item in rows}
    if BUDGET in values and len(values) > 1:  # "budjetoidut henkilöstökulut": the row is what was asked
        rows = [item for item in rows if item.value != BUDGET]
    elif values == {BUDGET} and mentions.op("spend"):  # "paljonko kouluihin käytetään rahaa": money spent is the costs
        rows = [_as_costs(item) for item in rows]
    notes = tuple(dict.fromkeys(AreaNote(item.note, item.value, item.plural) for item in mentions.of("area") if item.note))
    return TargetsRead(areas, _first_of_each(tuple(rows)), investments, notes, mentions.op("each_area"))


def _as_costs(item: Found) -> Found:
    return Found(item.kind, COSTS, item.start, item.end, item.words, item.note, item.plural, item.typo, item.elative)


def _first_of_each(items: Sequence[Found]) -> tuple[Found, ...]:
    seen: dict[str, Found] = {}
    for item in items:
        seen.setdefault(item.value, item)
    return tuple(seen.values())


def drop_repeated_concepts(rows: Sequence[Found], areas: Sequence[str], plan: Plan, keep_elative: bool) -> list[Found]:
    """Drop a concept the question also names a row of ("tuotti myyntituottoja"); a share keeps its whole."""
    named = [item.value for item in rows if not item.concept]
    kept: list[Found] = []
    for item in rows:
        if item.concept and named and not (keep_elative and item.elative):
            concept_rows = {row for area in (areas or (plan.board,)) for row in plan.concept_rows(item.value, area)}
            if any(_within(plan, row, concept_rows, areas) for row in named):
                continue
        kept.append(item)
    return kept


def _within(plan: Plan, row: str, concept_rows: set[str], areas: Sequence[str]) -> bool:
    """Whether a row is one of the concept's rows or (through totals) a part of one."""
    for area in areas or (plan.board,):
        current: str | None = row
        for _ in range(4):
            if current is None:
                break
            if current in concept_rows:
                return True
            current = plan.total_of(area, current)
    return row in concept_rows


def resolve_row(value: str, areas: Sequence[str], plan: Plan, investments: bool = False, need_identity: bool = False) -> str:
    """The table row a named row or concept means for all of `areas` (the first area's preference decides ties)."""
    if not value.startswith("@"):
        return plan.investment_row(value) if investments else value
    areas = tuple(areas) or (plan.board,)
    preferred = plan.concept_rows(value, areas[0], investments)
    candidates = [row for area in areas for row in plan.concept_rows(value, area, investments)]
    ordered = list(dict.fromkeys((*preferred, *candidates)))
    if need_identity:
        with_identity = [row for row in ordered if all(plan.identity(a, row, plan.plan_column) for a in areas)]
        ordered = with_identity or ordered
    for row in ordered:
        if all(plan.has(area, row) for area in areas):
            return row
    if ordered:
        return ordered[0]
    scope_rows = plan.lexicon.concept_rows(value, "investments" if investments else "area")
    return scope_rows[0] if scope_rows else value


def headline_rows(areas: Sequence[str], plan: Plan, investments: bool = False) -> tuple[str, ...]:
    """The rows a vague 'budget' means: every headline row the lexicon names for the scope."""
    area = (tuple(areas) or (plan.board,))[0]
    return plan.concept_rows(BUDGET, area, investments) or (resolve_row(COSTS, areas, plan, investments),)


def parts_of(plan: Plan, area: str, total: str) -> tuple[str, ...]:
    """The rows that make up `total` in an area, in printed order (cost lines of Toimintakulut)."""
    return tuple(row for row in plan.rows_of.get(area, ()) if plan.total_of(area, row) == total)
