"""A second plan is a data change: built beside the real one, none of its keys collide with the real plan's.

The made-up plan (tests/fixtures/documents/, never shipped) reuses the real plan's outline ids, the area code
VAKA, its years 2024-2026 and a goal id, so that only the document id tells their records apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest

from corpus.records import Column, qualified, split_key
from corpus.store import Corpus
from tests.conftest import FIXTURE_DOCUMENTS

REAL = "hyvinvointilautakunta-2024"
MADE_UP = "sivistyslautakunta-2025"
PACKAGES = ("corpus", "index", "assistant", "ui", "evals")
REPO = Path(__file__).resolve().parents[2]


def _repeated(keys: Iterable[str]) -> list[str]:
    return sorted(key for key, count in Counter(keys).items() if count > 1)


def test_both_documents_are_loaded(two_document_corpus: Corpus) -> None:
    assert [document.id for document in two_document_corpus.documents] == [REAL, MADE_UP]


@pytest.mark.parametrize("records", ["sections", "cells", "goals", "chunks", "units", "gazetteer"])
def test_no_key_collides_across_documents(two_document_corpus: Corpus, records: str) -> None:
    items = getattr(two_document_corpus, records)
    assert {item.doc_id for item in items} == {REAL, MADE_UP}
    assert _repeated(item.key for item in items) == []


@pytest.mark.parametrize(
    ("records", "local"),
    [
        ("sections", lambda s: s.id),
        ("cells", lambda c: (c.table, c.area, c.item, c.column)),
        ("goals", lambda g: g.id),
    ],
)
def test_the_fixture_really_repeats_local_ids(two_document_corpus: Corpus, records: str, local) -> None:
    """Without the document id these keys would collide: the test above proves something."""
    by_doc = {doc: {local(r) for r in getattr(two_document_corpus, records) if r.doc_id == doc} for doc in (REAL, MADE_UP)}
    assert by_doc[REAL] & by_doc[MADE_UP]


def test_chroma_ids_are_unique_across_documents(two_document_corpus: Corpus) -> None:
    ids = [chunk.id for chunk in two_document_corpus.chunks] + [unit.id for unit in two_document_corpus.units]
    assert _repeated(ids) == []
    assert all(chunk.id.startswith(f"{chunk.doc_id}:") for chunk in two_document_corpus.chunks)


@pytest.mark.parametrize("doc_id", [REAL, MADE_UP])
def test_each_documents_sections_are_found_under_its_own_id(two_document_corpus: Corpus, doc_id: str) -> None:
    document = two_document_corpus.document(doc_id)
    for section in document.sections:
        assert two_document_corpus.section(section.id, doc_id) == section
        assert two_document_corpus.section(section.key) == section
        assert split_key(section.key) == (doc_id, section.id)


def test_a_bare_id_is_found_when_one_document_has_it_and_ambiguous_when_both_do(two_document_corpus: Corpus) -> None:
    assert two_document_corpus.section("palvelualuelaskelmat/hyte").doc_id == REAL
    assert two_document_corpus.section("palvelualuelaskelmat/kult").doc_id == MADE_UP
    with pytest.raises(KeyError, match=re.escape(qualified(MADE_UP, "palvelualuelaskelmat/vaka"))):
        two_document_corpus.section("palvelualuelaskelmat/vaka")
    with pytest.raises(KeyError, match="no document 'ei-tallaista'"):
        two_document_corpus.section("palvelualuelaskelmat/vaka", "ei-tallaista")
    with pytest.raises(KeyError, match="no section"):
        two_document_corpus.section(qualified("ei-tallaista", "kuvaus"))


def test_each_documents_figures_are_read_under_its_own_key(two_document_corpus: Corpus) -> None:
    cells = {cell.key: cell for cell in two_document_corpus.cells}
    assert len(cells) == len(two_document_corpus.cells)
    made_up = cells[qualified(MADE_UP, "palvelualuelaskelmat/vaka/VAKA/Henkilöstökulut/TA 2024")]
    real = cells[qualified(REAL, "palvelualuelaskelmat/vaka/VAKA/Henkilöstökulut/TA 2024")]
    assert (made_up.value, made_up.doc_id, made_up.column) == (-950_000, MADE_UP, Column(2024, "TA"))
    assert real.doc_id == REAL and real.value != made_up.value
    # the made-up plan's own years: a TS 2027 column only it has
    assert qualified(MADE_UP, "tuloslaskelma/TOIMIALA/Toimintakate/TS 2027") in cells
    assert not any(key.startswith(REAL) and key.endswith("TS 2027") for key in cells)


def test_each_documents_goals_are_found_under_its_own_key(two_document_corpus: Corpus) -> None:
    goals = {goal.key: goal for goal in two_document_corpus.goals}
    made_up = goals[qualified(MADE_UP, "hyvinvoinnin-kasvu/vaka")]
    real = goals[qualified(REAL, "hyvinvoinnin-kasvu/vaka")]
    assert made_up.goal == "Jokainen lapsi saa paikan läheltä kotiaan."
    assert made_up.owners == ("Varhaiskasvatusjohtaja",)
    assert real.goal != made_up.goal
    assert two_document_corpus.section(made_up.section_key).doc_id == MADE_UP


def test_units_point_at_their_own_documents_goal(two_document_corpus: Corpus) -> None:
    goals = {goal.key for goal in two_document_corpus.goals}
    fields = [unit for unit in two_document_corpus.units if unit.kind == "goal"]
    assert {qualified(unit.doc_id, unit.ref) for unit in fields} == goals


def test_adding_the_plan_needed_no_code() -> None:
    """Nothing in the packages names the made-up plan, its town or its own area: it is all in its folder."""
    (folder,) = [path for path in FIXTURE_DOCUMENTS.iterdir() if path.is_dir()]
    words = (MADE_UP, "Esimerkkilä", "Esimerkkila", "Sivistyslautakun", "KULT", "Tähtitalo")
    named = [
        f"{path.relative_to(REPO)}: {word}"
        for package in PACKAGES
        for path in (REPO / package).rglob("*.py")
        for word in words
        if word in path.read_text(encoding="utf-8")
    ]
    assert named == []
    assert {path.name for path in folder.iterdir()} >= {"manifest.toml", "lexicon.toml", "goals.toml", "source.txt"}
