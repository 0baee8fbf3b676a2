"""Finnish display names taken from the corpus: service areas, table titles and the plan's topics."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from assistant.language.formatting import format_euros
from corpus.store import Corpus

TITLE_SECTION = "otsikko"  # the title page: not a topic anyone asks about


@dataclass(frozen=True)
class Labels:
    """Code → Finnish name maps used when rendering answers and tables (unknown codes show as is)."""

    area_names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    table_titles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    topics: tuple[str, ...] = ()  # top-level section titles, suggested when an answer is not found
    topic_ids: tuple[str, ...] = ()  # the section id of each topic, in the same order

    def area(self, code: str) -> str:
        return self.area_names.get(code, code)

    def table(self, table_id: str) -> str:
        return self.table_titles.get(table_id, table_id)

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> Labels:
        """Names from every document's manifest, cells and sections."""
        areas: dict[str, str] = {}
        topics: dict[str, str] = {}
        for document in corpus.documents:
            for area in (document.manifest.board, *document.manifest.areas):
                areas.setdefault(area.code, area.name)
            for section in document.sections:
                if section.parent_id is None and section.id != TITLE_SECTION:
                    topics.setdefault(section.title, section.id)
        tables = {cell.table: cell.table_title for cell in corpus.cells}
        return cls(
            area_names=MappingProxyType(areas),
            table_titles=MappingProxyType(tables),
            topics=tuple(topics),
            topic_ids=tuple(topics.values()),
        )


def euros(value: int) -> str:
    """Whole euros the Finnish way: -32611450 -> '−32 611 450 €'."""
    return format_euros(value)


def percent(value: float) -> str:
    """A percentage with a decimal comma and a real minus sign: -4.2 -> '−4,2 %'."""
    text = f"{abs(value):.1f}".replace(".", ",")
    return f"−{text} %" if value < 0 else f"{text} %"
