"""Rendering an `Answer` (and the user's question, and errors) to escaped HTML for the chat.

Pure functions: every piece of document or user text goes through `html.escape`, so markup in a
question or in the plan is shown as text and never interpreted by the browser.
"""

from __future__ import annotations

import html

from assistant.types import Answer, Citation, FigureRef
from ui import texts
from ui.highlight import highlight
from ui.labels import Labels, euros, percent

QUESTION_DISPLAY_LIMIT = 400


def render_question(question: str) -> str:
    """The user's question as escaped HTML (very long questions are shortened for display only)."""
    shown = " ".join(question.split())
    suffix = ""
    if len(shown) > QUESTION_DISPLAY_LIMIT:
        shown, suffix = shown[:QUESTION_DISPLAY_LIMIT], texts.QUESTION_TRUNCATED
    return f'<p class="question">{html.escape(shown)}{html.escape(suffix)}</p>'


def render_answer(answer: Answer, labels: Labels = Labels(), examples: tuple[str, ...] = ()) -> str:
    """An answer with its figures, owners and numbered, expandable source cards."""
    parts = [f'<div class="answer answer-{html.escape(answer.kind)}">', _paragraphs(answer.answer)]
    if answer.figures:
        parts.append(render_figures(answer.figures, labels))
    if answer.owners:
        owners = ", ".join(html.escape(owner) for owner in answer.owners)
        parts.append(f'<p class="owners"><strong>{texts.OWNERS_TITLE}:</strong> {owners}</p>')
    if answer.kind == "not_found":
        parts.append(render_suggestions(labels.topics, examples))
    if answer.citations:
        parts.append(render_citations(answer.citations, answer.question))
    parts.append("</div>")
    return "".join(parts)


def render_figures(figures: tuple[FigureRef, ...], labels: Labels = Labels()) -> str:
    """The table cells an answer's figures came from, as an accessible table."""
    head = "".join(f'<th scope="col">{html.escape(header)}</th>' for header in texts.FIGURE_HEADERS)
    rows = []
    for figure in figures:
        cells = (labels.table(figure.table), labels.area(figure.area), figure.item, figure.column)
        row = "".join(_figure_cell(header, cell) for header, cell in zip(texts.FIGURE_HEADERS, cells))
        rows.append(f"<tr>{row}{_figure_cell(texts.FIGURE_HEADERS[-1], figure_value(figure), 'num')}</tr>")
    return (
        f'<table class="figures"><caption>{texts.FIGURES_CAPTION}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _figure_cell(header: str, text: str, css_class: str = "") -> str:
    # The hidden label names the column when a phone stacks the cells (see ui.theme).
    attribute = f' class="{css_class}"' if css_class else ""
    return f'<td{attribute}><span class="cell-label">{html.escape(header)}: </span>{html.escape(text)}</td>'


def figure_value(figure: FigureRef) -> str:
    """The figure's Finnish text: the composer's own wording when given, else formatted here."""
    if figure.value_text:
        return figure.value_text
    if figure.unit == "%":
        return percent(float(figure.value))
    return euros(int(figure.value))


def render_citations(citations: tuple[Citation, ...], question: str) -> str:
    """Numbered source cards that open to show the quote (question words marked) and its lines."""
    cards = "".join(render_citation(citation, question) for citation in citations)
    return f'<div class="sources"><p class="sources-title"><strong>{texts.SOURCES_TITLE}</strong></p>{cards}</div>'


def render_citation(citation: Citation, question: str) -> str:
    """One expandable source card: number, section path and line range; the quote inside."""
    start, end = citation.lines
    where = texts.lines_label(start, end)
    return (
        f'<details class="source-card" data-n="{citation.n}">'
        f'<summary><span class="source-n">[{citation.n}]</span> '
        f'<span class="source-section">{html.escape(citation.section)}</span> '
        f'<span class="source-lines">({where})</span></summary>'
        f'<blockquote class="source-quote">{highlight(citation.quote, question)}</blockquote>'
        f'<p class="source-meta">{html.escape(citation.section)}, {where}</p>'
        "</details>"
    )


def render_suggestions(topics: tuple[str, ...], examples: tuple[str, ...]) -> str:
    """What the plan does cover, and example questions, for answers the plan cannot give."""
    parts = ['<div class="suggestions">']
    if topics:
        items = "".join(f"<li>{html.escape(topic)}</li>" for topic in topics)
        parts.append(f"<p>{texts.NOT_FOUND_LEAD}</p><ul>{items}</ul>")
    if examples:
        items = "".join(f"<li>{html.escape(example)}</li>" for example in examples)
        parts.append(f"<p>{texts.NOT_FOUND_TRY}</p><ul>{items}</ul>")
    parts.append("</div>")
    return "".join(parts)


def render_error(message: str) -> str:
    """A Finnish error message shown in the chat (already translated; escaped here)."""
    return (
        f'<div class="answer answer-error" role="alert"><p><strong>{texts.ERROR_TITLE}:</strong> '
        f"{html.escape(message)}</p></div>"
    )


def _paragraphs(text: str) -> str:
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    return "".join(
        f'<p class="answer-text">{"<br>".join(html.escape(line) for line in block.splitlines())}</p>'
        for block in blocks
    )
