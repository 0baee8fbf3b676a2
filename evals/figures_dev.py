"""Figure questions of a dev gold set through the figure tool alone (no index needed).

    python -m evals.figures_dev [--gold evals/data/answer_gold.jsonl] [--failures]

Scores every gold row whose kind is "figure" or "clarify", and the not-found and text rows the figure tool
claims (it reads them as figure questions), with the suite's own checks (multi-part rows need the service); prints the pass rate and, with --failures, what failed.
Tune only on dev data: never point this at a frozen test set.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.language.analysis import Analyser
from assistant.language.morphology import Morphology
from assistant.tools.figures import FigureTool, NotFigure
from corpus.store import load_corpus
from evals.gold import ANSWERS_DEV, load_answer_gold
from evals.scoring import score_answer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.figures_dev", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(ANSWERS_DEV), help="a dev answer gold file (never a test split)")
    parser.add_argument("--failures", action="store_true", help="print each failing question and answer")
    args = parser.parse_args(argv)
    if "test" in Path(args.gold).name:
        parser.error("tune on dev data only: the test split is measured by `python -m evals run --suite test`")
    corpus = load_corpus()
    manifest = corpus.document().manifest
    analyser = Analyser(Morphology.of(corpus), (manifest.municipality,), manifest.year)
    tool = FigureTool(corpus)
    counts: dict[str, list[int]] = {}
    for item in load_answer_gold(args.gold):
        analysis = analyser.analyse(item.question)
        reading = tool.read(analysis)
        if item.kind == "multi" or (item.kind not in ("figure", "clarify") and isinstance(reading, NotFigure)):
            continue  # multi-part rows are split first (routing/split.py); others the tool leaves to the router
        label = f"{item.kind} ({'claimed' if item.kind != 'figure' else 'figure rows'})"
        answer = tool.answer(analysis, reading)
        score = score_answer(item, answer)
        tally = counts.setdefault(label, [0, 0])
        tally[0] += score.passed
        tally[1] += 1
        if args.failures and not score.passed:
            print(f"FAIL {item.id} {item.question!r}: {', '.join(score.failed)}\n  {answer.answer[:400]}\n")
    for label, (passed, total) in sorted(counts.items()):
        print(f"{label}: {passed}/{total} ({passed / total:.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
