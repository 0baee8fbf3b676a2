"""The copy button's plain text: no markup, the answer first, the citations as text."""

from __future__ import annotations

from assistant.types import Answer, Citation, FigureRef
from tests.ui.answer.test_render import CONTEXT, figure_answer
from ui.answer.plain import plain_text


def test_plain_text_has_the_answer_figures_and_citations_without_markup() -> None:
    text = plain_text(figure_answer(), CONTEXT)
    assert text.split("\n") == [
        "Varhaiskasvatus: toimintakulut ovat vuoden 2024 talousarviossa 8 409 500 €. [1]",
        "– Varhaiskasvatus, Toimintakulut, TA 2024: −8 409 500 €",
        "Lähteet:",
        "[1] Palvelualuettaiset laskelmat › Varhaiskasvatus, rivi 9: ”Toimintakulut -8 448 544 …”",
    ]


def test_markup_in_the_plan_stays_text_in_the_copy() -> None:
    answer = Answer(
        question="q",
        kind="text",
        answer="Heinolassa on viisi <b>aluetta</b>. [1]",
        citations=(Citation(1, "kuvaus/vaka", "Kuvaus", "Heinolassa on viisi\n<script>x</script>", (4, 5)),),
        figures=(FigureRef("t", "VAKA", "i", "TA 2024 − TP 2022", -4.2, "%"),),
    )
    text = plain_text(answer, CONTEXT)
    assert "<b>aluetta</b>" in text and "&lt;" not in text
    assert text.endswith("[1] Kuvaus, rivit 4–5: ”Heinolassa on viisi <script>x</script>”")
    assert "– Varhaiskasvatus, i, TA 2024 − TP 2022: −4,2 %" in text
