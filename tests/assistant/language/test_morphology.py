"""Word readings at question time from the build-time tables (no Voikko), with fallbacks for unseen forms."""

from __future__ import annotations

import pytest

from assistant.language.morphology import Morphology
from corpus.morphology import WordForm


@pytest.fixture(scope="module")
def morphology() -> Morphology:
    forms = [
        WordForm("päiväkodin", ("paivakoti",), ("paiva", "koti"), ("nimisana",), ("omanto",)),
        WordForm("kirjasto", ("kirjasto",), (), ("nimisana",), ("nimento",)),
        WordForm("varhaiskasvatuksen", ("varhaiskasvatus",), (), ("nimisana",), ("omanto",)),
        WordForm("koulu", ("koulu",), (), ("nimisana",), ("nimento",)),
        WordForm("kirkkiksen", ()),
        WordForm("edunvalvonta", ("edunvalvonta",), ("etu", "valvonta"), ("nimisana",), ("nimento",)),
        WordForm("palveluverkko", ("palveluverkko",), ("palvelu", "verkko"), ("nimisana",), ("nimento",)),
        WordForm("siivous", ("siivous",), (), ("nimisana",), ("nimento",)),
        WordForm("tukee", ("tukea",), (), ("teonsana",), ()),
    ]
    return Morphology(forms)


def test_known_forms_are_exact_and_folded(morphology: Morphology) -> None:
    assert morphology.read("päiväkodin").how == "exact"
    assert morphology.read("paivakodin").lemmas == ("paivakoti",)


def test_an_unseen_inflection_takes_the_known_form_s_base_form(morphology: Morphology) -> None:
    reading = morphology.read("kirjastoille")
    assert (reading.how, reading.lemmas) == ("inflection", ("kirjasto",))


def test_a_typo_one_edit_away_is_read_as_the_word(morphology: Morphology) -> None:
    reading = morphology.read("varhaiskasvatksen")
    assert (reading.how, reading.lemmas) == ("typo", ("varhaiskasvatus",))


def test_an_unknown_compound_names_its_known_first_part(morphology: Morphology) -> None:
    reading = morphology.read("koululounas")
    assert reading.how == "unknown" and reading.form.parts == ("koulu", "lounas")


def test_function_words_come_from_the_voikko_table(morphology: Morphology) -> None:
    assert morphology.read("kenelle").function and morphology.read("onks").function
    assert "mika" in morphology.read("mitäs").lemmas


def test_a_content_word_is_never_read_as_an_inflected_function_word(morphology: Morphology) -> None:
    assert not morphology.read("mitataan").function


def test_a_plan_word_voikko_does_not_know_is_itself(morphology: Morphology) -> None:
    reading = morphology.read("Kirkkiksen")
    assert reading.in_plan and reading.how == "exact"


def test_hyphenated_words_are_read_by_part(morphology: Morphology) -> None:
    reading = morphology.read("tommola-koulun")
    assert "koulu" in reading.lemmas and reading.form.parts == ("tommola", "koulun")


def test_an_inflection_is_read_across_consonant_gradation(morphology: Morphology) -> None:
    assert morphology.read("edunvalvonnalle").lemmas == ("edunvalvonta",)
    assert morphology.read("palveluverkon").lemmas == ("palveluverkko",)
    assert morphology.read("siivouksesta").lemmas == ("siivous",)  # an -us noun's stem
    assert morphology.read("siivouksen").lemmas == ("siivous",)


def test_spoken_endings_of_function_words_and_question_verbs_are_read_as_written(morphology: Morphology) -> None:
    why = morphology.read("miks")
    assert (why.how, why.function, why.lemmas) == ("colloquial", True, ("mika",))
    assert "mika" in morphology.read("mist").lemmas and "miten" in morphology.read("mite").lemmas
    assert "miten" in morphology.read("mites").lemmas  # the -s clitic in place of the final n
    may = morphology.read("saaks")
    assert "saada" in may.lemmas and "ko" in may.form.clitics


