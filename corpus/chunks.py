"""Retrieval chunks: section-aware passages of about 300–900 characters cut at sentence boundaries,
plus readable text for every budget table and every goal."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from corpus.manifest import Manifest
from corpus.records import BudgetCell, Chunk, ChunkKind, Goal, LineRange, Section
from corpus.text import group_thousands, join_wrapped, squash_spaces

MIN_CHARS = 300
MAX_CHARS = 900
MIN_FRAGMENT_CHARS = 40
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÅ0-9])")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the repaired text with the source lines it spans."""

    text: str
    lines: LineRange
    paragraph: int


def build_chunks(
    lines: Sequence[str],
    sections: Sequence[Section],
    cells: Sequence[BudgetCell],
    goals: Sequence[Goal],
    manifest: Manifest,
) -> list[Chunk]:
    """All chunks of a document, in document order."""
    chunks: list[Chunk] = []
    for section in sections:
        if section.kind == "prose":
            chunks.extend(_prose_chunks(lines, section))
        elif section.kind == "table":
            chunks.extend(_table_chunks(section, [c for c in cells if c.section_id == section.id], manifest))
        else:
            chunks.extend(_goal_chunks(section, [g for g in goals if g.section_id == section.id], manifest))
    return chunks


def sentences(lines: Sequence[str], section: Section) -> list[Sentence]:
    """The sentences of a prose section (its heading line left out), with their line ranges."""
    result: list[Sentence] = []
    paragraph: list[tuple[int, str]] = []
    paragraph_index = 0
    for number in range(section.lines.start, section.lines.end + 1):
        text = lines[number - 1]
        if number == section.lines.start and _is_heading_line(text, section.title):
            continue
        if text.strip():
            paragraph.append((number, text))
            continue
        if paragraph and _continues_after_blank(paragraph[-1][1], lines, number, section.lines.end):
            continue  # the OCR put a blank line inside a sentence
        if paragraph:
            result.extend(_split_paragraph(paragraph, paragraph_index))
            paragraph_index += 1
            paragraph = []
    if paragraph:
        result.extend(_split_paragraph(paragraph, paragraph_index))
    return result


def _continues_after_blank(last_text: str, lines: Sequence[str], blank: int, end: int) -> bool:
    if last_text.rstrip().endswith((".", "!", "?", ":")):
        return False
    for number in range(blank + 1, end + 1):
        following = lines[number - 1].strip()
        if following:
            return following[:1].islower()
    return False


def _is_heading_line(text: str, title: str) -> bool:
    return len(squash_spaces(text)) <= len(title) + 3


def _split_paragraph(paragraph: list[tuple[int, str]], index: int) -> list[Sentence]:
    # Join wrapped lines one by one, remembering where each source line starts in the joined text.
    joined = ""
    starts: list[tuple[int, int]] = []
    for number, text in paragraph:
        before = joined
        joined = join_wrapped([joined, text]) if joined else squash_spaces(text)
        starts.append((len(before) + (1 if before and joined[len(before) : len(before) + 1] == " " else 0), number))
    result: list[Sentence] = []
    offset = 0
    for piece in _SENTENCE_END.split(joined):
        begin = joined.index(piece, offset)
        end = begin + len(piece)
        offset = end
        first = max(number for start, number in starts if start <= begin)
        last = max(number for start, number in starts if start < end)
        result.append(Sentence(text=piece.strip(), lines=LineRange(first, last), paragraph=index))
    return [sentence for sentence in result if sentence.text]


def _prose_chunks(lines: Sequence[str], section: Section) -> list[Chunk]:
    groups: list[list[Sentence]] = []
    current: list[Sentence] = []
    for sentence in sentences(lines, section):
        size = sum(len(s.text) + 1 for s in current)
        new_paragraph = bool(current) and sentence.paragraph != current[-1].paragraph
        if current and (size + len(sentence.text) > MAX_CHARS or (new_paragraph and size >= MIN_CHARS)):
            groups.append(current)
            current = []
        current.append(sentence)
    if current:
        groups.append(current)
    chunks = [
        _chunk(section, "prose", " ".join(s.text for s in group), LineRange(group[0].lines.start, group[-1].lines.end))
        for group in groups
    ]
    # A lone title fragment is noise for retrieval; keep it only when the section has nothing else.
    substantial = [chunk for chunk in chunks if len(chunk.text) >= MIN_FRAGMENT_CHARS]
    return substantial or chunks


