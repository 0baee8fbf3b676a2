"""The goals grid (Käyttösuunnitelman palvelualueittaiset tavoitteet): the reviewed `goals.toml` of a document,
loaded as `Goal` records, and the check that every string of a record is printed where the record says.

The OCR interleaved the grid's four columns beyond reliable parsing, so the grid is read by hand once into
`goals.toml`; `trace_goal` keeps that file honest against the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import ManifestError, SourceError
from corpus.manifest import Manifest, read_toml
from corpus.records import Goal, LineRange
from corpus.text import fold as fold_text
from corpus.text import join_wrapped, squash_spaces

GOALS_FILE = "goals.toml"
SECTION_ID = "tavoitteet/taulukko"

_LIST_FIELDS = ("sub_aims", "target_level", "metrics", "owners")
_KEYS = frozenset({"id", "note", "area", "lines", "strategic_aim", "goal", *_LIST_FIELDS})
_REQUIRED = ("id", "area", "lines", "strategic_aim", "goal", "owners")
_ITEM_KEYS = frozenset({"text", "line", "lines"})


@dataclass(frozen=True)
class Anchor:
    """Where one string of a goal is printed: the line it starts on, or exactly the lines it spans."""

    start: int
    # Set only when another column's text is printed between the string's lines.
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class GoalEntry:
    """One goal of `goals.toml` with the reviewer's note and where each of its strings is printed."""

    goal: Goal
    anchors: tuple[tuple[str, Anchor], ...]  # (field label such as "metrics[0]", anchor)
    note: str = ""

    def anchor_map(self) -> dict[str, Anchor]:
        return dict(self.anchors)


def goal_strings(goal: Goal) -> list[tuple[str, str]]:
    """Every string of a goal with its field label ("strategic_aim", "sub_aims[0]", …), in grid order."""
    out = [("strategic_aim", goal.strategic_aim)]
    out += [(f"sub_aims[{i}]", text) for i, text in enumerate(goal.sub_aims)]
    out.append(("goal", goal.goal))
    for name in ("target_level", "metrics", "owners"):
        out += [(f"{name}[{i}]", text) for i, text in enumerate(getattr(goal, name))]
    return out


def load_goals(manifest: Manifest, repaired_lines: Sequence[str]) -> list[Goal]:
    """The document's goals from its `goals.toml` (none when it has no such file), checked against its text."""
    return [entry.goal for entry in read_goal_entries(manifest, len(repaired_lines))]


def read_goal_entries(manifest: Manifest, line_count: int | None = None) -> list[GoalEntry]:
    """Read and validate `goals.toml`; with `line_count`, every line range must lie inside the text."""
    path = manifest.folder / GOALS_FILE
    if not path.is_file():
        return []
    data = read_toml(path)
    unknown = sorted(set(data) - {"goal"})
    if unknown:
        raise ManifestError(f"{path}: unknown top-level keys {unknown}; goals are [[goal]] tables")
    rows = data.get("goal", [])
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ManifestError(f"{path}: 'goal' must be an array of tables ([[goal]])")
    areas = {area.code for area in (manifest.board, *manifest.areas)}
    entries: list[GoalEntry] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        entry = _Reader(path, number, row).entry(manifest.id, areas, line_count)
        if entry.goal.id in seen:
            raise ManifestError(
                f"{path}: goal #{number} ({entry.goal.id!r}): id already used by goal #{seen[entry.goal.id]}; "
                "ids must be unique"
            )
        seen[entry.goal.id] = number
        entries.append(entry)
    return entries


