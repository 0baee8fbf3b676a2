"""Finnish at large: which words the language uses, typed with or without ä/ö."""

from __future__ import annotations

import pytest

from assistant.language.general_words import listed, listed_compound, zipf
from assistant.language.matching import TermMatcher, pattern_score
from corpus.lexicon import Term


@pytest.mark.parametrize("word", ["henkilökuntaa", "kehitetään", "kehitetaan", "jatkossa", "paivakoti", "Kirjaston"])
def test_words_of_the_language_are_listed_with_or_without_their_umlauts(word: str) -> None:
    assert listed(word)


@pytest.mark.parametrize("word", ["henkilokuntaz", "varhaiskasvatuksne", "investionnit", "kirjatossa", "xqzv"])
def test_misspellings_and_nonsense_are_not(word: str) -> None:
    assert not listed(word)


@pytest.mark.parametrize("word", ["henkilöstöpulaa", "opettajapula", "kirjastoremontti"])
def test_two_listed_words_written_together_are_a_compound_spelt_right(word: str) -> None:
    assert not listed(word) and listed_compound(word)


@pytest.mark.parametrize("word", ["varhaiskasvtuksen", "henkilstökulut", "investionnit"])
def test_a_misspelt_word_is_no_compound_of_listed_words(word: str) -> None:
    assert not listed_compound(word)


def test_a_common_word_is_more_frequent_than_a_rare_one() -> None:
    assert zipf("iso") > zipf("kotouttaminen") > zipf("henkilokuntaz") == 0.0


def test_a_word_marked_as_spelt_right_matches_no_pattern_as_a_typo() -> None:
    matcher = TermMatcher((Term(value="trend", patterns=("kehity",)),))
    assert pattern_score("kehity", "kehitetaan") > 0  # one edit from the stem: a typo, when spelling is unknown
    assert matcher.find(("kehitetaan",)) and not matcher.find(("kehitetaan",), spelt=(True,))
    assert matcher.find(("kehityy",), spelt=(True,))  # an exact match stays one


def test_a_listed_case_form_is_not_a_misspelling_of_another_case() -> None:
    assert pattern_score("=henkilokuntaan", "henkilokuntaa") == 0.0  # partitive, not the listed illative
    assert pattern_score("=henkilokuntaan", "henkilokumtaan") > 0  # a typo inside the word still is one


def test_the_list_file_read_directly_agrees_with_wordfreqs_own_api(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.language import general_words

    direct = dict(general_words._zipfs())
    general_words._zipfs.cache_clear()
    monkeypatch.setattr(general_words.importlib.util, "find_spec", lambda name: None)  # no file: the API
    try:
        through_api = general_words._zipfs()
        assert direct.keys() == through_api.keys()
        assert all(abs(direct[word] - through_api[word]) < 0.01 for word in ("iso", "kehitetään", "kirjaston"))
    finally:
        general_words._zipfs.cache_clear()
