"""Export answered questions as RAGAS-style rows (user_input, retrieved_contexts, response, reference).

RAGAS itself is not a dependency: the rows are plain JSON Lines that `ragas.EvaluationDataset.from_jsonl`
(or any tool using the same field names) reads. The reference is written from the gold expectations, since
the gold sets hold required numbers, owners and facts rather than model answers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.records import Chunk
from evals.metrics import matched_gold
from evals.numbers_fi import format_number
from evals.results import QuestionResult

RAGAS_FILE = "ragas.jsonl"
META_FILE = "ragas_meta.jsonl"  # line-aligned ids and outcomes, kept apart so the RAGAS rows hold only its fields
NOT_FOUND_REFERENCE = "Tätä ei löydy käyttösuunnitelmasta."
CLARIFY_REFERENCE = "Kysymykseen tarvitaan tarkennus: mitä lukua, palvelualuetta tai vuotta tarkoitat?"


@dataclass(frozen=True)
class RagasExport:
    """What was written: the rows file, its line-aligned metadata, and the row count."""

    rows_path: Path
    meta_path: Path
    rows: int


def reference_text(expected: dict[str, Any]) -> str:
    """A Finnish reference answer from a gold row's expectations."""
    if expected.get("kind") == "not_found":
        return NOT_FOUND_REFERENCE
    if expected.get("kind") == "clarify":
        return CLARIFY_REFERENCE
    parts = []
    if expected.get("numbers"):
        parts.append("Luvut: " + "; ".join(f"{format_number(int(n))} €" for n in expected["numbers"]) + ".")
    if expected.get("owners"):
        parts.append("Vastuussa: " + ", ".join(expected["owners"]) + ".")
    if expected.get("facts"):
        parts.append("Keskeiset asiat: " + "; ".join(expected["facts"]) + ".")
    return " ".join(parts)


def reference_contexts(expected: dict[str, Any], chunks: Sequence[Chunk]) -> list[str]:
    """The texts of the chunks in the sections the gold row requires the answer to cite."""
    wanted = [option for entry in expected.get("sections", []) for option in entry.split("|")]
    return [chunk.text for chunk in chunks if wanted and matched_gold(chunk.section_id, wanted) is not None]


def ragas_row(result: QuestionResult, chunks: Sequence[Chunk]) -> dict[str, Any]:
    """One answered question as a RAGAS single-turn sample; the contexts are the quotes the answer cites."""
    return {
        "user_input": result.question,
        "retrieved_contexts": [str(citation.get("quote", "")) for citation in result.citations],
        "response": result.answer or "",
        "reference": reference_text(result.expected),
        "reference_contexts": reference_contexts(result.expected, chunks),
    }


def export_ragas(out_dir: Path, results: Sequence[QuestionResult], chunks: Sequence[Chunk]) -> RagasExport:
    """Write one RAGAS row per answered question.

    Retrieval rows have no response, and conversation turns are not single-turn samples: both are skipped.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    answered = [r for r in results if (r.kind is not None or r.error is not None) and r.turn is None]
    rows_path, meta_path = out_dir / RAGAS_FILE, out_dir / META_FILE
    with rows_path.open("w", encoding="utf-8") as rows, meta_path.open("w", encoding="utf-8") as meta:
        for result in answered:
            rows.write(json.dumps(ragas_row(result, chunks), ensure_ascii=False) + "\n")
            info = {"id": result.id, "suite": result.suite, "category": result.category, "kind": result.kind,
                    "expected_kind": result.expected.get("kind"), "passed": result.passed, "backend": result.backend}  # fmt: skip
            meta.write(json.dumps(info, ensure_ascii=False) + "\n")
    return RagasExport(rows_path, meta_path, len(answered))
