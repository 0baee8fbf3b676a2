"""Units of meaning that questions are matched against: every prose sentence, every field of every goal and
every budget row, each with its provenance. A sentence also has a window (it with the sentences either side):
the sentence's meaning in context, for questions whose words are spread over neighbouring sentences. The index embeds them at build time (no unit is embedded when a
question is asked); the assistant scores a question against them by meaning and by lemmas.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from corpus.chunks import sentences
from corpus.records import BudgetCell, Goal, InSection, LineRange, Section, qualified

UnitKind = Literal["sentence", "window", "goal", "target", "metric", "aim", "sub_aim", "owner", "row"]
GOAL_FIELDS: tuple[UnitKind, ...] = ("goal", "target", "metric", "aim", "sub_aim", "owner")
WORDED_KINDS: tuple[UnitKind, ...] = ("sentence", *GOAL_FIELDS)  # the plan's own words, each counted once


@dataclass(frozen=True)
class SemanticUnit(InSection):
    """One matchable piece of the plan: its kind, its text and where it is (section, lines, goal or row)."""

    doc_id: str
    id: str  # hash of document, kind, reference and text
    kind: UnitKind
    text: str
    section_id: str
    lines: LineRange
    ref: str = ""  # goal id for goal fields; "area|item" for rows; "" for sentences
    index: int = 0  # position of a sentence in its section, of a target/metric in its goal

    @property
    def key(self) -> str:
        """A document-qualified key: the same section or goal id in two documents never collides."""
        return qualified(self.doc_id, self.id)


def unit_id(doc_id: str, kind: str, ref: str, text: str) -> str:
    return hashlib.sha256(f"{doc_id}\x00{kind}\x00{ref}\x00{text}".encode()).hexdigest()[:16]


def build_units(
    doc_id: str,
    lines: Sequence[str],
    sections: Sequence[Section],
    goals: Sequence[Goal],
    cells: Sequence[BudgetCell],
) -> tuple[SemanticUnit, ...]:
    """Every sentence of the prose sections (and its window), every goal field and every budget row of one
    document."""
    units: list[SemanticUnit] = []
    for section in sections:
        if section.kind != "prose":
            continue
        found = sentences(lines, section)
        for index, sentence in enumerate(found):
            units.append(_unit(doc_id, "sentence", sentence.text, section.id, sentence.lines, "", index))
        for index, sentence in enumerate(found):
            around = found[max(0, index - 1) : index + 2]
            text = " ".join(neighbour.text for neighbour in around)
            window = _unit(doc_id, "window", text, section.id, sentence.lines, "", index)
            # two sentences of a short section share a window's text: its place makes its id
            units.append(replace(window, id=unit_id(doc_id, "window", f"{section.id}:{index}", text)))
    for goal in goals:
        fields: list[tuple[UnitKind, str, int]] = [("goal", goal.goal, 0), ("aim", goal.strategic_aim, 0)]
        fields += [("sub_aim", text, i) for i, text in enumerate(goal.sub_aims)]
        fields += [("target", text, i) for i, text in enumerate(goal.target_level)]
        fields += [("metric", text, i) for i, text in enumerate(goal.metrics)]
        fields += [("owner", text, i) for i, text in enumerate(goal.owners)]
        units.extend(_unit(doc_id, kind, text, goal.section_id, goal.lines, goal.id, i) for kind, text, i in fields if text)
    seen: set[tuple[str, str, str]] = set()
    for cell in sorted(cells, key=lambda c: c.line):
        key = (cell.section_id, cell.area, cell.item)
        if key in seen:
            continue
        seen.add(key)
        text = f"{cell.table_title}: {cell.item}"
        units.append(_unit(doc_id, "row", text, cell.section_id, LineRange(cell.line, cell.line), f"{cell.area}|{cell.item}", 0))
    return tuple(units)


def _unit(doc_id: str, kind: UnitKind, text: str, section_id: str, lines: LineRange, ref: str, index: int) -> SemanticUnit:
    return SemanticUnit(doc_id, unit_id(doc_id, kind, ref or section_id, text), kind, text, section_id, lines, ref, index)
