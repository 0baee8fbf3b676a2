"""An `Answer` (and the user's question, and errors) as escaped HTML for the chat, answer first.

Pure functions: every piece of document or user text goes through `html.escape`, so markup in a
question or in the plan is shown as text and never interpreted by the browser. The chat's sanitizer
drops `data-*` and `aria-*` attributes, so links carry their target in `href` ("#lahde:<section>:<a>-<b>",
opened by ui/assets/page.js) and buttons name themselves with their text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from assistant.tools.goals.fields import FIELDS, field_values, not_in_grid
from assistant.types import Answer, Citation, FigureRef
from corpus.records import BudgetCell, Goal
from corpus.text import group_thousands
from ui import texts
from ui.answer.context import AnswerContext
from ui.answer.lead import LIST_LINE, Lead, answer_lead
from ui.answer.plain import plain_text
from ui.answer.suggest import Suggestion, related
from ui.highlight import highlight
from ui.labels import euros, percent

QUESTION_DISPLAY_LIMIT = 400
MAX_SUGGESTIONS = 3
JUMP_PREFIX = "#lahde:"
_COLUMN = re.compile(r"\b(TP|TA|TS) (\d{4})\b")
# A Finnish-grouped amount ("−8 409 500 €", "3,0 %") must not break across lines.
_AMOUNT = re.compile(r"[−+-]?\d{1,3}(?: \d{3})+(?:,\d+)?(?: (?:€|%))?|[−+-]?\d+(?:,\d+)? (?:€|%)")
# Thumbs as inline icons (no emoji font needed); the button's text names it.
_THUMB = (
    '<svg class="thumb{flip}" width="18" height="18" viewBox="0 0 24 24" focusable="false">'
    '<path fill="currentColor" d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 '
    '6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"/></svg>'
)
THUMB_UP = _THUMB.format(flip="")
THUMB_DOWN = _THUMB.format(flip=" thumb-down")
_SAFE_URL = re.compile(r"^(https?://|mailto:|tel:)", re.IGNORECASE)


def render_question(question: str) -> str:
    """The user's question as escaped HTML (very long questions are shortened for display only)."""
    shown = " ".join(question.split())
    suffix = ""
    if len(shown) > QUESTION_DISPLAY_LIMIT:
        shown, suffix = shown[:QUESTION_DISPLAY_LIMIT], texts.QUESTION_TRUNCATED
    return f'<p class="question">{html.escape(shown)}{html.escape(suffix)}</p>'


def render_answer(
    answer: Answer, context: AnswerContext = AnswerContext(), answer_id: str = "", feedback: bool | None = None
) -> str:
    """The answer: its first line, the rest folded, sources that open the plan, copy and feedback buttons.

    `answer_id` names the answer for feedback (no buttons without one); `feedback` is the verdict given.
    """
    element_id = f' id="vastaus-{html.escape(answer_id)}"' if answer_id else ""
    parts = [f'<div class="answer answer-{html.escape(answer.kind)}"{element_id}>']
    resolved = str(getattr(answer, "resolved_question", "") or "")
    if resolved:  # a follow-up: say first how it was read, so that a wrong reading is seen at once
        parts.append(f'<p class="resolved"><strong>{texts.RESOLVED_LABEL}:</strong> {html.escape(resolved)}</p>')
    goals = cited_goals(answer, context)
    if answer.kind == "owner" and goals:
        parts.append(render_owner_answer(answer, goals, context))
        lead = Lead(headline="")
    else:
        lead = answer_lead(answer, context.labels)
        parts.append(_lead_html(lead))
    for part in getattr(answer, "parts", ()) or ():
        parts.append(_part_html(part, context))
    parts.append(_details_html(answer, lead, context))
    if answer.kind == "not_found":
        parts.append(render_related(related(answer.question, context, MAX_SUGGESTIONS, getattr(answer, "suggestions", ()))))
        parts.append(render_contact(context))
    elif getattr(answer, "suggestions", ()):
        reason = getattr(getattr(answer, "interpretation", None), "reason", "")
        title = texts.NOT_FOUND_RELATED if reason == "social" else texts.CLARIFY_TITLE if answer.kind == "clarify" else texts.FOLLOW_UPS
        parts.append(render_related(related(answer.question, context, MAX_SUGGESTIONS, answer.suggestions), title))  # type: ignore[attr-defined]
    if answer.citations:
        parts.append(render_citations(answer.citations, answer.question, context, answer.figures))
    parts.append(_actions_html(answer_id, feedback))
    parts.append(f'<div class="answer-plain" hidden>{html.escape(plain_text(answer, context))}</div>')
    parts.append("</div>")
    return "".join(parts)


