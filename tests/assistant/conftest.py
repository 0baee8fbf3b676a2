"""Fixtures for the assistant's tool tests: hand-made budget cells and goals, and the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.build import build_document
from corpus.errors import ArtifactsMissing
from corpus.manifest import DOCUMENTS_DIR, discover_manifests
from corpus.records import BudgetCell, Column, Goal, LineRange
from corpus.store import Corpus, load_corpus, load_document

COLUMNS = (Column(2022, "TP"), Column(2023, "TA"), Column(2024, "TA"), Column(2025, "TS"), Column(2026, "TS"))


def row(table: str, area: str, item: str, values: tuple[int, ...], line: int, section_id: str | None = None) -> list[BudgetCell]:
    """One table row as cells, one per column, all printed on `line`."""
    return [
        BudgetCell(
            doc_id="doc",
            table=table,
            table_title=table.title(),
            area=area,
            item=item,
            column=column,
            value=value,
            line=line,
            section_id=section_id or table,
            printed=str(value),
        )
        for column, value in zip(COLUMNS, values, strict=True)
    ]


@pytest.fixture(scope="session")
def sample_cells() -> list[BudgetCell]:
    """A small plan: the board's budget and investments, two service areas (HYTE lacks Maksutuotot)."""
    return [
        *row("talousarvio", "TOIMIALA", "Tulot", (3065621, 2876600, 2688600, 2265600, 2274400), 151),
        *row("talousarvio", "TOIMIALA", "Menot", (-31791870, -32839500, -32611450, -33346600, -34378200), 152),
        *row("talousarvio", "TOIMIALA", "Netto", (-28726249, -29962900, -29922850, -31081000, -32103800), 153),
        *row("tuloslaskelma", "TOIMIALA", "Henkilöstökulut", (-18964212, -19356600, -19327000, -20027800, -20592300), 168),
        *row("palvelualuelaskelmat/vaka", "VAKA", "Maksutuotot", (423652, 380000, 260000, 256000, 256000), 460),
        *row("palvelualuelaskelmat/vaka", "VAKA", "Henkilöstökulut", (-5903322, -6211300, -5974300, -6059200, -6246500), 466),
        *row("palvelualuelaskelmat/vaka", "VAKA", "Toimintakulut", (-8448544, -8989400, -8409500, -8502000, -8721800), 527),
        *row("palvelualuelaskelmat/hyte", "HYTE", "Henkilöstökulut", (-336252, -458200, -463600, -476300, -490300), 212),
        *row("palvelualuelaskelmat/hyte", "HYTE", "Toimintakulut", (-519728, -683200, -709000, -725200, -732000), 217),
        *row("palvelualuelaskelmat/hyte", "HYTE", "Rahoitustuotot ja -kulut", (-1, 0, 0, 5, -5), 218),
        *row("investoinnit/taulukko", "TOIMIALA", "Menot", (-19, -319000, -270000, -70000, -235000), 567),
    ]


def goal(goal_id: str, area: str, text: str, targets: tuple[str, ...], metrics: tuple[str, ...], owners: tuple[str, ...],
         aim: str = "Hyvinvoinnin kasvu", sub_aims: tuple[str, ...] = ("Toimiva arki",), lines: tuple[int, int] = (1, 2)) -> Goal:
    return Goal(
        doc_id="doc", id=goal_id, strategic_aim=aim, sub_aims=sub_aims, area=area, goal=text, target_level=targets,
        metrics=metrics, owners=owners, lines=LineRange(*lines), section_id="tavoitteet/taulukko",
    )


@pytest.fixture(scope="session")
def sample_goals() -> list[Goal]:
    """Four goals in the shape of the grid, with invented wording so that tests cannot lean on the real plan."""
    return [
        goal("a/vire", "VIRE", "Uimakoulujen tarjonnan laajentaminen", ("Jokainen kolmasluokkalainen oppii uimaan.",),
             ("uimataitoisten osuus kolmasluokkalaisista",), ("Palvelualuejohtaja, Virikkeellinen elämä", "Uintipäällikkö")),
        goal("a/opkou", "OPKOU", "Lukutaidon vahvistaminen alakouluissa", ("Lukudiplomin suorittaa puolet oppilaista.",),
             ("lukudiplomien määrä",), ("Koulutusjohtaja",)),
        goal("b/opkou", "OPKOU", "Koulukiusaamisen vähentäminen", ("Kiusaamiskyselyn tulokset paranevat.",),
             ("kouluterveyskyselyn kiusaamisosuus",), ("Koulutusjohtaja",), aim="Vahva kaupunkiyhteisö",
             sub_aims=("Osallisuuden vahvistaminen",)),
        goal("b/vaka", "VAKA", "Päiväkotien ruokahävikin puolittaminen", ("Hävikki puolittuu vuoden aikana.",),
             ("biojätteen kilomäärä kuukaudessa",), ("Varhaiskasvatusjohtaja",), aim="Kestävä talous",
             sub_aims=("Käyttötalouden tasapaino",)),
    ]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The real corpus; built into a temporary folder when its committed artifacts are not there yet."""
    try:
        return load_corpus()
    except ArtifactsMissing:
        documents = []
        for manifest in discover_manifests(DOCUMENTS_DIR):
            out = Path(tmp_path_factory.mktemp("derived")) / manifest.id
            build_document(manifest, out_dir=out)
            documents.append(load_document(manifest, out))
        return Corpus(documents=tuple(documents))
