"""The function-word table is Voikko's analysis of the candidates, committed (so questions never load Voikko)."""

from __future__ import annotations

from assistant.language.function_words import TABLE, build_table, function_words, is_function_word
from corpus.morphology import WordForm, read_word_forms


def test_the_committed_table_is_what_voikko_says_now() -> None:
    assert read_word_forms(TABLE) == build_table()


def test_function_words_are_decided_by_analysis_not_spelling() -> None:
    assert is_function_word(WordForm("x", ("kuka",), classes=("asemosana",)))
    assert is_function_word(WordForm("x", ("olla",), classes=("teonsana",)))
    assert not is_function_word(WordForm("x", ("koulu",), classes=("nimisana",)))
    table = function_words()
    assert {"kenen", "mitäs", "onko", "paljonko", "mä"} <= set(table) and "koulu" not in table


def test_placeholder_nouns_name_no_topic() -> None:
    table = function_words()
    assert {"asiat", "asioita", "juttuja"} <= set(table)  # "mitkä asiat ovat X:n vastuulla"
    assert not is_function_word(WordForm("asiakas", ("asiakas",), classes=("nimisana",)))
