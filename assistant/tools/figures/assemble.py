"""Parse step 6: a FigureQuery from what was named and the chosen operation, or what is missing (Unsettled).

Each operation has a small builder that fills rows × areas × columns and the defaults the plan documents
(no year → the plan year's column, no area → the whole board); where a reading has no sensible default
(a change with no years, a difference with one side) it says what is missing and offers complete readings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Unpack

from assistant.language.years import starts_from
from assistant.tools.figures.columns import ColumnsRead, after, before, between
from assistant.tools.figures.mentions import Found, Mentions
from assistant.tools.figures.operation import Choice
from assistant.tools.figures.plan import Plan
from assistant.tools.figures.query import Along, Default, FigureQuery, Impossible, QueryOptions, SlotWords, Unsettled
from assistant.tools.figures.targets import (
    TargetsRead,
    drop_repeated_concepts,
    headline_rows,
    parts_of,
    resolve_row,
)
from corpus.lexicon import BUDGET, COSTS
from corpus.records import Column

Result = FigureQuery | Unsettled | Impossible


@dataclass(frozen=True)
class Context:
    """Everything the builders read."""

    mentions: Mentions
    targets: TargetsRead
    columns: ColumnsRead
    choice: Choice
    plan: Plan

    @property
    def investments(self) -> bool:
        return self.targets.investments is not None

    def words(self) -> tuple[SlotWords, ...]:
        slots = [SlotWords("operation", self.choice.operation, self.choice.words)]
        slots += [SlotWords("areas", item.value, item.words) for item in self.targets.areas]
        slots += [SlotWords("rows", item.value, item.words) for item in self.targets.rows]
        if self.targets.investments is not None:
            slots.append(SlotWords("rows", self.targets.investments.value, self.targets.investments.words))
        slots += [SlotWords("columns", str(year.year), _year_words(self.mentions.analysis.text, year.at))
                  for year in self.mentions.analysis.years]
        return tuple(slots)

    def query(self, operation: str, rows: Sequence[str], areas: Sequence[str], columns: Sequence[Column],
              along: Along = "", defaults: Sequence[Default] = (), **options: Unpack[QueryOptions]) -> FigureQuery:
        return FigureQuery(
            operation=operation,  # type: ignore[arg-type]
            rows=tuple(dict.fromkeys(rows)),
            areas=tuple(dict.fromkeys(areas)),
            columns=tuple(columns),
            along=along,
            defaults=tuple(dict.fromkeys(defaults)),
            notes=self.targets.notes,
            words=self.words(),
            **options,
        )


def _unless(taken: object, *defaults: Default) -> list[Default]:
    """The defaults a reading took when the question did not say (`taken` is what it said, if anything)."""
    return [] if taken else list(defaults)


def _year_words(text: str, at: int) -> str:
    """The words of a year mention as typed: 'TS 2026', '2024', 'ensi vuonna'."""
    match = re.compile(r"[^\s?!.,;]+(?:\s+\d{4})?").match(text, at)
    return match.group() if match else ""


def assemble(context: Context) -> Result:
    """The query for the chosen operation."""
    return BUILDERS[context.choice.operation](context)


# --- shared pieces -------------------------------------------------------------------------------------------

def _areas(context: Context, keep_board: bool = False) -> tuple[tuple[str, ...], list[Default]]:
    plan, targets = context.plan, context.targets
    codes = list(targets.area_codes)
    if targets.every_area and len([c for c in codes if c != plan.board]) <= 1 and not codes[1:]:
        return plan.areas, []
    if plan.board in codes and len(codes) > 1 and not keep_board:
        codes.remove(plan.board)  # "hyvinvointilautakunnan varhaiskasvatus" is the area
    if not codes:
        return (plan.board,), ["area"]
    return tuple(codes), []


def _row_values(context: Context, areas: Sequence[str], keep_elative: bool = False) -> list[Found]:
    return drop_repeated_concepts(context.targets.rows, areas, context.plan, keep_elative)


def _rows(context: Context, areas: Sequence[str], vague_is_costs: bool = False) -> tuple[str, ...]:
    """The table rows named, concepts resolved for all areas; a vague budget word its headline rows."""
    plan, investments = context.plan, context.investments
    values = [item.value for item in _row_values(context, areas)]
    if not values or values == [BUDGET]:
        if vague_is_costs:
            return (resolve_row(COSTS, areas, plan, investments),)
        return headline_rows(areas, plan, investments)
    return tuple(resolve_row(value, areas, plan, investments) for value in values)


def _one_column(context: Context) -> tuple[Column, list[Default]]:
    named = context.columns.named
    if named:
        return named[0], []
    return context.plan.plan_column, ["column"]


def _columns(context: Context) -> tuple[tuple[Column, ...], list[Default]]:
    named = context.columns.named
    if not named:
        return (context.plan.plan_column,), ["column"]
    if context.columns.span:
        return between(context.plan, min(named), max(named)), []
    return named, []


def _change_columns(context: Context) -> tuple[tuple[Column, Column] | None, list[Default]]:
    plan, named = context.plan, context.columns.named
    if len(named) >= 2:
        return (min(named), max(named)), []
    if len(named) == 1:
        column = named[0]
        analysis = context.mentions.analysis
        if len(analysis.years) == 1 and starts_from(analysis.text, analysis.years[0]):
            # "muuttuu viime vuodesta", "vuodesta 2023 lähtien": from the year named to the plan's year (or the next)
            end = plan.plan_column if column < plan.plan_column else after(plan, column)
            if end is not None:
                return (column, end), ["columns"]
        earlier = before(plan, column)
        if earlier is not None:
            return (earlier, column), ["columns"]
        later = after(plan, column)
        return ((column, later), ["columns"]) if later is not None else (None, [])
    return None, []


def _change_suggestions(context: Context, rows: Sequence[str], areas: Sequence[str], operation: str = "change",
                        by_rows: bool = False, **options: Unpack[QueryOptions]) -> tuple[FigureQuery, ...]:
    plan = context.plan
    pairs: list[tuple[Column, Column]] = []
    previous, following = before(plan, plan.plan_column), after(plan, plan.plan_column)
    if previous is not None:
        pairs.append((previous, plan.plan_column))
    if following is not None:
        pairs.append((plan.plan_column, following))
    pairs.append((plan.columns[0], plan.columns[-1]))
    along: Along = ("rows" if by_rows else "areas") if operation == "ranking" else "columns"
    return tuple(
        context.query(operation, rows, areas, pair, along=along, **options) for pair in dict.fromkeys(pairs)
    )[:3]


# --- the builders -----------------------------------------------------------------------------------------------

def _lookup(context: Context) -> Result:
    areas, defaults = _areas(context)
    columns, column_defaults = _columns(context)
    if context.columns.from_kind:
        columns = context.columns.named
    return context.query("lookup", _rows(context, areas), areas, columns, defaults=[*defaults, *column_defaults])


def _change(context: Context) -> Result:
    areas, defaults = _areas(context)
    rows = _rows(context, areas)
    pair, column_defaults = _change_columns(context)
    if pair is None:
        if context.mentions.analysis.frame == "how":  # "miten menot muuttuvat": how they develop
            return context.query("trend", rows, areas, context.plan.columns, along="columns",
                                 defaults=[*defaults, "columns"])
        return Unsettled(("vuodet",), _change_suggestions(context, rows, areas), context.query("change", rows, areas, ()))
    return context.query("change", rows, areas, pair, along="columns", defaults=[*defaults, *column_defaults])


def _trend(context: Context) -> Result:
    areas, defaults = _areas(context)
    named = context.columns.named
    column_defaults: list[Default]
    if len(named) >= 2:
        columns, column_defaults = between(context.plan, min(named), max(named)), []
    else:
        columns, column_defaults = context.plan.columns, ["columns"]
    return context.query("trend", _rows(context, areas), areas, columns, along="columns",
                         defaults=[*defaults, *column_defaults])


def _sum(context: Context) -> Result:
    areas, defaults = _areas(context)
    columns, column_defaults = _columns(context)
    rows = _rows(context, areas, vague_is_costs=True)  # costs, revenue and their net never add up to anything
    query = context.query("sum", rows, areas, columns, along=_varying(rows, areas, columns),
                          defaults=[*defaults, *column_defaults])
    if len(rows) * len(areas) * len(columns) == 1:  # one figure: its sum is itself
        return context.query("lookup", rows, areas, columns, defaults=[*defaults, *column_defaults])
    return query


def _varying(rows: Sequence[str], areas: Sequence[str], columns: Sequence[Column]) -> Along:
    if len(areas) > 1:
        return "areas"
    if len(rows) > 1:
        return "rows"
    return "columns" if len(columns) > 1 else ""


def _average(context: Context) -> Result:
    if context.choice.along == "areas":
        areas = context.targets.area_codes if len(context.targets.areas) >= 2 else context.plan.areas
        column, column_defaults = _one_column(context)
        return context.query("average", _rows(context, areas), areas, (column,), along="areas", defaults=column_defaults)
    areas, area_defaults = _areas(context)
    named = context.columns.named
    if len(named) >= 2:
        columns: tuple[Column, ...] = between(context.plan, min(named), max(named))
        defaults: list[Default] = []
    else:
        columns, defaults = context.plan.columns, ["columns"]
    return context.query("average", _rows(context, areas), areas, columns, along="columns",
                         defaults=[*area_defaults, *defaults])


def _share(context: Context) -> Result:
    plan = context.plan
    areas_found = list(context.targets.areas)
    codes = [item.value for item in areas_found] or [plan.board]
    column, column_defaults = _one_column(context)
    rows_found = _row_values(context, codes, keep_elative=True)
    values = [item.value for item in rows_found if item.value != BUDGET] or [COSTS]
    elative_concept = next((item for item in rows_found if item.elative and item.concept), None)
    if context.investments and elative_concept is not None:  # "kuinka suuri osa menoista on investointeja"
        area = codes[0]
        investments = resolve_row(BUDGET, (area,), plan, investments=True)
        spending = resolve_row(elative_concept.value, (area,), plan)
        return context.query("share", (investments, spending), (area,), (column,), along="rows",
                             defaults=[*_unless(areas_found, "area"), *column_defaults])
    if len(values) >= 2 and len(codes) >= 2:
        # a row of one area as a share of another row of another area ("vakan henkilöstökulujen osuus toimialan
        # menoista"): no one query holds both; offer the two it can be
        return _mixed_share(context, codes, values, column)
    if len(values) >= 2:  # a row of a total: "kuinka suuri osa kuluista on palvelujen ostoja"
        whole_item = next((item for item in rows_found if item.elative), None)
        area = codes[0] if len(codes) == 1 else _whole_area(context, areas_found) or codes[0]
        resolved = [resolve_row(v, (area,), plan, _investment_part(context, item)) for v, item in
                    zip(values, [i for i in rows_found if i.value in values], strict=True)]
        whole: str | None = resolved[values.index(whole_item.value)] if whole_item and whole_item.value in values else None
        if whole_item is not None and whole_item.concept:  # the total the part belongs to, in its own table
            parts = [r for r in resolved if r != whole]
            own_total = plan.total_of(area, parts[0]) if parts else None
            if own_total in plan.concept_rows(whole_item.value, area):
                whole = own_total
        concepts = [item for item in rows_found if item.concept and item.value in values]
        if whole is None and len(concepts) == 1:  # "osuus tuloista … tukia": the concept is the whole
            whole_item = concepts[0]
            whole = resolved[values.index(whole_item.value)]
            parts = [r for r in resolved if r != whole]
            own_total = plan.total_of(area, parts[0]) if parts else None
            if own_total in plan.concept_rows(whole_item.value, area):
                whole = own_total
        if whole is None:
            whole = next((r for r in resolved if any(plan.total_of(area, other) == r for other in resolved)), resolved[-1])
        # the part is a row named for itself, never the total's own words ("menoista" read as Menot)
        own = [r for r, item in zip(resolved, [i for i in rows_found if i.value in values], strict=True)
               if r != whole and item is not whole_item]
        part = own[0] if own else next((r for r in resolved if r != whole), resolved[0])
        return context.query("share", (part, whole), (area,), (column,), along="rows",
                             defaults=[*_unless(areas_found, "area"), *column_defaults])
    if len(codes) >= 2:  # an area of a whole: "varhaiskasvatuksen osuus toimialan menoista"
        whole_area = _whole_area(context, areas_found) or (plan.board if plan.board in codes else codes[-1])
        part_area = next(code for code in codes if code != whole_area)
        row = resolve_row(values[0], (part_area, whole_area), plan, context.investments)
        return context.query("share", (row,), (part_area, whole_area), (column,), along="areas", defaults=column_defaults)
    area = codes[0]
    if area != plan.board:  # one area: of the whole board
        row = resolve_row(values[0], (area, plan.board), plan, context.investments)
        return context.query("share", (row,), (area, plan.board), (column,), along="areas",
                             defaults=[*column_defaults, "whole"])
    row = resolve_row(values[0], (area,), plan, context.investments)
    total = plan.total_of(area, row)
    if total is not None and not context.investments:  # a line item of its total
        return context.query("share", (row, total), (area,), (column,), along="rows",
                             defaults=[*_unless(areas_found, "area"), *column_defaults, "whole"])
    if len(context.columns.named) == 1:  # a year of the whole period: "kuinka suuri osa investoinneista on 2025"
        others = tuple(c for c in plan.columns if c != column)
        named_whole = context.mentions.op("each_year")  # "kaikista vuosista"
        return context.query("share", (row,), (area,), (column, *others), along="columns",
                             defaults=[*_unless(areas_found, "area"), *_unless(named_whole, "whole")])
    suggestions = tuple(
        context.query("share", (resolve_row(values[0], (code, plan.board), plan),), (code, plan.board), (column,),
                      along="areas")
        for code in plan.areas[:3]
    )
    return Unsettled(("kokonaisuus",), suggestions)


def _mixed_share(context: Context, codes: list[str], values: list[str], column: Column) -> Result:
    plan = context.plan
    whole_area = plan.board if plan.board in codes else codes[-1]
    part_area = next(code for code in codes if code != whole_area)
    named = [v for v in values if not v.startswith("@")]
    part = resolve_row(named[0] if named else values[0], (part_area,), plan)
    if all(resolve_row(v, (part_area,), plan) == part for v in values):  # "menoista … toimintakuluja": one row
        return context.query("share", (part,), (part_area, whole_area), (column,), along="areas")
    own_total = plan.total_of(part_area, part)
    suggestions = [context.query("share", (part,), (part_area, whole_area), (column,), along="areas")]
    if own_total is not None:
        suggestions.append(context.query("share", (part, own_total), (part_area,), (column,), along="rows"))
    return Unsettled(("kokonaisuus",), tuple(s for s in suggestions if isinstance(s, FigureQuery)))


def _investment_part(context: Context, item: Found) -> bool:
    """In a share of investments in the operating costs, the elative concept is the operating whole."""
    return context.investments and not item.elative


def _whole_area(context: Context, areas_found: Sequence[Found]) -> str | None:
    """The area that belongs to the whole of a share: named in the elative, or just before an elative row."""
    rows = context.targets.rows
    for area in areas_found:
        if area.elative or any(row.elative and row.start == area.end for row in rows):
            return area.value
    return None


def _difference(context: Context) -> Result:
    plan = context.plan
    column, defaults = _one_column(context)
    if context.choice.along == "rows" and len(context.targets.rows) >= 2:
        areas, area_defaults = _areas(context)
        area = areas[0]
        values = [item.value for item in context.targets.rows][:2]
        rows = tuple(resolve_row(v, (area,), plan, context.investments) for v in values)
        return context.query("difference", rows, (area,), (column,), along="rows", defaults=[*area_defaults, *defaults])
    codes = list(context.targets.area_codes)
    if len(codes) >= 2:
        areas = tuple(codes[:2])
        row = _rows(context, areas, vague_is_costs=True)[0]
        return context.query("difference", (row,), areas, (column,), along="areas", defaults=defaults)
    area = codes[0] if codes else plan.board
    row = _rows(context, (area,), vague_is_costs=True)[0]
    others = [code for code in plan.areas if code != area and plan.has(code, resolve_row(row, (code,), plan))]
    suggestions = tuple(
        context.query("difference", (resolve_row(row, (area, other), plan),), (area, other), (column,), along="areas")
        for other in others[:3]
    )
    return Unsettled(("vertailukohde",), suggestions, context.query("difference", (row,), (area,), (column,)))


def _ranking(context: Context) -> Result:
    plan, choice = context.plan, context.choice
    options: QueryOptions = {"order": choice.order, "top": choice.top, "nth": choice.nth, "measure": choice.measure}
    if choice.along == "rows":
        return _rank_rows(context, options)
    if choice.along == "columns":
        areas, defaults = _areas(context)
        rows = _rows(context, areas, vague_is_costs=True)[:1]
        named = context.columns.named
        columns = between(plan, min(named), max(named)) if len(named) >= 2 else plan.columns
        return context.query("ranking", rows, areas[:1], columns, along="columns",
                             defaults=[*defaults, *_unless(len(named) >= 2, "columns")], **options)
    named_areas = [code for code in context.targets.area_codes if code != plan.board]
    areas = tuple(named_areas) if len(named_areas) >= 2 else plan.areas
    rows = _rows(context, areas, vague_is_costs=True)[:1]
    if choice.measure != "amount":
        pair, defaults = _change_columns(context)
        if pair is None:
            return Unsettled(("vuodet",), _change_suggestions(context, rows, areas, "ranking", **options))
        return context.query("ranking", rows, areas, pair, along="areas", defaults=defaults, **options)
    column, defaults = _one_column(context)
    return context.query("ranking", rows, areas, (column,), along="areas", defaults=defaults, **options)


def _rank_rows(context: Context, options: QueryOptions) -> Result:
    plan = context.plan
    areas, defaults = _areas(context)
    area = areas[0]
    column, column_defaults = _one_column(context)
    values = [item.value for item in _row_values(context, (area,)) if item.value != BUDGET]
    resolved = [resolve_row(v, (area,), plan, context.investments) for v in values] or [resolve_row(COSTS, (area,), plan)]
    concepts = [v for v in values if v.startswith("@")] or ([COSTS] if not values else [])
    if len(resolved) >= 2:
        rows = tuple(resolved)
    elif concepts:  # "suurin kuluerä": the parts of the concept's row that has parts (Toimintakulut, not Menot)
        candidates = plan.concept_rows(concepts[0], area, context.investments)
        rows = next((parts for row in candidates if len(parts := parts_of(plan, area, row)) >= 2), ())
    else:
        rows = parts_of(plan, area, resolved[0]) or parts_of(plan, area, plan.total_of(area, resolved[0]) or "")
    if len(rows) < 2:
        return context.query("lookup", resolved, (area,), (column,), defaults=[*defaults, *column_defaults])
    if options.get("measure", "amount") != "amount":  # "mikä kuluerä kasvaa eniten 2024-2026": a change per row
        pair, pair_defaults = _change_columns(context)
        if pair is None:
            return Unsettled(("vuodet",), _change_suggestions(context, rows, (area,), "ranking", by_rows=True, **options))
        return context.query("ranking", rows, (area,), pair, along="rows", defaults=[*defaults, *pair_defaults], **options)
    return context.query("ranking", rows, (area,), (column,), along="rows", defaults=[*defaults, *column_defaults], **options)


def _existence(context: Context) -> Result:
    plan = context.plan
    columns: tuple[Column, ...] = context.columns.named or plan.columns  # no year: whether it is there in any
    defaults: list[Default] = [] if context.columns.named else ["columns"]
    named = [code for code in context.targets.area_codes if code != plan.board]
    if context.choice.along == "areas":
        areas = tuple(named) if len(named) >= 2 else plan.areas
    else:
        areas = tuple(named[:1]) or (plan.board,)
    values = [item.value for item in context.targets.rows if item.value != BUDGET] or [COSTS]
    row = resolve_row(values[0], areas, plan, context.investments)
    return context.query("existence", (row,), areas, columns, along=context.choice.along,
                         negated=context.choice.negated, defaults=defaults)


def _identity(context: Context) -> Result:
    areas, defaults = _areas(context)
    column, column_defaults = _one_column(context)
    values = [item.value for item in context.targets.rows if item.value != BUDGET] or [COSTS]
    row = resolve_row(values[0], areas[:1], context.plan, context.investments, need_identity=True)
    return context.query("identity", (row,), areas[:1], (column,), defaults=[*defaults, *column_defaults])


BUILDERS: dict[str, Callable[[Context], Result]] = {
    "lookup": _lookup,
    "change": _change,
    "trend": _trend,
    "sum": _sum,
    "average": _average,
    "share": _share,
    "difference": _difference,
    "ranking": _ranking,
    "existence": _existence,
    "identity": _identity,
}
