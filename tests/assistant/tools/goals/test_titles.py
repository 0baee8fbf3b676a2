"""Owner titles named as printed or in shorter everyday ways, read from the titles' own structure (questions
written for these tests)."""

from __future__ import annotations

import pytest

from assistant.language.analysis import Analyser
from assistant.language.morphology import Morphology
from assistant.tools.goals.titles import OwnerTitles
from corpus.store import load_corpus

CORPUS = load_corpus()
ANALYSER = Analyser(Morphology.of(CORPUS), ("Heinola",), 2024)
TITLES = OwnerTitles(CORPUS.goals, [term for document in CORPUS.documents for term in document.lexicon.areas])
VIRE_DIRECTOR = "Palvelualuejohtaja, Virikkeellinen elämä"


def named(question: str) -> tuple[str, ...]:
    return TITLES.named(ANALYSER.analyse(question)).titles


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("mistä koulutusjohtajalle tulee vastuuta", "Koulutusjohtaja"),  # as printed, inflected
        ("hyvinvointipaallikon vastuut", "Hyvinvointipäällikkö"),  # without ä/ö
        ("mitä liikuntajohtaja tekee tänä vuonna", "Liikuntapalvelujohtaja"),  # first part begins the title's
        ("koulujohtajan työt", "Koulutusjohtaja"),
        ("liikuntapalvelujen johtajalle kuuluvat asiat", "Liikuntapalvelujohtaja"),  # genitive and noun
        ("mitä vakajohtajalta odotetaan", "Varhaiskasvatusjohtaja"),  # the area's short name, the goals' area
        ("vire-johtajan vastuualue", VIRE_DIRECTOR),  # the area the title itself names wins over its goals' area
        ("mitä virikkeellisen elämän johtaja tekee", VIRE_DIRECTOR),
    ],
)
def test_a_title_is_named_in_the_ways_people_say_it(question: str, title: str) -> None:
    assert named(question) == (title,)


@pytest.mark.parametrize(
    "question",
    [
        "mitä liikuntapäällikkö tekee",  # no title has this head with this first part
        "kirjastojohtajan vastuut",  # a sub-service is no area a title directs
        "lukion johtajan tehtävät",
        "mitä johtaja tekee",  # a head alone names no one
    ],
)
def test_a_head_with_another_first_part_names_no_one(question: str) -> None:
    assert named(question) == ()


def test_the_words_that_name_the_title_are_reported() -> None:
    analysis = ANALYSER.analyse("varhaiskasvatuksen johtajan tehtävät")
    found = TITLES.named(analysis)
    assert found.titles == ("Varhaiskasvatusjohtaja",)
    assert found.word_starts == {analysis.words[0].start, analysis.words[1].start}