class _Reader:
    """Validates one [[goal]] table; every message names the file, the entry and the field."""

    def __init__(self, path: Path, number: int, row: dict[str, Any]) -> None:
        self.path = path
        self.number = number
        self.row = row
        self.anchors: list[tuple[str, Anchor]] = []

    def fail(self, message: str) -> ManifestError:
        name = self.row.get("id")
        where = f"goal #{self.number}" + (f" ({name!r})" if isinstance(name, str) else "")
        return ManifestError(f"{self.path}: {where}: {message}")

    def entry(self, doc_id: str, areas: set[str], line_count: int | None) -> GoalEntry:
        unknown = sorted(set(self.row) - _KEYS)
        if unknown:
            raise self.fail(f"unknown fields {unknown}; allowed: {sorted(_KEYS)}")
        for key in _REQUIRED:
            if key not in self.row:
                raise self.fail(f"required field {key!r} is missing")
        goal_id = self.row["id"]
        if not isinstance(goal_id, str) or not re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+", goal_id):
            raise self.fail(f"field 'id' must look like 'aim-slug/area', got {goal_id!r}")
        area = self.row["area"]
        if area not in areas:
            raise self.fail(f"field 'area' must be one of {sorted(areas)}, got {area!r}")
        lines = self.line_range(line_count)
        note = self.row.get("note", "")
        if not isinstance(note, str):
            raise self.fail(f"field 'note' must be a string, got {note!r}")
        lists = {name: self.texts(name, self.row.get(name, []), lines) for name in _LIST_FIELDS}
        if not lists["owners"]:
            raise self.fail("field 'owners' must name at least one owner (Vastuu)")
        goal = Goal(
            doc_id=doc_id,
            id=goal_id,
            strategic_aim=self.text("strategic_aim", self.row["strategic_aim"], lines),
            sub_aims=lists["sub_aims"],
            area=area,
            goal=self.text("goal", self.row["goal"], lines),
            target_level=lists["target_level"],
            metrics=lists["metrics"],
            owners=lists["owners"],
            lines=lines,
            section_id=SECTION_ID,
        )
        return GoalEntry(goal=goal, anchors=tuple(self.anchors), note=squash_spaces(note))

    def line_range(self, line_count: int | None) -> LineRange:
        value = self.row["lines"]
        if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
            raise self.fail(f"field 'lines' must be [start, end] (1-based line numbers), got {value!r}")
        try:
            lines = LineRange(value[0], value[1])
        except ValueError as exc:
            raise self.fail(f"field 'lines': {exc}") from exc
        if line_count is not None and lines.end > line_count:
            raise SourceError(
                f"{self.path}: goal #{self.number} ({self.row['id']!r}): field 'lines' {value} runs past the end "
                f"of the text ({line_count} lines); fix the range or the text"
            )
        return lines

    def texts(self, name: str, value: Any, lines: LineRange) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(f"field {name!r} must be a list, got {value!r}")
        return tuple(self.text(f"{name}[{i}]", item, lines) for i, item in enumerate(value))

    def text(self, label: str, value: Any, lines: LineRange) -> str:
        """A string given plainly or as { text, line } / { text, lines }; its anchor is recorded."""
        if isinstance(value, dict):
            unknown = sorted(set(value) - _ITEM_KEYS)
            if unknown or "text" not in value or ("line" in value and "lines" in value):
                raise self.fail(f"field {label!r} must be a string or {{ text, line }} / {{ text, lines }}, got {value!r}")
            self.anchors.append((label, self.anchor(label, value, lines)))
            value = value["text"]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"field {label!r} must be non-empty text, got {value!r}")
        if value != squash_spaces(value):
            raise self.fail(f"field {label!r} has stray whitespace: {value!r}; write it on one line, single-spaced")
        return value

    def anchor(self, label: str, value: dict[str, Any], lines: LineRange) -> Anchor:
        if "lines" in value:
            spans = value["lines"]
            ok = isinstance(spans, list) and spans and all(type(n) is int for n in spans) and spans == sorted(set(spans))
            if not ok:
                raise self.fail(f"field {label!r}: 'lines' must be ascending line numbers, got {spans!r}")
            anchor = Anchor(start=spans[0], lines=tuple(spans))
        elif "line" in value:
            if type(value["line"]) is not int:
                raise self.fail(f"field {label!r}: 'line' must be a line number, got {value['line']!r}")
            anchor = Anchor(start=value["line"])
        else:
            raise self.fail(f"field {label!r}: give 'line' (where it starts) or 'lines', or write it as plain text")
        outside = [n for n in (anchor.lines or (anchor.start,)) if n not in lines]
        if outside:
            raise self.fail(f"field {label!r}: lines {outside} are outside the goal's lines {lines.start}-{lines.end}")
        return anchor


