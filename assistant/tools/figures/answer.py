"""Figure answers in Finnish: parse the question, run the figure tools, write the answer and cite the tables.

Every answer names the table, the service area, the row, the column with its meaning and the unit;
figures are formatted the Finnish way and printed with the sign the table uses (costs negative). A
figure that does not exist is a not_found answer listing what does exist, never a neighbouring number.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Sequence

from assistant.types import Answer, Citation, FigureRef
from assistant.tools.figures.query import (
    AreaNote,
    FigureQuery,
    Impossible,
    NotFigure,
    candidate_rows,
    parse_figure_query,
)
from assistant.tools.figures.execute import ChangeResult, Figures
from assistant.language.formatting import format_euros, format_percent, tenths_to_float
from assistant.language.vocabulary import BOARD, BUDGET, COST_ROWS, COSTS, REVENUE, REVENUE_ROWS
from corpus.records import BudgetCell, Column
from corpus.store import Corpus
from corpus.text import fold

MAX_CELLS = 40  # a lookup over many areas x rows x years stays readable
UNIT_NOTE = "Luvut ovat euroja (€)."
SIGN_NOTE = "Kulut ja menot ovat taulukoissa negatiivisia."

_FIGURES_CACHE: dict[int, tuple[weakref.ref[Corpus], Figures]] = {}


class _Missing(Exception):
    """A requested figure does not exist; the argument is the Finnish explanation."""


def figures_for(corpus: Corpus) -> Figures:
    """The figure tools over a corpus, built once per corpus object."""
    entry = _FIGURES_CACHE.get(id(corpus))
    if entry is not None and entry[0]() is corpus:
        return entry[1]
    figures = Figures.from_corpus(corpus)
    _FIGURES_CACHE[id(corpus)] = (weakref.ref(corpus), figures)
    return figures


def answer_figure(question: str, corpus: Corpus, figures: Figures | None = None) -> Answer | None:
    """A figure answer (kind figure or not_found), or None when the question is not about a figure."""
    parsed = parse_figure_query(question)
    if isinstance(parsed, NotFigure):
        return None
    figs = figures or figures_for(corpus)
    names = _AreaNames(corpus)
    if isinstance(parsed, Impossible):
        return _not_found(question, impossible_message(parsed, figs, names))
    try:
        return _compose(question, parsed, corpus, figs, names)
    except _Missing as missing:
        return _not_found(question, str(missing))


# --- not found ----------------------------------------------------------------------------------

def impossible_message(impossible: Impossible, figures: Figures, names: _AreaNames) -> str:
    """The Finnish explanation of a figure the plan cannot have, with what it does have."""
    columns = _columns_text(figures.columns())
    if impossible.reason == "personal_salary":
        return (
            "Käyttösuunnitelmassa ei ole yksittäisten ammattien tai henkilöiden palkkoja. Siinä on vain "
            "palvelualueiden henkilöstökulut yhteensä; kysy esimerkiksi: Paljonko varhaiskasvatuksen henkilöstökulut ovat 2024?"
        )
    if impossible.reason == "price":
        return (
            "Käyttösuunnitelmassa ei ole palvelujen hintoja, lippujen hintoja eikä asiakasmaksujen taksoja. Siinä on vain "
            "palvelualueiden maksutuotot yhteensä; kysy esimerkiksi: Paljonko virikkeellisen elämän maksutuotot ovat 2024?"
        )
    if impossible.reason == "not_itemised":
        words = ", ".join(f"”{word}”" for word in impossible.values)
        return (
            f"Käyttösuunnitelmassa ei ole erillistä lukua kohteelle {words}. Sen taulukoissa luvut ovat vain "
            "palvelualueittain ja tuloslaskelman riveittäin (esimerkiksi Henkilöstökulut, Palvelujen ostot), "
            "ja investoinnit on esitetty vain koko toimialalle yhteensä."
        )
    if impossible.reason == "year_outside_plan":
        years = ", ".join(impossible.values)
        return f"Käyttösuunnitelmassa ei ole lukuja vuodelle {years}. Taulukoiden sarakkeet ovat {columns}."
    if impossible.reason == "no_such_column":
        return f"Käyttösuunnitelman taulukoissa ei ole saraketta {', '.join(impossible.values)}. Sarakkeet ovat {columns}."
    outside = ", ".join(impossible.values)
    areas = ", ".join(names.name(code) for code in figures.service_areas())
    return (
        f"Käyttösuunnitelma koskee vain hyvinvointilautakunnan toimialaa, joten siinä ei ole lukuja kohteelle {outside}. "
        f"Luvut ovat koko toimialalle ja sen palvelualueille: {areas}."
    )


def _not_found(question: str, message: str) -> Answer:
    return Answer(question=question, kind="not_found", answer=message)


def _columns_text(columns: Sequence[Column]) -> str:
    return ", ".join(f"{c.label} ({c.meaning})" for c in columns)


# --- composing --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Line:
    """One line of the answer: text with the cells it states (their citations are appended)."""

    text: str
    cells: tuple[BudgetCell, ...] = ()
    computed: tuple[FigureRef, ...] = ()  # figures computed from the cells (changes, sums)


class _AreaNames:
    """Finnish names of area codes from the manifests."""

    def __init__(self, corpus: Corpus) -> None:
        self._names: dict[str, str] = {}
        for document in corpus.documents:
            manifest = document.manifest
            for area in (manifest.board, *manifest.areas):
                self._names.setdefault(area.code, area.name)

    def name(self, code: str) -> str:
        return self._names.get(code, code)


def _compose(question: str, query: FigureQuery, corpus: Corpus, figs: Figures, names: _AreaNames) -> Answer:
    notes: list[str] = [_note_text(note, names) for note in query.notes]
    areas = list(query.areas)
    if query.investments and any(area != BOARD for area in areas):
        areas = [BOARD]
        notes = []  # the figure is the whole board's, so no note about the area a sub-service belongs to
        notes.append("Investoinnit on esitetty vain koko toimialalle; suunnitelma ei jaa niitä palvelualueittain.")
    table = "investoinnit" if query.investments else None

    if query.operation == "ranking" and query.rank_scope == "items":
        lines = _rank_items(query, areas[0], figs, names)
    elif query.operation == "ranking":
        if query.investments:
            raise _Missing("Investoinnit on esitetty vain koko toimialalle, joten palvelualueita ei voi verrata niiden osalta.")
        lines = _rank_areas(query, areas, figs, names)
    elif query.operation == "change":
        lines = _changes(query, areas, table, figs, names)
    elif query.operation == "sum":
        lines = _sum(query, areas, table, figs, names)
    elif query.operation == "share":
        lines = _shares(query, areas, figs, names)
    else:
        lines = _lookups(query, areas, table, figs, names)

    if query.area_defaulted and query.operation != "ranking":
        notes.append("Kysymyksessä ei mainittu palvelualuetta, joten luku koskee koko hyvinvointilautakunnan toimialaa.")
    if query.column_defaulted:
        notes.append("Vuotta ei mainittu, joten luku on käyttösuunnitelmavuoden talousarviosta (TA 2024).")
    return _answer(question, lines, notes, corpus)


def _note_text(note: AreaNote, names: _AreaNames) -> str:
    verb = "kuuluvat" if note.plural else "kuuluu"
    area = names.name(note.area)
    joiner = " -" if " " in area else "-"
    return (
        f"{note.name} {verb} {area}{joiner}palvelualueeseen, jota suunnitelma ei jaa palveluittain; "
        "luku koskee koko palvelualuetta."
    )


def _rows(value: str, area: str, investments: bool, figs: Figures, names: _AreaNames) -> tuple[str, ...]:
    """The existing table rows a row or concept means for an area (all of them for a vague 'budget')."""
    table = "investoinnit" if investments else None
    candidates = candidate_rows(value, area, investments)
    existing = tuple(row for row in candidates if figs.has_item(area, row, table))
    if not existing:
        raise _Missing(_missing_row(candidates[0], area, table, figs, names))
    return existing if value == BUDGET else existing[:1]


def _missing_row(row: str, area: str, table: str | None, figs: Figures, names: _AreaNames) -> str:
    if area not in figs.areas():
        return f"Käyttösuunnitelmassa ei ole lukuja alueelle {names.name(area)}."
    rows = ", ".join(figs.items(area, table))
    where = "investointitaulukossa" if table else f"alueen {names.name(area)} taulukoissa"
    return f"Käyttösuunnitelman {where} ei ole riviä {row}. Rivit ovat: {rows}."


def _cell(area: str, row: str, column: Column, table: str | None, figs: Figures, names: _AreaNames) -> BudgetCell:
    if column not in figs.columns(area, row):
        labels = _columns_text(figs.columns(area, row))
        raise _Missing(f"Rivillä {row} ({names.name(area)}) ei ole saraketta {column.label}. Sarakkeet ovat {labels}.")
    return figs.lookup_figure(area, row, column, table=table).cell


def _describe(cell: BudgetCell, names: _AreaNames) -> str:
    label = f"{cell.column.label} ({cell.column.meaning})"
    return f"{names.name(cell.area)}, {cell.item}, {label}: {format_euros(cell.value)}"


def _lookups(query: FigureQuery, areas: list[str], table: str | None, figs: Figures, names: _AreaNames) -> list[_Line]:
    lines: list[_Line] = []
    for area in areas:
        for value in query.items:
            for row in _rows(value, area, query.investments, figs, names):
                for column in query.columns:
                    cell = _cell(area, row, column, table, figs, names)
                    lines.append(_Line(_describe(cell, names), (cell,)))
    return lines[:MAX_CELLS]


def _changes(query: FigureQuery, areas: list[str], table: str | None, figs: Figures, names: _AreaNames) -> list[_Line]:
    start, end = query.columns[0], query.columns[-1]
    lines: list[_Line] = []
    for area in areas:
        for value in query.items:
            for row in _rows(value, area, query.investments, figs, names):
                _cell(area, row, start, table, figs, names)
                _cell(area, row, end, table, figs, names)
                change = figs.figure_change(area, row, start, end, table=table)
                lines.append(_change_line(change, names))
    return lines


def _change_line(change: ChangeResult, names: _AreaNames) -> _Line:
    a, b = change.start, change.end
    head = (
        f"{names.name(a.area)}, {a.item}: {a.column.label} ({a.column.meaning}) {format_euros(a.value)} → "
        f"{b.column.label} ({b.column.meaning}) {format_euros(b.value)}"
    )
    return _Line(f"{head}. {_change_phrase(change)}", (a, b), _change_refs(change))


def _change_refs(change: ChangeResult) -> tuple[FigureRef, ...]:
    a, b = change.start, change.end
    column = f"{b.column.label} − {a.column.label}"
    refs = [FigureRef(a.table, a.area, a.item, column, change.magnitude_change, "€", format_euros(change.magnitude_change, plus=True))]
    if change.percent_tenths is not None:
        percent = tenths_to_float(change.percent_tenths)
        refs.append(FigureRef(a.table, a.area, a.item, column, percent, "%", format_percent(change.percent_tenths, plus=True)))
    return tuple(refs)


def _change_phrase(change: ChangeResult) -> str:
    amount = format_euros(abs(change.magnitude_change))
    if change.magnitude_change == 0:
        text = "Summa pysyy ennallaan (0 €)"
    elif change.magnitude_change > 0:
        text = f"Summa kasvaa {amount}"
    else:
        text = f"Summa pienenee {amount}"
    if change.percent_tenths is None:
        return text + "; prosenttimuutosta ei voi laskea, koska lähtöarvo on nolla tai etumerkki vaihtuu."
    return f"{text} ({format_percent(change.percent_tenths, plus=True)})."


def _shares(query: FigureQuery, areas: list[str], figs: Figures, names: _AreaNames) -> list[_Line]:
    column = query.columns[0]
    lines: list[_Line] = []
    for area in areas:
        value = COSTS if query.items[0] == BUDGET else query.items[0]
        row = _rows(value, area, False, figs, names)[0]
        _cell(area, row, column, None, figs, names)
        if not figs.has_item(BOARD, row):
            raise _Missing(_missing_row(row, BOARD, None, figs, names))
        _cell(BOARD, row, column, None, figs, names)
        share = figs.figure_share(area, row, column)
        part, whole = share.part, share.whole
        percent = "ei laskettavissa" if share.percent_tenths is None else format_percent(share.percent_tenths)
        refs: tuple[FigureRef, ...] = ()
        if share.percent_tenths is not None:
            refs = (FigureRef(part.table, part.area, part.item, f"{column.label} / {BOARD}", tenths_to_float(share.percent_tenths), "%", percent),)
        lines.append(
            _Line(
                f"{names.name(area)}, {row}, {column.label} ({column.meaning}): {format_euros(part.value)} eli {percent} "
                f"koko toimialan luvusta ({names.name(BOARD)}: {format_euros(whole.value)})",
                (part, whole),
                refs,
            )
        )
    return lines


def _rank_areas(query: FigureQuery, areas: list[str], figs: Figures, names: _AreaNames) -> list[_Line]:
    restrict = [a for a in areas if a != BOARD] if not query.area_defaulted else []
    value = COSTS if query.items[0] == BUDGET else query.items[0]  # "suurin budjetti": the costs
    row = _ranked_row(value, restrict or list(figs.service_areas()), figs, names)
    if query.by_change:
        return _rank_changes(query, row, restrict, figs, names)
    column = query.columns[0]
    ranking = figs.rank_areas(row, column, descending=query.descending, areas=restrict or None)
    order = "suurimmasta pienimpään" if query.descending else "pienimmästä suurimpaan"
    lines = [_Line(f"{row}, {column.label} ({column.meaning}), palvelualueet {order} (summan mukaan):")]
    for place, cell in enumerate(ranking.cells, start=1):
        lines.append(_Line(f"{place}. {names.name(cell.area)}: {format_euros(cell.value)}", (cell,)))
    if len(ranking.cells) == 2:
        gap = abs(abs(ranking.cells[0].value) - abs(ranking.cells[1].value))
        lines.append(_Line(f"Ero: {format_euros(gap)}."))
    lines += _lacking_line(row, ranking.missing, names)
    return lines


def _ranked_row(value: str, areas: Sequence[str], figs: Figures, names: _AreaNames) -> str:
    """The row a ranking compares: the first area that has it decides (others may lack it, e.g. HYTE)."""
    for area in areas:
        if any(figs.has_item(area, row) for row in candidate_rows(value, area, False)):
            return _rows(value, area, False, figs, names)[0]
    return _rows(value, areas[0], False, figs, names)[0]  # raises the not-found explanation


def _lacking_line(row: str, missing: Sequence[str], names: _AreaNames) -> list[_Line]:
    """Say which areas were left out of a ranking because their table has no such row."""
    if not missing:
        return []
    area_names = [names.name(code) for code in missing]
    lacking = " ja ".join((", ".join(area_names[:-1]), area_names[-1])) if len(area_names) > 1 else area_names[0]
    if len(missing) == 1:
        return [_Line(f"{lacking} ei ole vertailussa, koska sen taulukossa ei ole riviä {row}.")]
    return [_Line(f"{lacking} eivät ole vertailussa, koska niiden taulukoissa ei ole riviä {row}.")]


def _rank_changes(query: FigureQuery, row: str, restrict: list[str], figs: Figures, names: _AreaNames) -> list[_Line]:
    start, end = query.columns[0], query.columns[-1]
    changes: list[ChangeResult] = []
    missing: list[str] = []
    for area in restrict or figs.service_areas():
        if figs.has_item(area, row) and {start, end} <= set(figs.columns(area, row)):
            changes.append(figs.figure_change(area, row, start, end))
        else:
            missing.append(area)
    if not changes:
        raise _Missing(f"Rivin {row} muutosta {start.label} → {end.label} ei voi laskea millekään palvelualueelle.")

    def key(change: ChangeResult) -> int:
        if query.by_percent and change.percent_tenths is not None:
            return change.percent_tenths
        return change.magnitude_change

    ordered = sorted(changes, key=key, reverse=not query.decrease)
    measure = "prosenttimuutoksen" if query.by_percent else "muutoksen"
    direction = "suurimmasta vähenemisestä alkaen" if query.decrease else "suurimmasta kasvusta alkaen"
    lines = [_Line(f"{row}, muutos {start.label} → {end.label}, palvelualueet {measure} mukaan {direction}:")]
    for place, change in enumerate(ordered, start=1):
        percent = "" if change.percent_tenths is None else f" ({format_percent(change.percent_tenths, plus=True)})"
        lines.append(
            _Line(
                f"{place}. {names.name(change.start.area)}: {format_euros(change.start.value)} → "
                f"{format_euros(change.end.value)}, summan muutos {format_euros(change.magnitude_change, plus=True)}{percent}",
                change.cells,
                _change_refs(change),
            )
        )
    return lines + _lacking_line(row, missing, names)


def _rank_items(query: FigureQuery, area: str, figs: Figures, names: _AreaNames) -> list[_Line]:
    rows = REVENUE_ROWS if query.items[0] == REVENUE else COST_ROWS
    column = query.columns[0]
    ranking = figs.rank_items(area, rows, column, descending=query.descending)
    kind = "tulorivit" if rows is REVENUE_ROWS else "kulurivit"
    order = "suurimmasta pienimpään" if query.descending else "pienimmästä suurimpaan"
    lines = [_Line(f"{names.name(area)}, {kind} {column.label} ({column.meaning}) {order} (summan mukaan):")]
    for place, cell in enumerate(ranking.cells, start=1):
        lines.append(_Line(f"{place}. {cell.item}: {format_euros(cell.value)}", (cell,)))
    return lines


def _sum(query: FigureQuery, areas: list[str], table: str | None, figs: Figures, names: _AreaNames) -> list[_Line]:
    cells: list[BudgetCell] = []
    for area in areas:
        for value in query.items:
            for row in _rows(value, area, query.investments, figs, names):
                for column in query.columns:
                    cells.append(_cell(area, row, column, table, figs, names))
    total = sum(cell.value for cell in cells)
    total_ref = FigureRef(
        table="+".join(dict.fromkeys(c.table for c in cells)),
        area="+".join(dict.fromkeys(c.area for c in cells)),
        item="+".join(dict.fromkeys(c.item for c in cells)),
        column="+".join(dict.fromkeys(c.column.label for c in cells)),
        value=total,
        unit="€",
        value_text=format_euros(total),
    )
    lines = [_Line(f"Yhteensä {format_euros(total)}, laskettuna näistä luvuista:", (), (total_ref,))]
    lines += [_Line(f"– {_describe(cell, names)}", (cell,)) for cell in cells]
    return lines


# --- the Answer ------------------------------------------------------------------------------

def _answer(question: str, lines: list[_Line], notes: list[str], corpus: Corpus) -> Answer:
    used: list[BudgetCell] = [cell for line in lines for cell in line.cells]
    sections = list(dict.fromkeys(cell.section_id for cell in used))
    number = {section_id: n for n, section_id in enumerate(sections, start=1)}
    body: list[str] = []
    for line in lines:
        refs = sorted({number[cell.section_id] for cell in line.cells})
        marks = "".join(f" [{n}]" for n in refs)
        body.append(line.text + marks)
    tables = [
        f"[{number[s]}] {_table_title(s, used)} ({corpus.section(s).path_text})" for s in sections
    ]
    extra = list(dict.fromkeys(notes))
    extra.append(UNIT_NOTE + (" " + SIGN_NOTE if any(cell.value < 0 for cell in used) else ""))
    errata = [cell for cell in used if cell.erratum]
    if errata:
        extra.append("Osa luvuista on korjattu lähteen painovirheestä: " + ", ".join(
            f"{cell.item} {cell.column.label} painettu ”{cell.printed}”" for cell in errata) + ".")
    text = "\n".join(body) + "\nTaulukot: " + "; ".join(tables) + ".\n" + " ".join(extra)
    citations = tuple(_citation(number[s], s, [c for c in used if c.section_id == s], corpus) for s in sections)
    return Answer(
        question=question,
        kind="figure",
        answer=text,
        citations=citations,
        figures=_figure_refs(lines),
        retrieved_ids=tuple(sections),
    )


def _table_title(section_id: str, cells: list[BudgetCell]) -> str:
    for cell in cells:
        if cell.section_id == section_id:
            return f"”{cell.table_title}”"
    return section_id


def _citation(n: int, section_id: str, cells: list[BudgetCell], corpus: Corpus) -> Citation:
    document = corpus.document(cells[0].doc_id)
    quote_lines: list[str] = []
    for cell in sorted(set(cells), key=lambda c: (c.line, c.column)):
        printed_line = document.repaired_lines[cell.line - 1].strip() if cell.line <= len(document.repaired_lines) else ""
        if _row_printed_on_line(cell.item, printed_line):
            entry = printed_line
        else:  # the table is printed column by column: name the row and column beside the value
            entry = f"{cell.item}, {cell.column.label}: {printed_line or cell.printed}"
        if entry not in quote_lines:
            quote_lines.append(entry)
    lines = [cell.line for cell in cells]
    return Citation(
        n=n,
        section_id=section_id,
        section=corpus.section(section_id).path_text,
        quote="\n".join(quote_lines),
        lines=(min(lines), max(lines)),
    )


def _row_printed_on_line(item: str, line: str) -> bool:
    head = fold(item).split(",")[0].split(" ")[0]
    return bool(head) and head[:8] in fold(line)


def _figure_refs(lines: list[_Line]) -> tuple[FigureRef, ...]:
    refs: list[FigureRef] = []
    for line in lines:
        for ref in line.computed:
            if ref not in refs:
                refs.append(ref)
        for cell in line.cells:
            ref = FigureRef(
                table=cell.table,
                area=cell.area,
                item=cell.item,
                column=cell.column.label,
                value=cell.value,
                unit="€",
                value_text=format_euros(cell.value),
            )
            if ref not in refs:
                refs.append(ref)
    return tuple(refs)
