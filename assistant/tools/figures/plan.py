"""What one plan's budget tables hold, indexed once: areas, rows, columns, cells, totals and identities.

Everything comes from the document (manifest, cells, lexicon, gazetteer); nothing here knows the town. A row is
named by its printed item ("Henkilöstökulut"); the rows of a separate table that repeats item names — the
investments table, recognised by the lexicon's @INVESTMENTS words in its title — are named with the table's
title in front ("Investoinnit: Menot"), so that every answer line says which table a figure is from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.language.matching import find_terms, tokenize
from assistant.tools.figures.projects import Project, projects_of
from corpus.chunks import sentences
from corpus.gazetteer import NamedUnit, section_area
from corpus.identities import IdentityCheck, check_identities
from corpus.lexicon import BUDGET, INVESTMENTS, Lexicon, Term
from corpus.morphology import words_of
from corpus.records import BudgetCell, Column
from corpus.store import Document
from corpus.text import fold

CellKey = tuple[str, str, Column]  # area code, row name, column
CROSS_TABLE = "talousarvio-tuloslaskelma"  # identities that tie two tables together, not a row's parts
AREA_SUM = "palvelualueet-yhteensa"


@dataclass(frozen=True)
class Identity:
    """A row defined by its terms in one area and column (e.g. Vuosikate = Toimintakate + Rahoitustuotot ja -kulut)."""

    area: str
    row: str
    column: Column
    terms: tuple[str, ...]  # row names (or area codes for the sum over areas)
    over_areas: bool
    check: IdentityCheck


@dataclass(frozen=True)
class Plan:
    """The budget tables of one document, indexed for figure questions."""

    doc_id: str
    board: str
    areas: tuple[str, ...]  # service areas, in the manifest's order (not the board)
    names: dict[str, str]
    columns: tuple[Column, ...]
    plan_column: Column
    cells: dict[CellKey, BudgetCell]
    rows_of: dict[str, tuple[str, ...]]  # area -> its rows in printed order
    investment_rows: frozenset[str]
    totals: dict[tuple[str, str], str]  # (area, row) -> the row it is a part of (Henkilöstökulut -> Toimintakulut)
    identities: dict[CellKey, Identity]
    lexicon: Lexicon
    gazetteer: tuple[NamedUnit, ...]
    area_terms: tuple[Term, ...]
    row_terms: tuple[Term, ...]
    unit_names: dict[str, tuple[tuple[str, NamedUnit], ...]] = field(default_factory=dict, compare=False)
    # the prose's words by their first four letters, each with the areas whose sections use it
    word_areas: dict[str, tuple[tuple[str, frozenset[str]], ...]] = field(default_factory=dict, compare=False)
    projects: tuple[Project, ...] = ()  # what the investments prose names, which the table does not split out
    _by_column: dict[int, Column] = field(default_factory=dict, compare=False)

    @property
    def all_areas(self) -> tuple[str, ...]:
        """The board first, then the service areas."""
        return (self.board, *self.areas)

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def column_of_year(self, year: int) -> Column | None:
        return self._by_column.get(year)

    def has(self, area: str, row: str, column: Column | None = None) -> bool:
        if column is None:
            return row in self.rows_of.get(area, ())
        return (area, row, column) in self.cells

    def cell(self, area: str, row: str, column: Column) -> BudgetCell | None:
        return self.cells.get((area, row, column))

    def areas_with(self, row: str) -> tuple[str, ...]:
        return tuple(area for area in self.all_areas if self.has(area, row))

    def concept_rows(self, concept: str, area: str, investments: bool = False) -> tuple[str, ...]:
        """The existing rows a concept (@COSTS, @REVENUE, …) means for an area, in the lexicon's preference order."""
        scope = "investments" if investments else ("board" if area == self.board else "area")
        rows = self.lexicon.concept_rows(concept, scope)
        if investments:
            rows = tuple(self.investment_row(row) for row in rows)
        return tuple(row for row in rows if self.has(area, row))

    def investment_row(self, item: str) -> str:
        """The name of an item of the investments table ("Menot" -> "Investoinnit: Menot")."""
        for row in self.investment_rows:
            if row.endswith(": " + item):
                return row
        return item

    def total_of(self, area: str, row: str) -> str | None:
        return self.totals.get((area, row))

    def identity(self, area: str, row: str, column: Column) -> Identity | None:
        return self.identities.get((area, row, column))


