"""Question words and coverage: inflection via lemmas, compounds as partial, typos as near-misses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.language.coverage import content_terms, coverage

LEMMAS = {
    "muotoja": ("muoto",),
    "muodot": ("muoto",),
    "verotulot": ("tulo", "vero", "verotulo"),
    "tuloja": ("tulo",),
    "kaupunginjohtaja": ("johtaja", "kaupunginjohtaja", "kaupunki"),
    "koulutusjohtaja": ("johtaja", "koulutus", "koulutusjohtaja"),
    "päiväkodeissa": ("koti", "paiva", "paivakoti"),
    "päiväkoti": ("koti", "paiva", "paivakoti"),
}


def fake_lemmas(word: str) -> tuple[str, ...]:
    return LEMMAS.get(word, ())


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("Mitä varhaiskasvatuksen muotoja Heinolassa on?", ("varhaiskasvatuksen", "muotoja")),
        ("mita rainion paivakodille tapahtuu", ("rainion", "paivakodille", "tapahtuu")),
        ("Kuka on kaupunginjohtaja?", ("kaupunginjohtaja",)),
        ("  ?!  ", ()),
    ],
)
def test_content_terms_drop_question_words(question: str, terms: tuple[str, ...]) -> None:
    assert content_terms(question) == terms


def test_inflected_forms_match_through_lemmas() -> None:
    result = coverage(("muotoja",), "Kunnallinen varhaiskasvatus sisältää seuraavat muodot: päiväkoti.", fake_lemmas)
    assert result.matched == ("muotoja",)


def test_a_shared_compound_part_is_only_partial() -> None:
    result = coverage(("kaupunginjohtaja",), "Vastuu: Koulutusjohtaja.", fake_lemmas)
    assert (result.matched, result.partial) == ((), ("kaupunginjohtaja",))
    assert coverage(("verotulot",), "Toimintatuotot ja muut tuloja.", fake_lemmas).partial == ("verotulot",)


def test_unknown_words_match_by_stem_and_one_typo() -> None:
    assert coverage(("kirjastoo",), "Kirjasto sijaitsee Kauppakadulla.").matched == ("kirjastoo",)
    assert coverage(("kauppakadula",), "Kirjasto sijaitsee Kauppakadulla.").matched == ("kauppakadula",)
    assert coverage(("aukioloajat",), "Kirjasto sijaitsee Kauppakadulla.").missing == ("aukioloajat",)


@given(st.text(max_size=200), st.text(max_size=200))
def test_coverage_never_raises(question: str, text: str) -> None:
    terms = content_terms(question)
    result = coverage(terms, text, fake_lemmas)
    assert set(result.matched) | set(result.partial) | set(result.missing) == set(terms)
