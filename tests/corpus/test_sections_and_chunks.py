"""The section tree tiles the document, and chunks stay inside sections at a retrievable size."""

from __future__ import annotations

import pytest

from corpus.chunks import MAX_CHARS, MIN_CHARS, sentences
from corpus.store import Corpus, Document, load_corpus

EXPECTED_SECTION_IDS = {
    "otsikko", "kuvaus", "kuvaus/toimiala", "kuvaus/hyte", "kuvaus/opkou", "kuvaus/vaka", "kuvaus/vire",
    "toimintaymparisto", "toimintaymparisto/hyte", "toimintaymparisto/opkou", "toimintaymparisto/vaka",
    "toimintaymparisto/vire", "painopisteet", "painopisteet/hyte", "painopisteet/opkou", "painopisteet/vaka",
    "painopisteet/vire", "talousarvio", "tuloslaskelma", "palvelualuelaskelmat", "palvelualuelaskelmat/hyte",
    "palvelualuelaskelmat/opkou", "palvelualuelaskelmat/vaka", "palvelualuelaskelmat/vire", "investoinnit",
    "investoinnit/taulukko", "tavoitteet", "tavoitteet/taulukko",
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def document(corpus: Corpus) -> Document:
    return corpus.document("hyvinvointilautakunta-2024")


def test_section_ids_are_the_stable_contract(document: Document) -> None:
    assert {section.id for section in document.sections} == EXPECTED_SECTION_IDS


def test_every_line_belongs_to_exactly_one_section(document: Document) -> None:
    owners = [0] * (len(document.original_lines) + 1)
    for section in document.sections:
        for line in range(section.lines.start, section.lines.end + 1):
            owners[line] += 1
    assert owners[1:] == [1] * len(document.original_lines)


def test_parents_exist_and_paths_end_in_titles(document: Document) -> None:
    ids = {section.id for section in document.sections}
    for section in document.sections:
        assert section.path[-1] == section.title
        if section.parent_id is not None:
            assert section.parent_id in ids
            assert section.path[0] == document.section(section.parent_id).title


@pytest.mark.parametrize(
    ("section_id", "title"),
    [
        ("toimintaymparisto/vaka", "Toimintaympäristö ja sen muutokset › Varhaiskasvatuspalvelut"),
        ("kuvaus/vire", "Kuvaus toimialan ja palvelualueiden toiminnasta ja tarkoituksesta › Virikkeellinen elämä - palvelualue"),
        ("palvelualuelaskelmat/opkou", "Palvelualuettaiset laskelmat › Opetus- ja koulutuspalvelut"),
    ],
)
def test_section_paths_are_finnish(document: Document, section_id: str, title: str) -> None:
    assert document.section(section_id).path_text == title


def test_tables_and_grid_are_their_own_sections(document: Document) -> None:
    kinds = {section.id: section.kind for section in document.sections}
    for cell in document.cells:
        assert kinds[cell.section_id] == "table"
        assert cell.line in document.section(cell.section_id).lines
    for goal in document.goals:
        assert kinds[goal.section_id] == "goals"
        section = document.section(goal.section_id)
        assert section.lines.start <= goal.lines.start and goal.lines.end <= section.lines.end


def test_chunks_never_cross_sections(document: Document) -> None:
    for chunk in document.chunks:
        section = document.section(chunk.section_id)
        assert section.lines.start <= chunk.lines.start <= chunk.lines.end <= section.lines.end, chunk.id
        assert chunk.section_path == section.path


def test_chunk_sizes_suit_a_small_embedding_model(document: Document) -> None:
    prose = [chunk for chunk in document.chunks if chunk.kind == "prose"]
    assert all(len(chunk.text) <= MAX_CHARS for chunk in document.chunks)
    in_range = [chunk for chunk in prose if MIN_CHARS <= len(chunk.text) <= MAX_CHARS]
    assert len(in_range) / len(prose) >= 0.6  # short sections may only have a short chunk


def test_every_prose_sentence_is_in_a_chunk(document: Document) -> None:
    texts = {chunk.section_id: [] for chunk in document.chunks}
    for chunk in document.chunks:
        texts[chunk.section_id].append(chunk.text)
    for section in document.sections:
        if section.kind != "prose":
            continue
        for sentence in sentences(document.repaired_lines, section):
            assert any(sentence.text in text for text in texts.get(section.id, [])), (section.id, sentence.text)


def test_chunk_sentences_end_at_sentence_boundaries(document: Document) -> None:
    for chunk in document.chunks:
        if chunk.kind == "prose" and len(chunk.text) > 120:
            assert chunk.text.rstrip()[-1] in ".!?:)", chunk.text[-60:]


def test_every_table_and_goal_has_a_readable_chunk(document: Document) -> None:
    table_sections = {cell.section_id for cell in document.cells}
    chunk_sections = {chunk.section_id for chunk in document.chunks if chunk.kind == "table"}
    assert table_sections == chunk_sections
    goal_ids = {chunk.metadata.get("goal_id") for chunk in document.chunks if chunk.kind == "goal"}
    assert goal_ids == {goal.id for goal in document.goals}


def test_chunk_ids_are_unique(document: Document) -> None:
    ids = [chunk.id for chunk in document.chunks]
    assert len(ids) == len(set(ids))
