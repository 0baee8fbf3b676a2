"""The Finnish BM25 tokenizer: folded 4-grams plus Voikko base forms and compound parts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.text import fold
from index.finnish import STOPWORDS, FinnishTokenizer, Lemmatiser, grams, lemma_tokens, words

FINNISH_LETTERS = st.text(alphabet="abcdefghijklmnoprstuvyäöåABCDÄÖ", min_size=1, max_size=20)


@pytest.fixture(scope="module")
def tokenizer() -> FinnishTokenizer:
    return FinnishTokenizer()


@pytest.mark.parametrize(
    ("word", "base_forms"),
    [
        ("päiväkodeissa", {"=paivakoti", "=paiva", "=koti"}),
        ("kirjastoon", {"=kirjasto"}),
        ("Liikuntapalveluiden", {"=liikuntapalvelu", "=liikunta", "=palvelu"}),
        ("uimahallit", {"=uimahalli", "=uima", "=halli"}),
        ("investoinneista", {"=investointi"}),
        ("Heinolassa", {"=heinola"}),
    ],
)
def test_inflected_words_yield_their_folded_base_forms(tokenizer: FinnishTokenizer, word: str, base_forms: set[str]) -> None:
    assert base_forms <= set(lemma_tokens(tokenizer.passage_tokens(word)))


@pytest.mark.parametrize("word", ["paivakoti", "Kirkkiksen", "hyte", "xqzt"])
def test_unknown_words_stand_for_themselves_folded(tokenizer: FinnishTokenizer, word: str) -> None:
    assert lemma_tokens(tokenizer.passage_tokens(word)) == ["=" + fold(word)]


def test_a_query_without_diacritics_reaches_corpus_words_that_fold_to_it() -> None:
    lemmatiser = Lemmatiser({"päiväkodeissa": ("paiva", "paivakoti", "koti")})
    tokens = FinnishTokenizer(lemmatiser).query_tokens("paivakodeissa")
    assert {"=paivakoti", "=paiva", "=koti"} <= set(tokens)


def test_grams_are_padded_4_grams_of_the_folded_word() -> None:
    assert grams("Päiväkoti") == grams("paivakoti")
    assert grams("paivakoti") == ["_pai", "paiv", "aiva", "ivak", "vako", "akot", "koti", "oti_"]
    assert grams("ja") == ["_ja_"]
    assert grams("a") == ["_a_"]


@pytest.mark.parametrize("question", ["Paljonko on?", "mitä ja missä", "Kuka, milloin ja mihin?"])
def test_question_and_function_words_give_no_tokens(tokenizer: FinnishTokenizer, question: str) -> None:
    assert tokenizer.query_tokens(question) == []


def test_words_split_on_punctuation_and_keep_numbers() -> None:
    assert words("Hyte-työ, 2024: Kirjasto!") == ["hyte", "työ", "2024", "kirjasto"]


@given(FINNISH_LETTERS)
def test_grams_do_not_depend_on_diacritics_or_case(word: str) -> None:
    assert grams(word) == grams(fold(word)) == grams(word.upper())


@settings(deadline=None, max_examples=50)
@given(st.lists(FINNISH_LETTERS, min_size=1, max_size=6))
def test_every_word_gives_grams_and_at_least_one_base_form(tokenizer: FinnishTokenizer, parts: list[str]) -> None:
    text = " ".join(parts)
    tokens = tokenizer.passage_tokens(text)
    content = [word for word in words(text) if fold(word) not in STOPWORDS]
    assert len(lemma_tokens(tokens)) >= len(content)
    assert all(token.startswith("=") or len(token) <= 4 for token in tokens)
    assert tokens == tokenizer.passage_tokens(text)  # deterministic (the memo changes nothing)


def test_vocabulary_round_trips_without_voikko() -> None:
    first = Lemmatiser()
    expected = FinnishTokenizer(first).passage_tokens("Kirjastoauto palvelee päiväkoteja")
    memo = first.vocabulary()
    second = Lemmatiser(memo)
    assert FinnishTokenizer(second).passage_tokens("Kirjastoauto palvelee päiväkoteja") == expected
    assert second._voikko is None  # every word came from the shipped vocabulary
