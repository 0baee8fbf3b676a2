"""Composing the answers of a multi-part question: numbered, none dropped, citations renumbered."""

from __future__ import annotations

from assistant.language.analysis import Analyser
from assistant.multipart import DECLINED, compose_parts
from assistant.routing.split import split_question
from assistant.tools.figures import FigureTool
from assistant.types import Answer, Citation
from tests.assistant.tools.figures.conftest import analyser, tool  # noqa: F401  (fixtures)


def _answer(question: str, kind: str, text: str, sections: tuple[str, ...] = ()) -> Answer:
    citations = tuple(Citation(n, s, s, f"lainaus {s}", (n, n)) for n, s in enumerate(sections, start=1))
    marks = "".join(f" [{c.n}]" for c in citations)
    return Answer(question=question, kind=kind, answer=text + marks, citations=citations, headline=text)  # type: ignore[arg-type]


def test_parts_are_numbered_in_order_and_citations_renumbered() -> None:
    first = _answer("Paljonko A?", "figure", "A on 1 €.", ("taulukko",))
    second = _answer("Kuka vastaa B:stä?", "owner", "B:stä vastaa johtaja.", ("tavoitteet", "kuvaus"))
    combined = compose_parts("Paljonko A ja kuka vastaa B:stä?", [first, second])
    assert combined.kind == "multi" and combined.parts[0].answer == first.answer
    assert [c.n for c in combined.citations] == [1, 2, 3]
    assert [c.section_id for c in combined.citations] == ["taulukko", "tavoitteet", "kuvaus"]
    text = combined.answer
    assert text.index("1. Paljonko A?") < text.index("A on 1 €. [1]") < text.index("2. Kuka vastaa B:stä?")
    assert "B:stä vastaa johtaja. [2] [3]" in text
    assert combined.parts[1].answer.endswith("[2] [3]") and [c.n for c in combined.parts[1].citations] == [2, 3]
    assert combined.headline == "1) A on 1 €. 2) B:stä vastaa johtaja."


def test_a_part_that_cannot_be_answered_says_so_in_its_place() -> None:
    parts = [_answer("Paljonko A?", "figure", "A on 1 €."), _answer("Mikä on B:n puhelinnumero?", "not_found", "Ei ole.")]
    combined = compose_parts("kysymys", parts)
    blocks = combined.answer.split("\n\n")
    assert len(blocks) == 3 and blocks[2].startswith("2. Mikä on B:n puhelinnumero?") and DECLINED in blocks[2]
    assert len(combined.parts) == 2


def test_a_single_part_is_that_answer() -> None:
    only = _answer("Paljonko A?", "figure", "A on 1 €.")
    assert compose_parts("Paljonko A?", [only]) == only


def test_a_two_figure_question_is_answered_part_by_part(analyser: Analyser, tool: FigureTool) -> None:  # noqa: F811
    question = "Paljonko vireen maksutuotot ovat 2025? Entä 2026?"
    parts = split_question(analyser.analyse(question), tool.slot_kind)
    answers = [tool.ask(analyser.analyse(part)) for part in parts]
    combined = compose_parts(question, [a for a in answers if a is not None])
    assert combined.kind == "multi" and len(combined.parts) == 2
    assert "370 800 €" in combined.parts[0].answer and "370 800 €" in combined.parts[1].answer
    assert [p.interpretation.columns for p in combined.parts if p.interpretation] == [("TS 2025",), ("TS 2026",)]


def test_a_later_part_leans_on_an_earlier_one_as_a_follow_up_would(real_assistant) -> None:
    answer = real_assistant.answer("kuka vastaa museoiden markkinoinnista ja millä sitä mitataan")
    assert answer.kind == "multi"
    owner_part, metric_part = answer.answer.split("\n\n2. ")
    assert "vastaa" in owner_part and "Tulkitsin: " in metric_part and "tavoite" in metric_part.split("\n")[1].lower()
    assert "mittari: " in metric_part and "ei löydy" not in metric_part


def test_a_pronoun_in_a_later_part_is_the_earlier_parts_goals_even_where_it_reads_alone(real_assistant) -> None:
    # "millä sitä mitataan" alone asks the metric of every goal; after the two marketing goals, of those two
    answer = real_assistant.answer("kuka vastaa markkinoinnista ja millä sitä mitataan")
    owners, metrics = answer.parts
    assert owners.interpretation is not None and metrics.interpretation is not None
    assert len(owners.interpretation.goals) == 2 and metrics.interpretation.goals == owners.interpretation.goals


def test_a_later_part_that_lacks_its_figure_takes_it_from_an_earlier_part(real_assistant) -> None:
    answer = real_assistant.answer("paljonko opetuksen henkilöstökulut ovat 2024 ja kuinka paljon ne kasvavat 2026")
    assert answer.kind == "multi"
    _, change_part = answer.answer.split("\n\n2. ")
    assert "Henkilöstökulut" in change_part and "muutos" in change_part and "puuttuu" not in change_part
