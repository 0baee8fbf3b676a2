"""Budget tables: find them in the OCR text and read their figures into typed cells.

The OCR prints a table either row by row (a label, then five figures whose digit groups may be merged
or split: "-32 611450") or column by column (the labels first, then each column's figures one per
line); the VAKA table mixes both. Damaged figures are corrected only through errata (corpus.errata).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corpus.errata import Erratum, load_errata
from corpus.errors import SourceError
from corpus.manifest import Area, Manifest
from corpus.records import BudgetCell, Column, LineRange
from corpus.text import fold, squash_spaces

__all__ = [
    "ITEMS", "REVENUE_LINES", "COST_LINES", "TableSpan", "PrintedNumber", "RowSplitError",
    "area_table_id", "locate_tables", "parse_cells", "split_numbers", "load_errata",
]

# Canonical line items, in the order the tables print them.
REVENUE_LINES = ("Myyntituotot", "Maksutuotot", "Tuet ja avustukset", "Muut toimintatuotot")
COST_LINES = ("Henkilöstökulut", "Palvelujen ostot", "Aineet, tarvikkeet ja tavarat", "Avustukset", "Muut toimintakulut")
TOIMINTATUOTOT, TOIMINTAKULUT, TOIMINTAKATE = "Toimintatuotot", "Toimintakulut", "Toimintakate"
RAHOITUS, VUOSIKATE, POISTOT, TILIKAUDEN_TULOS = (
    "Rahoitustuotot ja -kulut", "Vuosikate", "Poistot ja arvonalentumiset", "Tilikauden tulos",
)
TULOT, MENOT, NETTO = "Tulot", "Menot", "Netto"
ITEMS = (
    *REVENUE_LINES, TOIMINTATUOTOT, *COST_LINES, TOIMINTAKULUT, TOIMINTAKATE,
    RAHOITUS, VUOSIKATE, POISTOT, TILIKAUDEN_TULOS, TULOT, MENOT, NETTO,
)

TALOUSARVIO, TULOSLASKELMA, INVESTOINNIT = "talousarvio", "tuloslaskelma", "investoinnit/taulukko"
_AREA_TABLES_HEADING = "Palvelualuettaiset laskelmat"
_BOARD_TABLES = {  # id -> Finnish title; the printed heading is the title in capitals, diacritics lost
    TALOUSARVIO: "Valtuuston hyväksymä talousarvio",
    TULOSLASKELMA: "Tuloslaskelma, nettositovuus",
    INVESTOINNIT: "Investoinnit",
}

_COLUMN_LABEL = re.compile(r"\b(TP|TA|TS)\s*(\d{4})\b")
_UNIT = re.compile(r"(?<!\S)1000\s?e(?!\S)", re.IGNORECASE)  # "1000e" header cells, never a value
_TOKEN = re.compile(r"\S+")
_NUMBER_TOKEN = re.compile(r"-?\d+")
_NUMBER_START = re.compile(r"[-=]?\d")  # what a printed figure begins with, damaged or not
_MAX_READINGS = 50_000  # beyond this many ways to group the digits, the row is hopeless anyway
_MIN_FUZZY_LABEL = 8  # shorter labels must match exactly: one edit turns "Menot" into nonsense


@dataclass(frozen=True)
class TableSpan:
    """Where a budget table is printed: from its title line to its last figure."""

    id: str
    title: str
    area: str
    lines: LineRange


@dataclass(frozen=True)
class PrintedNumber:
    """A figure read from a line: its exact printed text, its value and where it sits in the text."""

    printed: str
    value: int
    start: int
    end: int


class RowSplitError(ValueError):
    """The digit groups of a line cannot be read as the expected number of figures."""


# ---------------------------------------------------------------------------------------------------
# Splitting digit groups into figures


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    fixed: int | None = None  # an erratum's value: a whole figure on its own

    @property
    def can_start(self) -> bool:
        digits = self.text.lstrip("-")
        return self.fixed is not None or digits == "0" or not digits.startswith("0")

    @property
    def can_continue(self) -> bool:
        # a thousands group: unsigned, three digits, or several groups the OCR merged
        return self.fixed is None and not self.text.startswith("-") and len(self.text) % 3 == 0

    @property
    def is_whole(self) -> bool:
        # nothing follows a zero or a corrected figure within the same number
        return self.fixed is not None or self.text.lstrip("-") == "0"


def split_numbers(text: str, count: int, fixed: Sequence[tuple[int, int, int]] = ()) -> tuple[PrintedNumber, ...]:
    """Read `text` as exactly `count` figures, regrouping digit groups the OCR merged or split.

    A figure is a first group (optionally signed) followed by unsigned groups of three digits (or
    merged multiples of three). Of all such readings the one with the most consistent magnitudes wins;
    a tie raises RowSplitError. `fixed` holds (start, end, value) spans already read (errata).
    """
    tokens = _tokens(text, fixed)
    if not tokens:
        raise RowSplitError(f"expected {count} figures, found none in {text!r}")
    must: list[int] = []
    optional: list[int] = []
    for index, token in enumerate(tokens):
        forced = index == 0 or not token.can_continue or tokens[index - 1].is_whole
        if forced and not token.can_start:
            raise RowSplitError(f"{token.text!r} cannot begin a figure (leading zero) in {text!r}")
        if forced:
            must.append(index)
        elif token.can_start:
            optional.append(index)
    extra = count - len(must)
    if extra < 0 or extra > len(optional):
        low, high = len(must), len(must) + len(optional)
        found = f"{low}" if low == high else f"{low}-{high}"
        raise RowSplitError(f"expected {count} figures, but {text!r} reads as {found}")
    if math.comb(len(optional), extra) > _MAX_READINGS:
        raise RowSplitError(f"{text!r} has too many possible readings as {count} figures")
    scored: list[tuple[tuple[int, int, int], tuple[PrintedNumber, ...]]] = []
    for chosen in itertools.combinations(optional, extra):
        starts = sorted((*must, *chosen))
        numbers = tuple(_number(text, tokens[a:b]) for a, b in zip(starts, [*starts[1:], len(tokens)], strict=True))
        scored.append((_spread(numbers), numbers))
    scored.sort(key=lambda item: item[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        first, second = ([n.printed for n in reading] for _, reading in scored[:2])
        raise RowSplitError(f"{text!r} is ambiguous: {first} or {second}")
    return scored[0][1]


def _tokens(text: str, fixed: Sequence[tuple[int, int, int]]) -> list[_Token]:
    tokens = [_Token(start, end, text[start:end], value) for start, end, value in fixed]
    for match in _TOKEN.finditer(text):
        if any(start < match.end() and match.start() < end for start, end, _ in fixed):
            continue
        if not _NUMBER_TOKEN.fullmatch(match.group()):
            raise RowSplitError(f"unreadable figure {match.group()!r} in {text!r}")
        tokens.append(_Token(match.start(), match.end(), match.group()))
    return sorted(tokens, key=lambda token: token.start)


def _number(text: str, group: Sequence[_Token]) -> PrintedNumber:
    first = group[0]
    if first.fixed is not None:
        value = first.fixed
    else:
        value = int("".join(token.text.lstrip("-") for token in group))
        value = -value if first.text.startswith("-") else value
    return PrintedNumber(text[first.start : group[-1].end], value, first.start, group[-1].end)


def _spread(numbers: Sequence[PrintedNumber]) -> tuple[int, int, int]:
    """How inconsistent a reading is: (figures against the row's sign, range of digit counts, variance)."""
    # a row is one quantity over five years: it rarely changes sign, and its magnitudes stay close;
    # zeros say nothing about either
    nonzero = [number.value for number in numbers if number.value]
    if not nonzero:
        return (0, 0, 0)
    negative = sum(value < 0 for value in nonzero)
    sizes = [len(str(abs(value))) for value in nonzero]
    variance = len(sizes) * sum(s * s for s in sizes) - sum(sizes) ** 2  # n² times the variance: exact
    return (min(negative, len(nonzero) - negative), max(sizes) - min(sizes), variance)


# ---------------------------------------------------------------------------------------------------
# Reading table lines

_Kind = Literal["blank", "header", "caption", "group", "label", "value", "row", "other"]


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based
    kind: _Kind
    item: str | None = None
    values_at: int = 0  # where the figures begin in the line


def _key(text: str) -> str:
    # spacing around dashes varies in the OCR ("ELAMA -PALVELUALUE", "elämä - palvelualue")
    return re.sub(r"\s*-\s*", "-", squash_spaces(fold(text)))


_ITEM_KEYS = {_key(item): item for item in ITEMS}
_GROUP_HEADINGS = {TOIMINTATUOTOT, TOIMINTAKULUT}  # printed in capitals above their lines


def _match_item(label: str) -> str | None:
    key = _key(label)
    if key in _ITEM_KEYS:
        return _ITEM_KEYS[key]
    if len(key) < _MIN_FUZZY_LABEL:
        return None
    # the OCR confuses ö with é ("Henkiléstokulut"): allow one edit, if only one item is that close
    close = [item for item_key, item in _ITEM_KEYS.items() if _within_one_edit(key, item_key)]
    return close[0] if len(close) == 1 else None


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=False)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _values_at(text: str, fixed: Sequence[tuple[int, int, int]]) -> int | None:
    starts = [m.start() for m in _TOKEN.finditer(text) if _NUMBER_START.match(m.group())]
    starts += [start for start, _, _ in fixed]
    return min(starts) if starts else None


