"""`python -m index bench`: build time, query latency per retriever, memory, and scaling to 1000× the plan.

Everything runs in a temporary folder (the real index is never touched). Results are a JSON-ready dict;
`markdown_tables` renders them for BENCHMARKS.md.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

from corpus.store import load_corpus
from index.build import build_index
from index.chroma_server import chroma_server
from index.embedders import Embedder, create_embedder
from index.passages import ChunkSource, dense_text
from index.search import SEARCH_MODES, HybridSearcher, open_searcher
from index.settings import IndexSettings
from index.synthetic import PooledEmbedder, sample_queries, synthetic_chunks

K = 10
WARMUP = 5

_COLD_START = """
import json, sys, time
started = time.perf_counter()
from index.search import open_searcher
imported = time.perf_counter()
searcher = open_searcher(warm=False)
opened = time.perf_counter()
searcher.search(sys.argv[1], k=10)
first = time.perf_counter()
searcher.search(sys.argv[2], k=10)
unseen = time.perf_counter()
searcher.search(sys.argv[3], k=10)
third = time.perf_counter()
print(json.dumps({"import_s": imported - started, "open_s": opened - imported,
                  "first_query_ms": (first - opened) * 1000, "unseen_word_query_ms": (unseen - first) * 1000,
                  "next_query_ms": (third - unseen) * 1000}))
"""
# Inflected forms that the plan does not contain: the first such word makes the searcher load Voikko.
UNSEEN_QUERIES = ("päiväkodeillemme tulevat muutokset", "kirjastoissamme tapahtuu")


def run_benchmark(
    settings: IndexSettings,
    scales: Sequence[int] = (1, 10, 100, 1000),
    server: bool = True,
    queries: int = 60,
    log: Any = None,
) -> dict[str, Any]:
    """Measure the plan's build, cold start and query latency, then query latency at each scale."""
    say = log or (lambda message: print(message, file=sys.stderr, flush=True))
    corpus = load_corpus()
    report: dict[str, Any] = {"machine": _machine(), "embedder": settings.embedder, "chunks": len(corpus.chunks)}
    query_set = sample_queries(corpus.chunks, queries + WARMUP)
    with tempfile.TemporaryDirectory(prefix="kaytto-bench-") as folder:
        root = Path(folder)
        plan = replace(settings, data_dir=root / "plan", chroma_url=None)
        say("rakennetaan suunnitelman hakemisto (python -m index build)…")
        report["build"] = _cli_builds(plan)
        report["cold_start"] = _cold_start(plan, query_set)
        embedder = create_embedder(settings.embedder)
        searcher = open_searcher(plan, corpus, embedder, warm=False)
        searcher.warm()
        report["plan_latency_ms"] = _latencies(searcher, query_set)
        report["peak_rss_mb_after_plan"] = _peak_rss_mb()
        pool = embedder.embed_passages([dense_text(chunk) for chunk in corpus.chunks])
        report["scaling"] = []
        for scale in scales:
            say(f"skaala {scale}×…")
            report["scaling"].append(_scale_run(root, settings, corpus.chunks, scale, embedder, pool, query_set, server))
            report["scaling"][-1]["peak_rss_mb"] = _peak_rss_mb()
    report["machine"]["load_average_1min_end"] = os.getloadavg()[0]
    return report


def _cli_builds(settings: IndexSettings) -> dict[str, float]:
    """Wall time of `python -m index build` from nothing, then again with nothing to do."""
    env = {**os.environ, "KAYTTO_DATA_DIR": str(settings.data_dir), "KAYTTO_EMBEDDER": settings.embedder}
    env.pop("KAYTTO_CHROMA_URL", None)
    timings: dict[str, float] = {}
    for label in ("fresh_s", "up_to_date_s"):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "index", "build", "--json"], env=env, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"python -m index build failed: {done.stderr[-2000:]}")
        timings[label] = time.perf_counter() - started
        timings[label.replace("_s", "_in_build_s")] = json.loads(done.stdout)["seconds"]
    return timings


def _cold_start(settings: IndexSettings, query_set: Sequence[str]) -> dict[str, float]:
    """A fresh process: imports, opening the index, a first query, one with unseen words (Voikko loads), one more."""
    env = {**os.environ, "KAYTTO_DATA_DIR": str(settings.data_dir), "KAYTTO_EMBEDDER": settings.embedder}
    argv = [sys.executable, "-c", _COLD_START, query_set[0], *UNSEEN_QUERIES]
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"cold-start probe failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _scale_run(
    root: Path,
    settings: IndexSettings,
    base: Sequence[Any],
    scale: int,
    embedder: Embedder,
    pool: np.ndarray,
    query_set: Sequence[str],
    server: bool,
) -> dict[str, Any]:
    source, origins = synthetic_chunks(base, scale)
    pooled = PooledEmbedder(embedder, source, origins, pool)
    local = replace(settings, data_dir=root / f"scale-{scale}", chroma_url=None)
    row: dict[str, Any] = {"scale": scale, "chunks": len(source.chunks)}
    row["local"] = _build_and_query(local, source, pooled, query_set)
    if server:
        with chroma_server(root / f"server-{scale}") as url:
            # Same data dir: the lexical index is content-addressed and reused; only Chroma moves to the server.
            row["server"] = _build_and_query(replace(local, chroma_url=url), source, pooled, query_set)
    return row


