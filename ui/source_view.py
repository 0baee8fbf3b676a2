"""The source tab's data: the plan by section, repaired or original text, with source line numbers."""

from __future__ import annotations

import html

from corpus.records import LineRange, Section
from corpus.store import Document
from ui import texts


WHOLE_PLAN = "*"  # the choice that shows every line of the document (no section id has a "*")


def section_choices(document: Document) -> list[tuple[str, str]]:
    """(section path with its lines, section id) in document order, after the whole plan."""
    ordered = sorted(document.sections, key=lambda s: (s.lines.start, -s.lines.end))
    whole = (f"{texts.SOURCE_WHOLE_PLAN} ({texts.lines_label(1, len(document.repaired_lines))})", WHOLE_PLAN)
    choices = [whole]
    for section in ordered:
        lines = extent(document, section)
        choices.append((f"{section.path_text} ({texts.lines_label(lines.start, lines.end)})", section.id))
    return choices


def extent(document: Document, section: Section) -> LineRange:
    """A section's lines including its subsections' (a parent's own lines are often just its heading)."""
    end = section.lines.end
    for child in document.sections:
        if child.parent_id == section.id:
            end = max(end, extent(document, child).end)
    return LineRange(section.lines.start, end)


def render_section(document: Document, section_id: str, original: bool = False) -> str:
    """A section's (or the whole plan's) lines as a list numbered with the source line numbers."""
    if section_id == WHOLE_PLAN:
        title, lines = texts.SOURCE_WHOLE_PLAN, LineRange(1, len(document.repaired_lines))
    else:
        section = document.section(section_id)
        title, lines = section.path_text, extent(document, section)
    text = document.original_text(lines) if original else document.repaired_text(lines)
    caption = texts.SOURCE_ORIGINAL_CAPTION if original else texts.SOURCE_REPAIRED_CAPTION
    items = "".join(
        f"<li>{html.escape(line) if line.strip() else '&nbsp;'}</li>" for line in text
    )
    # The lines scroll inside a focusable region, so keyboard users can scroll it too.
    return (
        f'<section class="source-view" aria-label="{html.escape(title)}">'
        f'<p class="source-caption"><strong>{html.escape(caption)}:</strong> {html.escape(title)}, '
        f"{texts.lines_label(lines.start, lines.end)}</p>"
        f'<div class="source-scroll" tabindex="0" role="region" aria-label="{html.escape(caption)}">'
        f'<ol class="source-text" start="{lines.start}">{items}</ol></div></section>'
    )
