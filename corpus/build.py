"""Regenerate every derived artifact of a document from its source (pure data, no models)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus import budget, goals, identities, ocr_repair
from corpus.chunks import build_chunks
from corpus.errors import SourceError
from corpus.finnish_words import GENERAL_FORMS, related_forms
from corpus.gazetteer import build_gazetteer
from corpus.lexicon import load_lexicon
from corpus.manifest import Manifest
from corpus.morphology import analyse_texts, write_word_forms
from corpus.records import to_json
from corpus.sections import build_sections
from corpus.store import CELLS, CHUNKS, GAZETTEER, GOALS, REPAIR_LOG, REPAIRED_TEXT, SECTIONS, WORD_FORMS

OVERRIDES = "repair_overrides.tsv"
ERRATA = "errata.toml"


@dataclass(frozen=True)
class BuildReport:
    """What one document's build produced."""

    doc_id: str
    out_dir: Path
    lines: int
    tokens_repaired: int
    sections: int
    cells: int
    errata: int
    identities_checked: int
    goals: int
    chunks: int
    named_units: int = 0
    word_forms: int = 0
    general_forms: int = 0

    def summary(self) -> str:
        return (
            f"{self.doc_id}: {self.lines} lines, {self.tokens_repaired} tokens repaired, {self.sections} sections, "
            f"{self.cells} cells ({self.errata} errata, {self.identities_checked} identities hold), "
            f"{self.goals} goals, {self.chunks} chunks, {self.named_units} named units, {self.word_forms} word forms "
            f"({self.general_forms} related words of Finnish at large) "
            f"-> {self.out_dir}"
        )


def build_document(manifest: Manifest, out_dir: Path | None = None) -> BuildReport:
    """Build all artifacts of `manifest` into `out_dir` (default: its `derived/`), replacing them atomically."""
    target = out_dir or manifest.derived_dir
    original = manifest.read_source_lines()
    repair = ocr_repair.repair_lines(original, _overrides(manifest))
    repaired = list(repair.lines)
    spans = budget.locate_tables(original, manifest)
    sections = build_sections(repaired, manifest, spans, original_lines=original)
    errata = budget.load_errata(manifest.folder / ERRATA)
    cells = budget.parse_cells(original, manifest, errata)
    checks = identities.check_identities(cells, manifest)
    failed = [check for check in checks if not check.ok]
    if failed:
        listing = "\n".join(f"  {check}" for check in failed[:20])
        raise SourceError(f"{manifest.source_path}: {len(failed)} accounting identities fail:\n{listing}")
    section_ids = {section.id for section in sections}
    unknown = sorted({cell.section_id for cell in cells} - section_ids)
    if unknown:
        raise SourceError(f"{manifest.source_path}: budget tables {unknown} have no section; check the outline")
    document_goals = goals.load_goals(manifest, repaired)
    chunks = build_chunks(repaired, sections, cells, document_goals, manifest)
    gazetteer = build_gazetteer(repaired, sections, manifest)
    word_forms = analyse_texts(_vocabulary_texts(repaired, document_goals, manifest))
    general_forms = related_forms(word_forms)

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        (staging / REPAIRED_TEXT).write_text("\n".join(repaired) + "\n", encoding="utf-8")
        ocr_repair.write_repair_log(repair.changes, staging / REPAIR_LOG)
        _write_jsonl(staging / SECTIONS, sections)
        _write_jsonl(staging / CELLS, cells)
        _write_jsonl(staging / GOALS, document_goals)
        _write_jsonl(staging / CHUNKS, chunks)
        _write_jsonl(staging / GAZETTEER, gazetteer)
        write_word_forms(word_forms, staging / WORD_FORMS)
        write_word_forms(general_forms, staging / GENERAL_FORMS)
        _swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(
        doc_id=manifest.id,
        out_dir=target,
        lines=len(original),
        tokens_repaired=len(repair.changes),
        sections=len(sections),
        cells=len(cells),
        errata=sum(1 for cell in cells if cell.erratum),
        identities_checked=len(checks),
        goals=len(document_goals),
        chunks=len(chunks),
        named_units=len(gazetteer),
        word_forms=len(word_forms),
        general_forms=len(general_forms),
    )


def _vocabulary_texts(repaired: list[str], document_goals: list, manifest: Manifest) -> list[str]:
    """Every text whose words questions are matched against: the plan, its goals, its manifest's names and the
    words its lexicon says ask for a column of the goals grid ("huoli" of "kuka pitää huolen")."""
    texts = list(repaired)
    lexicon = load_lexicon(manifest)
    texts += [word for _, words in lexicon.goals_grid for word in words]
    for goal in document_goals:
        texts += [goal.goal, goal.strategic_aim, *goal.sub_aims, *goal.target_level, *goal.metrics, *goal.owners]
    for area in (manifest.board, *manifest.areas):
        texts += [area.name, *area.headings, *area.covers]
    return texts + [manifest.title, manifest.organisation, manifest.municipality]


def _overrides(manifest: Manifest) -> dict[str, str]:
    path = manifest.folder / OVERRIDES
    return ocr_repair.load_overrides(path) if path.is_file() else {}


def _write_jsonl(path: Path, records: Sequence[object]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(to_json(record), ensure_ascii=False, sort_keys=True) + "\n")


def _swap_in(staging: Path, target: Path) -> None:
    """Replace `target` with `staging` so that readers see the old or the new artifacts, never a mix."""
    if target.exists():
        retired = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(retired)
        staging.rename(target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.rename(target)