def _build_and_query(settings: IndexSettings, source: ChunkSource, embedder: Embedder, query_set: Sequence[str]) -> dict[str, Any]:
    started = time.perf_counter()
    build_index(settings, source, embedder)
    built = time.perf_counter()
    searcher = open_searcher(settings, source, embedder, warm=False)
    opened = time.perf_counter()
    searcher.warm()
    return {"build_s": built - started, "open_s": opened - built, "latency_ms": _latencies(searcher, query_set)}


def _latencies(searcher: HybridSearcher, query_set: Sequence[str]) -> dict[str, dict[str, float]]:
    for query in query_set[:WARMUP]:
        searcher.search(query, K)
    result: dict[str, dict[str, float]] = {}
    for mode in SEARCH_MODES:
        timings = []
        for query in query_set[WARMUP:]:
            started = time.perf_counter()
            searcher.search(query, K, mode)  # type: ignore[arg-type]
            timings.append((time.perf_counter() - started) * 1000)
        result[mode] = {"p50": float(np.percentile(timings, 50)), "p95": float(np.percentile(timings, 95)), "n": len(timings)}
    return result


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "load_average_1min": os.getloadavg()[0],
        "python": platform.python_version(),
        "kfst_rs": find_spec("kfst_rs") is not None,  # the native Voikko transducer: ~9× faster analysis
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS", ""),
    }


def markdown_tables(report: dict[str, Any]) -> str:
    """The report as Markdown tables (what BENCHMARKS.md shows)."""
    lines = [
        f"Machine: {report['machine']['cpus']} CPUs, load average {report['machine']['load_average_1min']:.1f} at start "
        f"and {report['machine'].get('load_average_1min_end', float('nan')):.1f} at the end, "
        f"Python {report['machine']['python']}, kfst-rs {'yes' if report['machine']['kfst_rs'] else 'no'}; "
        f"embedder {report['embedder']}; plan: {report['chunks']} chunks.",
        "",
        "| build (`python -m index build`) | wall s | inside build_index s |",
        "|---|---:|---:|",
        f"| fresh | {report['build']['fresh_s']:.1f} | {report['build']['fresh_in_build_s']:.1f} |",
        f"| again, nothing changed | {report['build']['up_to_date_s']:.1f} | {report['build']['up_to_date_in_build_s']:.2f} |",
        "",
        "| cold start (new process) | value |",
        "|---|---:|",
        f"| imports | {report['cold_start']['import_s']:.2f} s |",
        f"| open index | {report['cold_start']['open_s']:.2f} s |",
        f"| first query (corpus words only: no Voikko) | {report['cold_start']['first_query_ms']:.0f} ms |",
        f"| first query with a word the plan lacks (loads Voikko) | {report['cold_start']['unseen_word_query_ms']:.0f} ms |",
        f"| next query | {report['cold_start']['next_query_ms']:.0f} ms |",
        "",
        "| plan, in-process | p50 ms | p95 ms |",
        "|---|---:|---:|",
    ]
    for mode, stats in report["plan_latency_ms"].items():
        lines.append(f"| {mode} | {stats['p50']:.1f} | {stats['p95']:.1f} |")
    lines += [
        "",
        f"Peak RSS after the plan: {report['peak_rss_mb_after_plan']:.0f} MB.",
        "",
        "| scale | chunks | where | build s | open s | dense p50/p95 | lexical p50/p95 | fused p50/p95 | peak RSS MB |",
        "|---:|---:|---|---:|---:|---|---|---|---:|",
    ]
    for row in report["scaling"]:
        for where in ("local", "server"):
            if where not in row:
                continue
            run = row[where]
            cells = [f"{run['latency_ms'][mode]['p50']:.1f} / {run['latency_ms'][mode]['p95']:.1f}" for mode in ("dense", "lexical", "fused")]
            lines.append(
                f"| {row['scale']}× | {row['chunks']} | {where} | {run['build_s']:.1f} | {run['open_s']:.2f} | "
                + " | ".join(cells)
                + f" | {row['peak_rss_mb']:.0f} |"
            )
    return "\n".join(lines) + "\n"
