"""Sentences that lean on the one before them, what evidence a frame demands, and questions of how one knows."""

from __future__ import annotations

import pytest

from assistant.language.analysis import Analyser
from assistant.language.evidence_words import asks_how_known, refers_back, satisfies
from assistant.language.morphology import Morphology
from corpus.store import load_corpus

PLAN_FORMS = Morphology.of(load_corpus())


@pytest.fixture(scope="module")
def morphology() -> Morphology:
    return Morphology([])


@pytest.mark.parametrize(
    "sentence",
    [
        "Lisäksi nuorisopalvelut ylläpitävät bändikämppää.",
        "Toiminta siirtyisi silloin osaksi toista koulua.",
        "Ryhmät kokoontuvat siellä viikoittain.",
    ],
)
def test_a_sentence_that_points_back_is_recognised(morphology: Morphology, sentence: str) -> None:
    assert refers_back(sentence, morphology)


@pytest.mark.parametrize(
    "sentence",
    ["Kirjasto sijaitsee Kauppakadulla.", "Uimahallin remontti alkaa keväällä ja kestää pitkään silloin tällöin."],
)
def test_a_sentence_of_its_own_does_not(morphology: Morphology, sentence: str) -> None:
    assert not refers_back(sentence, morphology)


def test_when_needs_a_date_or_a_time_word_and_amount_a_number(morphology: Morphology) -> None:
    assert satisfies("when", "Remontti valmistuu 1.8.2025.", morphology)
    assert not satisfies("when", "Remontti on tarpeen.", morphology)
    assert satisfies("amount", "Hanke maksaa 300 000 euroa.", morphology)


@pytest.mark.parametrize(
    ("sentence", "answers"),
    [
        ("Kirjasto sijaitsee Kauppakadulla.", False),  # where it lies, nothing that happens
        ("Heinolassa on kolme museokohdetta.", False),
        ("Kirjastotoiminta siirtyy väistötiloihin remontin ajaksi.", True),
        ("Laajan hyvinvointikertomuksen valmistelu.", True),  # an action said by its noun
    ],
)
def test_an_event_needs_more_than_being_somewhere(sentence: str, answers: bool) -> None:
    assert satisfies("event", sentence, PLAN_FORMS) is answers


@pytest.mark.parametrize(
    ("sentence", "answers"),
    [
        ("Kirjasto sijaitsee Kauppakadulla.", True),
        ("Kirjastotoiminta siirtyy väistötiloihin remontin ajaksi.", True),  # where to
        ("Koulutoiminta siirtyisi silloin osaksi Kailas-talon koulutoimintaa.", False),  # what it becomes, no place
    ],
)
def test_where_needs_a_word_of_place(sentence: str, answers: bool) -> None:
    assert satisfies("where", sentence, PLAN_FORMS) is answers


@pytest.mark.parametrize(
    ("sentence", "answers"),
    [
        ("Kirjasto on auki klo 10–19.", True),
        ("Uimahalli aukeaa arkisin 6.30 ja sulkeutuu 21.00.", True),
        ("Kirjasto palaa uusiin tiloihin vuoden 2025 aikana.", False),  # a year is no time of day
        ("Toiminta lakkaa 1.8.2024 lukien.", False),  # nor is a date
    ],
)
def test_a_time_of_day_needs_a_clock_time(morphology: Morphology, sentence: str, answers: bool) -> None:
    assert satisfies("clock", sentence, morphology) is answers


@pytest.mark.parametrize(
    ("sentence", "answers"),
    [
        ("Uimahalli suljetaan korjausten vuoksi.", True),
        ("Pihaa muutetaan, niin että se on esteetön.", True),  # purpose in two words
        ("Ryhmiä yhdistetään, siten että tilat riittävät.", True),
        ("Niin ikään kirjasto on auki. Että tiedät.", False),  # the words apart are no reason
        ("Museo avataan keväällä.", False),
    ],
)
def test_why_needs_a_reason_or_a_purpose(morphology: Morphology, sentence: str, answers: bool) -> None:
    assert satisfies("why", sentence, morphology) is answers


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("miten tiedetään, onnistuiko kirjaston remontti", True),  # how one knows whether
        ("mistä näkee että liikuntaneuvonta toimii", True),  # from what one sees that
        ("mista nahdaan onko kouluissa tarpeeksi opettajia", True),  # without ä/ö
        ("millä huomataan, toimiiko uusi malli", True),
        ("mistä näkee kirjaston aukioloajat", False),  # seeing a thing, not whether something holds
        ("miten kirjaston remontti etenee", False),  # no verb of knowing
        ("tiedetäänkö jo, toimiiko uusi malli", False),  # a yes/no question, not how
    ],
)
def test_how_one_knows_whether_something_holds(morphology: Morphology, question: str, asks: bool) -> None:
    assert asks_how_known(Analyser(morphology, (), 2024).analyse(question)) is asks