# --- tracing ---------------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+")
# OCR read ä/ö as these; 'é', the digits and '&' stand for either, so folded mode merges a and o into one class.
_OCR_AO = str.maketrans({ch: "a" for ch in "aäåoöéd0368&"})
_A_RUN = re.compile(r"a+")


def trace_goal(
    goal: Goal,
    lines: Sequence[str],
    *,
    fold: bool = False,
    anchors: Mapping[str, Anchor] | None = None,
) -> list[str]:
    """Problems with where `goal`'s strings are printed in `lines` (the whole text); empty when all trace.

    Exact mode (default) compares letters exactly, ignoring only whitespace, punctuation and line wraps: use it
    on the repaired text. Folded mode compares `fold`ed text, takes the OCR's d/é/6/0/3/& for a/o (merging a and
    o, and runs of them) and forgives one edit per 15 letters: use it on the original OCR text.
    """
    if goal.lines.end > len(lines):
        return [f"{goal.id}: lines {goal.lines.start}-{goal.lines.end} run past the end of the text ({len(lines)} lines)"]
    key = _folded_key if fold else _exact_key
    anchors = anchors or {}
    mode = "folded" if fold else "exact"
    problems = []
    for label, text in goal_strings(goal):
        anchor = anchors.get(label)
        if anchor is None:
            numbers: Sequence[int] = range(goal.lines.start, goal.lines.end + 1)
            where = f"in lines {goal.lines.start}-{goal.lines.end}"
        elif anchor.lines:
            numbers = anchor.lines
            where = f"on lines {', '.join(map(str, anchor.lines))}"
        else:
            numbers = range(anchor.start, goal.lines.end + 1)
            where = f"starting on line {anchor.start}"
        hay = key(join_wrapped([lines[n - 1] for n in numbers]))
        # Without an anchor the string may start anywhere in the range.
        first = len(key(lines[numbers[0] - 1])) if anchor else len(hay)
        if not _found(key(text), hay, first, fold):
            problems.append(f"{goal.id}: {label} {text!r} is not printed {where} ({mode})")
    return problems


def _exact_key(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip()


def _folded_key(text: str) -> str:
    mapped = fold_text(text.lower().translate(_OCR_AO))
    return _A_RUN.sub("a", _NON_WORD.sub(" ", mapped).strip())


def _found(needle: str, hay: str, first: int, fuzzy: bool) -> bool:
    """Whether `needle` occurs in `hay` as whole words, starting within the first `first` characters."""
    if not needle:
        return False
    padded, target = f" {hay} ", f" {needle} "
    start = padded.find(target)
    if 0 <= start <= first:
        return True
    if not fuzzy:
        return False
    window = hay[: first + len(needle) + len(needle) // 4 + 1]
    return _edit_distance_in(needle, window) <= max(1, len(needle) // 15)


def _edit_distance_in(needle: str, hay: str) -> int:
    """The fewest edits turning `needle` into some substring of `hay` (Sellers' algorithm)."""
    previous = [0] * (len(hay) + 1)
    for i, wanted in enumerate(needle, start=1):
        current = [i] + [0] * len(hay)
        for j, seen in enumerate(hay, start=1):
            current[j] = min(previous[j - 1] + (wanted != seen), previous[j] + 1, current[j - 1] + 1)
        previous = current
    return min(previous)