def _classify(number: int, text: str, captions: Sequence[str], fixed: Sequence[tuple[int, int, int]]) -> _Line:
    if not text.strip():
        return _Line(number, "blank")
    if _COLUMN_LABEL.search(text) or _UNIT.search(text) or _key(text) == "selite":
        return _Line(number, "header")
    at = _values_at(text, fixed)
    label = text[:at].strip() if at is not None else text.strip()
    if not label:
        return _Line(number, "value", values_at=at or 0)
    item = _match_item(label)
    if item is not None and at is not None:
        return _Line(number, "row", item, at)
    if item is not None:
        return _Line(number, "group" if item in _GROUP_HEADINGS and label.isupper() else "label", item)
    key = _key(text)
    if at is None and any(f" {key} " in f" {caption} " for caption in captions):
        return _Line(number, "caption")
    return _Line(number, "other")


# ---------------------------------------------------------------------------------------------------
# Locating tables


@dataclass(frozen=True)
class _Spec:
    id: str
    title: str
    area: Area
    heading: int  # 1-based line of the printed title


@dataclass(frozen=True)
class _Table:
    span: TableSpan
    rows: tuple[_Line, ...]


def locate_tables(lines: Sequence[str], manifest: Manifest) -> list[TableSpan]:
    """The budget tables of a document, in print order, from title line to last figure."""
    return [table.span for table in _tables(lines, manifest, {})]


