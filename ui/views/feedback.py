"""The staff's feedback tab: the stored verdicts as a filterable table (only when KAYTTO_FEEDBACK_VIEW is on)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ui import texts
from ui.feedback.store import Feedback


def render_feedback(entries: Sequence[Feedback]) -> str:
    """Feedback rows newest first: time, question, answer kind, helpful, comment and cited sections."""
    caption = texts.FEEDBACK_VIEW_CAPTION.format(count=len(entries))
    if not entries:
        return f'<p class="feedback-empty" role="status">{html.escape(caption)}: {html.escape(texts.FEEDBACK_VIEW_EMPTY)}</p>'
    head = "".join(f'<th scope="col">{html.escape(header)}</th>' for header in texts.FEEDBACK_VIEW_HEADERS)
    rows = []
    for entry in entries:
        cells = (
            entry.created_at.strftime("%Y-%m-%d %H:%M"),
            entry.question,
            texts.ANSWER_KIND_NAMES.get(entry.answer_kind, entry.answer_kind),
            texts.FEEDBACK_YES if entry.helpful else texts.FEEDBACK_NO,
            entry.comment,
            " ".join(entry.cited_sections),
        )
        rows.append(
            "<tr>"
            + "".join(
                f'<td><span class="cell-label">{html.escape(header)}: </span>{html.escape(cell)}</td>'
                for header, cell in zip(texts.FEEDBACK_VIEW_HEADERS, cells, strict=True)
            )
            + "</tr>"
        )
    return (
        f'<table class="feedback-table cards-on-phone"><caption role="status">{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
