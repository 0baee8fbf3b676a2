"""`python -m evals`: run suites, print retrieval metrics, compare runs and export datasets (thin commands)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from assistant.errors import ConfigError
from assistant.messages_fi import finnish_message
from assistant.settings import apply_offline_environment
from evals.compare import DEFAULT_THRESHOLD, RunNotFound, compare_runs, format_comparison, load_run
from evals.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from evals.gold import GoldError
from evals.suites import SUITE_NAMES, UnknownSuite

EXAMPLES = """examples:
  python -m evals run                                  # the dev split (answers, conversations, retrieval) into runs/<time>-dev-extractive/
  python -m evals run --suite test --out runs/test     # the frozen test split: print its scores, never tune on it
  python -m evals run --suite answers-dev --out runs/base
  python -m evals run --suite my_questions.jsonl --backend llm --out runs/llm
  python -m evals retrieval                            # recall@1/3/5, MRR, nDCG@10 for dense, lexical and fused (dev)
  python -m evals retrieval --suite test
  python -m evals compare runs/base runs/new --threshold 0.02
  python -m evals export beir --out exports/beir
  python -m evals export ragas --out exports/ragas --run runs/base
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command (each help ends with examples)."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="python -m evals",
        description="Arvioi avustajaa ja hakua kultaisilla kysymyksillä.",
        epilog=EXAMPLES,
        formatter_class=formatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run a suite and write results and reports", epilog=EXAMPLES, formatter_class=formatter)
    run.add_argument("--suite", default="dev", help=f"a built-in suite ({', '.join(SUITE_NAMES)}) or a JSONL file")
    run.add_argument("--out", type=Path, help="run folder (default: runs/<time>-<suite>-<backend>)")
    run.add_argument("--backend", choices=("extractive", "llm"), default="extractive", help="answer backend")
    run.add_argument("--mode", choices=("fused", "dense", "lexical"), default="fused", help="retriever for retrieval rows")
    run.add_argument("--limit", type=int, help="only the first N questions (conversations) of each gold file")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")

    retrieval = commands.add_parser("retrieval", help="print retrieval metrics per retriever", epilog=EXAMPLES, formatter_class=formatter)
    retrieval.add_argument("--suite", choices=("dev", "test"), default="dev", help="the retrieval split")
    retrieval.add_argument("--modes", default="dense,lexical,fused", help="comma-separated retriever modes")
    retrieval.add_argument("--by-category", action="store_true", help="also one table per gold category")
    retrieval.add_argument("--misses", action="store_true", help="list questions with no relevant section in the top 5")
    retrieval.add_argument("--limit", type=int, help="only the first N gold questions")
    retrieval.add_argument("--json", action="store_true", help="print the metrics as JSON")
    retrieval.add_argument("--no-progress", action="store_true", help="no progress bar")

    compare = commands.add_parser("compare", help="compare two runs (exit 1 on a regression)", epilog=EXAMPLES, formatter_class=formatter)
    compare.add_argument("run_a", type=Path, help="the earlier run folder (baseline)")
    compare.add_argument("run_b", type=Path, help="the later run folder")
    compare.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                         help=f"largest tolerated drop of any metric (default {DEFAULT_THRESHOLD})")  # fmt: skip
    compare.add_argument("--changed-only", action="store_true", help="list only metrics that changed")
    compare.add_argument("--json", action="store_true", help="print the comparison as JSON")

    export = commands.add_parser("export", help="export BEIR or RAGAS-style datasets", epilog=EXAMPLES, formatter_class=formatter)
    export.add_argument("format", choices=("beir", "ragas"))
    export.add_argument("--out", type=Path, required=True, help="output folder")
    export.add_argument("--run", type=Path, help="ragas: use this run's answers instead of answering now")
    export.add_argument("--suite", help="beir: a retrieval suite (default retrieval-dev); ragas without --run: "
                        "the answer suite to answer (default answers-dev)")
    export.add_argument("--backend", choices=("extractive", "llm"), default="extractive", help="ragas without --run")
    return parser


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command and return its exit code (see evals/exit_codes.py); errors never show a traceback."""
    apply_offline_environment()
    args = build_parser().parse_args(argv)
    out, err = out or sys.stdout, err or sys.stderr
    # heavy imports (models, Chroma) only after the arguments are known to be good
    from evals import commands

    handlers = {"run": commands.run, "retrieval": commands.retrieval, "compare": compare, "export": commands.export}
    try:
        return handlers[args.command](args, out, err)
    except (UnknownSuite, GoldError, RunNotFound, ConfigError, ValueError) as exc:
        print(f"Virhe: {exc}", file=err)
        return EXIT_USAGE
    except Exception as exc:  # edge: library errors become a Finnish message, never a traceback
        print(f"Virhe: {finnish_message(exc)} ({type(exc).__name__}: {exc})", file=err)
        return EXIT_FAILED


def compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Compare two run folders; exit 1 when a metric dropped by more than the threshold."""
    summary_a, results_a = load_run(args.run_a)
    summary_b, results_b = load_run(args.run_b)
    comparison = compare_runs(summary_a, results_a, summary_b, results_b, args.threshold, (str(args.run_a), str(args.run_b)))
    if args.json:
        out.write(json.dumps(comparison.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(format_comparison(comparison, changed_only=args.changed_only) + "\n")
    return EXIT_OK if comparison.ok else EXIT_FAILED

