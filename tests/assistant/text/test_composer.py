"""The extractive composer: the answering sentence first, neighbours that lean on it, one citation per section."""

from __future__ import annotations

import pytest

from assistant.language.lemmas import Coverage
from assistant.text.composer import compose_not_found, compose_text_answer, select_evidence
from assistant.text.evidence import Evidence
from corpus.records import LineRange
from corpus.store import load_corpus
from corpus.units import SemanticUnit


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


DOC = "hyvinvointilautakunta-2024"  # the sentences below are from the real plan's sections


def sentence(text: str, section: str, line: int, index: int = 0) -> SemanticUnit:
    return SemanticUnit(DOC, f"id-{section}-{line}", "sentence", text, section, LineRange(line, line), "", index)


def evidence(unit: SemanticUnit, score: float, matched: tuple[str, ...] = (), **extra) -> Evidence:
    return Evidence(unit, score, 0.8, 1.0, Coverage(matched, (), (), 0.5), 0.0, True, **extra)


def test_the_best_sentence_leads_and_is_the_headline(corpus) -> None:
    best = evidence(sentence("Kirjasto sijaitsee Kauppakadulla.", "kuvaus/vire", 55), 2.0, ("kirjasto",))
    other = evidence(sentence("Kirjastoauto palvelee kouluja.", "kuvaus/vire", 56), 1.0, ("kouluja",))
    answer = compose_text_answer("missä kirjasto on", select_evidence([best, other]), corpus, "where")
    assert answer.answer == "Kirjasto sijaitsee Kauppakadulla. [1]"
    assert answer.headline == "Kirjasto sijaitsee Kauppakadulla."
    assert [c.section_id for c in answer.citations] == ["kuvaus/vire"] and answer.citations[0].lines == (55, 55)
    assert answer.interpretation is not None and answer.interpretation.sections == ("kuvaus/vire",)


def test_a_near_equal_sentence_that_adds_question_words_comes_second(corpus) -> None:
    best = evidence(sentence("A lause.", "kuvaus/vire", 55), 2.0, ("a",))
    second = evidence(sentence("B lause.", "toimintaymparisto/vire", 105), 1.9, ("b",))
    answer = compose_text_answer("a ja b", select_evidence([best, second]), corpus)
    assert answer.answer == "A lause. [1] B lause. [2]"
    assert [c.n for c in answer.citations] == [1, 2]


def test_a_sentence_from_elsewhere_that_adds_nothing_new_is_left_out(corpus) -> None:
    best = evidence(sentence("A lause.", "kuvaus/vire", 55), 2.0, ("a",))
    elsewhere = evidence(sentence("A toinen.", "kuvaus/opkou", 31), 1.99, ("a",))
    assert select_evidence([best, elsewhere]) == (best,)


def test_near_equal_sentences_of_the_best_ones_section_come_along_up_to_three(corpus) -> None:
    best = evidence(sentence("A lause.", "kuvaus/vire", 55), 2.0, ("a",))
    near = [evidence(sentence(f"A {n}.", "kuvaus/vire", 56 + n), 1.9 - n / 100, ("a",)) for n in range(3)]
    far = evidence(sentence("A kaukana.", "kuvaus/vire", 60), 1.0, ("a",))
    assert select_evidence([best, *near, far]) == (best, near[0], near[1])
    assert select_evidence([best, far]) == (best,)


def test_context_and_continuation_are_quoted_in_document_order(corpus) -> None:
    before = sentence("Opetus vastaa perusopetuksesta.", "kuvaus/opkou", 30, 0)
    main = sentence("Sen tehtäviin kuuluvat myös yhteistyö.", "kuvaus/opkou", 31, 1)
    answer = compose_text_answer("mitä opetukseen kuuluu", (evidence(main, 2.0, context=before),), corpus)
    assert answer.answer == "Opetus vastaa perusopetuksesta. Sen tehtäviin kuuluvat myös yhteistyö. [1]"
    assert answer.citations[0].lines == (30, 31)


def test_not_found_is_one_sentence_and_at_most_three_topics() -> None:
    answer = compose_not_found("q", "siinä ei puhuta aiheesta ”x”.", ("A", "B", "C", "D"), "no_evidence")
    assert answer.kind == "not_found" and answer.suggestions == ("A", "B", "C")
    assert answer.headline.count(".") == 1 and len(answer.answer) < 200
    assert answer.interpretation is not None and answer.interpretation.reason == "no_evidence"
