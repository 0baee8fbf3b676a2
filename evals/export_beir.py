"""Export the chunks and the retrieval gold in BEIR's layout: corpus.jsonl, queries.jsonl, qrels/test.tsv."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.records import Chunk
from evals.gold import RetrievalItem
from evals.metrics import matched_gold

QRELS_HEADER = "query-id\tcorpus-id\tscore"


@dataclass(frozen=True)
class BeirExport:
    """What was written: the three paths and their sizes."""

    corpus: Path
    queries: Path
    qrels: Path
    documents: int
    query_count: int
    judgements: int


def relevant_chunks(item: RetrievalItem, chunks: Sequence[Chunk]) -> tuple[Chunk, ...]:
    """Chunks in a gold section of the question (gold labels sections; every chunk of one is relevant)."""
    return tuple(chunk for chunk in chunks if matched_gold(chunk.section_id, item.sections) is not None)


def export_beir(out_dir: Path, chunks: Sequence[Chunk], items: Sequence[RetrievalItem]) -> BeirExport:
    """Write a BEIR dataset folder (loadable with `beir.datasets.data_loader.GenericDataLoader(out_dir)`)."""
    (out_dir / "qrels").mkdir(parents=True, exist_ok=True)
    corpus_path, queries_path, qrels_path = out_dir / "corpus.jsonl", out_dir / "queries.jsonl", out_dir / "qrels" / "test.tsv"
    with corpus_path.open("w", encoding="utf-8") as handle:
        for chunk in chunks:
            row = {
                "_id": chunk.id,
                "title": chunk.section_path_text,
                "text": chunk.text,
                "metadata": {"section_id": chunk.section_id, "kind": chunk.kind, "doc_id": chunk.doc_id,
                             "lines": chunk.lines.as_list()},
            }  # fmt: skip
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    judgements = 0
    with queries_path.open("w", encoding="utf-8") as queries, qrels_path.open("w", encoding="utf-8") as qrels:
        qrels.write(QRELS_HEADER + "\n")
        for item in items:
            metadata = {"category": item.category, "sections": list(item.sections), "tags": list(item.tags)}
            queries.write(json.dumps({"_id": item.id, "text": item.question, "metadata": metadata}, ensure_ascii=False) + "\n")
            for chunk in relevant_chunks(item, chunks):
                qrels.write(f"{item.id}\t{chunk.id}\t1\n")
                judgements += 1
    return BeirExport(corpus_path, queries_path, qrels_path, len(chunks), len(items), judgements)
