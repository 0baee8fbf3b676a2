"""The section tree: top-level headings from the manifest's outline, split at service-area headings,
budget tables and the goals grid. Sections tile the document: each line belongs to exactly one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

from corpus.errors import SourceError
from corpus.manifest import Manifest, OutlineEntry
from corpus.records import LineRange, Section, SectionKind
from corpus.text import fold, squash_spaces

HEADING_SIMILARITY = 0.85  # tolerate OCR residue in headings ("edistimisen", "elima")


class TableSpanLike(Protocol):
    """What the section builder needs of a budget table: id, title and lines (see corpus.budget.TableSpan)."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def lines(self) -> LineRange: ...


@dataclass(frozen=True)
class _Start:
    line: int
    id: str
    title: str
    kind: SectionKind
    parent_id: str | None


def build_sections(
    lines: Sequence[str],
    manifest: Manifest,
    tables: Sequence[TableSpanLike] = (),
    original_lines: Sequence[str] | None = None,
) -> list[Section]:
    """Sections of a document from its (repaired) lines; `original_lines` help match damaged headings."""
    variants = [lines] if original_lines is None else [lines, original_lines]
    tops = _top_level_starts(variants, manifest)
    starts: list[_Start] = []
    for index, (entry, line) in enumerate(tops):
        end = tops[index + 1][1] - 1 if index + 1 < len(tops) else len(lines)
        starts.extend(_starts_within(entry, line, end, variants, manifest, tables))
    return _tile(starts, manifest, len(lines))


def _top_level_starts(variants: list[Sequence[str]], manifest: Manifest) -> list[tuple[OutlineEntry, int]]:
    found: list[tuple[OutlineEntry, int]] = []
    cursor = 1
    for entry in manifest.outline:
        line = _find_heading(variants, entry.match, cursor, len(variants[0]))
        if line is None:
            raise SourceError(
                f"{manifest.source_path}: heading {entry.match!r} (outline id {entry.id!r}) not found after line {cursor}; "
                f"fix the [[outline]] entry in {manifest.folder / 'manifest.toml'}"
            )
        found.append((entry, line))
        cursor = line + 1
    if not found or found[0][1] != 1:
        first = found[0][1] if found else len(variants[0]) + 1
        raise SourceError(f"{manifest.source_path}: lines 1-{first - 1} precede the first outline heading; add an outline entry for them")
    return found


def _starts_within(
    entry: OutlineEntry,
    start: int,
    end: int,
    variants: list[Sequence[str]],
    manifest: Manifest,
    tables: Sequence[TableSpanLike],
) -> list[_Start]:
    inside_tables = [table for table in tables if start <= table.lines.start <= end]
    whole_table = next((table for table in inside_tables if table.lines.start == start), None)
    kind: SectionKind = "table" if whole_table else "prose"
    starts = [_Start(start, entry.id, entry.title, kind, None)]
    if entry.subsections == "areas":
        for area in (manifest.board, *manifest.areas):
            for line in range(start + 1, end + 1):
                if _is_area_heading(variants, line, area.headings, start):
                    starts.append(_Start(line, f"{entry.id}/{area.code.lower()}", area.headings[0], "prose", entry.id))
                    break
    elif entry.subsections == "tables":
        for table in inside_tables:
            if table is not whole_table:
                starts.append(_Start(table.lines.start, table.id, table.title, "table", entry.id))
    if entry.grid_starts:
        grid = _find_heading(variants, entry.grid_starts, start + 1, end)
        if grid is None:
            raise SourceError(f"{manifest.source_path}: goals grid start {entry.grid_starts!r} not found in lines {start}-{end}")
        starts.append(_Start(grid, f"{entry.id}/taulukko", entry.grid_title or entry.grid_starts, "goals", entry.id))
    return sorted(starts, key=lambda item: item.line)


def _tile(starts: list[_Start], manifest: Manifest, total: int) -> list[Section]:
    titles: dict[str, str] = {}
    sections: list[Section] = []
    for index, start in enumerate(starts):
        end = starts[index + 1].line - 1 if index + 1 < len(starts) else total
        if end < start.line:
            raise SourceError(f"{manifest.source_path}:{start.line}: section {start.id!r} is empty")
        titles[start.id] = start.title
        path = (titles[start.parent_id], start.title) if start.parent_id else (start.title,)
        sections.append(
            Section(
                doc_id=manifest.id,
                id=start.id,
                title=start.title,
                path=path,
                kind=start.kind,
                lines=LineRange(start.line, end),
                parent_id=start.parent_id,
            )
        )
    ids = [section.id for section in sections]
    duplicates = sorted({section_id for section_id in ids if ids.count(section_id) > 1})
    if duplicates:
        raise SourceError(f"{manifest.source_path}: duplicate section ids {duplicates}")
    return sections


def _find_heading(variants: list[Sequence[str]], heading: str, first: int, last: int) -> int | None:
    for line in range(first, last + 1):
        if any(_starts_with_heading(lines[line - 1], heading) for lines in variants):
            return line
    return None


def _is_area_heading(variants: list[Sequence[str]], line: int, headings: Sequence[str], section_start: int) -> bool:
    lines = variants[0]
    previous_blank = line - 1 == section_start or not lines[line - 2].strip()
    if not previous_blank:
        return False
    return any(_starts_with_heading(text[line - 1], heading, merged_prose=True) for text in variants for heading in headings)


def _starts_with_heading(line: str, heading: str, merged_prose: bool = False) -> bool:
    """True when `line` is `heading` (OCR-tolerant), or starts with it followed by a capitalised sentence."""
    text = squash_spaces(line)
    target = fold(heading)
    head = fold(text[: len(heading)])
    if _similar(head, target) and len(text) <= len(heading) + 2:
        return True
    if not merged_prose:
        return _similar(head, target)
    rest = text[len(heading) :]
    return _similar(head, target) and rest.startswith(" ") and rest.strip()[:1].isupper()


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > max(2, len(b) // 10):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= HEADING_SIMILARITY
