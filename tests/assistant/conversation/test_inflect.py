"""Putting the thing in focus into a pronoun's case, from the real plan's own word forms."""

from __future__ import annotations

import pytest

from assistant.conversation.inflect import Inflector
from assistant.language.morphology import Morphology
from corpus.store import load_corpus


@pytest.fixture(scope="module")
def inflector() -> Inflector:
    corpus = load_corpus()
    return Inflector(corpus.word_forms, Morphology.of(corpus))


def test_a_word_goes_into_the_case_when_the_plan_has_that_form(inflector: Inflector) -> None:
    assert inflector.inflect("kirjastolle", "omanto") == "kirjaston"


def test_a_hyphenated_name_keeps_its_first_part_and_inflects_its_last(inflector: Inflector) -> None:
    assert inflector.inflect("Tommola-talolle", "omanto") == "Tommola-talon"


def test_a_form_the_plan_lacks_leaves_the_word_as_it_was(inflector: Inflector) -> None:
    assert inflector.inflect("frisbeegolfradalle", "omanto") == "frisbeegolfradalle"
