"""Finnish text of a figure result: the reading line ("Tulkinta: …"), the headline sentence and the lines.

Every line names the area, the row and the column with its meaning; figures keep the table's sign (costs are
negative) and are formatted the Finnish way ("−32 611 450 €", "+2,3 %"). Lines carry the cells they state, so
the answer can cite the tables, and the figures computed from them (changes, sums, shares).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.language.formatting import format_euros, format_percent, tenths_to_float
from assistant.tools.figures.execute import (
    Average,
    Change,
    Changes,
    Composition,
    Difference,
    Existence,
    Lookup,
    Ranking,
    Result,
    Share,
    Total,
    Trend,
)
from assistant.tools.figures.phrase import ORDINALS
from assistant.tools.figures.plan import Plan
from assistant.tools.figures.query import FigureQuery
from assistant.types import FigureRef
from corpus.records import BudgetCell, Column

OPERATION_NAMES = {
    "lookup": "luku", "change": "muutos", "trend": "kehitys", "sum": "summa", "average": "keskiarvo",
    "share": "osuus", "difference": "erotus", "ranking": "järjestys", "existence": "onko rivi",
    "identity": "mistä luku koostuu",
}
MAX_LINES = 40


@dataclass(frozen=True)
class Line:
    """One line of the answer: text, the cells it states and the figures computed from them."""

    text: str
    cells: tuple[BudgetCell, ...] = ()
    computed: tuple[FigureRef, ...] = ()


@dataclass(frozen=True)
class Rendered:
    headline: str
    lines: tuple[Line, ...]
    notes: tuple[str, ...] = ()


# --- the reading line ------------------------------------------------------------------------------------------

def reading_line(query: FigureQuery, plan: Plan) -> str:
    """'Tulkinta: Varhaiskasvatus · Toimintakulut · TA 2024 → TS 2026 · muutos'."""
    joiner = " / " if query.operation in ("share", "difference") else ", "
    areas = joiner.join(plan.name(area) for area in query.areas) if query.along == "areas" and query.operation in (
        "share", "difference") else _list_areas(query, plan)
    rows = joiner.join(query.rows) if query.operation in ("share", "difference") and query.along == "rows" else _list(query.rows)
    return f"Tulkinta: {areas} · {rows} · {columns_text(query)} · {_operation_text(query, plan)}"


def _list_areas(query: FigureQuery, plan: Plan) -> str:
    if set(query.areas) == set(plan.areas) and len(query.areas) > 1:
        return "kaikki palvelualueet"
    return ", ".join(plan.name(area) for area in query.areas)


def _list(rows: tuple[str, ...]) -> str:
    return ", ".join(rows) if len(rows) <= 3 else f"{', '.join(rows[:3])} … ({len(rows)} riviä)"


def columns_text(query: FigureQuery) -> str:
    """The columns as read: 'TA 2024', 'TA 2024 → TS 2026' for a change, 'TP 2022–TS 2026' for a span."""
    columns = query.columns
    if query.operation == "change" or (query.operation == "ranking" and query.measure != "amount"):
        return f"{columns[0].label} → {columns[-1].label}"
    if query.operation == "share" and query.along == "columns":
        return f"{columns[0].label} / {_span(sorted(columns))}"
    if len(columns) >= 3 and query.operation in ("trend", "sum", "average", "ranking", "lookup", "existence"):
        return _span(sorted(columns))
    return ", ".join(column.label for column in columns)


def _span(columns: list[Column]) -> str:
    return f"{columns[0].label}–{columns[-1].label}"


def _operation_text(query: FigureQuery, plan: Plan) -> str:
    name = OPERATION_NAMES[query.operation]
    if query.operation == "ranking":
        by = {"areas": "palvelualueet", "rows": "rivit", "columns": "vuodet"}.get(query.along, "")
        measure = {"amount": "", "change": ", muutoksen mukaan", "percent": ", prosenttimuutoksen mukaan"}[query.measure]
        order = "suurimmasta" if query.order == "desc" else "pienimmästä"
        top = f", {query.top}. sija" if query.top and query.nth else f", {query.top} ensimmäistä" if query.top else ""
        return f"{name} ({by}{measure}, {order} alkaen{top})"
    if query.operation == "existence":
        return "mistä rivi puuttuu" if query.negated else name
    if query.operation in ("sum", "average") and query.along:
        over = {"areas": "palvelualueiden", "rows": "rivien", "columns": "vuosien"}[query.along]
        return f"{name} ({over} yli)"
    return name


# --- results ----------------------------------------------------------------------------------------------------

def render(query: FigureQuery, result: Result, plan: Plan) -> Rendered:
    """The headline and lines of a result."""
    if isinstance(result, Lookup):
        return _lookup(result, plan)
    if isinstance(result, Changes):
        return _changes(result, plan)
    if isinstance(result, Trend):
        return _trend(result, plan)
    if isinstance(result, Total):
        return _total(result, plan)
    if isinstance(result, Average):
        return _average(query, result, plan)
    if isinstance(result, Share):
        return _share(query, result, plan)
    if isinstance(result, Difference):
        return _difference(result, plan)
    if isinstance(result, Ranking):
        return _ranking(query, result, plan)
    if isinstance(result, Existence):
        return _existence(query, result, plan)
    return _composition(result, plan)


def describe(cell: BudgetCell, plan: Plan) -> str:
    """'Varhaiskasvatus, Henkilöstökulut, TA 2024 (talousarvio): −5 974 300 €'."""
    return f"{plan.name(cell.area)}, {_row(cell, plan)}, {_column(cell.column)}: {format_euros(cell.value)}"


def _row(cell: BudgetCell, plan: Plan) -> str:
    """The row's name in the plan's terms ("Investoinnit: Menot" for the investments table)."""
    qualified = f"{cell.table_title}: {cell.item}"
    return qualified if qualified in plan.investment_rows else cell.item


def _column(column: Column) -> str:
    return f"{column.label} ({column.meaning})"


def _lookup(result: Lookup, plan: Plan) -> Rendered:
    cells = result.cells[:MAX_LINES]
    if len(cells) == 1:
        return Rendered(describe(cells[0], plan) + ".", (Line(describe(cells[0], plan), cells),))
    headline = f"Luvut ({len(cells)}):"
    return Rendered(headline, tuple(Line("– " + describe(cell, plan), (cell,)) for cell in cells))


def change_words(change: Change) -> str:
    """'kasvaa 735 150 € (+2,3 %)', 'pienenee 423 000 € (−15,7 %)', 'pysyy ennallaan (0 €)'."""
    amount = format_euros(abs(change.magnitude))
    if change.magnitude == 0:
        text = "pysyy ennallaan (0 €)"
    elif change.magnitude > 0:
        text = f"kasvaa {amount}"
    else:
        text = f"pienenee {amount}"
    if change.percent_tenths is None:
        return text + "; prosenttimuutosta ei voi laskea, koska lähtöarvo on nolla tai etumerkki vaihtuu"
    return f"{text} ({format_percent(change.percent_tenths, plus=True)})" if change.magnitude else text


def change_refs(change: Change) -> tuple[FigureRef, ...]:
    a, b = change.start, change.end
    column = f"{b.column.label} − {a.column.label}"
    refs = [FigureRef(a.table, a.area, a.item, column, change.magnitude, "€", format_euros(change.magnitude, plus=True))]
    if change.percent_tenths is not None:
        refs.append(FigureRef(a.table, a.area, a.item, column, tenths_to_float(change.percent_tenths), "%",
                              format_percent(change.percent_tenths, plus=True)))
    return tuple(refs)


def _change_line(change: Change, plan: Plan) -> Line:
    a, b = change.start, change.end
    text = (f"{plan.name(a.area)}, {_row(a, plan)}: {_column(a.column)} {format_euros(a.value)} → "
            f"{_column(b.column)} {format_euros(b.value)}; summa {change_words(change)}")
    return Line(text, change.cells, change_refs(change))


def _changes(result: Changes, plan: Plan) -> Rendered:
    lines = tuple(_change_line(change, plan) for change in result.changes)
    first = result.changes[0]
    headline = (f"{plan.name(first.start.area)}, {_row(first.start, plan)}: summa {change_words(first)} "
                f"{first.start.column.label} → {first.end.column.label}.") if len(lines) == 1 else f"Muutokset ({len(lines)}):"
    return Rendered(headline, lines)


def _trend(result: Trend, plan: Plan) -> Rendered:
    lines: list[Line] = []
    for series in result.series:
        first, last = series.cells[0], series.cells[-1]
        lines.append(Line(f"{plan.name(first.area)}, {_row(first, plan)}:"))
        lines.append(Line(f"– {_column(first.column)}: {format_euros(first.value)}", (first,)))
        for step in series.steps:
            lines.append(Line(f"– {_column(step.end.column)}: {format_euros(step.end.value)} ({change_words(step)})",
                              (step.end,), change_refs(step)))
        lines.append(Line(f"Koko ajanjakso {first.column.label} → {last.column.label}: summa {change_words(series.overall)}.",
                          (), change_refs(series.overall)))
    overall = result.series[0].overall
    head = result.series[0].cells[0]
    headline = (f"{plan.name(head.area)}, {_row(head, plan)} {overall.start.column.label} → {overall.end.column.label}: "
                f"{format_euros(overall.start.value)} → {format_euros(overall.end.value)}, summa {change_words(overall)}.")
    return Rendered(headline, tuple(lines[:MAX_LINES]))


def _sum_ref(cells: tuple[BudgetCell, ...], total: int, plan: Plan) -> FigureRef:
    return FigureRef(
        table="+".join(dict.fromkeys(c.table for c in cells)),
        area="+".join(dict.fromkeys(c.area for c in cells)),
        item="+".join(dict.fromkeys(_row(c, plan) for c in cells)),
        column="+".join(dict.fromkeys(c.column.label for c in cells)),
        value=total, unit="€", value_text=format_euros(total),
    )


def _total(result: Total, plan: Plan) -> Rendered:
    lines = [Line(f"Yhteensä {format_euros(result.total)}, laskettuna näistä luvuista:", (),
                  (_sum_ref(result.cells, result.total, plan),))]
    lines += [Line("– " + describe(cell, plan), (cell,)) for cell in result.cells[:MAX_LINES]]
    notes: tuple[str, ...] = ()
    if result.board_equal is not None:
        board = result.board_equal
        lines.append(Line(f"Summa on sama kuin koko toimialan oma luku: {describe(board, plan)}.", (board,)))
        notes = ("Palvelualueiden summa on sama kuin koko toimialan rivi, joten luku koskee koko toimialaa.",)
    return Rendered(f"Yhteensä {format_euros(result.total)}.", tuple(lines), notes)


def _average(query: FigureQuery, result: Average, plan: Plan) -> Rendered:
    lines: list[Line] = []
    over = "palvelualuetta" if query.along == "areas" else "vuotta"
    for mean in result.means:
        ref = FigureRef(mean.cells[0].table, "+".join(dict.fromkeys(c.area for c in mean.cells)), _row(mean.cells[0], plan),
                        "keskiarvo " + "+".join(dict.fromkeys(c.column.label for c in mean.cells)), mean.mean, "€",
                        format_euros(mean.mean))
        lines.append(Line(f"Keskimäärin {format_euros(mean.mean)} ({len(mean.cells)} {over}, yhteensä "
                          f"{format_euros(mean.total)}):", (), (ref,)))
        lines += [Line("– " + describe(cell, plan), (cell,)) for cell in mean.cells]
    first = result.means[0]
    headline = f"Keskimäärin {format_euros(first.mean)} ({len(first.cells)} {over})."
    if len(result.means) > 1:  # one mean per area or row: each named, never the first alone as if it were the answer
        each = "; ".join(f"{plan.name(m.cells[0].area)}, {_row(m.cells[0], plan)}: {format_euros(m.mean)}" for m in result.means)
        headline = f"Keskimäärin ({len(first.cells)} {over}): {each}."
    return Rendered(headline, tuple(lines[:MAX_LINES]), ("Keskiarvo on pyöristetty täysiksi euroiksi.",))


def _share(query: FigureQuery, result: Share, plan: Plan) -> Rendered:
    percent = "ei laskettavissa (kokonaisuus on 0 €)" if result.percent_tenths is None else format_percent(result.percent_tenths)
    part = result.part[0]
    if query.along == "columns":
        whole_text = f"{plan.name(part.area)}, {_row(part, plan)}, {_span(sorted(c.column for c in result.whole))} yhteensä"
    else:
        whole = result.whole[0]
        whole_text = describe(whole, plan).rsplit(":", 1)[0]
    refs: tuple[FigureRef, ...] = ()
    if result.percent_tenths is not None:
        refs = (FigureRef(part.table, part.area, _row(part, plan), f"{part.column.label} osuus", tenths_to_float(result.percent_tenths),
                          "%", percent),)
    lines = [
        Line(f"Osa: {describe(part, plan)}", result.part),
        Line(f"Kokonaisuus: {whole_text}: {format_euros(result.whole_total)}", result.whole,
             (_sum_ref(result.whole, result.whole_total, plan),) if len(result.whole) > 1 else ()),
        Line(f"Osuus: {format_euros(abs(result.part_total))} / {format_euros(abs(result.whole_total))} = {percent}", (), refs),
    ]
    headline = f"Osuus on {percent}: {describe(part, plan).rsplit(':', 1)[0]} kokonaisuudesta {whole_text}."
    return Rendered(headline, tuple(lines))


def _difference(result: Difference, plan: Plan) -> Rendered:
    first, second = result.first, result.second
    larger = first if abs(first.value) >= abs(second.value) else second
    smaller = second if larger is first else first
    gap = abs(result.magnitude)
    ref = FigureRef(first.table, f"{first.area}−{second.area}", f"{_row(first, plan)}−{_row(second, plan)}",
                    first.column.label, gap, "€", format_euros(gap))
    label = lambda cell: describe(cell, plan).rsplit(":", 1)[0]  # noqa: E731
    if gap == 0:
        headline = f"Luvut ovat yhtä suuret: {label(first)} ja {label(second)} ({format_euros(first.value)})."
    else:
        headline = f"{label(larger)} on {format_euros(gap)} suurempi kuin {label(smaller)}."
    lines = (
        Line("– " + describe(first, plan), (first,)),
        Line("– " + describe(second, plan), (second,)),
        Line(f"Erotus (summien koon mukaan): {format_euros(gap)}; suurempi on {label(larger)}.", (), (ref,)),
    )
    return Rendered(headline, lines)


def _entry_name(key: str, query: FigureQuery, plan: Plan) -> str:
    return plan.name(key) if query.along == "areas" else key


def _ranking(query: FigureQuery, result: Ranking, plan: Plan) -> Rendered:
    lines: list[Line] = []
    shown = result.entries[: result.shown]
    for place, entry in enumerate(shown, start=1):
        name = _entry_name(entry.key, query, plan)
        if entry.change is not None:
            c = entry.change
            lines.append(Line(f"{place}. {name}: {format_euros(c.start.value)} → {format_euros(c.end.value)}, summa "
                              f"{change_words(c)}", c.cells, change_refs(c)))
        else:
            lines.append(Line(f"{place}. {name}: {format_euros(entry.cells[0].value)}", entry.cells))
    for tie in result.ties:
        names = [_entry_name(key, query, plan) for key in tie]
        lines.append(Line(f"Tasatilanne: {_and(names)} ovat yhtä suuret."))
    if result.missing:
        names = [_entry_name(key, query, plan) for key in result.missing]
        verb = "ei ole" if len(names) == 1 else "eivät ole"
        whose = "sen taulukossa" if len(names) == 1 else "niiden taulukoissa"
        lines.append(Line(f"{_and(names)} {verb} vertailussa, koska {whose} ei ole riviä {query.rows[0]}."))
    if query.nth and query.top and len(shown) < query.top:  # "viidenneksi suurin" of four: no such place
        largest = "suurinta" if query.order == "desc" else "pienintä"
        compared = {"areas": "palvelualuetta", "rows": "riviä", "columns": "vuotta"}.get(query.along, "")
        headline = f"{_place(query.top)} {largest} ei ole: vertailussa on vain {len(shown)} {compared}."
        return Rendered(headline.replace("  ", " "), tuple(lines[:MAX_LINES]))
    if query.nth and query.top and len(shown) == query.top and not result.ties:  # "kolmanneksi suurin": that place
        asked = shown[-1]
        word = "suurin" if query.order == "desc" else "pienin"
        if query.measure != "amount":
            word = "suurin kasvu" if query.order == "desc" else "pienin kasvu"
        value = change_words(asked.change) if asked.change is not None else format_euros(asked.cells[0].value)
        return Rendered(f"{_place(query.top)} {word}: {_entry_name(asked.key, query, plan)}, {value}.", tuple(lines[:MAX_LINES]))
    if query.top and query.top > 1 and len(shown) > 1:  # "kaksi suurinta": each one named
        many = "Suurimmat" if query.order == "desc" else "Pienimmät"
        if query.measure != "amount":
            many = "Suurimmat kasvut" if query.order == "desc" else "Pienimmät kasvut (tai suurimmat vähenemiset)"
        named = [f"{place}. {_entry_name(e.key, query, plan)}, "
                 f"{change_words(e.change) if e.change is not None else format_euros(e.cells[0].value)}"
                 for place, e in enumerate(shown, start=1)]
        return Rendered(f"{many} {len(shown)}: {'; '.join(named)}.", tuple(lines[:MAX_LINES]))
    top = shown[0]
    word = "Suurin" if query.order == "desc" else "Pienin"
    if query.measure != "amount":
        word = ("Suurin kasvu" if query.order == "desc" else "Pienin kasvu (tai suurin väheneminen)")
    tied = next((tie for tie in result.ties if top.key in tie), None)
    subject = _and([_entry_name(k, query, plan) for k in tied]) + " (tasan)" if tied else _entry_name(top.key, query, plan)
    value = change_words(top.change) if top.change is not None else format_euros(top.cells[0].value)
    return Rendered(f"{word}: {subject}, {value}.", tuple(lines[:MAX_LINES]))


def _place(top: int) -> str:
    """The ordinal adverb of a place, capitalised to start a headline ("Kolmanneksi")."""
    ordinal = ORDINALS.get(top, f"{top}.")
    return ordinal[:1].upper() + ordinal[1:]


def _existence(query: FigureQuery, result: Existence, plan: Plan) -> Rendered:
    names = lambda codes: _and([plan.name(code) for code in codes])  # noqa: E731
    row = result.row
    span = columns_text(query) if len(result.columns) > 1 else result.columns[0].label
    nonzero = [cell for cell in result.present if cell.value != 0]
    shown = nonzero if len(result.columns) > 1 else list(result.present)
    lines = [Line("– " + describe(cell, plan), (cell,)) for cell in shown]
    if query.along != "areas":
        area = query.areas[0]
        if result.present:
            zero = f" (luku on 0 € sarakkeissa {span})" if area in result.zero else ""
            headline = f"Kyllä: alueen {plan.name(area)} taulukossa on rivi {row}{zero}."
        else:
            headline = f"Ei: alueen {plan.name(area)} taulukossa ei ole riviä {row}."
            others = tuple(c for r in plan.rows_of.get(area, ()) if (c := plan.cell(area, r, result.columns[0])))
            lines.append(Line(f"Sen taulukon rivit ({result.columns[0].label}): "
                              + ", ".join(plan.rows_of.get(area, ())) + ".", others))
        return Rendered(headline, tuple(lines[:MAX_LINES]))
    if query.negated:
        headline = (f"Rivi {row} puuttuu näiden palvelualueiden taulukoista: {names(result.absent)}."
                    if result.absent else f"Rivi {row} on jokaisen palvelualueen taulukossa.")
    else:
        having = tuple(dict.fromkeys(cell.area for cell in result.present))
        headline = (f"Rivi {row} on näiden palvelualueiden taulukoissa: {names(having)}."
                    if having else f"Rivi {row} ei ole minkään palvelualueen taulukossa.")
        if result.absent:
            lines.append(Line(f"Rivi puuttuu: {names(result.absent)}."))
    if result.zero:
        lines.append(Line(f"Rivi on taulukossa, mutta sen luku on 0 € sarakkeissa {span}: {names(result.zero)}.",
                          tuple(c for c in result.present if c.area in result.zero)[:4]))
    return Rendered(headline, tuple(lines[:MAX_LINES]))


def _composition(result: Composition, plan: Plan) -> Rendered:
    total = result.total
    terms = [plan.name(term) for term in result.terms] if result.over_areas else list(result.terms)
    formula = f"{_row(total, plan)} = " + " + ".join(terms)
    if result.over_areas:
        formula = f"{plan.name(total.area)}: {_row(total, plan)} = palvelualueiden {_row(total, plan)} yhteensä ({', '.join(terms)})"
    lines = [Line(describe(total, plan), (total,))]
    lines += [Line("– " + describe(cell, plan), (cell,)) for cell in result.term_cells]
    missing = [term for term in result.terms if term not in {c.area if result.over_areas else c.item for c in result.term_cells}]
    if missing:
        lines.append(Line(f"Taulukossa ei ole riviä {', '.join(missing)} (luku 0 €)." if not result.over_areas
                          else f"Alueilla {', '.join(plan.name(m) for m in missing)} ei ole tätä riviä (0 €)."))
    check = f"Yhteenlaskettuna {format_euros(result.expected)}"
    check += "." if result.rounding == 0 else f"; taulukon luku poikkeaa {format_euros(result.rounding)} pyöristyksen vuoksi."
    lines.append(Line(check, (), (_sum_ref(result.term_cells, result.expected, plan),) if result.term_cells else ()))
    return Rendered(formula + ".", tuple(lines))


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} ja {names[-1]}"
