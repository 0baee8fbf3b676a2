"""Reading the committed corpus artifacts back as typed records (no Voikko, no models: fast)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from corpus.errors import ArtifactsMissing, CorpusError
from corpus.finnish_words import GENERAL_FORMS
from corpus.gazetteer import GAZETTEER, NamedUnit
from corpus.lexicon import EMPTY_LEXICON, Lexicon, load_lexicon
from corpus.manifest import DOCUMENTS_DIR, Manifest, discover_manifests
from corpus.morphology import WORD_FORMS, FormTable, WordForm, joined_tables, read_form_table, read_word_forms
from corpus.records import BudgetCell, Chunk, Column, Goal, LineRange, Section
from corpus.units import SemanticUnit, build_units

REPAIRED_TEXT = "repaired.txt"
REPAIR_LOG = "repair_log.tsv"
SECTIONS = "sections.jsonl"
CELLS = "cells.jsonl"
GOALS = "goals.jsonl"
CHUNKS = "chunks.jsonl"
ARTIFACTS: tuple[str, ...] = (
    REPAIRED_TEXT, REPAIR_LOG, SECTIONS, CELLS, GOALS, CHUNKS, WORD_FORMS, GENERAL_FORMS, GAZETTEER,
)


@dataclass(frozen=True)
class Document:
    """One document: its manifest, both texts (original OCR and repaired) and its records."""

    manifest: Manifest
    original_lines: tuple[str, ...]
    repaired_lines: tuple[str, ...]
    sections: tuple[Section, ...]
    cells: tuple[BudgetCell, ...]
    goals: tuple[Goal, ...]
    chunks: tuple[Chunk, ...]
    lexicon: Lexicon = EMPTY_LEXICON
    word_forms: tuple[WordForm, ...] = ()
    general_forms: FormTable = FormTable({})  # words of Finnish at large related to the plan's (finnish_words)
    gazetteer: tuple[NamedUnit, ...] = ()

    @property
    def id(self) -> str:
        return self.manifest.id

    @cached_property
    def units(self) -> tuple[SemanticUnit, ...]:
        """The sentences, goal fields and rows that questions are matched against by meaning."""
        return build_units(self.id, self.repaired_lines, self.sections, self.goals, self.cells)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(f"{self.id}: no section {section_id!r}")

    def repaired_text(self, lines: LineRange) -> list[str]:
        return list(self.repaired_lines[lines.start - 1 : lines.end])

    def original_text(self, lines: LineRange) -> list[str]:
        return list(self.original_lines[lines.start - 1 : lines.end])


@dataclass(frozen=True)
class Corpus:
    """All documents; convenience views over their records."""

    documents: tuple[Document, ...]

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for d in self.documents for s in d.sections)

    @cached_property
    def cells(self) -> tuple[BudgetCell, ...]:
        return tuple(c for d in self.documents for c in d.cells)

    @cached_property
    def goals(self) -> tuple[Goal, ...]:
        return tuple(g for d in self.documents for g in d.goals)

    @cached_property
    def chunks(self) -> tuple[Chunk, ...]:
        return tuple(c for d in self.documents for c in d.chunks)

    @cached_property
    def units(self) -> tuple[SemanticUnit, ...]:
        return tuple(u for d in self.documents for u in d.units)

    @cached_property
    def gazetteer(self) -> tuple[NamedUnit, ...]:
        return tuple(n for d in self.documents for n in d.gazetteer)

    @cached_property
    def word_forms(self) -> tuple[WordForm, ...]:
        return tuple(w for d in self.documents for w in d.word_forms)

    @cached_property
    def general_forms(self) -> FormTable:
        return joined_tables(d.general_forms for d in self.documents)

    @cached_property
    def _sections_by_key(self) -> dict[str, Section]:
        return {section.key: section for section in self.sections}

    @cached_property
    def _section_keys_by_id(self) -> dict[str, tuple[str, ...]]:
        keys: dict[str, list[str]] = {}
        for section in self.sections:
            keys.setdefault(section.id, []).append(section.key)
        return {section_id: tuple(found) for section_id, found in keys.items()}

    def document(self, doc_id: str | None = None) -> Document:
        """The document with `doc_id`, or the only/first one when not given."""
        if doc_id is None:
            return self.documents[0]
        for document in self.documents:
            if document.id == doc_id:
                return document
        raise KeyError(f"no document {doc_id!r}; known: {[d.id for d in self.documents]}")

    def section(self, section_id: str, doc_id: str | None = None) -> Section:
        """A section by its key ("<doc_id>#<id>"), by id within `doc_id`, or by a bare id that one document has.

        A bare id that several documents share is ambiguous and raises, naming the keys to use instead.
        """
        if doc_id is not None:
            return self.document(doc_id).section(section_id)
        if section_id in self._sections_by_key:
            return self._sections_by_key[section_id]
        keys = self._section_keys_by_id.get(section_id, ())
        if len(keys) == 1:
            return self._sections_by_key[keys[0]]
        if keys:
            raise KeyError(f"section id {section_id!r} is in several documents; use one of the keys {list(keys)}")
        raise KeyError(f"no section {section_id!r}")

    @cached_property
    def fingerprint(self) -> str:
        """A hash of every chunk and unit id: changes whenever any indexed text changes."""
        digest = hashlib.sha256()
        for chunk in self.chunks:
            digest.update(chunk.id.encode())
        for unit in self.units:
            digest.update(unit.id.encode())
        return digest.hexdigest()[:16]


def load_corpus(root: Path | Sequence[Path] = DOCUMENTS_DIR) -> Corpus:
    """Load the committed artifacts of every document in `root` (a folder of document folders, or several)."""
    return Corpus(documents=tuple(load_document(manifest) for manifest in discover_manifests(root)))


def load_document(manifest: Manifest, derived_dir: Path | None = None) -> Document:
    """Load one document's artifacts from `derived_dir` (default: the manifest's `derived/`)."""
    folder = derived_dir or manifest.derived_dir
    missing = [name for name in ARTIFACTS if not (folder / name).is_file()]
    if missing:
        raise ArtifactsMissing(
            f"{folder}: artifacts missing ({', '.join(missing)}); run `python -m corpus build`"
        )
    original = manifest.read_source_lines()
    repaired = (folder / REPAIRED_TEXT).read_text(encoding="utf-8").split("\n")
    if repaired and repaired[-1] == "":
        repaired.pop()
    if len(repaired) != len(original):
        raise CorpusError(
            f"{folder / REPAIRED_TEXT}: has {len(repaired)} lines but the source has {len(original)}; "
            "run `python -m corpus build`"
        )
    return Document(
        manifest=manifest,
        original_lines=tuple(original),
        repaired_lines=tuple(repaired),
        sections=tuple(_section(row) for row in read_jsonl(folder / SECTIONS)),
        cells=tuple(_cell(row) for row in read_jsonl(folder / CELLS)),
        goals=tuple(_goal(row) for row in read_jsonl(folder / GOALS)),
        chunks=tuple(_chunk(row) for row in read_jsonl(folder / CHUNKS)),
        lexicon=load_lexicon(manifest),
        word_forms=read_word_forms(folder / WORD_FORMS),
        general_forms=read_form_table(folder / GENERAL_FORMS),
        gazetteer=tuple(_named_unit(row) for row in read_jsonl(folder / GAZETTEER)),
    )


def read_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{number}: malformed JSON ({exc.msg}); run `python -m corpus build`") from exc


def _lines(value: list[int]) -> LineRange:
    return LineRange(int(value[0]), int(value[1]))


def _section(row: dict[str, Any]) -> Section:
    return Section(
        doc_id=row["doc_id"],
        id=row["id"],
        title=row["title"],
        path=tuple(row["path"]),
        kind=row["kind"],
        lines=LineRange(**row["lines"]),
        parent_id=row.get("parent_id"),
    )


def _cell(row: dict[str, Any]) -> BudgetCell:
    column = row["column"]
    return BudgetCell(
        doc_id=row["doc_id"],
        table=row["table"],
        table_title=row["table_title"],
        area=row["area"],
        item=row["item"],
        column=Column(year=int(column["year"]), kind=column["kind"]),
        value=int(row["value"]),
        line=int(row["line"]),
        section_id=row["section_id"],
        printed=row["printed"],
        erratum=row.get("erratum"),
    )


def _goal(row: dict[str, Any]) -> Goal:
    return Goal(
        doc_id=row["doc_id"],
        id=row["id"],
        strategic_aim=row["strategic_aim"],
        sub_aims=tuple(row["sub_aims"]),
        area=row["area"],
        goal=row["goal"],
        target_level=tuple(row["target_level"]),
        metrics=tuple(row["metrics"]),
        owners=tuple(row["owners"]),
        lines=LineRange(**row["lines"]),
        section_id=row["section_id"],
    )


def _named_unit(row: dict[str, Any]) -> NamedUnit:
    return NamedUnit(
        doc_id=row["doc_id"],
        name=row["name"],
        forms=tuple(row["forms"]),
        name_words=tuple(row["name_words"]),
        section_id=row["section_id"],
        lines=LineRange(**row["lines"]),
        area=row.get("area"),
    )


def _chunk(row: dict[str, Any]) -> Chunk:
    return Chunk(
        doc_id=row["doc_id"],
        id=row["id"],
        section_id=row["section_id"],
        section_path=tuple(row["section_path"]),
        kind=row["kind"],
        text=row["text"],
        lines=LineRange(**row["lines"]),
        metadata=dict(row.get("metadata", {})),
    )
