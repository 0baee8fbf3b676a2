"""Fit the 'not in the plan' threshold for text questions on the answer gold set.

    python -m evals.calibrate            # fit, print the table, write assistant/text/answerability.json
    python -m evals.calibrate --dry-run  # fit and print only

The threshold is the middle of the widest interval of `min_term_weight` values with the fewest
text/not_found confusions, so that it is not balanced on one question.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from assistant.text.answerability import CALIBRATION_FILE, AnswerabilityFeatures, Calibration
from assistant.service import Assistant
from evals.gold import ANSWER_GOLD, AnswerItem, load_answer_gold

GRID = [round(0.05 + 0.01 * step, 2) for step in range(86)]  # 0.05 .. 0.90


@dataclass(frozen=True)
class Observation:
    """One gold question that reached the text stage, with its evidence features."""

    item: AnswerItem
    features: AnswerabilityFeatures


@dataclass(frozen=True)
class Fit:
    """The chosen threshold and how the text-stage decision scores with it."""

    threshold: float
    errors: int
    precision: float
    recall: float
    observations: int


def observe(assistant: Assistant, items: tuple[AnswerItem, ...]) -> tuple[list[Observation], int, int]:
    """Text-stage observations, plus not_found hits/false alarms decided before the text stage."""
    observations: list[Observation] = []
    early_true = early_false = 0
    for item in items:
        answer = assistant.answer(item.question)
        # Only the text stage retrieves before deciding; routing and the tools decide without retrieval.
        if answer.kind == "text" or (answer.kind == "not_found" and answer.retrieved_ids):
            observations.append(Observation(item, assistant.features(item.question)))
        elif answer.kind == "not_found":
            early_true += item.kind == "not_found"
            early_false += item.kind != "not_found"
    return observations, early_true, early_false


def fit(observations: list[Observation], early_true: int, early_false: int, gold_not_found: int) -> Fit:
    scored = []
    for threshold in GRID:
        calibration = Calibration(min_term_weight=threshold)
        predicted = [not calibration.answerable(o.features) for o in observations]
        true_nf = sum(p and o.item.kind == "not_found" for p, o in zip(predicted, observations)) + early_true
        false_nf = sum(p and o.item.kind != "not_found" for p, o in zip(predicted, observations)) + early_false
        missed = sum((not p) and o.item.kind == "not_found" for p, o in zip(predicted, observations))
        scored.append((threshold, false_nf + missed, true_nf, false_nf))
    best_errors = min(errors for _, errors, _, _ in scored)
    best = [row for row in scored if row[1] == best_errors]
    run = _longest_run([row[0] for row in best])
    threshold = run[len(run) // 2]
    _, errors, true_nf, false_nf = next(row for row in scored if row[0] == threshold)
    precision = true_nf / (true_nf + false_nf) if true_nf + false_nf else 0.0
    recall = true_nf / gold_not_found if gold_not_found else 0.0
    return Fit(threshold, errors, precision, recall, len(observations))


def _longest_run(values: list[float]) -> list[float]:
    runs: list[list[float]] = []
    for value in values:
        if runs and abs(value - runs[-1][-1] - 0.01) < 1e-9:
            runs[-1].append(value)
        else:
            runs.append([value])
    return max(runs, key=len)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.calibrate", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=ANSWER_GOLD)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    items = load_answer_gold(args.gold)
    assistant = Assistant(calibration=Calibration(min_term_weight=0.0))
    observations, early_true, early_false = observe(assistant, items)
    result = fit(observations, early_true, early_false, sum(item.kind == "not_found" for item in items))
    print(f"text-stage questions: {result.observations}; decided earlier: {early_true} not_found (+{early_false} wrong)")
    print(f"threshold min_term_weight = {result.threshold:.2f}; errors {result.errors}; "
          f"not_found precision {result.precision:.3f}, recall {result.recall:.3f}")
    for o in sorted(observations, key=lambda o: o.features.term_weight):
        mark = "NF" if o.item.kind == "not_found" else "  "
        print(f"  {mark} {o.features.term_weight:.2f} {o.item.id} {o.item.question}")
    if not args.dry_run:
        Calibration(
            min_term_weight=result.threshold,
            fitted_on=f"{args.gold.name}: {len(items)} questions, {result.observations} at the text stage",
            precision=round(result.precision, 4),
            recall=round(result.recall, 4),
        ).save(CALIBRATION_FILE)
        print(f"wrote {CALIBRATION_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
