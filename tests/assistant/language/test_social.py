"""Social turns: a greeting, a thanks or an ask for help alone is answered in kind; any topic makes a question."""

from __future__ import annotations

import pytest

from assistant.language.analysis import Analyser
from assistant.language.social import social_kinds, social_turn


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Moikka!", "greeting"),
        ("hyvää huomenta", "greeting"),
        ("kiitti", "thanks"),
        ("Kiitoksia paljon.", "thanks"),
        ("näkemiin", "goodbye"),
        ("ohjeet?", "help"),
        ("mitä sinä osaat?", "help"),
        ("voitko auttaa", "help"),
    ],
)
def test_a_turn_of_social_words_only_is_that_kind(analyser: Analyser, question: str, kind: str) -> None:
    found = social_turn(analyser.analyse(question))
    assert found is not None and found.name == kind


@pytest.mark.parametrize(
    "question",
    ["hei, mitkä ovat opetuksen menot 2025?", "kiitos, entä 2026?", "mistä lapsi saa apua läksyihin",
     "kuka auttaa ikäihmisiä", "mitä muuta voit kertoa kirjastosta", "paljonko", "kuinka paljon?", "hyvää", "",
     "ohjelma?", "neuvola?", "osaaminen"],  # words that only begin like a word of help
)
def test_a_word_with_a_topic_of_its_own_makes_a_question(analyser: Analyser, question: str) -> None:
    assert social_turn(analyser.analyse(question)) is None


def test_every_kind_has_words_and_a_reply() -> None:
    kinds = social_kinds()
    assert {kind.name for kind in kinds} >= {"greeting", "thanks", "help"}
    assert all((kind.words or kind.stems) and kind.reply for kind in kinds)
