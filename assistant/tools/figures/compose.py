"""Figure answers in Finnish: the reading line first, then the headline, the lines with citations and the notes.

A settled reading is executed and rendered (kind "figure"); a figure the plan cannot have is a "not_found" answer
that says why first and, for something narrower than a row, only then gives the area's figure clearly labelled
as the area's; an unsettled reading is a "clarify" answer that says what is missing and offers complete questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.errors import FigureNotFound
from assistant.language.formatting import format_euros
from assistant.tools.figures.execute import execute
from assistant.tools.figures.phrase import question_for
from assistant.tools.figures.plan import Plan
from assistant.tools.figures.query import AreaNote, FigureQuery, Impossible, NotFigure, Unsettled
from assistant.tools.figures.render import Line, Rendered, columns_text, reading_line, render
from assistant.types import Answer, Citation, FigureRef, Interpretation
from corpus.records import BudgetCell
from corpus.store import Document
from corpus.text import fold

UNIT_NOTE = "Luvut ovat euroja (€), vaikka taulukoiden otsikossa lukee ”1000e”."
SIGN_NOTE = "Kulut ja menot ovat taulukoissa negatiivisia."
MISSING_NAMES = {"vuodet": "vuodet (mistä mihin)", "vertailukohde": "mihin verrataan", "kokonaisuus": "minkä osuus",
                 "rivi": "mikä taulukon rivi"}


class FigureAnswers:
    """Writes answers for one plan and its document (quotes of the table lines are prepared once)."""

    def __init__(self, plan: Plan, document: Document) -> None:
        self.plan = plan
        self.document = document
        self._quotes: dict[tuple[int, str, str], str] = {}
        self._paths = {section.id: section.path_text for section in document.sections}

    # --- the three kinds of answer -------------------------------------------------------------------------

    def figure(self, question: str, query: FigureQuery, frame: str = "") -> Answer:
        """The answer to a settled reading (a not_found answer if a cell it needs is missing after all)."""
        try:
            result = execute(query, self.plan)
        except FigureNotFound:
            return self.impossible(question, Impossible("row_missing", (*query.rows, *query.areas)), frame)
        rendered = render(query, result, self.plan)
        reading = reading_line(query, self.plan)
        # a sub-service the plan does not split comes first: the figure is its whole area's ("Lukio kuuluu …")
        lead = _area_notes(query, self.plan)
        notes = [*self._notes(query, with_area_notes=False), *rendered.notes]
        return self._answer(question, "figure", reading, rendered, notes, query, frame, lead=lead)

    def impossible(self, question: str, refused: Impossible, frame: str = "") -> Answer:
        """Why the plan has no such figure; for a thing narrower than a row, then the area's figure, labelled."""
        message = self.refusal(refused)
        fallback = refused.fallback
        if refused.reason == "not_itemised" and fallback is not None:
            try:
                result = execute(fallback, self.plan)
            except FigureNotFound:
                result = None
            if result is not None:
                rendered = render(fallback, result, self.plan)
                areas = ", ".join(self.plan.name(area) for area in fallback.areas)
                label = Line(f"Alla on koko palvelualueen luku, ei kohteen oma: {areas}." if self.plan.board not in fallback.areas
                             else f"Alla on koko toimialan luku, ei kohteen oma: {areas}.")
                lines = rendered.lines
                if not (len(lines) == 1 and lines[0].text.rstrip(".") == rendered.headline.rstrip(".")):
                    lines = (Line(rendered.headline), *lines)
                labelled = Rendered(message, (label, *lines), rendered.notes)
                answer = self._answer(question, "not_found", reading_line(fallback, self.plan), labelled,
                                      [*self._notes(fallback), *rendered.notes], fallback, frame, reading_first=False)
                assert answer.interpretation is not None  # _answer always reads the question
                return replace(answer, not_itemised=refused.values,
                               interpretation=replace(answer.interpretation, route="not_found", reason=refused.reason))
        interpretation = Interpretation(route="not_found", frame=frame, text="", operation="", reason=refused.reason)
        return Answer(question=question, kind="not_found", answer=message, headline=message, interpretation=interpretation,
                      not_itemised=refused.values if refused.reason == "not_itemised" else ())

    def unsettled(self, question: str, reading: Unsettled, frame: str = "") -> Answer:
        """Say what the question lacks and offer the closest complete questions."""
        missing = ", ".join(MISSING_NAMES.get(name, name) for name in reading.missing)
        suggestions = tuple(question_for(query, self.plan) for query in reading.suggestions)
        headline = f"Kysymyksestä puuttuu: {missing}."
        body = [headline]
        if suggestions:
            body.append("Tarkoititko jotakin näistä?")
            body += [f"{n}. {text}" for n, text in enumerate(suggestions, start=1)]
        partial = reading.partial
        interpretation = Interpretation(
            route="clarify", frame=frame, text=reading_line(partial, self.plan) if partial and partial.columns else "",
            operation=partial.operation if partial else "", rows=partial.rows if partial else (),
            areas=partial.areas if partial else (), columns=partial.column_labels if partial else (), reason="unsettled",
        )
        return Answer(question=question, kind="clarify", answer="\n".join(body), headline=headline,
                      interpretation=interpretation, suggestions=suggestions)

    def not_figure(self, question: str, reading: NotFigure) -> Answer:
        return Answer(question=question, kind="not_found", answer="Kysymys ei koske talousarvion lukuja.",
                      interpretation=Interpretation(route="not_found", reason="not_figure"))

    # --- refusals --------------------------------------------------------------------------------------------

    def refusal(self, refused: Impossible) -> str:
        """The Finnish sentence saying why the plan cannot have the figure, and what it does have."""
        plan = self.plan
        columns = ", ".join(f"{c.label} ({c.meaning})" for c in plan.columns)
        values = refused.values
        if refused.reason == "year_outside_plan":
            return f"Käyttösuunnitelmassa ei ole lukuja vuodelle {', '.join(values)}. Taulukoiden sarakkeet ovat {columns}."
        if refused.reason == "no_such_column":
            return f"Käyttösuunnitelman taulukoissa ei ole saraketta {values[0]}. Sarakkeet ovat {columns}."
        if refused.reason == "outside_board":
            areas = ", ".join(plan.name(code) for code in plan.areas)
            return (f"Käyttösuunnitelma koskee vain toimialaa {plan.name(plan.board)}, joten siinä ei ole lukuja kohteelle "
                    f"{', '.join(values)}. Luvut ovat koko toimialalle ja sen palvelualueille: {areas}.")
        if refused.reason == "row_missing" and len(values) == 2 and values[1] in plan.names:
            row, area = values
            rows = ", ".join(plan.rows_of.get(area, ()))
            return f"Alueen {plan.name(area)} taulukossa ei ole riviä {row}. Sen rivit ovat: {rows}."
        if refused.reason == "not_itemised":
            things = ", ".join(f"”{value}”" for value in values)
            return (f"Käyttösuunnitelmassa ei ole omaa lukua kohteelle {things}: sen taulukoissa luvut ovat vain "
                    "palvelualueittain ja tuloslaskelman riveittäin, ja investoinnit vain koko toimialalle yhteensä.")
        return "Pyydettyä lukua ei ole käyttösuunnitelman taulukoissa."

    # --- pieces ----------------------------------------------------------------------------------------------

    def _notes(self, query: FigureQuery, with_area_notes: bool = True) -> list[str]:
        plan = self.plan
        notes = _area_notes(query, plan) if with_area_notes else []
        if "area" in query.defaults:
            notes.append(f"Kysymyksessä ei mainittu palvelualuetta, joten luku koskee koko toimialaa ({plan.name(plan.board)}).")
        if "column" in query.defaults:
            column = plan.plan_column
            notes.append(f"Vuotta ei mainittu, joten luku on käyttösuunnitelmavuoden sarakkeesta {column.label} ({column.meaning}).")
        if "columns" in query.defaults:
            if query.operation in ("change", "ranking") and len(query.columns) == 2:
                notes.append(f"Vain yksi vuosi mainittiin, joten muutos lasketaan sarakkeesta {query.columns[0].label} "
                             f"sarakkeeseen {query.columns[-1].label}.")
            else:
                notes.append(f"Vuosia ei mainittu, joten mukana ovat sarakkeet {columns_text(query)}.")
        if "whole" in query.defaults:
            whole = query.rows[-1] if query.along == "rows" else plan.name(query.areas[-1]) if query.along == "areas" else "kaikki vuodet"
            notes.append(f"Kokonaisuutta ei mainittu, joten osuus on laskettu suhteessa: {whole}.")
        if "areas_with_row" in query.defaults:
            lacking = [plan.name(a) for a in plan.areas if a not in query.areas]
            notes.append(f"Mukana ovat palvelualueet, joiden taulukossa rivi on; se puuttuu alueilta: {', '.join(lacking)}.")
        if any(row in plan.investment_rows for row in query.rows):
            notes.append("Investoinnit on esitetty vain koko toimialalle; suunnitelma ei jaa niitä palvelualueittain.")
            if any(row not in plan.investment_rows for row in query.rows):
                notes.append("Investoinnit eivät sisälly käyttötalouden menoihin; osuus on laskettu suhteessa niihin.")
        return notes

    def _answer(self, question: str, kind: str, reading: str, rendered: Rendered, notes: Sequence[str],
                query: FigureQuery, frame: str, reading_first: bool = True, lead: Sequence[str] = ()) -> Answer:
        lines = list(rendered.lines)
        if len(lines) == 1 and lines[0].text.rstrip(".") == rendered.headline.rstrip("."):
            lines[0] = replace(lines[0], text=rendered.headline)
            head: list[Line] = []
        else:
            head = [Line(rendered.headline)]
        used = [cell for line in lines for cell in line.cells]
        sections = list(dict.fromkeys(cell.section_id for cell in used))
        number = {section_id: n for n, section_id in enumerate(sections, start=1)}
        body = [line.text + "".join(f" [{n}]" for n in sorted({number[c.section_id] for c in line.cells})) for line in (*head, *lines)]
        tables = "; ".join(f"[{number[s]}] ”{_title(s, used)}” ({self._paths.get(s, s)})" for s in sections)
        extra = list(dict.fromkeys(notes))
        if used:
            extra.append(UNIT_NOTE + (" " + SIGN_NOTE if any(cell.value < 0 for cell in used) else ""))
        errata = [cell for cell in dict.fromkeys(used) if cell.erratum]
        if errata:
            extra.append("Osa luvuista on korjattu lähteen painovirheestä: " + ", ".join(
                f"{cell.item} {cell.column.label} painettu ”{cell.printed}”" for cell in errata) + ".")
        text_lines = [reading, *lead, *body] if reading_first else [body[0], reading, *body[1:]]
        text = "\n".join(text_lines) + (f"\nTaulukot: {tables}." if tables else "") + ("\n" + " ".join(extra) if extra else "")
        citations = tuple(self._citation(number[s], s, [c for c in used if c.section_id == s]) for s in sections)
        interpretation = Interpretation(
            route="figure", frame=frame, text=reading, operation=query.operation, rows=query.rows, areas=query.areas,
            columns=query.column_labels,
        )
        return Answer(
            question=question, kind=kind, answer=text, citations=citations, figures=_figure_refs(lines, self.plan),  # type: ignore[arg-type]
            retrieved_ids=tuple(sections), headline=" ".join((*lead, rendered.headline)), interpretation=interpretation,
            notes=tuple(extra),
        )

    def _citation(self, n: int, section_id: str, cells: list[BudgetCell]) -> Citation:
        quotes = list(dict.fromkeys(self._quote(cell) for cell in sorted(set(cells), key=lambda c: (c.line, c.column))))
        lines = [cell.line for cell in cells]
        return Citation(n=n, section_id=section_id, section=self._paths.get(section_id, section_id),
                        quote="\n".join(quotes), lines=(min(lines), max(lines)), doc_id=self.document.id)

    def _quote(self, cell: BudgetCell) -> str:
        key = (cell.line, cell.item, cell.column.label)
        quote = self._quotes.get(key)
        if quote is None:
            printed = self.document.repaired_lines
            line = printed[cell.line - 1].strip() if 0 < cell.line <= len(printed) else ""
            head = fold(cell.item).split(",")[0].split(" ")[0]
            quote = line if head and head[:8] in fold(line) else f"{cell.item}, {cell.column.label}: {line or cell.printed}"
            self._quotes[key] = quote
        return quote


def _area_notes(query: FigureQuery, plan: Plan) -> list[str]:
    """What the plan does not split out of the areas the query reads ("Lukio kuuluu palvelualueeseen …")."""
    return [_note_text(note, plan) for note in query.notes if note.area in query.areas]


def _note_text(note: AreaNote, plan: Plan) -> str:
    verb = "kuuluvat" if note.plural else "kuuluu"
    return (f"{note.name} {verb} palvelualueeseen {plan.name(note.area)}, jota suunnitelma ei jaa palveluittain; "
            "luku koskee koko palvelualuetta.")


def _title(section_id: str, cells: list[BudgetCell]) -> str:
    return next((cell.table_title for cell in cells if cell.section_id == section_id), section_id)


def _figure_refs(lines: Sequence[Line], plan: Plan) -> tuple[FigureRef, ...]:
    refs: list[FigureRef] = []
    for line in lines:
        for ref in line.computed:
            if ref not in refs:
                refs.append(ref)
        for cell in line.cells:
            ref = FigureRef(cell.table, cell.area, cell.item, cell.column.label, cell.value, "€", format_euros(cell.value))
            if ref not in refs:
                refs.append(ref)
    return tuple(refs)
