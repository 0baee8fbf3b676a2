"""Answer speed benchmark: `--jsonl` per-question latency, cold single `ask`, peak memory.

    python -m evals.bench_answers [--repeat 3]

Runs the real command line in child processes (as a user or a script would), over the answer gold
questions, and prints a Markdown table for BENCHMARKS.md. Targets (2-core CPU): per-question p50 ≤ 30 ms
and p95 ≤ 100 ms in --jsonl mode, cold single ask ≤ 3 s, peak memory ≤ 700 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from evals.gold import ANSWERS_DEV, load_answer_gold
from evals.latency import percentile
from evals.split import TUNED_ON

REPO = Path(__file__).resolve().parent.parent
COLD_QUESTIONS = (
    "Paljonko varhaiskasvatuksen henkilöstökulut ovat 2024?",
    "Mitä Rainion päiväkodille tapahtuu?",
    "kuka vastaa harrastemallista",
)


def _ask(arguments: list[str], stdin: str | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", *arguments],
        input=stdin, capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    if done.returncode not in (0, 2):
        raise RuntimeError(f"ask failed ({done.returncode}): {done.stderr[-500:]}")
    return time.perf_counter() - started, done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bench_answers", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="how many times to run the batch and each cold ask")
    args = parser.parse_args(argv)
    # the 178 tuned-on dev questions, as before the split, so that speed stays comparable across runs
    questions = "\n".join(item.question for item in load_answer_gold(ANSWERS_DEV) if TUNED_ON.match(item.id)) + "\n"
    _ask(["--json", COLD_QUESTIONS[0]])  # make sure the index exists before timing anything
    latencies: list[float] = []
    batch_walls: list[float] = []
    for _ in range(args.repeat):
        wall, out = _ask(["--jsonl", "-"], stdin=questions)
        batch_walls.append(wall)
        latencies.extend(json.loads(line)["elapsed_ms"] for line in out.splitlines() if '"elapsed_ms"' in line)
    colds = {question: [_ask(["--json", question])[0] for _ in range(args.repeat)] for question in COLD_QUESTIONS}
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    count = len(latencies) // args.repeat
    print("| measure | value |\n|---|---|")
    print(f"| questions per batch (`--jsonl`) | {count} |")
    print(f"| per-question p50 / p95 / max | {percentile(latencies, 50):.1f} / {percentile(latencies, 95):.1f} / {max(latencies):.1f} ms |")
    print(f"| whole batch, wall (incl. start-up) | {statistics.median(batch_walls):.2f} s (median of {args.repeat}) |")
    for question, walls in colds.items():
        print(f"| cold `ask` \"{question}\" | {statistics.median(walls):.2f} s (median of {args.repeat}) |")
    print(f"| peak memory of a child process | {peak_mb:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