def _table_chunks(section: Section, cells: Sequence[BudgetCell], manifest: Manifest) -> list[Chunk]:
    if not cells:
        return []
    columns = sorted({cell.column for cell in cells})
    area = manifest.area(cells[0].area)
    title = cells[0].table_title if cells[0].table_title.startswith(area.name) else f"{cells[0].table_title} ({area.name})"
    covers = f" Palvelualue kattaa: {', '.join(area.covers)}." if area.covers else ""
    header = (
        f"Taulukko: {title}, euroa: talousarvio ja taloussuunnitelma, tulot ja menot.{covers} Sarakkeet: "
        + ", ".join(f"{column.label} {column.meaning}" for column in columns)
        + "."
    )
    rows: list[tuple[str, list[BudgetCell]]] = []
    for item in _ordered_items(cells):
        row = sorted((c for c in cells if c.item == item), key=lambda c: c.column)
        values = "; ".join(f"{c.column.label} {group_thousands(c.value)} €" for c in row)
        rows.append((f"{item}: {values}.", row))
    chunks: list[Chunk] = []
    batch: list[tuple[str, list[BudgetCell]]] = []
    for entry in rows:
        if batch and len(header) + sum(len(text) + 1 for text, _ in batch) + len(entry[0]) > MAX_CHARS:
            chunks.append(_table_chunk(section, header, batch))
            batch = []
        batch.append(entry)
    if batch:
        chunks.append(_table_chunk(section, header, batch))
    return chunks


def _ordered_items(cells: Iterable[BudgetCell]) -> list[str]:
    first_line: dict[str, int] = {}
    for cell in cells:
        first_line[cell.item] = min(first_line.get(cell.item, cell.line), cell.line)
    return sorted(first_line, key=lambda item: first_line[item])


def _table_chunk(section: Section, header: str, batch: list[tuple[str, list[BudgetCell]]]) -> Chunk:
    used = [cell.line for _, row in batch for cell in row]
    lines = LineRange(max(section.lines.start, min(used)), min(section.lines.end, max(used)))
    return _chunk(section, "table", header + " " + " ".join(text for text, _ in batch), lines)


def _goal_chunks(section: Section, goals: Sequence[Goal], manifest: Manifest) -> list[Chunk]:
    chunks = []
    for goal in goals:
        parts = [
            f"Tavoite 2024, {manifest.area(goal.area).name} ({goal.area}), strateginen päämäärä {goal.strategic_aim}"
            + (f" ({', '.join(goal.sub_aims)})" if goal.sub_aims else "")
            + f": {goal.goal}",
        ]
        if goal.target_level:
            parts.append("Tavoitetaso: " + " ".join(goal.target_level))
        if goal.metrics:
            parts.append("Mittarit: " + "; ".join(goal.metrics))
        parts.append("Vastuu: " + ", ".join(goal.owners))
        text = " ".join(part if part.endswith((".", ":")) else part + "." for part in parts)
        chunks.append(_chunk(section, "goal", text, goal.lines, metadata={"goal_id": goal.id}))
    return chunks


def _chunk(section: Section, kind: ChunkKind, text: str, lines: LineRange, metadata: dict[str, str] | None = None) -> Chunk:
    digest = hashlib.sha256(
        "\x1f".join([section.doc_id, section.id, f"{lines.start}-{lines.end}", text]).encode("utf-8")
    ).hexdigest()[:20]
    return Chunk(
        doc_id=section.doc_id,
        id=f"{section.doc_id}:{digest}",
        section_id=section.id,
        section_path=section.path,
        kind=kind,
        text=text,
        lines=lines,
        metadata=dict(metadata or {}),
    )

