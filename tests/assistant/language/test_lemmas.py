"""Lemma coverage: a word of the same root as a text's word covers it in part; a verb of a root the plan uses is
known to it, a noun of that root is not."""

from __future__ import annotations

from assistant.language.analysis import Analyser
from assistant.language.lemmas import DERIVATION_CREDIT, LemmaIndex
from assistant.language.morphology import Morphology
from corpus.morphology import WordForm

PLAN = [
    WordForm("toiminta", ("toiminta",), (), ("nimisana",), ("nimento",), roots=("toimia",)),
    WordForm("opetus", ("opetus",), (), ("nimisana",), ("nimento",), roots=("opettaa",)),
    WordForm("jatkuu", ("jatkua",), (), ("teonsana",), ()),
]
GENERAL = [
    WordForm("toimii", ("toimia",), (), ("teonsana",), ()),
    WordForm("opettaja", ("opettaja",), (), ("nimisana",), ("nimento",), roots=("opettaa",)),
    WordForm("opetettu", ("opetettu",), (), ("teonsana",), ("nimento",), roots=("opettaa",)),
]


def _setup() -> tuple[Analyser, LemmaIndex]:
    morphology = Morphology(PLAN, GENERAL)
    return Analyser(morphology, (), 2024), LemmaIndex(morphology, ["Toiminta jatkuu.", "Opetus jatkuu."])


def test_a_word_of_the_same_root_covers_in_part() -> None:
    analyser, lemmas = _setup()
    (word,) = analyser.analyse("toimii").content
    coverage = lemmas.coverage((word,), lemmas.text_lemmas("Toiminta jatkuu."))
    assert coverage.partial == ("toimii",) and coverage.weight == DERIVATION_CREDIT
    assert lemmas.coverage((word,), lemmas.text_lemmas("Opetus jatkuu.")).missing == ("toimii",)


def test_only_a_verb_of_a_root_the_plan_uses_is_known() -> None:
    analyser, lemmas = _setup()
    verb, noun = (analyser.analyse(text).content[0] for text in ("opetettu", "opettaja"))
    assert verb.verb and lemmas.known(verb)
    assert not noun.verb and not lemmas.known(noun)  # "opettaja" is no word the plan uses
