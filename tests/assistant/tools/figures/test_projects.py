"""Investment projects named by the investments prose: read from its opening noun phrases, asked by owner + head."""

from __future__ import annotations

from assistant.tools.figures.projects import Project, projects_of
from corpus.morphology import WordForm

FORMS = {
    "uimahallin": WordForm("uimahallin", ("uimahalli",), ("uima", "halli"), ("nimisana",), ("omanto",)),
    "peruskorjaus": WordForm("peruskorjaus", ("peruskorjaus",), ("perus", "korjaus"), ("nimisana",), ("nimento",)),
    "ja": WordForm("ja", ("ja",), (), ("sidesana",), ()),
    "laajennus": WordForm("laajennus", ("laajennus",), (), ("nimisana",), ("nimento",)),
    "vuosina": WordForm("vuosina", ("vuosi",), (), ("nimisana",), ("olento",)),
    "valmistuu": WordForm("valmistuu", ("valmistua",), (), ("teonsana",), ()),
    "kirjasto": WordForm("kirjasto", ("kirjasto",), (), ("nimisana",), ("nimento",)),
}


def test_a_sentence_opening_with_genitives_and_heads_names_a_project() -> None:
    (project,) = projects_of(["Uimahallin peruskorjaus ja laajennus vuosina 2025–2026."], FORMS)
    assert project == Project("Uimahallin peruskorjaus ja laajennus", frozenset({"uimahalli"}),
                              frozenset({"peruskorjaus", "laajennus"}))


def test_a_sentence_that_opens_otherwise_names_none() -> None:
    assert projects_of(["Kirjasto valmistuu vuosina 2025.", "Valmistuu laajennus."], FORMS) == ()


def test_a_project_is_asked_by_its_owner_and_a_head_or_its_relative() -> None:
    (project,) = projects_of(["Uimahallin peruskorjaus ja laajennus vuosina 2025–2026."], FORMS)
    assert project.asked_by({"uimahalli", "laajennus"})
    assert project.asked_by({"uimahalli", "laajentaminen"})  # one word's relatives share a long beginning
    assert not project.asked_by({"uimahalli"})  # the hall itself is another question
    assert not project.asked_by({"laajennus", "kirjasto"})