def cited_goals(answer: Answer, context: AnswerContext) -> list[tuple[int, Goal]]:
    """(citation number, goal) for every citation that quotes a row of the goals grid."""
    found = []
    for citation in answer.citations:
        goal = context.goals_by_lines.get((citation.lines[0], citation.lines[1]))
        if goal is not None:
            found.append((citation.n, goal))
    return found


def render_owner_answer(answer: Answer, goals: Sequence[tuple[int, Goal]], context: AnswerContext = AnswerContext()) -> str:
    """Owner and goal in one sentence; each goal's metrics and target levels folded — or, when the question asked
    for them ("millä sitä mitataan?"), the assistant's answer to that first and each goal's metrics or targets shown."""
    focus = answer.interpretation.focus if answer.interpretation is not None else ""
    if focus in FIELDS and answer.headline:
        return _asked_of_goals(answer, goals, focus)
    owners = tuple(answer.owners) or tuple(dict.fromkeys(o for _, goal in goals for o in goal.owners))
    same = all(goal.owners == goals[0][1].owners for _, goal in goals)
    who = _join(owners)
    verb = "vastaavat" if len(owners) > 1 else "vastaa"
    if len(goals) == 1 and same:
        n, goal = goals[0]
        return (
            f'<p class="answer-lead">{html.escape(who)} {verb} tavoitteesta ”{html.escape(_goal_text(goal))}” '
            f"({html.escape(context.labels.area(goal.area))}) [{n}].</p>{_goal_details(n, goal)}"
        )
    if same:
        lead = f"{who} {verb} {len(goals)} tavoitteesta:"
    else:
        lead = f"{texts.OWNERS_TITLE}: {who}. Tavoitteet ({len(goals)}):"
    items = []
    for n, goal in goals:
        owner = "" if same else f" – {texts.GOAL_OWNER.lower()}: {html.escape(_join(goal.owners))}"
        items.append(f"<li>{html.escape(_goal_text(goal))}{owner} [{n}]{_goal_details(n, goal)}</li>")
    return f'<p class="answer-lead">{html.escape(lead)}</p><ul class="goal-list">{"".join(items)}</ul>'


def _asked_of_goals(answer: Answer, goals: Sequence[tuple[int, Goal]], focus: str) -> str:
    """The assistant's headline ("Tavoitteen ”…” mittari: …"), then each goal with what was asked of it unfolded."""
    label, missing = texts.GOAL_FIELDS[focus], not_in_grid(focus)
    if len(goals) == 1:
        n, goal = goals[0]
        return f'<p class="answer-lead">{html.escape(answer.headline)} [{n}]</p>{_goal_details(n, goal)}'
    items = []
    for n, goal in goals:
        values = field_values(goal, focus)
        asked = (
            f'<ul>{"".join(f"<li>{html.escape(value)}</li>" for value in values)}</ul>' if values else f" – {html.escape(missing)}"
        )
        items.append(f"<li>{html.escape(_goal_text(goal))} [{n}]: <strong>{label}</strong>{asked}{_goal_details(n, goal)}</li>")
    return f'<p class="answer-lead">{html.escape(answer.headline)}</p><ul class="goal-list">{"".join(items)}</ul>'


