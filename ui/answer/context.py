"""What rendering needs besides the answer: names, the budget cells and goals to show evidence, and contact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from corpus.records import BudgetCell, Goal
from corpus.store import Corpus
from ui.labels import Labels


@dataclass(frozen=True)
class Contact:
    """Where a resident can ask a person (Settings: KAYTTO_CONTACT_TEXT / KAYTTO_CONTACT_URL)."""

    text: str = ""
    url: str = ""


@dataclass(frozen=True)
class AnswerContext:
    """The corpus's evidence indexed for rendering: cells by printed line, goals by lines."""

    labels: Labels = field(default_factory=Labels)
    cells_by_line: Mapping[tuple[str, int], tuple[BudgetCell, ...]] = field(default_factory=lambda: MappingProxyType({}))
    goals_by_lines: Mapping[tuple[int, int], Goal] = field(default_factory=lambda: MappingProxyType({}))
    examples: tuple[str, ...] = ()
    contact: Contact = Contact()
    # A section's path ("Toimintaympäristö › Varhaiskasvatus") or title → its id: suggestions that name a
    # place in the plan open it instead of being asked as questions.
    section_ids: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_corpus(cls, corpus: Corpus, examples: tuple[str, ...] = (), contact: Contact = Contact()) -> AnswerContext:
        by_line: dict[tuple[str, int], list[BudgetCell]] = {}
        for cell in corpus.cells:
            by_line.setdefault((cell.section_id, cell.line), []).append(cell)
        return cls(
            labels=Labels.from_corpus(corpus),
            cells_by_line=MappingProxyType({key: tuple(sorted(cells, key=lambda c: c.column)) for key, cells in by_line.items()}),
            goals_by_lines=MappingProxyType({(goal.lines.start, goal.lines.end): goal for goal in corpus.goals}),
            examples=examples,
            contact=contact,
            section_ids=MappingProxyType(
                {**{s.title: s.id for s in corpus.sections}, **{s.path_text: s.id for s in corpus.sections}}
            ),
        )

    def cited_rows(self, section_id: str, start: int, end: int) -> list[tuple[BudgetCell, ...]]:
        """The table rows printed on lines start..end of a table section (empty for prose)."""
        return [self.cells_by_line[(section_id, line)] for line in range(start, end + 1) if (section_id, line) in self.cells_by_line]

    def cell(self, table: str, area: str, item: str, column: str) -> BudgetCell | None:
        """The cell a figure was read from (None for computed figures such as changes and sums)."""
        for cells in self.cells_by_line.values():
            first = cells[0]
            if first.table == table and first.area == area and first.item == item:
                return next((c for c in cells if c.column.label == column), None)
        return None
