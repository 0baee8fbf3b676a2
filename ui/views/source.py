"""The Lähde tab's data: the plan by section, repaired (and the original OCR beside it on request), with
source line numbers, the lines an answer cited highlighted, and a search that needs no ä/ö."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from os.path import commonprefix

from corpus.records import LineRange, Section
from corpus.store import Document
from corpus.text import fold
from ui import texts
from ui.highlight import WORD

WHOLE_PLAN = "*"  # the choice that shows every line of the document (no section id has a "*")
SEARCH_LIMIT = 50
MIN_QUERY = 2
MIN_STEM = 5
INFLECTED_TAIL = 2


@dataclass(frozen=True)
class Hit:
    """A line of the plan that matches a search, and the innermost section it belongs to."""

    line: int
    section_id: str
    text: str


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


def section_of(document: Document, line: int) -> str:
    """The innermost section whose own lines hold `line` (the whole plan when none does)."""
    holding = [s for s in document.sections if line in s.lines]
    if not holding:
        return WHOLE_PLAN
    return min(holding, key=lambda s: (s.lines.end - s.lines.start, -s.lines.start)).id


def known_section(document: Document, section_id: str) -> str:
    """`section_id` when the document has it, else the whole plan (links come from the page, not trusted)."""
    return section_id if any(s.id == section_id for s in document.sections) else WHOLE_PLAN


def render_section(
    document: Document,
    section_id: str,
    original: bool = False,
    cited: LineRange | None = None,
    query: str = "",
) -> str:
    """A section's (or the whole plan's) lines numbered with the source line numbers.

    `cited` lines are highlighted (and the first gets the anchor the page scrolls to); `original` shows
    the OCR text beside each repaired line; words of `query` are marked.
    """
    if section_id == WHOLE_PLAN:
        title, lines = texts.SOURCE_WHOLE_PLAN, LineRange(1, len(document.repaired_lines))
    else:
        section = document.section(section_id)
        title, lines = section.path_text, extent(document, section)
    repaired = document.repaired_text(lines)
    originals = document.original_text(lines) if original else [""] * len(repaired)
    words = query_words(query)
    items = []
    for number, (text, ocr) in enumerate(zip(repaired, originals, strict=True), start=lines.start):
        is_cited = cited is not None and number in cited
        classes = "line cited" if is_cited else "line"
        anchor = ' tabindex="-1"' if cited is not None and number == max(cited.start, lines.start) else ""
        body = f'<span class="line-repaired">{_line_html(text, words)}</span>'
        if original:
            body = (
                f'<div class="line-pair">{body}<span class="line-original"><span class="visually-hidden">'
                f"{texts.SOURCE_ORIGINAL_CAPTION}: </span>{_line_html(ocr, words)}</span></div>"
            )
        items.append(f'<li id="rivi-{number}" class="{classes}"{anchor}>{body}</li>')
    caption = texts.SOURCE_REPAIRED_CAPTION
    if original:
        caption = f"{texts.SOURCE_REPAIRED_CAPTION} | {texts.SOURCE_ORIGINAL_CAPTION}"
    note = ""
    if cited is not None:
        note = f'<p class="source-cited">{html.escape(texts.SOURCE_CITED.format(lines=texts.lines_label(cited.start, cited.end)))}</p>'
    layout = "source-text with-original" if original else "source-text"
    return (
        f'<section class="source-view">'
        f'<p class="source-caption"><strong>{html.escape(caption)}:</strong> {html.escape(title)}, '
        f"{texts.lines_label(lines.start, lines.end)}</p>{note}"
        f'<ol class="{layout}" start="{lines.start}">{"".join(items)}</ol></section>'
    )


def search(document: Document, query: str, limit: int = SEARCH_LIMIT) -> list[Hit]:
    """Lines of the repaired text where every word of `query` occurs: ignoring case and ä/ö/å, as the
    start of a word or an inflected form of it ("paivakoti" finds "päiväkodin")."""
    words = query_words(query)
    if not words:
        return []
    hits = []
    for number, text in enumerate(document.repaired_lines, start=1):
        line_words = [fold(word) for word in WORD.findall(text)]
        if all(any(_word_matches(line_word, word) for line_word in line_words) for word in words):
            hits.append(Hit(number, section_of(document, number), text))
    return hits[:limit] if limit else hits


def render_hits(document: Document, query: str, limit: int = SEARCH_LIMIT) -> str:
    """The search result: how many lines matched and a link to each, words marked."""
    words = query_words(query)
    if not words:
        return ""
    every = search(document, query, limit=0)
    if not every:
        return f'<p class="search-none" role="status">{html.escape(texts.SOURCE_SEARCH_NONE.format(query=query.strip()))}</p>'
    shown = every[:limit]
    titles = {section.id: section.path_text for section in document.sections}
    items = "".join(
        f'<li><a class="source-jump" href="#lahde:{html.escape(hit.section_id, quote=True)}:{hit.line}-{hit.line}">'
        f"{texts.lines_label(hit.line, hit.line)}</a> "
        f'<span class="hit-section">({html.escape(titles.get(hit.section_id, texts.SOURCE_WHOLE_PLAN))})</span>: '
        f"{_line_html(hit.text, words)}</li>"
        for hit in shown
    )
    count = texts.SOURCE_SEARCH_HITS.format(count=len(every), shown=len(shown))
    return f'<div class="search-hits"><p role="status">{html.escape(count)}</p><ul>{items}</ul></div>'


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of a search (each at least two characters)."""
    return tuple(word for word in fold(query or "").split() if len(word) >= MIN_QUERY)


def mark_words(text: str, words: Sequence[str]) -> str:
    """`text` escaped, with every word that a search word matches (see `search`) wrapped in <mark>."""
    out: list[str] = []
    position = 0
    for match in WORD.finditer(text):
        out.append(html.escape(text[position : match.start()]))
        word = html.escape(match.group())
        folded = fold(match.group())
        out.append(f"<mark>{word}</mark>" if any(_word_matches(folded, w) for w in words) else word)
        position = match.end()
    out.append(html.escape(text[position:]))
    return "".join(out)


def _word_matches(line_word: str, query_word: str) -> bool:
    # The start of a word, or an inflected form differing in the last two letters of the search word
    # ("paivakoti" ~ "paivakodin"), but not a different compound ("varhaiskasvatusalue" ≁ "…palvelut").
    if line_word.startswith(query_word):
        return True
    shared = len(commonprefix([line_word, query_word]))
    return shared >= MIN_STEM and shared >= len(query_word) - INFLECTED_TAIL


def _line_html(text: str, words: Sequence[str]) -> str:
    return mark_words(text, words) if text.strip() else "&nbsp;"