@pytest.mark.parametrize(("spoken", "written"), [("toi", "tuo"), ("tää", "tämä"), ("noist", "noista"), ("näist", "näistä"),
                                               ("mist", "mistä")])
def test_spoken_demonstratives_are_function_words_with_their_written_form(morphology: Morphology, spoken: str, written: str) -> None:
    reading = morphology.read(spoken)
    assert (reading.how, reading.function, reading.written) == ("colloquial", True, written)


def test_a_spoken_ending_never_makes_a_content_word_of_a_word_the_tables_lack(morphology: Morphology) -> None:
    assert morphology.read("kirjastos").how != "colloquial"  # an inflection of a known word is read as one
    assert not morphology.read("hiekkalaatikkost").known


def test_a_weak_grade_of_one_consonant_is_an_inflection() -> None:
    forms = [WordForm("kunnossapito", ("kunnossapito",), ("kunnossa", "pito"), ("nimisana",), ("nimento",))]
    reading = Morphology(forms).read("kunnossapidon")  # t ~ d
    assert reading.how == "inflection" and reading.lemmas == ("kunnossapito",)


def test_a_long_word_may_have_two_typos_unless_it_is_a_word_of_its_own() -> None:
    forms = [
        WordForm("varhaiskasvatuksen", ("varhaiskasvatus",), (), ("nimisana",), ("omanto",)),
        WordForm("painottaminen", ("painottaa",), (), ("teonsana",), ("nimento",)),
    ]
    morphology = Morphology(forms)
    assert morphology.read("varhaiskasvtusken").lemmas == ("varhaiskasvatus",)  # two slips in a long word
    assert morphology.read("mainostaminen").how == "unknown"  # a real word two edits away is not a slip


def test_a_clitic_the_plan_never_attaches_is_read_off_its_known_word(morphology: Morphology) -> None:
    asked = morphology.read("tukeeko")  # not a typo of the function word "tuleeko"
    assert (asked.how, asked.lemmas, asked.function, asked.form.clitics) == ("inflection", ("tukea",), False, ("ko",))
    also = morphology.read("kirjastoillekin")
    assert also.lemmas == ("kirjasto",) and "kin" in also.form.clitics
    assert morphology.read("kirjastohan").form.clitics == ("han",)


def test_a_clitic_like_ending_of_an_unknown_word_is_no_clitic(morphology: Morphology) -> None:
    reading = morphology.read("rokotuskin")
    assert reading.how == "unknown" and not reading.form.clitics


def test_a_word_of_finnish_at_large_takes_voikko_s_analysis_not_a_guess() -> None:
    plan = [WordForm("toiminta", ("toiminta",), (), ("nimisana",), ("nimento",), roots=("toimia",))]
    general = [WordForm("toimii", ("toimia",), (), ("teonsana",), ()), WordForm("päiväkotien", ("paivakoti",), ("paiva", "koti"), ("nimisana",), ("omanto",))]
    morphology = Morphology(plan, general)
    reading = morphology.read("toimii")
    assert (reading.how, reading.lemmas, reading.form.classes) == ("general", ("toimia",), ("teonsana",))
    assert reading.as_typed and not reading.in_plan  # spelt as Finnish spells it, but no form the plan prints
    assert morphology.read("paivakotien").lemmas == ("paivakoti",)  # typed without ä/ö
    assert Morphology(plan).read("toimii").how != "general"


def test_the_plan_s_own_form_comes_before_a_general_one() -> None:
    plan = [WordForm("tuki", ("tuki",), (), ("nimisana",), ("nimento",))]
    morphology = Morphology(plan, [WordForm("tuki", ("tukka",), (), ("nimisana",), ())])
    assert (morphology.read("tuki").how, morphology.read("tuki").lemmas) == ("exact", ("tuki",))
