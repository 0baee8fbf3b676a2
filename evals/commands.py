"""The commands that open the real system: `run`, `retrieval` and `export` (the CLI parses, these act)."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from corpus.store import load_corpus
from evals.exit_codes import EXIT_FAILED, EXIT_OK
from evals.export_beir import export_beir
from evals.export_ragas import export_ragas
from evals.gold import RETRIEVAL_DEV, RETRIEVAL_TEST, load_retrieval_gold
from evals.pipeline import open_pipeline
from evals.results import RESULTS_FILE, read_results
from evals.retrieval_eval import MODES, PASS_K, evaluate_retrieval, format_table, metrics_by_mode
from evals.run_files import write_run
from evals.runner import System, run_suite
from evals.suites import Suite, load_suite
from evals.summary import format_summary, summarize

RETRIEVAL_SPLITS = {"dev": RETRIEVAL_DEV, "test": RETRIEVAL_TEST}


def default_run_folder(suite: str, backend: str, now: datetime | None = None) -> Path:
    """runs/<UTC time>-<suite>-<backend>, e.g. runs/20240101T120000-all-extractive."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")
    return Path("runs") / f"{stamp}-{Path(suite).stem}-{backend}"


def limited(suite: Suite, limit: int | None) -> Suite:
    """The suite with each of its files cut to its first `limit` questions (conversations count whole)."""
    if limit is None:
        return suite
    parts = tuple(
        replace(part, answers=part.answers[:limit], retrieval=part.retrieval[:limit],
                conversations=part.conversations[:limit])
        for part in suite.parts
    )  # fmt: skip
    return replace(suite, parts=parts)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run a suite and write results.jsonl, summary.json, report.md and report.html."""
    suite = limited(load_suite(args.suite), args.limit)
    for problem in suite.problems:
        err.write(f"Ohitettu rivi: {problem}\n")
    need_answers = bool(suite.answers or suite.conversations)
    pipeline = open_pipeline(args.backend, need_answers=need_answers, need_search=bool(suite.retrieval))
    system = System(pipeline.answer, pipeline.search, args.mode)  # conversations: converser_for(answer)
    results = run_suite(suite, system, progress=not args.no_progress)
    context: dict[str, Any] = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "suite": suite.name,
        "retrieval_mode": args.mode if suite.retrieval else "—",
        **pipeline.context,
        "problems": [problem.to_json() for problem in suite.problems],
    }
    summary = summarize(results, context)
    files = write_run(args.out or default_run_folder(args.suite, args.backend), results, summary)
    out.write(format_summary(summary) + "\n")
    out.write(f"\nKirjoitettu: {files.results}, {files.summary}, {files.report_md}, {files.report_html}\n")
    return EXIT_FAILED if suite.problems or summary["errors"] else EXIT_OK


def retrieval(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print recall@1/3/5, MRR and nDCG@10 of each retriever mode over the retrieval gold set."""
    modes = tuple(mode.strip() for mode in args.modes.split(",") if mode.strip())
    unknown = [mode for mode in modes if mode not in MODES]
    if unknown:
        raise ValueError(f"unknown retriever mode {unknown[0]!r}; valid: {', '.join(MODES)}")
    items = load_retrieval_gold(RETRIEVAL_SPLITS[args.suite])[: args.limit]
    pipeline = open_pipeline("extractive", need_answers=False, need_search=True)
    outcomes = evaluate_retrieval(items, pipeline.search, modes, progress=not args.no_progress)  # type: ignore[arg-type]
    overall = metrics_by_mode(outcomes, modes)
    categories = list(dict.fromkeys(item.category for item in items))
    by_category = {c: metrics_by_mode([o for o in outcomes if o.item.category == c], modes) for c in categories}
    last = modes[-1]
    misses = [o for o in outcomes if o.mode == last and o.score.recall[PASS_K] == 0.0]
    if args.json:
        def rows_json(rows: Any) -> list[dict[str, Any]]:
            return [{"mode": r.mode, "questions": r.questions, "p50_ms": round(r.p50_ms, 2),
                     **{k: round(v, 4) for k, v in r.metrics.items()}} for r in rows]  # fmt: skip

        data = {
            "suite": args.suite,
            "corpus_fingerprint": pipeline.context["corpus_fingerprint"],
            "embedder": pipeline.context["embedder"],
            "modes": rows_json(overall),
            "by_category": {c: rows_json(rows) for c, rows in by_category.items()},
            "misses": [{"id": o.item.id, "question": o.item.question, "mode": o.mode, "expected": list(o.item.sections),
                        "retrieved": list(o.ranking[:PASS_K])} for o in misses],  # fmt: skip
        }
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    out.write(f"Hakukysymyksiä {len(items)} ({args.suite}), upotusmalli {pipeline.context['embedder']}\n\n")
    out.write(format_table(overall) + "\n")
    if args.by_category:
        for category, rows in by_category.items():
            out.write(f"\n{category} ({rows[0].questions if rows else 0} kysymystä)\n{format_table(rows)}\n")
    if args.misses:
        out.write(f"\n{last}: ei oikeaa osiota {PASS_K} parhaan joukossa ({len(misses)}):\n")
        for o in misses:
            out.write(f"  {o.item.id}  {o.item.question}  odotettu {', '.join(o.item.sections)}; "
                      f"haettu {', '.join(o.ranking[:PASS_K])}\n")  # fmt: skip
    return EXIT_OK


def export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Export the BEIR dataset, or RAGAS-style rows of answered questions."""
    corpus = load_corpus()
    if args.format == "beir":
        retrieval = load_suite(args.suite or "retrieval-dev").retrieval
        if not retrieval:
            raise ValueError(f"suite {args.suite!r} has no retrieval questions; use retrieval-dev or retrieval-test")
        written = export_beir(args.out, corpus.chunks, retrieval)
        out.write(f"BEIR: {written.documents} kappaletta, {written.query_count} kyselyä, "
                  f"{written.judgements} relevanssiarviota -> {args.out}\n")  # fmt: skip
        return EXIT_OK
    if args.run is not None:
        results = read_results(args.run / RESULTS_FILE)
    else:
        suite = load_suite(args.suite or "answers-dev")
        for problem in suite.problems:
            err.write(f"Ohitettu rivi: {problem}\n")
        suite = replace(suite, parts=tuple(replace(part, retrieval=(), conversations=()) for part in suite.parts))
        pipeline = open_pipeline(args.backend, need_answers=True, need_search=False)
        results = run_suite(suite, System(pipeline.answer, None), progress=True)
    written_ragas = export_ragas(args.out, results, corpus.chunks)
    out.write(f"RAGAS: {written_ragas.rows} riviä -> {written_ragas.rows_path} (tunnisteet: {written_ragas.meta_path})\n")
    return EXIT_OK