def area_table_id(code: str) -> str:
    """The table (and section) id of a service area's own budget table."""
    return f"palvelualuelaskelmat/{code.lower()}"


def _specs(lines: Sequence[str], manifest: Manifest) -> list[_Spec]:
    path = manifest.source_path
    board = manifest.board

    def find(titles: Sequence[str], after: int, what: str) -> int:
        keys = {_key(title) for title in titles}
        for index in range(after, len(lines)):
            if _key(lines[index]) in keys:
                return index + 1
        raise SourceError(f"{path}: heading of {what} ({titles[0]!r}) not found after line {after}")

    talousarvio = find([_BOARD_TABLES[TALOUSARVIO]], 0, TALOUSARVIO)
    tuloslaskelma = find([_BOARD_TABLES[TULOSLASKELMA]], talousarvio, TULOSLASKELMA)
    area_tables = find([_AREA_TABLES_HEADING], tuloslaskelma, "the service-area tables")
    specs = [
        _Spec(TALOUSARVIO, _BOARD_TABLES[TALOUSARVIO], board, talousarvio),
        _Spec(TULOSLASKELMA, _BOARD_TABLES[TULOSLASKELMA], board, tuloslaskelma),
    ]
    for area in manifest.areas:
        line = find(area.headings, area_tables, area_table_id(area.code))
        # the manifest's first heading is the area's title everywhere (sections, chunks, answers)
        specs.append(_Spec(area_table_id(area.code), area.headings[0], area, line))
    last = max(spec.heading for spec in specs)
    specs.append(_Spec(INVESTOINNIT, _BOARD_TABLES[INVESTOINNIT], board, find([_BOARD_TABLES[INVESTOINNIT]], last, INVESTOINNIT)))
    return sorted(specs, key=lambda spec: spec.heading)


