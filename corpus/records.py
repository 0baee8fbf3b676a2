"""The typed records the corpus produces: sections, budget cells, goals and chunks.

Every record carries its provenance: the document, the section and the 1-based line range in the
*source* file (the repaired text keeps the source's line numbering, so both agree).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SectionKind = Literal["prose", "table", "goals"]
ColumnKind = Literal["TP", "TA", "TS"]
ChunkKind = Literal["prose", "table", "goal"]

COLUMN_MEANINGS: dict[str, str] = {
    "TP": "tilinpäätös",
    "TA": "talousarvio",
    "TS": "taloussuunnitelma",
}

KEY_SEPARATOR = "#"  # neither document ids nor local ids ("palvelualuelaskelmat/vire") contain it


def qualified(doc_id: str, local_id: str) -> str:
    """A key unique across documents: `<doc_id>#<local id>` (local ids repeat from one plan to the next)."""
    return f"{doc_id}{KEY_SEPARATOR}{local_id}"


def split_key(key: str) -> tuple[str, str]:
    """The document id and local id of a `qualified` key; ValueError if `key` is a bare local id."""
    doc_id, separator, local_id = key.partition(KEY_SEPARATOR)
    if not separator or not doc_id or not local_id:
        raise ValueError(f"not a document-qualified key: {key!r} (expected '<doc_id>{KEY_SEPARATOR}<id>')")
    return doc_id, local_id


class InSection:
    """What a record placed in a section of a document (a cell, goal, chunk, unit) knows of its section."""

    doc_id: str
    section_id: str

    @property
    def section_key(self) -> str:
        """The section's key, unique across documents (see `qualified`)."""
        return qualified(self.doc_id, self.section_id)


@dataclass(frozen=True, order=True)
class LineRange:
    """An inclusive, 1-based range of lines in the source file."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 1 or self.end < self.start:
            raise ValueError(f"invalid line range {self.start}-{self.end}")

    def __contains__(self, line: object) -> bool:
        return isinstance(line, int) and self.start <= line <= self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True)
class Section:
    """A titled part of a document; `path` lists the titles from the top level down."""

    doc_id: str
    id: str
    title: str
    path: tuple[str, ...]
    kind: SectionKind
    lines: LineRange
    parent_id: str | None = None

    @property
    def path_text(self) -> str:
        return " › ".join(self.path)

    @property
    def key(self) -> str:
        return qualified(self.doc_id, self.id)


@dataclass(frozen=True, order=True)
class Column:
    """A budget column such as *TA 2024* (talousarvio for 2024)."""

    year: int
    kind: ColumnKind

    @property
    def label(self) -> str:
        return f"{self.kind} {self.year}"

    @property
    def meaning(self) -> str:
        return COLUMN_MEANINGS[self.kind]

    @classmethod
    def parse(cls, label: str) -> Column:
        kind, _, year = label.strip().partition(" ")
        if kind not in COLUMN_MEANINGS or not year.isdigit():
            raise ValueError(f"not a budget column label: {label!r}")
        return cls(year=int(year), kind=kind)  # type: ignore[arg-type]


@dataclass(frozen=True)
class BudgetCell(InSection):
    """One figure of a budget table, in whole euros, with where it was printed."""

    doc_id: str
    table: str  # table id, e.g. "tuloslaskelma"
    table_title: str  # Finnish title as printed (repaired)
    area: str  # service-area code from the manifest, or the whole-board code
    item: str  # canonical Finnish line item, e.g. "Henkilöstökulut"
    column: Column
    value: int  # euros
    line: int  # source line the value was printed on
    section_id: str
    printed: str  # the value's text as printed in the source
    erratum: str | None = None  # errata id when the printed text was corrected

    @property
    def key(self) -> str:
        """Document, table, area, row and column: one cell per key across every document."""
        return qualified(self.doc_id, f"{self.table}/{self.area}/{self.item}/{self.column.label}")


@dataclass(frozen=True)
class Goal(InSection):
    """One row of the goals grid (Käyttösuunnitelman palvelualueittaiset tavoitteet)."""

    doc_id: str
    id: str
    strategic_aim: str
    sub_aims: tuple[str, ...]
    area: str
    goal: str
    target_level: tuple[str, ...]
    metrics: tuple[str, ...]
    owners: tuple[str, ...]
    lines: LineRange
    section_id: str

    @property
    def key(self) -> str:
        return qualified(self.doc_id, self.id)


@dataclass(frozen=True)
class Chunk(InSection):
    """A retrievable passage that never crosses a section boundary."""

    doc_id: str
    id: str  # hash of document, section, line range and text
    section_id: str
    section_path: tuple[str, ...]
    kind: ChunkKind
    text: str
    lines: LineRange
    metadata: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def section_path_text(self) -> str:
        return " › ".join(self.section_path)

    @property
    def key(self) -> str:
        """The id itself: chunk ids already start with their document's id ("<doc_id>:<digest>")."""
        return self.id


def to_json(record: Any) -> dict[str, Any]:
    """A record as plain JSON-ready data (tuples become lists)."""
    data = asdict(record)
    return _listify(data)


def _listify(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _listify(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_listify(item) for item in value]
    return value
