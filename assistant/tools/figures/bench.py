"""Warm figure-answer speed: `python -m assistant.tools.figures.bench [--questions FILE] [--repeat N]`.

Times `FigureTool.read` + `FigureTool.answer` (and, separately, the question analysis before them) over questions
phrased from every kind of query the plan answers (or one question per line of FILE), after one warm-up pass,
and prints p50/p95 in milliseconds. Target: warm figure answer p50 ≤ 2 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from assistant.language.analysis import Analyser
from assistant.language.morphology import Morphology
from assistant.tools.figures.examples import all_queries
from assistant.tools.figures.phrase import question_for
from assistant.tools.figures.tool import FigureTool
from corpus.store import load_corpus


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.tools.figures.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, help="one question per line (default: generated, every operation)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=600, help="how many generated questions")
    args = parser.parse_args(argv)
    corpus = load_corpus()
    manifest = corpus.document().manifest
    analyser = Analyser(Morphology.of(corpus), (manifest.municipality,), manifest.year)
    tool = FigureTool(corpus)
    if args.questions:
        questions = [line.strip() for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        queries = list(all_queries(tool.plan))
        step = max(1, len(queries) // args.sample)
        questions = [question_for(query, tool.plan) for query in queries[::step]]
    analyses = [analyser.analyse(question) for question in questions]  # warm-up: memoised word readings
    for analysis in analyses:
        tool.answer(analysis, tool.read(analysis))
    tool_ms: list[float] = []
    total_ms: list[float] = []
    for _ in range(args.repeat):
        for question in questions:
            started = time.perf_counter()
            analysis = analyser.analyse(question)
            analysed = time.perf_counter()
            tool.answer(analysis, tool.read(analysis))
            done = time.perf_counter()
            tool_ms.append((done - analysed) * 1000)
            total_ms.append((done - started) * 1000)
    print(f"{len(questions)} questions × {args.repeat}")
    print(f"figure tool (read + answer): p50 {statistics.median(tool_ms):.2f} ms, p95 {_percentile(tool_ms, 0.95):.2f} ms")
    print(f"with question analysis:      p50 {statistics.median(total_ms):.2f} ms, p95 {_percentile(total_ms, 0.95):.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