def _tables(lines: Sequence[str], manifest: Manifest, errata: dict[int, list[Erratum]]) -> list[_Table]:
    specs = _specs(lines, manifest)
    stops = [spec.heading for spec in specs[1:]] + [len(lines) + 1]
    return [_scan(lines, spec, stop, manifest, errata) for spec, stop in zip(specs, stops, strict=True)]


def _scan(lines: Sequence[str], spec: _Spec, stop: int, manifest: Manifest, errata: dict[int, list[Erratum]]) -> _Table:
    captions = [_key(text) for text in (spec.area.name, *spec.area.headings)]
    rows: list[_Line] = []
    prose_before = False
    for number in range(spec.heading + 1, stop):
        text = lines[number - 1]
        row = _classify(number, text, captions, _fixed_spans(manifest, number, text, errata))
        if row.kind == "blank":
            continue
        if row.kind == "other":
            if not rows:  # an introduction between the heading and the table ("INVESTOINNIT")
                prose_before = True
                continue
            if text.strip().isupper():  # the next heading ends the table
                break
            raise SourceError(f"{manifest.source_path}:{number}: unrecognised line in table {spec.id!r}: {text.strip()!r}")
        rows.append(row)
    figures = [row.number for row in rows if row.kind in ("value", "row")]
    if not figures:
        raise SourceError(f"{manifest.source_path}:{spec.heading}: table {spec.id!r} has no figures")
    start = rows[0].number if prose_before else spec.heading
    return _Table(TableSpan(spec.id, spec.title, spec.area.code, LineRange(start, figures[-1])), tuple(rows))


def _fixed_spans(manifest: Manifest, number: int, text: str, errata: dict[int, list[Erratum]]) -> list[tuple[int, int, int]]:
    spans = []
    for erratum in errata.get(number, []):
        at = text.find(erratum.printed)
        if at < 0 or text.find(erratum.printed, at + 1) >= 0:
            raise SourceError(
                f"{manifest.source_path}:{number}: erratum {erratum.id!r} expects {erratum.printed!r} "
                f"exactly once on this line; the line reads {text.strip()!r}"
            )
        end = at + len(erratum.printed)
        if text[at - 1 : at].strip() or text[end : end + 1].strip():
            raise SourceError(f"{manifest.source_path}:{number}: erratum {erratum.id!r} text {erratum.printed!r} cuts a word")
        spans.append((at, end, erratum.value))
    return spans


# ---------------------------------------------------------------------------------------------------
# Cells


def parse_cells(lines: Sequence[str], manifest: Manifest, errata: Sequence[Erratum] = ()) -> list[BudgetCell]:
    """Every figure of every budget table, corrected by `errata`, with its printed text and line."""
    by_line: dict[int, list[Erratum]] = {}
    for erratum in errata:
        by_line.setdefault(erratum.line, []).append(erratum)
    cells: list[BudgetCell] = []
    for table in _tables(lines, manifest, by_line):
        cells.extend(_table_cells(table, lines, manifest, by_line))
    applied = {cell.erratum for cell in cells}
    stale = [erratum for erratum in errata if erratum.id not in applied]
    if stale:
        listing = ", ".join(f"{erratum.id!r} (line {erratum.line})" for erratum in stale)
        raise SourceError(f"{manifest.source_path}: errata not in any budget table: {listing}; fix errata.toml")
    return cells