def render_figures(figures: Sequence[FigureRef], context: AnswerContext = AnswerContext()) -> str:
    """The cells an answer's figures came from, as printed (signed), with a link to each source line."""
    head = "".join(f'<th scope="col">{html.escape(header)}</th>' for header in texts.FIGURE_HEADERS)
    rows = []
    for figure in figures:
        cell = context.cell(figure.table, figure.area, figure.item, figure.column)
        source = _jump_link(cell.section_id, cell.line, cell.line, texts.lines_label(cell.line, cell.line)) if cell else "–"
        cells = (
            _labelled(texts.FIGURE_HEADERS[0], html.escape(context.labels.area(figure.area))),
            _labelled(texts.FIGURE_HEADERS[1], html.escape(figure.item)),
            _labelled(texts.FIGURE_HEADERS[2], columns_html(figure.column)),
            _labelled(texts.FIGURE_HEADERS[3], columns_html(figure_value(figure)), "num"),
            _labelled(texts.FIGURE_HEADERS[4], source),
        )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="figures"><caption>{texts.FIGURES_CAPTION}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def figure_value(figure: FigureRef) -> str:
    """The figure's Finnish text: the composer's own wording when given, else formatted here."""
    if figure.value_text:
        return figure.value_text
    if figure.unit == "%":
        return percent(float(figure.value))
    return euros(int(figure.value))


def render_citations(
    citations: Sequence[Citation], question: str, context: AnswerContext = AnswerContext(), figures: Sequence[FigureRef] = ()
) -> str:
    """Numbered source cards that open to show the quote (or the cited table row) and a link into the plan."""
    cards = "".join(render_citation(citation, question, context, figures) for citation in citations)
    return f'<div class="sources"><p class="sources-title"><strong>{texts.SOURCES_TITLE}</strong></p>{cards}</div>'


def render_citation(
    citation: Citation, question: str, context: AnswerContext = AnswerContext(), figures: Sequence[FigureRef] = ()
) -> str:
    """One expandable source card: number, section path and line range; inside, the evidence and the link."""
    start, end = citation.lines
    where = texts.lines_label(start, end)
    rows = context.cited_rows(citation.section_id, start, end)
    evidence = render_cited_rows(rows, figures) if rows else (
        f'<blockquote class="source-quote">{highlight(citation.quote, question).replace(chr(10), "<br>")}</blockquote>'
    )
    link = _jump_link(citation.section_id, start, end, f"{texts.SOURCE_JUMP}: [{citation.n}] {citation.section}, {where}")
    return (
        f'<details class="source-card">'
        f'<summary><span class="source-n">[{citation.n}]</span> '
        f'<span class="source-section">{html.escape(citation.section)}</span> '
        f'<span class="source-lines">({where})</span></summary>'
        f'{evidence}<p class="source-meta">{link}</p>'
        "</details>"
    )


def render_cited_rows(rows: Sequence[tuple[BudgetCell, ...]], figures: Sequence[FigureRef] = ()) -> str:
    """Cited table rows with their column headers (one column per row, so it fits a phone), answer's cells marked."""
    columns = sorted({cell.column for row in rows for cell in row})
    used = {(f.table, f.area, f.item, f.column) for f in figures}
    head = f'<th scope="col">{texts.BUDGET_COLUMN_HEADER}</th>' + "".join(
        f'<th scope="col">{html.escape(row[0].item)}</th>' for row in rows
    )
    body = []
    for column in columns:
        cells = []
        for row in rows:
            cell = next((c for c in row if c.column == column), None)
            if cell is None:
                cells.append(f'<td class="num">{texts.BUDGET_MISSING}</td>')
                continue
            value = html.escape(group_thousands(cell.value))
            if (cell.table, cell.area, cell.item, column.label) in used:
                value = f"<mark>{value}</mark>"
            cells.append(f'<td class="num">{value}</td>')
        body.append(f'<tr><th scope="row">{columns_html(column.label)}</th>{"".join(cells)}</tr>')
    title = html.escape(texts.CITED_ROW_CAPTION.format(table=rows[0][0].table_title))
    return (
        f'<table class="cited-row"><caption>{title} ({texts.CHART_AXIS})</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        f'<p class="note">{html.escape(texts.THOUSAND_NOTE)}</p>'
    )


