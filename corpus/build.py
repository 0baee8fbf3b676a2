"""Regenerate every derived artifact of a document from its source (pure data, no models)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from corpus import budget, goals, identities, ocr_repair
from corpus.chunks import build_chunks
from corpus.errors import SourceError
from corpus.manifest import Manifest
from corpus.records import to_json
from corpus.sections import build_sections
from corpus.store import CELLS, CHUNKS, GOALS, REPAIR_LOG, REPAIRED_TEXT, SECTIONS

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

    def summary(self) -> str:
        return (
            f"{self.doc_id}: {self.lines} lines, {self.tokens_repaired} tokens repaired, {self.sections} sections, "
            f"{self.cells} cells ({self.errata} errata, {self.identities_checked} identities hold), "
            f"{self.goals} goals, {self.chunks} chunks -> {self.out_dir}"
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

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        (staging / REPAIRED_TEXT).write_text("\n".join(repaired) + "\n", encoding="utf-8")
        ocr_repair.write_repair_log(repair.changes, staging / REPAIR_LOG)
        _write_jsonl(staging / SECTIONS, sections)
        _write_jsonl(staging / CELLS, cells)
        _write_jsonl(staging / GOALS, document_goals)
        _write_jsonl(staging / CHUNKS, chunks)
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
    )


def _overrides(manifest: Manifest) -> dict[str, str]:
    path = manifest.folder / OVERRIDES
    return ocr_repair.load_overrides(path) if path.is_file() else {}


def _write_jsonl(path: Path, records: list) -> None:
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
