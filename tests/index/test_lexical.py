"""BM25 over Finnish tokens finds passages whatever the inflection and with or without ä/ö."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.lexical import LexicalIndex, build_lexical_index, lexical_key, open_lexical_index
from index.passages import ChunkSet


@pytest.fixture(scope="module")
def lexical(paragraphs: ChunkSet) -> LexicalIndex:
    return build_lexical_index(paragraphs)


def _top_text(index: LexicalIndex, paragraphs: ChunkSet, query: str) -> str:
    by_id = {chunk.id: chunk for chunk in paragraphs.chunks}
    matches = index.search(query, 1)
    assert matches, f"nothing found for {query!r}"
    return by_id[matches[0].chunk_id].text


@pytest.mark.parametrize(
    ("query", "passage_starts"),
    [
        ("päiväkoti", "Kunnallinen varhaiskasvatus"),
        ("paivakoti", "Kunnallinen varhaiskasvatus"),
        ("päiväkodeissa", "Kunnallinen varhaiskasvatus"),
        ("paivakodeissa", "Kunnallinen varhaiskasvatus"),
        ("Rainion päiväkodin lakkauttaminen", "Rainion"),
        ("rainion paivakoti suljetaan", "Rainion"),
        ("kirjastoon", "Kirjastopalvelut ovat"),
        ("Missä kirjasto sijaitsee?", "Kirjastopalvelut ovat"),
        ("museoissa", "Museopalvelut"),
        ("uimahallit ja jäähallit", "Museopalvelut"),  # the liikunta paragraph runs on from the museum one
        ("nuorisotyötä", "Nuorisopalvelujen"),
        ("kirkkiksen koulun rakennushanke", "Kirkkiksen koulun"),
    ],
)
def test_finds_the_passage(lexical: LexicalIndex, paragraphs: ChunkSet, query: str, passage_starts: str) -> None:
    assert _top_text(lexical, paragraphs, query).startswith(passage_starts)


def test_results_are_best_first_positive_and_at_most_k(lexical: LexicalIndex) -> None:
    matches = lexical.search("varhaiskasvatus päiväkoti esiopetus", 5)
    assert 1 <= len(matches) <= 5
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert all(m.score > 0 for m in matches)


@pytest.mark.parametrize("query", ["", "   ", "?!", "qqqqxxxx"])
def test_nothing_to_match_finds_nothing(lexical: LexicalIndex, query: str) -> None:
    assert lexical.search(query, 5) == []


def test_allowed_restricts_the_candidates(lexical: LexicalIndex, paragraphs: ChunkSet) -> None:
    allowed = {chunk.id for chunk in paragraphs.chunks if "Rainion" not in chunk.text}
    matches = lexical.search("Rainion päiväkoti", 10, allowed)
    assert matches and {m.chunk_id for m in matches} <= allowed


def test_saved_index_answers_the_same(lexical: LexicalIndex, tmp_path: Path) -> None:
    lexical.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    for query in ["päiväkodeissa", "kirjastoauto", "paivakoti 2024"]:
        assert loaded.search(query, 10) == lexical.search(query, 10)


def test_open_builds_once_then_loads(paragraphs: ChunkSet, tmp_path: Path) -> None:
    first = open_lexical_index(tmp_path, paragraphs)
    assert (tmp_path / lexical_key(paragraphs.fingerprint)).is_dir()
    second = open_lexical_index(tmp_path, paragraphs)
    assert second.ids == first.ids
    assert second.search("kirjasto", 3) == first.search("kirjasto", 3)


def test_words_seen_in_queries_are_not_saved(paragraphs: ChunkSet, tmp_path: Path) -> None:
    index = build_lexical_index(paragraphs)
    index.search("päiväkodeissamme", 3)  # not a corpus word: analysed at query time
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert "päiväkodeissamme" not in loaded.tokenizer.lemmatiser.known()
    assert loaded.tokenizer.lemmatiser.known() == index.tokenizer.lemmatiser.known()