def render_related(suggestions: Sequence[Suggestion], title: str = texts.NOT_FOUND_RELATED) -> str:
    """At most three related questions (buttons that ask them) or plan topics (links into the plan)."""
    if not suggestions:
        return ""
    items = []
    for suggestion in suggestions:
        if suggestion.section_id:
            label = texts.NOT_FOUND_TOPIC.format(topic=suggestion.text)
            items.append(f"<li>{_jump_link(suggestion.section_id, 0, 0, label)}</li>")
        else:
            items.append(f'<li><button type="button" class="ask-suggestion">{html.escape(suggestion.text)}</button></li>')
    return f'<div class="related"><p>{html.escape(title)}</p><ul>{"".join(items)}</ul></div>'


def render_contact(context: AnswerContext) -> str:
    """Where to ask a person (configurable in Settings)."""
    return f'<p class="contact">{html.escape(texts.NOT_FOUND_CONTACT)} {contact_html(context)}</p>'


def contact_html(context: AnswerContext) -> str:
    """The contact text, linked when a safe URL (http, https, mailto, tel) is configured."""
    text = context.contact.text or texts.DEFAULT_CONTACT
    url = context.contact.url.strip()
    if url and _SAFE_URL.match(url):
        return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'
    return html.escape(text)


def render_error(message: str) -> str:
    """A Finnish error message shown in the chat (already translated; escaped here)."""
    return (
        f'<div class="answer answer-error" role="alert"><p><strong>{texts.ERROR_TITLE}:</strong> '
        f"{html.escape(message)}</p></div>"
    )


def columns_html(text: str) -> str:
    """Escaped text with every column label's abbreviation explained on hover ('TA 2024' → <abbr>TA</abbr> 2024)
    and amounts kept on one line."""
    escaped = _AMOUNT.sub(lambda m: f'<span class="amount">{m.group(0)}</span>', html.escape(text))
    return _COLUMN.sub(
        lambda m: f'<abbr title="{texts.COLUMN_KIND_NAMES[m.group(1)]}">{m.group(1)}</abbr> {m.group(2)}', escaped
    )


def jump_href(section_id: str, start: int = 0, end: int = 0) -> str:
    """The link that opens the Lähde tab at a section (and highlights lines start..end when given)."""
    lines = f":{start}-{end}" if start else ""
    return f"{JUMP_PREFIX}{section_id}{lines}"


def _jump_link(section_id: str, start: int, end: int, label: str) -> str:
    href = html.escape(jump_href(section_id, start, end), quote=True)
    return f'<a class="source-jump" href="{href}">{html.escape(label)}</a>'


def _lead_html(lead: Lead) -> str:
    parts = [f'<p class="answer-lead">{columns_html(lead.headline)}</p>'] if lead.headline else []
    listed: list[str] = []
    for line in lead.body:
        if LIST_LINE.match(line):
            listed.append(f"<li>{columns_html(line)}</li>")
            continue
        if listed:
            parts.append(f'<ul class="answer-list">{"".join(listed)}</ul>')
            listed = []
        parts.append(f'<p class="answer-text">{columns_html(line)}</p>')
    if listed:
        parts.append(f'<ul class="answer-list">{"".join(listed)}</ul>')
    return "".join(parts)


def _part_html(part: object, context: AnswerContext) -> str:
    question = str(getattr(part, "question", "") or "")
    heading = f'<p class="part-question"><strong>{html.escape(question)}</strong></p>' if question else ""
    if isinstance(part, Answer):
        return f'<div class="answer-part">{heading}{_lead_html(answer_lead(part, context.labels))}</div>'
    return f'<div class="answer-part">{heading}<p class="answer-text">{html.escape(str(getattr(part, "answer", part)))}</p></div>'