def build_plan(document: Document) -> Plan:
    """Index one document's budget tables."""
    manifest, lexicon = document.manifest, document.lexicon
    board = manifest.board.code
    investment_tables = _investment_tables(document.cells, lexicon)
    cells: dict[CellKey, BudgetCell] = {}
    rows_of: dict[str, list[str]] = {}
    row_key: dict[tuple[str, str], str] = {}
    for cell in sorted(document.cells, key=lambda c: (c.table in investment_tables, c.line)):
        row = f"{cell.table_title}: {cell.item}" if cell.table in investment_tables else cell.item
        row_key[(cell.table, cell.item)] = row
        cells.setdefault((cell.area, row, cell.column), cell)
        rows = rows_of.setdefault(cell.area, [])
        if row not in rows:
            rows.append(row)
    columns = tuple(sorted({cell.column for cell in document.cells}))
    by_year = {column.year: column for column in columns}
    plan_column = by_year.get(manifest.year) or columns[-1]
    identities, totals = _identities(document, row_key, cells)
    names = {area.code: area.name for area in (manifest.board, *manifest.areas)}
    return Plan(
        doc_id=document.id,
        board=board,
        areas=tuple(area.code for area in manifest.areas if area.code in rows_of),
        names=names,
        columns=columns,
        plan_column=plan_column,
        cells=cells,
        rows_of={area: tuple(rows) for area, rows in rows_of.items()},
        investment_rows=frozenset(row for (table, _), row in row_key.items() if table in investment_tables),
        totals=totals,
        identities=identities,
        lexicon=lexicon,
        gazetteer=document.gazetteer,
        area_terms=(*lexicon.areas, *_name_terms(names.items()), *_code_terms(names)),
        row_terms=(*lexicon.rows, *_name_terms(
            (item, item) for (_, item) in row_key if item not in _lexicon_named(lexicon) or len(tokenize(item)) > 1
        )),  # a printed name of several words is a phrase that outscores its parts ("rahoitustuotot ja -kulut")
        unit_names=_unit_names(document.gazetteer),
        word_areas=_word_areas(document),
        projects=_investment_projects(document, investment_tables),
        _by_column=by_year,
    )


def _unit_names(gazetteer: tuple[NamedUnit, ...]) -> dict[str, tuple[tuple[str, NamedUnit], ...]]:
    """The named units' name words by their first four letters (a question word and a name share at least those)."""
    index: dict[str, list[tuple[str, NamedUnit]]] = {}
    for unit in gazetteer:
        for name in unit.name_words:
            index.setdefault(name[:4], []).append((name, unit))
    return {key: tuple(value) for key, value in index.items()}


def _word_areas(document: Document) -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """Every folded word of the prose with the service areas whose sections use it ("bandikamppaa" -> VIRE), by
    its first four letters (a question word and a form of it share at least those)."""
    found: dict[str, set[str]] = {}
    for section in document.sections:
        area = section_area(section.id, document.manifest) if section.kind == "prose" else None
        if area is None:
            continue
        for sentence in sentences(document.repaired_lines, section):
            for word in words_of(sentence.text):
                found.setdefault(fold(word), set()).add(area)
    index: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for word, areas in found.items():
        index.setdefault(word[:4], []).append((word, frozenset(areas)))
    return {key: tuple(value) for key, value in index.items()}