def _table_cells(table: _Table, lines: Sequence[str], manifest: Manifest, errata: dict[int, list[Erratum]]) -> list[BudgetCell]:
    path, span = manifest.source_path, table.span
    columns = _columns(table, lines, manifest)
    # (item, line, figure) in print order: column-wise figures first, then row lines
    found: list[tuple[str, int, PrintedNumber]] = []
    labels = [row for row in table.rows if row.kind == "label"]
    values = [row for row in table.rows if row.kind == "value"]
    if len(values) != len(labels) * len(columns):
        raise SourceError(
            f"{path}:{span.lines.start}-{span.lines.end}: table {span.id!r} lists {len(labels)} labels "
            f"({', '.join(row.item or '' for row in labels)}) but {len(values)} single figures; "
            f"expected {len(labels) * len(columns)} ({len(columns)} columns)"
        )
    for index, row in enumerate(values):
        (figure,) = _read(path, row, lines, 1, errata)
        found.append((labels[index % len(labels)].item or "", row.number, figure))
    for row in table.rows:
        if row.kind == "row":
            found.extend((row.item or "", row.number, figure) for figure in _read(path, row, lines, len(columns), errata))
    items_seen = [item for item, _, _ in found]
    repeated = sorted({item for item in items_seen if items_seen.count(item) != len(columns)})
    if repeated:
        raise SourceError(f"{path}:{span.lines.start}: table {span.id!r} prints {repeated} more than once")
    cells = []
    for index, (item, number, figure) in enumerate(found):
        column = columns[index // len(labels) if index < len(values) else (index - len(values)) % len(columns)]
        erratum = next((e.id for e in errata.get(number, []) if e.printed == figure.printed), None)
        cells.append(
            BudgetCell(
                doc_id=manifest.id, table=span.id, table_title=span.title, area=span.area, item=item,
                column=column, value=figure.value, line=number, section_id=span.id,
                printed=figure.printed, erratum=erratum,
            )
        )
    order = {item: index for index, item in enumerate(dict.fromkeys(items_seen))}
    return sorted(cells, key=lambda cell: (order[cell.item], cell.column))


def _columns(table: _Table, lines: Sequence[str], manifest: Manifest) -> list[Column]:
    labels = [
        Column(year=int(year), kind=kind)  # type: ignore[arg-type]
        for row in table.rows
        if row.kind == "header"
        for kind, year in _COLUMN_LABEL.findall(lines[row.number - 1])
    ]
    if [column.year for column in labels] != list(manifest.years) or len(set(labels)) != len(labels):
        raise SourceError(
            f"{manifest.source_path}:{table.span.lines.start}: table {table.span.id!r} has columns "
            f"{[column.label for column in labels]}; expected one per year {list(manifest.years)}"
        )
    return labels


def _read(path: Path, row: _Line, lines: Sequence[str], count: int, errata: dict[int, list[Erratum]]) -> tuple[PrintedNumber, ...]:
    text = lines[row.number - 1]
    fixed = [
        (text.find(e.printed) - row.values_at, text.find(e.printed) - row.values_at + len(e.printed), e.value)
        for e in errata.get(row.number, [])
    ]
    try:
        figures = split_numbers(text[row.values_at :], count, fixed)
    except RowSplitError as exc:
        raise SourceError(f"{path}:{row.number}: {exc}; if the OCR damaged a figure, add an erratum to errata.toml") from exc
    shift = row.values_at
    return tuple(PrintedNumber(f.printed, f.value, f.start + shift, f.end + shift) for f in figures)
