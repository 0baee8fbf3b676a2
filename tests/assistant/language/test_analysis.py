"""Reading a question: frames from Voikko analyses, content words without question words or the town's name."""

from __future__ import annotations

import pytest

from assistant.language.analysis import Analyser


@pytest.mark.parametrize(
    ("question", "frame"),
    [
        ("kuka hoitaa uimarantoja", "who"),
        ("kenelle koulujen ruokahuolto kuuluu", "who"),
        ("kenen tehtävä on markkinointi", "whose"),
        ("kenelle uimakouluja järjestetään", "whom"),  # a recipient, not an owner
        ("keille kirjasto lainaa soittimia", "whom"),
        ("paljonko lukio maksaa", "amount"),
        ("kuinka paljon rahaa museoon menee", "amount"),
        ("montako päiväkotia on", "count"),
        ("kuinka monta koulua lakkautetaan", "count"),
        ("milloin uimahalli avataan", "when"),
        ("kauanko uimahallin korjaus kestää", "when"),
        ("mihin aikaan nuorisotila aukeaa", "clock"),
        ("monessako koulussa on kerhoja", "count"),
        ("miksi tarha suljetaan", "why"),
        ("missä nuorisotila on", "where"),
        ("mitä kaupunki ostaa muilta", "what"),
        ("mitä uimahallille tapahtuu", "event"),  # what happens to it, or is done to it
        ("mitä nuorisotalolle tehdään ensi vuonna", "event"),
        ("millainen on uusi kirjasto", "what"),
        ("miten liikuntaneuvonta toimii", "how"),
        ("onko heinolassa skeittipaikkaa", "yesno"),
        ("järjestetäänkö kesällä leirejä", "yesno"),
        ("kerro nuorisotyöstä", "what"),
        ("kirjaston remontti", "statement"),
    ],
)
def test_the_question_word_decides_the_frame(analyser: Analyser, question: str, frame: str) -> None:
    assert analyser.analyse(question).frame == frame


def test_content_words_leave_out_question_words_frame_verbs_and_the_town(analyser: Analyser) -> None:
    analysis = analyser.analyse("Mitä Heinolan uimahallille tapahtuu vuonna 2025?")
    assert [word.text for word in analysis.content] == ["uimahallille"]
    assert [mention.year for mention in analysis.years] == [2025]


@pytest.mark.parametrize("question", ["mitä museolle tehdään ensi vuonna", "mitä museolle tehtiin viime vuonna",
                                      "mitä museolle tehdään kuluvana vuonna"])
def test_the_words_of_a_relative_year_name_a_year_not_a_topic(analyser: Analyser, question: str) -> None:
    analysis = analyser.analyse(question)
    assert [word.text for word in analysis.content] == ["museolle"] and analysis.years


def test_the_verb_that_makes_a_yes_no_question_says_nothing_of_its_topic(analyser: Analyser) -> None:
    analysis = analyser.analyse("tarjoaako kirjasto lukupiirejä")
    assert analysis.frame == "yesno"
    assert [word.text for word in analysis.content] == ["kirjasto", "lukupiirejä"]
    assert [word.text for word in analyser.analyse("kirjasto tarjoaa lukupiirejä").content][-1] == "lukupiirejä"


def test_spoken_question_words_set_the_frame(analyser: Analyser) -> None:
    assert analyser.analyse("miks?").frame == "why"
    assert analyser.analyse("kuuluuks kirjasto tälle toimialalle").frame == "yesno"


def test_verbs_are_told_from_nouns_also_in_forms_the_plan_lacks(analyser: Analyser) -> None:
    words = {word.text: word.verb for word in analyser.analyse("milloin uimahalli valmistuu ja avataan").content}
    assert words == {"uimahalli": False, "valmistuu": True, "avataan": True}


def test_words_are_read_without_dots_and_in_unseen_inflections(analyser: Analyser) -> None:
    (word,) = analyser.analyse("uimahalleihin").content
    assert "uimahalli" in word.lemmas and word.reading.how == "inflection"
    (word,) = analyser.analyse("paivakodeissa").content  # a form Finnish at large uses: Voikko's own analysis
    assert "paivakoti" in word.lemmas and word.reading.how == "general"


def test_the_lead_word_of_a_follow_up_is_no_topic(analyser: Analyser) -> None:
    assert [word.text for word in analyser.analyse("entäs kirjastossa 2025?").content] == ["kirjastossa"]


def test_a_question_is_embedded_as_written(analyser: Analyser) -> None:
    analysis = analyser.analyse("miks toi kirjasto muuttaa")
    assert analysis.written_text == "miksi tuo kirjasto muuttaa"
    assert [word.text for word in analysis.content] == ["kirjasto", "muuttaa"]
