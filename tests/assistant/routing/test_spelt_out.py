"""The lexicon's everyday words for a sub-service put in the plan's own word before the prose is searched."""

from __future__ import annotations

from assistant.routing.spelt_out import EverydayNames
from corpus.lexicon import Term


def _names(real_assistant) -> EverydayNames:  # noqa: ANN001
    terms = [term for document in real_assistant.corpus.documents for term in document.lexicon.areas]
    return EverydayNames(terms, real_assistant.lemmas.known, real_assistant.analyser.analyse)


def test_an_everyday_word_the_plan_never_uses_is_read_as_its_sub_service(real_assistant) -> None:
    analysis = _names(real_assistant).spell_out(real_assistant.analyse("minne kirkkiksen eskari muuttaa?"))
    assert analysis.text == "minne kirkkiksen esiopetus muuttaa?"
    assert "esiopetus" in {lemma for word in analysis.content for lemma in word.lemmas}


def test_words_the_plan_uses_and_stems_inside_compounds_stay_as_typed(real_assistant) -> None:
    names = _names(real_assistant)
    for question in ("mitä kirjastolle tapahtuu?", "kuka on kirjastonjohtaja?", "paljonko päiväkodit maksavat?"):
        assert names.spell_out(real_assistant.analyse(question)).text == question


def test_only_a_listed_exact_word_is_spelt_out(real_assistant) -> None:
    terms = (Term("VAKA", ("*eskar",), note="Esiopetus"),)
    names = EverydayNames(terms, real_assistant.lemmas.known, real_assistant.analyser.analyse)
    assert names.spell_out(real_assistant.analyse("mitä eskarille tapahtuu")).text == "mitä eskarille tapahtuu"


def test_the_prose_answers_with_the_sub_service_s_sentence(real_assistant) -> None:
    answer = real_assistant.answer("minne kirkkiksen eskari muuttaa?")
    assert answer.kind == "text" and "esiopetusryhmä" in answer.answer
    assert answer.question == "minne kirkkiksen eskari muuttaa?"  # the question is shown as typed
