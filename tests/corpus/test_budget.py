"""Budget tables: both OCR layouts parse into typed cells; errata correct damage; bad input names its line."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.budget import ITEMS, RowSplitError, locate_tables, parse_cells, split_numbers
from corpus.errata import Erratum, load_errata
from corpus.errors import ManifestError, SourceError
from corpus.identities import check_identities
from corpus.manifest import DOCUMENTS_DIR, Manifest, load_manifest
from corpus.records import BudgetCell, Column

FOLDER = DOCUMENTS_DIR / "hyvinvointilautakunta-2024"


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    return load_manifest(FOLDER)


@pytest.fixture(scope="module")
def lines(manifest: Manifest) -> list[str]:
    return manifest.read_source_lines()


@pytest.fixture(scope="module")
def errata() -> tuple[Erratum, ...]:
    return load_errata(FOLDER / "errata.toml")


@pytest.fixture(scope="module")
def cells(lines: list[str], manifest: Manifest, errata: tuple[Erratum, ...]) -> list[BudgetCell]:
    return parse_cells(lines, manifest, errata)


def find(cells: list[BudgetCell], table: str, item: str, column: str) -> BudgetCell:
    (cell,) = [c for c in cells if (c.table, c.item, c.column) == (table, item, Column.parse(column))]
    return cell


# --- locating -------------------------------------------------------------------------------------


def test_tables_are_found_in_print_order(lines: list[str], manifest: Manifest) -> None:
    spans = locate_tables(lines, manifest)
    assert [(s.id, s.area) for s in spans] == [
        ("talousarvio", "TOIMIALA"),
        ("tuloslaskelma", "TOIMIALA"),
        ("palvelualuelaskelmat/hyte", "HYTE"),
        ("palvelualuelaskelmat/opkou", "OPKOU"),
        ("palvelualuelaskelmat/vaka", "VAKA"),
        ("palvelualuelaskelmat/vire", "VIRE"),
        ("investoinnit/taulukko", "TOIMIALA"),
    ]
    assert all(a.lines.end < b.lines.start for a, b in pairwise(spans))


@pytest.mark.parametrize(
    ("table", "title", "first", "last"),
    [  # an area table takes the area's first manifest heading as its title
        ("talousarvio", "Valtuuston hyväksymä talousarvio", 147, 153),
        ("tuloslaskelma", "Tuloslaskelma, nettositovuus", 155, 178),
        ("palvelualuelaskelmat/hyte", "Hyvinvoinnin ja terveyden edistämisen palvelualue", 182, 280),
        ("palvelualuelaskelmat/opkou", "Opetus- ja koulutuspalvelut", 282, 427),
        ("palvelualuelaskelmat/vaka", "Varhaiskasvatuspalvelut", 429, 532),
        ("palvelualuelaskelmat/vire", "Virikkeellinen elämä - palvelualue", 534, 555),
        # the INVESTOINNIT heading introduces prose; the table itself starts at its caption
        ("investoinnit/taulukko", "Investoinnit", 562, 568),
    ],
)
def test_span_runs_from_title_to_last_figure(
    lines: list[str], manifest: Manifest, table: str, title: str, first: int, last: int
) -> None:
    (span,) = [s for s in locate_tables(lines, manifest) if s.id == table]
    assert (span.title, span.lines.start, span.lines.end) == (title, first, last)
    assert re.search(r"\d", lines[last - 1])


# --- parsing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "rows"),
    [
        ("talousarvio", 3),
        ("tuloslaskelma", 16),
        ("palvelualuelaskelmat/hyte", 11),
        ("palvelualuelaskelmat/opkou", 16),
        ("palvelualuelaskelmat/vaka", 16),
        ("palvelualuelaskelmat/vire", 14),
        ("investoinnit/taulukko", 2),
    ],
)
def test_cell_count_per_table(cells: list[BudgetCell], table: str, rows: int) -> None:
    table_cells = [c for c in cells if c.table == table]
    assert len(table_cells) == rows * 5
    assert Counter(c.item for c in table_cells) == {item: 5 for item in {c.item for c in table_cells}}


def test_row_layout_prints_five_figures_per_line(cells: list[BudgetCell]) -> None:
    rows = Counter(c.line for c in cells if c.table == "tuloslaskelma")
    assert len(rows) == 16 and set(rows.values()) == {5}


def test_column_layout_prints_one_figure_per_line(cells: list[BudgetCell]) -> None:
    opkou = [c for c in cells if c.table == "palvelualuelaskelmat/opkou"]
    assert len({c.line for c in opkou}) == len(opkou) == 80
    # column after column: every TP 2022 figure is printed before any TA 2023 figure
    by_column = sorted(opkou, key=lambda c: c.line)
    assert [c.column for c in by_column] == sorted(c.column for c in opkou)


def test_vaka_mixes_both_layouts(cells: list[BudgetCell]) -> None:
    vaka = [c for c in cells if c.table == "palvelualuelaskelmat/vaka"]
    per_item = {item: len({c.line for c in vaka if c.item == item}) for item in dict.fromkeys(c.item for c in vaka)}
    column_wise = [item for item, count in per_item.items() if count == 5]
    row_wise = [item for item, count in per_item.items() if count == 1]
    assert len(column_wise) == 10 and column_wise[-1] == "Muut toimintakulut"
    assert row_wise == ["Toimintakulut", "Toimintakate", "Rahoitustuotot ja -kulut", "Vuosikate",
                        "Poistot ja arvonalentumiset", "Tilikauden tulos"]


@pytest.mark.parametrize(
    ("table", "item", "column", "printed", "value"),
    [
        ("talousarvio", "Menot", "TP 2022", "-31791870", -31_791_870),
        ("talousarvio", "Menot", "TA 2024", "-32 611450", -32_611_450),
        ("talousarvio", "Netto", "TP 2022", "-28726 249", -28_726_249),
        ("talousarvio", "Tulot", "TS 2026", "2 274 400", 2_274_400),
        ("tuloslaskelma", "Tuet ja avustukset", "TP 2022", "1073 392", 1_073_392),
        ("tuloslaskelma", "Tuet ja avustukset", "TS 2025", "764 400", 764_400),
        ("tuloslaskelma", "Henkilöstökulut", "TA 2024", "-19 327 000", -19_327_000),
        ("tuloslaskelma", "Muut toimintakulut", "TS 2025", "-6 325900", -6_325_900),
        ("tuloslaskelma", "Rahoitustuotot ja -kulut", "TA 2023", "0", 0),
        ("palvelualuelaskelmat/hyte", "Myyntituotot", "TP 2022", "35 282", 35_282),
        ("palvelualuelaskelmat/hyte", "Avustukset", "TS 2026", "-71 000", -71_000),
        ("palvelualuelaskelmat/hyte", "Tilikauden tulos", "TA 2024", "-558 300", -558_300),
        ("palvelualuelaskelmat/opkou", "Toimintatuotot", "TP 2022", "1358 167", 1_358_167),
        ("palvelualuelaskelmat/opkou", "Henkilöstökulut", "TA 2023", "-11179 600", -11_179_600),
        ("palvelualuelaskelmat/opkou", "Rahoitustuotot ja -kulut", "TP 2022", "-5", -5),
        ("palvelualuelaskelmat/opkou", "Poistot ja arvonalentumiset", "TS 2026", "-70 800", -70_800),
        ("palvelualuelaskelmat/vaka", "Myyntituotot", "TA 2024", "0", 0),
        ("palvelualuelaskelmat/vaka", "Myyntituotot", "TS 2025", "1000", 1_000),
        ("palvelualuelaskelmat/vaka", "Palvelujen ostot", "TA 2023", "-1228 000", -1_228_000),
        ("palvelualuelaskelmat/vaka", "Vuosikate", "TS 2025", "-8 021700", -8_021_700),
        ("palvelualuelaskelmat/vire", "Muut toimintatuotot", "TA 2023", "61500", 61_500),
        ("palvelualuelaskelmat/vire", "Toimintakulut", "TS 2026", "-5099 700", -5_099_700),
        ("investoinnit/taulukko", "Menot", "TP 2022", "-19", -19),
        ("investoinnit/taulukko", "Netto", "TS 2026", "-235 000", -235_000),
    ],
)
def test_sample_cells_match_the_printed_text(
    cells: list[BudgetCell], lines: list[str], table: str, item: str, column: str, printed: str, value: int
) -> None:
    cell = find(cells, table, item, column)
    assert (cell.printed, cell.value, cell.erratum) == (printed, value, None)
    assert printed in lines[cell.line - 1]


def test_every_cell_is_typed_and_traceable(cells: list[BudgetCell], lines: list[str], manifest: Manifest) -> None:
    codes = {manifest.board.code, *(area.code for area in manifest.areas)}
    for cell in cells:
        assert cell.item in ITEMS and cell.area in codes and cell.section_id == cell.table
        assert cell.doc_id == manifest.id and cell.column.year in manifest.years
        assert cell.printed in lines[cell.line - 1]
        if cell.erratum is None:  # an uncorrected figure is its printed digits, nothing more
            digits = re.sub(r"[^\d]", "", cell.printed)
            assert int(digits) == abs(cell.value) and cell.printed.startswith("-") == (cell.value < 0)


@pytest.mark.parametrize(
    ("table", "label"),
    [
        ("tuloslaskelma", "Henkiléstokulut"),  # row layout, ö read as é
        ("palvelualuelaskelmat/vaka", "Henkilostékulut"),  # column layout, ö read as é
        ("palvelualuelaskelmat/opkou", "Henkilostokulut"),  # only the diacritics lost
    ],
)
def test_ocr_variants_of_a_label_map_to_the_canonical_item(
    cells: list[BudgetCell], lines: list[str], manifest: Manifest, table: str, label: str
) -> None:
    (span,) = [s for s in locate_tables(lines, manifest) if s.id == table]
    assert any(line.strip().startswith(label) for line in lines[span.lines.start - 1 : span.lines.end])
    assert len([c for c in cells if c.table == table and c.item == "Henkilöstökulut"]) == 5


# --- errata ---------------------------------------------------------------------------------------


def test_each_erratum_is_applied_once(cells: list[BudgetCell], errata: tuple[Erratum, ...]) -> None:
    assert len(errata) == 6
    for erratum in errata:
        (cell,) = [c for c in cells if c.erratum == erratum.id]
        assert (cell.line, cell.printed, cell.value) == (erratum.line, erratum.printed, erratum.value)


@pytest.mark.parametrize("erratum", load_errata(FOLDER / "errata.toml"), ids=lambda e: e.id)
def test_erratum_proof_holds(cells: list[BudgetCell], manifest: Manifest, erratum: Erratum) -> None:
    (cell,) = [c for c in cells if c.erratum == erratum.id]
    checks = check_identities(cells, manifest)
    grouped = f"{abs(erratum.value):,}".replace(",", " ")
    assert grouped in erratum.proof  # the written proof talks about the corrected figure
    for name in erratum.checks:
        involved = [c for c in checks if c.name == name and c.column == cell.column and cell.line in c.lines]
        assert involved and all(c.ok for c in involved), (name, involved)


@pytest.mark.parametrize("erratum", load_errata(FOLDER / "errata.toml"), ids=lambda e: e.id)
def test_without_its_erratum_the_figure_is_an_error(
    lines: list[str], manifest: Manifest, errata: tuple[Erratum, ...], erratum: Erratum
) -> None:
    others = [e for e in errata if e.id != erratum.id]
    try:
        cells = parse_cells(lines, manifest, others)
    except SourceError as exc:  # unreadable: the parse names the line
        assert f"source.txt:{erratum.line}:" in str(exc) and "erratum" in str(exc)
        return
    # readable but wrong ("-1" for "-11"): an identity through that line fails
    assert any(not c.ok and erratum.line in c.lines for c in check_identities(cells, manifest))


def test_stale_erratum_is_an_error(lines: list[str], manifest: Manifest, errata: tuple[Erratum, ...]) -> None:
    moved = replace(errata[0], line=errata[0].line + 1)
    with pytest.raises(SourceError, match=rf"source\.txt:{moved.line}: erratum '{moved.id}' expects"):
        parse_cells(lines, manifest, [moved, *errata[1:]])
    outside = Erratum("prose", 6, "kaikkien", 1, "no proof", ("toimintakate",))
    with pytest.raises(SourceError, match=r"errata not in any budget table: 'prose' \(line 6\)"):
        parse_cells(lines, manifest, [*errata, outside])


def test_malformed_errata_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "errata.toml"
    path.write_text('[[erratum]]\nid = "x"\nline = "12"\n', encoding="utf-8")
    with pytest.raises(ManifestError, match=r"errata.toml: erratum 'x': 'line' must be a int"):
        load_errata(path)
    assert load_errata(tmp_path / "missing.toml") == ()


# --- bad input ------------------------------------------------------------------------------------


def damaged(lines: list[str], line: int, text: str) -> list[str]:
    copy = list(lines)
    copy[line - 1] = text
    return copy


@pytest.mark.parametrize(
    ("line", "text", "message"),
    [
        (208, "35 2B2", r"source\.txt:208: unreadable figure '2B2'"),
        # a lost figure: positive groups could still make five, but no reading stands out
        (151, "TULOT 3 065 621 2 876 600 2 688 600 2 265 600", r"source\.txt:151: .* is ambiguous"),
        (152, "MENOT -31791870 -32839500 -32611450 -33346600", r"source\.txt:152: expected 5 figures, but .* reads as 4"),
        (152, "MENOT -31791870 -32 839 500 -32 611450 -33 346 600 -34 378 200 -1", r"source\.txt:152: .* reads as 6"),
        (162, "Kummajaiset 916 309 896 000 728 800 792 800 792 800", r"source\.txt:162: unrecognised line"),
        (209, "", r"source\.txt:182-280: table 'palvelualuelaskelmat/hyte' lists 11 labels .* expected 55"),
        (330, "-11 226 038 -5", r"source\.txt:330: expected 1 figures"),
    ],
)
def test_bad_input_names_the_line(
    lines: list[str], manifest: Manifest, errata: tuple[Erratum, ...], line: int, text: str, message: str
) -> None:
    with pytest.raises(SourceError, match=message):
        parse_cells(damaged(lines, line, text), manifest, errata)


def test_unparseable_figure_without_erratum_is_an_error(lines: list[str], manifest: Manifest) -> None:
    with pytest.raises(SourceError, match=r"source\.txt:174: unreadable figure '=29'.*add an erratum"):
        parse_cells(lines, manifest, ())


def test_missing_table_heading_is_an_error(lines: list[str], manifest: Manifest) -> None:
    with pytest.raises(SourceError, match=r"heading of investoinnit/taulukko \('Investoinnit'\) not found"):
        locate_tables(damaged(lines, 557, "INVESTOINTEJA"), manifest)


# --- the row splitter -----------------------------------------------------------------------------


def ocr_print(number: int, merges: list[bool]) -> str:
    """`number` with Finnish digit groups, some of them merged the way the OCR does."""
    groups = f"{abs(number):,}".split(",")
    text = groups[0]
    for group, merge in zip(groups[1:], merges + [False] * len(groups), strict=False):
        text += group if merge else " " + group
    return ("-" if number < 0 else "") + text


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("1073 392 1173 400 1256 400 764 400 773 200", [1_073_392, 1_173_400, 1_256_400, 764_400, 773_200]),
        ("960 796 712 500 620 000 621 000 621 000", [960_796, 712_500, 620_000, 621_000, 621_000]),
        ("-28726 249 -29962900 -29 922850 -31081000 -32103 800",
         [-28_726_249, -29_962_900, -29_922_850, -31_081_000, -32_103_800]),
        ("-1 0 0 0 0", [-1, 0, 0, 0, 0]),
    ],
)
def test_split_examples(text: str, values: list[int]) -> None:
    assert [n.value for n in split_numbers(text, 5)] == values


def test_split_reports_ambiguity() -> None:
    with pytest.raises(RowSplitError, match="ambiguous"):
        split_numbers("100 200 300 400 500 600", 5)


def test_split_keeps_fixed_figures_whole() -> None:
    text = "-28 726 249 =29 922 850 -31081000"
    start = text.index("=")
    numbers = split_numbers(text, 3, [(start, start + len("=29 922 850"), -29_922_850)])
    assert [(n.printed, n.value) for n in numbers] == [
        ("-28 726 249", -28_726_249), ("=29 922 850", -29_922_850), ("-31081000", -31_081_000),
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 -=x", max_size=60))
def test_split_never_crashes(text: str) -> None:
    try:
        numbers = split_numbers(text, 5)
    except RowSplitError as exc:
        assert str(exc)
        return
    assert len(numbers) == 5
    assert all(text[n.start : n.end] == n.printed for n in numbers)
    assert all(a.end < b.start for a, b in pairwise(numbers))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-10**9, -1), min_size=5, max_size=5), st.lists(st.booleans(), max_size=8))
def test_split_recovers_negative_figures(values: list[int], merges: list[bool]) -> None:
    text = " ".join(ocr_print(value, merges) for value in values)
    assert [n.value for n in split_numbers(text, 5)] == values


@settings(max_examples=200, deadline=None)
@given(st.integers(4, 9).flatmap(lambda d: st.lists(st.integers(10 ** (d - 1), 10**d - 1), min_size=5, max_size=5)),
       st.lists(st.booleans(), max_size=8))
def test_split_recovers_positive_figures_of_one_magnitude(values: list[int], merges: list[bool]) -> None:
    text = " ".join(ocr_print(value, merges) for value in values)
    assert [n.value for n in split_numbers(text, 5)] == values
