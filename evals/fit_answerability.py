"""Fit the "is this in the plan?" model on the DEV split (never on test) and write assistant/text/answerability.json.

    python -m evals.fit_answerability            # fit, print precision/recall on dev, write the model
    python -m evals.fit_answerability --dry-run  # fit and print only

Every dev question that reaches the model (owner and text routes; figure and year answers do not) is one
example. Its label is 1 only when the plan answers it AND the route's answer passes the row's checks: evidence
that answers a different question counts as "not answerable", because a confident wrong answer is worse than an
honest "not in the plan". The threshold is the one that maximises F1 on "answerable" after wrong-but-answered
examples are weighted double, chosen on out-of-fold probabilities (precision and recall printed are out-of-fold too).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

import numpy as np

from assistant.service import Assistant
from assistant.settings import apply_offline_environment
from assistant.text.answerability import FEATURE_NAMES, MODEL_FILE, AnswerabilityModel
from evals.gold import ANSWERS_DEV, load_answer_gold
from evals.scoring import score_answer

WRONG_WEIGHT = 2.0  # an answered-but-wrong example costs twice a missed answer
CV_SEEDS = 5


def examples(assistant: Assistant) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Feature rows, labels and ids of the dev questions that reach the model."""
    rows: list[list[float]] = []
    labels: list[int] = []
    ids: list[str] = []
    for item in load_answer_gold(ANSWERS_DEV):
        if item.kind in ("multi", "clarify", "figure"):
            continue
        route = assistant.route(item.question)
        if route.features is None:
            continue
        answered = replace(route, kind="owner" if route.features.owner_route else "text") if route.kind == "not_found" else route
        try:
            passed = score_answer(item, assistant.answer_route(answered)).passed if item.kind != "not_found" else False
        except Exception:  # an evidence set that cannot be composed is not an answer
            passed = False
        rows.append(route.features.vector())
        labels.append(1 if passed else 0)
        ids.append(item.id)
    return np.asarray(rows, dtype=np.float64), np.asarray(labels, dtype=np.int64), ids


def fit(x: np.ndarray, y: np.ndarray) -> AnswerabilityModel:
    """Standardised L2 logistic regression (scikit-learn). The threshold is chosen on out-of-fold probabilities
    (5-fold cross-validation, the median over CV_SEEDS shuffles): a model's probabilities for the rows it was fitted
    on are overconfident, and a threshold chosen on them lets through more wrong answers on new questions."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    def model() -> object:
        return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000))

    scaler = StandardScaler().fit(x)
    classifier = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(scaler.transform(x), y)
    choices = []
    for seed in range(CV_SEEDS):
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
        out_of_fold = cross_val_predict(model(), x, y, cv=folds, method="predict_proba")[:, 1]
        choices.append((best_threshold(out_of_fold, y), out_of_fold))
    choices.sort(key=lambda choice: choice[0][0])
    (threshold, metrics), _ = choices[len(choices) // 2]
    return AnswerabilityModel(
        weights=tuple(float(w) for w in classifier.coef_[0]),
        means=tuple(float(m) for m in scaler.mean_),
        scales=tuple(float(s) or 1.0 for s in scaler.scale_),
        bias=float(classifier.intercept_[0]),
        threshold=threshold,
        features=FEATURE_NAMES,
        fitted_on=f"{ANSWERS_DEV.name}: {len(y)} questions at the owner/text stage ({int(y.sum())} answerable and right)",
        metrics=metrics,
    )


def best_threshold(probabilities: np.ndarray, labels: np.ndarray) -> tuple[float, dict[str, float]]:
    """The threshold maximising a cost-weighted F1 of 'answerable', with precision and recall at it."""
    best: tuple[float, float, dict[str, float]] = (0.5, -1.0, {})
    for threshold in np.unique(np.round(probabilities, 3)):
        predicted = probabilities >= threshold
        tp = float(np.sum(predicted & (labels == 1)))
        fp = float(np.sum(predicted & (labels == 0)))
        fn = float(np.sum(~predicted & (labels == 1)))
        if tp == 0:
            continue
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        weighted = tp / (tp + WRONG_WEIGHT * fp)
        f1 = 2 * weighted * recall / (weighted + recall)
        if f1 > best[1]:
            best = (float(threshold), f1, {"precision": round(precision, 3), "recall": round(recall, 3)})
    return best[0], best[2]


def main(argv: list[str] | None = None) -> int:
    apply_offline_environment()
    parser = argparse.ArgumentParser(prog="python -m evals.fit_answerability", description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print only, do not write the model")
    args = parser.parse_args(argv)
    assistant = Assistant(build_missing_index=True)
    x, y, _ = examples(assistant)
    model = fit(x, y)
    print(f"{model.fitted_on}; threshold {model.threshold:.3f}; dev precision {model.metrics.get('precision')}, "
          f"recall {model.metrics.get('recall')}")
    for name, weight in zip(model.features, model.weights, strict=True):
        print(f"  {name:15} {weight:+.3f}")
    if not args.dry_run:
        model.save(MODEL_FILE)
        print(f"-> {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
