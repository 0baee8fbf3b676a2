"""A FigureQuery as a complete Finnish question, in the plan's own names and the language's operation words.

Used for suggestions when a reading is not settled (the user clicks one), and by the round-trip test: every
query phrased here must read back as itself. Names stay in their printed form (no inflection is needed: "Paljonko
on Varhaiskasvatus: Henkilöstökulut TA 2024?") and every column is named, so no default is taken.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.tools.figures.plan import Plan
from assistant.tools.figures.query import AreaNote, FigureQuery
from assistant.tools.figures.targets import parts_of
from corpus.records import Column

NUMERALS = {2: "kaksi", 3: "kolme", 4: "neljä", 5: "viisi"}
NUMERALS_ON = {2: "kahdella", 3: "kolmella", 4: "neljällä", 5: "viidellä"}  # "millä kolmella palvelualueella"
ORDINALS = {2: "toiseksi", 3: "kolmanneksi", 4: "neljänneksi", 5: "viidenneksi"}  # "kolmanneksi suurin"


def question_for(query: FigureQuery, plan: Plan) -> str:
    """The Finnish question that asks exactly `query`."""
    return PHRASES[query.operation](query, plan)


def area_names(areas: Sequence[str], plan: Plan, notes: Sequence[AreaNote] = ()) -> list[str]:
    """The areas' printed names; a sub-service the question named stands for its area ("Lukio"), so that reading
    the question again says the plan does not split it out."""
    named = {note.area: note.name for note in notes}
    return [named.get(area) or plan.name(area) for area in areas]


def _areas(query: FigureQuery, plan: Plan) -> str:
    return _and(area_names(query.areas, plan, query.notes))


def _rows(rows: tuple[str, ...]) -> str:
    return _and(list(rows))


def _columns(columns: tuple[Column, ...]) -> str:
    return _and([column.label for column in columns])


def _span(plan: Plan, columns: tuple[Column, ...]) -> str:
    """A span as 'TP 2022 ja TS 2026 välillä' (every column between is meant)."""
    ordered = sorted(columns)
    return f"{ordered[0].label} ja {ordered[-1].label} välillä"


def _contiguous(plan: Plan, columns: tuple[Column, ...]) -> bool:
    ordered = sorted(columns)
    return len(ordered) >= 2 and tuple(c for c in plan.columns if ordered[0] <= c <= ordered[-1]) == tuple(ordered)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} ja {names[-1]}"


def _lookup(query: FigureQuery, plan: Plan) -> str:
    return f"Paljonko on {_areas(query, plan)}: {_rows(query.rows)} {_columns(query.columns)}?"


def _change(query: FigureQuery, plan: Plan) -> str:
    return (f"Paljonko muuttuu {_areas(query, plan)}: {_rows(query.rows)} "
            f"{query.columns[0].label} ja {query.columns[-1].label} välillä?")


def _trend(query: FigureQuery, plan: Plan) -> str:
    return f"Miten kehittyy {_areas(query, plan)}: {_rows(query.rows)} {_span(plan, query.columns)}?"


def _sum(query: FigureQuery, plan: Plan) -> str:
    columns = _span(plan, query.columns) if len(query.columns) > 2 and _contiguous(plan, query.columns) else _columns(query.columns)
    areas = "kaikkien palvelualueiden" if _all_areas(query, plan) else _areas(query, plan) + ":"
    return f"Paljonko on yhteensä {areas} {_rows(query.rows)} {columns}?"


def _average(query: FigureQuery, plan: Plan) -> str:
    if query.along == "areas":
        areas = "palvelualueilla" if _all_areas(query, plan) else f"palvelualueilla {_areas(query, plan)}"
        return f"Paljonko on keskimäärin {areas}: {_rows(query.rows)} {_columns(query.columns)}?"
    return f"Paljonko on keskimäärin vuodessa {_areas(query, plan)}: {_rows(query.rows)} {_span(plan, query.columns)}?"


def _share(query: FigureQuery, plan: Plan) -> str:
    column = query.columns[0].label
    if query.along == "rows":
        return f"Mikä on {_areas(query, plan)}: {query.rows[0]} osuus, kun kokonaisuus on {query.rows[-1]} {column}?"
    if query.along == "areas":
        part, whole = plan.name(query.areas[0]), plan.name(query.areas[-1])
        return f"Mikä on {part} osuus, kun kokonaisuus on {whole}: {_rows(query.rows)} {column}?"
    return f"Mikä on {column} osuus kaikista vuosista: {_areas(query, plan)}, {_rows(query.rows)}?"


def _difference(query: FigureQuery, plan: Plan) -> str:
    column = query.columns[0].label
    if query.along == "rows":
        return f"Paljonko enemmän on {query.rows[0]} kuin {query.rows[1]}: {_areas(query, plan)} {column}?"
    first, second = plan.name(query.areas[0]), plan.name(query.areas[1])
    return f"Paljonko enemmän on {first} kuin {second}: {_rows(query.rows)} {column}?"


def _ranking(query: FigureQuery, plan: Plan) -> str:
    most = "eniten" if query.order == "desc" else "vähiten"
    largest = "suurin" if query.order == "desc" else "pienin"
    place = ORDINALS.get(query.top or 0, "") if query.nth else ""  # "toiseksi eniten", "kolmanneksi suurin"
    if place:
        most, largest = f"{place} {most}", f"{place} {largest}"
    if query.along == "columns":
        return f"Minä vuonna {_span(plan, query.columns)} on {largest} {_areas(query, plan)}: {_rows(query.rows)}?"
    if query.along == "rows":
        area = query.areas[0]
        total = plan.total_of(area, query.rows[0])
        # the group in the partitive after a numeral ("kolme suurinta kuluerää"), else in the plural
        if total is not None and query.rows == parts_of(plan, area, total) and total in plan.concept_rows("@COSTS", area):
            group, groups = "kuluerää", "kuluerät"
        elif total is not None and query.rows == parts_of(plan, area, total):
            group, groups = "tuloerää", "tuloerät"
        else:
            group, groups = f"riviä ({_rows(query.rows)})", f"rivit ({_rows(query.rows)})"
        count = NUMERALS.get(query.top or 0, "")
        if place and query.measure == "amount":
            one = group.replace("erää", "erä") if group.endswith("erää") else "rivi"
            return f"Mikä {one} on {largest}: {_areas(query, plan)} {query.columns[0].label}?"
        if query.measure != "amount":  # the rows ranked by their change between two columns
            percent = " prosentteina" if query.measure == "percent" else ""
            return (f"Mikä {group.replace('erää', 'erä')} kasvaa{percent} {most}: {_areas(query, plan)} "
                    f"{query.columns[0].label} ja {query.columns[-1].label} välillä?")
        if count:
            largest = "suurinta" if query.order == "desc" else "pienintä"
            return f"Mitkä ovat {count} {largest} {group}: {_areas(query, plan)} {query.columns[0].label}?"
        largest = "suurimmat" if query.order == "desc" else "pienimmät"
        return f"Mitkä ovat {largest} {groups}: {_areas(query, plan)} {query.columns[0].label}?"
    among = "" if _all_areas(query, plan) else f" ({_areas(query, plan)})"
    on = f"{NUMERALS_ON[query.top]} " if query.top in NUMERALS_ON and not place else ""
    if query.measure == "amount":
        return f"Millä {on}palvelualueella{among} on {most} {_rows(query.rows)} {query.columns[0].label}?"
    percent = " prosentteina" if query.measure == "percent" else ""
    return (f"Millä {on}palvelualueella{among} {_rows(query.rows)} kasvaa{percent} {most} "
            f"{query.columns[0].label} ja {query.columns[-1].label} välillä?")


def _existence(query: FigureQuery, plan: Plan) -> str:
    column = query.columns[0].label
    if query.along == "areas":
        among = "" if _all_areas(query, plan) else f" ({_areas(query, plan)})"
        if query.negated:
            return f"Millä palvelualueella{among} ei ole riviä {query.rows[0]} {column}?"
        return f"Millä palvelualueella{among} on lainkaan riviä {query.rows[0]} {column}?"
    negation = "eikö" if query.negated else "onko"
    return f"{negation.capitalize()} {_areas(query, plan)}: {query.rows[0]} lainkaan {column}?"


def _identity(query: FigureQuery, plan: Plan) -> str:
    return f"Mistä koostuu {_areas(query, plan)}: {query.rows[0]} {query.columns[0].label}?"


def _all_areas(query: FigureQuery, plan: Plan) -> bool:
    if "areas_with_row" in query.defaults:
        return True
    return set(query.areas) == set(plan.areas) and len(query.areas) == len(plan.areas)


PHRASES = {
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