def _investment_projects(document: Document, investment_tables: frozenset[str]) -> tuple[Project, ...]:
    """The projects the prose of the investments tables' sections names."""
    table_sections = {cell.section_id for cell in document.cells if cell.table in investment_tables}
    prose = [section for section in document.sections if section.kind == "prose" and any(
        table == section.id or table.startswith(f"{section.id}/") for table in table_sections)]
    forms = {form.form: form for form in document.word_forms}
    texts = (sentence.text for section in prose for sentence in sentences(document.repaired_lines, section))
    return projects_of(texts, forms)


def _investment_tables(cells: Iterable[BudgetCell], lexicon: Lexicon) -> frozenset[str]:
    """Tables whose title the lexicon's @INVESTMENTS words name."""
    terms = tuple(term for term in lexicon.rows if term.value == INVESTMENTS)
    titles = {cell.table: cell.table_title for cell in cells}
    return frozenset(table for table, title in titles.items() if find_terms(tokenize(title), terms))


def _identities(
    document: Document, row_key: dict[tuple[str, str], str], cells: dict[CellKey, BudgetCell]
) -> tuple[dict[CellKey, Identity], dict[tuple[str, str], str]]:
    """Each row's defining identity per area and column, and the total each row is a part of.

    A row is a part of a total when the identity adds same-signed figures (cost lines make up Toimintakulut);
    Toimintakate = Toimintatuotot + Toimintakulut mixes signs, so Toimintakulut is not a part of it.
    """
    identities: dict[CellKey, Identity] = {}
    parts_of: dict[tuple[str, str, str], bool] = {}
    for check in check_identities(document.cells, document.manifest):
        if check.name == CROSS_TABLE:
            continue
        over_areas = check.name == AREA_SUM
        row = row_key.get((check.table, check.item), check.item)
        terms = check.terms if over_areas else tuple(row_key.get((check.table, term), term) for term in check.terms)
        key = (check.area, row, check.column)
        if key not in identities or identities[key].over_areas:  # a row's own parts first, the areas' sum second
            identities[key] = Identity(check.area, row, check.column, terms, over_areas, check)
        if not over_areas:
            total = cells.get(key)
            same_sign = total is not None and all(
                (part := cells.get((check.area, term, check.column))) is None or part.value * total.value >= 0
                for term in terms
            )
            for term in terms:
                slot = (check.area, term, row)
                parts_of[slot] = parts_of.get(slot, True) and same_sign
    totals: dict[tuple[str, str], str] = {}
    for (area, term, row), is_part in parts_of.items():
        if is_part:
            totals.setdefault((area, term), row)
    return identities, totals


def _name_terms(pairs: Iterable[tuple[str, str]]) -> tuple[Term, ...]:
    """A term for each printed name: its words as stems (inflections and a typo tolerated), 'ja' exact."""
    terms: list[Term] = []
    for value, name in dict.fromkeys(pairs):
        words = tokenize(name)
        if words:
            terms.append(Term(value, tuple(_stem(word) for word in words)))
    return tuple(terms)


def _lexicon_named(lexicon: Lexicon) -> frozenset[str]:
    """Rows the lexicon already names, by its own terms or as the rows of a concept ("menot" is @COSTS)."""
    concept_rows = {row for _, scopes in lexicon.concepts for _, rows in scopes for row in rows}
    return frozenset({term.value for term in lexicon.rows} | concept_rows)


def _code_terms(names: dict[str, str]) -> tuple[Term, ...]:
    """Area codes as words people write ("hyten", "vireessä"): the code as a stem, from four letters."""
    return tuple(Term(code, (code.lower(),)) for code in names if len(code) >= 4 and code.isalpha())


def _stem(word: str) -> str:
    """Short words only as printed ("tulot" must not match "tulossa"); long ones as a stem that takes endings."""
    if len(word) <= 7:
        return "=" + word
    return word[: len(word) - 2]


__all__ = ["Plan", "Identity", "build_plan", "BUDGET", "INVESTMENTS"]
