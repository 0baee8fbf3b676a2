"""Accounting identities: all hold on the parsed tables, and damaging any figure breaks one."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from corpus.budget import parse_cells
from corpus.errata import load_errata
from corpus.identities import TOLERANCE, IdentityCheck, check_identities
from corpus.manifest import DOCUMENTS_DIR, Manifest, load_manifest
from corpus.records import BudgetCell, Column

FOLDER = DOCUMENTS_DIR / "hyvinvointilautakunta-2024"
NAMES = [
    "toimintatuotot", "toimintakulut", "toimintakate", "vuosikate", "tilikauden-tulos", "netto",
    "palvelualueet-yhteensa", "talousarvio-tuloslaskelma",
]


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    return load_manifest(FOLDER)


@pytest.fixture(scope="module")
def cells(manifest: Manifest) -> list[BudgetCell]:
    return parse_cells(manifest.read_source_lines(), manifest, load_errata(FOLDER / "errata.toml"))


@pytest.fixture(scope="module")
def checks(cells: list[BudgetCell], manifest: Manifest) -> list[IdentityCheck]:
    return check_identities(cells, manifest)


def test_every_identity_holds(checks: list[IdentityCheck]) -> None:
    failed = [check for check in checks if not check.ok]
    assert failed == []
    assert all(abs(check.difference) <= TOLERANCE for check in checks)


def test_every_kind_of_identity_is_checked(checks: list[IdentityCheck]) -> None:
    counts = Counter(check.name for check in checks)
    assert sorted(counts) == sorted(NAMES)
    # every line item and column of the board's tuloslaskelma is compared with the four areas
    assert counts["palvelualueet-yhteensa"] == 16 * 5
    assert counts["talousarvio-tuloslaskelma"] == 3 * 5
    assert len(checks) == 220


def test_areas_without_a_line_count_it_as_zero(checks: list[IdentityCheck]) -> None:
    # HYTE prints no Maksutuotot and no Vuosikate; the board totals still add up
    (maksu,) = [c for c in checks if c.name == "palvelualueet-yhteensa" and c.item == "Maksutuotot"
                and c.column == Column.parse("TA 2024")]
    assert maksu.ok and maksu.terms == ("HYTE", "OPKOU", "VAKA", "VIRE") and maksu.expected == maksu.actual


def damage(cells: list[BudgetCell], target: tuple[str, str, str, Column], amount: int) -> list[BudgetCell]:
    return [
        replace(cell, value=cell.value + amount) if (cell.table, cell.area, cell.item, cell.column) == target else cell
        for cell in cells
    ]


@pytest.mark.parametrize("name", NAMES)
def test_damaging_the_checked_figure_breaks_the_identity(
    cells: list[BudgetCell], manifest: Manifest, checks: list[IdentityCheck], name: str
) -> None:
    check = next(c for c in checks if c.name == name and c.difference == 0)
    target = (check.table, check.area, check.item, check.column)
    again = check_identities(damage(cells, target, TOLERANCE + 1), manifest)
    (broken,) = [c for c in again if (c.name, c.table, c.area, c.item, c.column) == (name, *target)]
    assert not broken.ok and broken.difference == TOLERANCE + 1


@pytest.mark.parametrize(
    ("table", "area", "item", "column", "broken"),
    [
        # a line inside an area table breaks the area's sum and the board's area total
        ("palvelualuelaskelmat/hyte", "HYTE", "Myyntituotot", "TA 2024", {"toimintatuotot", "palvelualueet-yhteensa"}),
        ("palvelualuelaskelmat/vaka", "VAKA", "Poistot ja arvonalentumiset", "TS 2026",
         {"tilikauden-tulos", "palvelualueet-yhteensa"}),
        # a board total breaks its sum, the next subtotal, the areas' total and the talousarvio
        ("tuloslaskelma", "TOIMIALA", "Toimintakulut", "TP 2022",
         {"toimintakulut", "toimintakate", "palvelualueet-yhteensa", "talousarvio-tuloslaskelma"}),
        ("talousarvio", "TOIMIALA", "Tulot", "TS 2025", {"netto", "talousarvio-tuloslaskelma"}),
        ("investoinnit/taulukko", "TOIMIALA", "Netto", "TA 2023", {"netto"}),
    ],
)
def test_damaging_a_term_breaks_the_identities_that_use_it(
    cells: list[BudgetCell], manifest: Manifest, table: str, area: str, item: str, column: str, broken: set[str]
) -> None:
    target = (table, area, item, Column.parse(column))
    assert any((c.table, c.area, c.item, c.column) == target for c in cells)
    failed = {c.name for c in check_identities(damage(cells, target, 1000), manifest) if not c.ok}
    assert failed == broken


def test_within_tolerance_is_ok(cells: list[BudgetCell], manifest: Manifest, checks: list[IdentityCheck]) -> None:
    check = next(c for c in checks if c.name == "toimintakate" and c.difference == 0)
    target = (check.table, check.area, check.item, check.column)
    again = check_identities(damage(cells, target, TOLERANCE), manifest)
    (same,) = [c for c in again if (c.name, c.table, c.area, c.item, c.column) == (check.name, *target)]
    assert same.ok and same.difference == TOLERANCE


def test_checks_carry_their_provenance(checks: list[IdentityCheck], cells: list[BudgetCell]) -> None:
    (opkou,) = [c for c in checks if c.name == "toimintakulut" and c.area == "OPKOU" and c.column == Column.parse("TP 2022")]
    lines = {cell.line for cell in cells if cell.area == "OPKOU" and cell.column == Column.parse("TP 2022")
             and cell.item in ("Toimintakulut", *opkou.terms)}
    assert set(opkou.lines) == lines and opkou.lines[0] == 336
    assert opkou.terms == ("Henkilöstökulut", "Palvelujen ostot", "Aineet, tarvikkeet ja tavarat", "Avustukset",
                           "Muut toimintakulut")
