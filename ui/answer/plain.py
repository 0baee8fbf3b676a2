"""An answer as plain text for the copy button: the answer, its figures, and the citations as text."""

from __future__ import annotations

from assistant.types import Answer
from ui import texts
from ui.answer.context import AnswerContext
from ui.answer.lead import answer_lead
from ui.labels import euros, percent


def plain_text(answer: Answer, context: AnswerContext = AnswerContext()) -> str:
    """What "Kopioi vastaus" copies: no markup, sources as '[1] Section, rivit 12–15: ”quote”'."""
    if answer.kind == "owner":  # the goals with their metrics and owners, as the assistant listed them
        lines = [line.rstrip() for line in answer.answer.split("\n") if line.strip()]
    else:
        lead = answer_lead(answer, context.labels)
        lines = [line for line in (lead.headline, *lead.body) if line]
    for figure in answer.figures:
        value = figure.value_text or (percent(float(figure.value)) if figure.unit == "%" else euros(int(figure.value)))
        lines.append(f"– {context.labels.area(figure.area)}, {figure.item}, {figure.column}: {value}")
    if answer.citations:
        lines.append(f"{texts.SOURCES_TITLE}:")
        for citation in answer.citations:
            where = texts.lines_label(*citation.lines)
            quote = " ".join(citation.quote.split())
            lines.append(f"[{citation.n}] {citation.section}, {where}: ”{quote}”")
    return "\n".join(lines)