def _details_html(answer: Answer, lead: Lead, context: AnswerContext) -> str:
    inner = []
    if lead.reading:
        inner.append(f'<p class="reading"><strong>{texts.READING_LABEL}:</strong> {columns_html(lead.reading)}</p>')
    if answer.figures:
        inner.append(render_figures(answer.figures, context))
    inner.extend(f'<p class="answer-note">{columns_html(note)}</p>' for note in lead.notes)
    not_itemised = tuple(getattr(answer, "not_itemised", ()) or ())
    if not_itemised:
        inner.append(f'<p class="answer-note">{html.escape(texts.NOT_ITEMISED.format(names=", ".join(not_itemised)))}</p>')
    if answer.figures:
        notes = [texts.COLUMN_LEGEND]
        if lead.positive_costs:
            notes.append(texts.SIGN_NOTE)
        if not answer.citations:
            notes.append(texts.THOUSAND_NOTE)
        inner.extend(f'<p class="answer-note">{html.escape(note)}</p>' for note in notes)
    if not inner:
        return ""
    title = texts.DETAILS_NOT_FOUND if answer.kind == "not_found" else (texts.DETAILS_FIGURES if answer.figures else texts.DETAILS_MORE)
    return f'<details class="answer-more"><summary>{title}</summary>{"".join(inner)}</details>'


def _actions_html(answer_id: str, feedback: bool | None) -> str:
    copy = f'<button type="button" class="copy-answer">{texts.COPY_ANSWER}</button>'
    if not answer_id:
        return f'<div class="answer-actions">{copy}</div>'
    if feedback is None:
        votes = (
            f'<span class="feedback"><span class="feedback-question">{texts.FEEDBACK_QUESTION}</span> '
            f'<button type="button" class="feedback-yes">{THUMB_UP} {texts.FEEDBACK_YES}</button> '
            f'<button type="button" class="feedback-no">{THUMB_DOWN} {texts.FEEDBACK_NO}</button></span>'
        )
    else:
        votes = f'<span class="feedback-done" role="status">{texts.FEEDBACK_THANKS} {texts.FEEDBACK_GIVEN[feedback]}</span>'
    return f'<div class="answer-actions">{copy}{votes}</div>'


def _goal_details(n: int, goal: Goal) -> str:
    parts = [f"<p><strong>{texts.GOAL_AIM}:</strong> {html.escape(goal.strategic_aim)}</p>"]
    for label, values in ((texts.GOAL_METRICS, goal.metrics), (texts.GOAL_TARGETS, goal.target_level)):
        if values:
            items = "".join(f"<li>{html.escape(value)}</li>" for value in values)
            parts.append(f"<p><strong>{label}:</strong></p><ul>{items}</ul>")
    parts.append(f"<p><strong>{texts.GOAL_OWNER}:</strong> {html.escape(_join(goal.owners))}</p>")
    return f'<details class="goal-more"><summary>{texts.DETAILS_GOAL} [{n}]</summary>{"".join(parts)}</details>'


def _goal_text(goal: Goal) -> str:
    return goal.goal.strip().rstrip(".")


def _join(names: Sequence[str]) -> str:
    # Some titles hold a comma ("Palvelualuejohtaja, Virikkeellinen elämä"): then semicolons separate them.
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    if any("," in name for name in names):
        return "; ".join(names)
    return ", ".join(names[:-1]) + " ja " + names[-1]


def _labelled(header: str, content: str, css_class: str = "") -> str:
    # The hidden label names the column when a phone stacks the cells (see ui/assets/page.css).
    attribute = f' class="{css_class}"' if css_class else ""
    return f'<td{attribute}><span class="cell-label">{html.escape(header)}: </span>{content}</td>'

