"""Comparing two runs: per-metric deltas, questions that flipped pass↔fail, and a regression verdict for CI."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.results import RESULTS_FILE, SUMMARY_FILE, QuestionResult, read_results
from evals.summary import read_summary

DEFAULT_THRESHOLD = 0.01  # one percentage point; every metric is a 0…1 share or mean


class RunNotFound(FileNotFoundError):
    """A run directory lacks summary.json or results.jsonl."""


@dataclass(frozen=True)
class MetricDelta:
    """One metric in both runs (None where a run lacks it)."""

    name: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before

    def regressed(self, threshold: float) -> bool:
        """Higher is better for every metric, so a drop larger than the threshold is a regression."""
        return self.delta is not None and -self.delta > threshold + 1e-12


@dataclass(frozen=True)
class Flip:
    """A question that passed in one run and failed in the other."""

    key: str
    question: str
    failed_checks: tuple[str, ...]  # in the run where it failed


@dataclass(frozen=True)
class Comparison:
    """The difference between run A (before) and run B (after)."""

    run_a: str
    run_b: str
    threshold: float
    metrics: tuple[MetricDelta, ...]
    broke: tuple[Flip, ...]  # passed in A, failed in B
    fixed: tuple[Flip, ...]  # failed in A, passed in B
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    latency: dict[str, dict[str, tuple[float, float]]]  # suite -> stat -> (A, B)

    @property
    def regressions(self) -> tuple[MetricDelta, ...]:
        return tuple(metric for metric in self.metrics if metric.regressed(self.threshold))

    @property
    def ok(self) -> bool:
        return not self.regressions

    def to_json(self) -> dict[str, Any]:
        """The machine-readable comparison (`compare --json`)."""
        return {
            "run_a": self.run_a,
            "run_b": self.run_b,
            "threshold": self.threshold,
            "ok": self.ok,
            "metrics": [
                {"name": m.name, "a": m.before, "b": m.after, "delta": m.delta, "regressed": m.regressed(self.threshold)}
                for m in self.metrics
            ],
            "regressions": [m.name for m in self.regressions],
            "pass_to_fail": [_flip_json(flip) for flip in self.broke],
            "fail_to_pass": [_flip_json(flip) for flip in self.fixed],
            "only_in_a": list(self.only_a),
            "only_in_b": list(self.only_b),
            "latency_ms": {suite: {k: list(v) for k, v in stats.items()} for suite, stats in self.latency.items()},
        }


def _flip_json(flip: Flip) -> dict[str, Any]:
    return {"key": flip.key, "question": flip.question, "failed_checks": list(flip.failed_checks)}


def load_run(run_dir: Path) -> tuple[dict[str, Any], tuple[QuestionResult, ...]]:
    """A run's summary and results rows."""
    summary_path, results_path = run_dir / SUMMARY_FILE, run_dir / RESULTS_FILE
    if not summary_path.is_file() or not results_path.is_file():
        raise RunNotFound(f"{run_dir}: no {SUMMARY_FILE} and {RESULTS_FILE}; make one with `python -m evals run --out {run_dir}`")
    return read_summary(summary_path), read_results(results_path)


def compare_runs(
    summary_a: Mapping[str, Any],
    results_a: Sequence[QuestionResult],
    summary_b: Mapping[str, Any],
    results_b: Sequence[QuestionResult],
    threshold: float = DEFAULT_THRESHOLD,
    names: tuple[str, str] = ("A", "B"),
) -> Comparison:
    """Compare two runs' metrics and rows (rows are matched by suite and id)."""
    metrics_a, metrics_b = summary_a.get("metrics", {}), summary_b.get("metrics", {})
    names_all = list(dict.fromkeys([*metrics_a, *metrics_b]))
    deltas = tuple(MetricDelta(name, metrics_a.get(name), metrics_b.get(name)) for name in names_all)
    by_key_a = {row.key: row for row in results_a}
    by_key_b = {row.key: row for row in results_b}
    broke, fixed = [], []
    for key, row_a in by_key_a.items():
        row_b = by_key_b.get(key)
        if row_b is None or row_a.passed == row_b.passed:
            continue
        if row_a.passed:
            broke.append(Flip(key, row_b.question, row_b.failed_checks or ("error",)))
        else:
            fixed.append(Flip(key, row_a.question, row_a.failed_checks or ("error",)))
    latency: dict[str, dict[str, tuple[float, float]]] = {}
    lat_a, lat_b = summary_a.get("latency_ms", {}), summary_b.get("latency_ms", {})
    for suite in lat_a.keys() & lat_b.keys():
        latency[suite] = {stat: (lat_a[suite][stat], lat_b[suite][stat]) for stat in ("p50", "p95")}
    return Comparison(
        run_a=names[0],
        run_b=names[1],
        threshold=threshold,
        metrics=deltas,
        broke=tuple(broke),
        fixed=tuple(fixed),
        only_a=tuple(key for key in by_key_a if key not in by_key_b),
        only_b=tuple(key for key in by_key_b if key not in by_key_a),
        latency=latency,
    )


def _num(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    text = f"{value:+.3f}" if signed else f"{value:.3f}"
    return text.replace("-", "−")


def format_comparison(comparison: Comparison, changed_only: bool = False) -> str:
    """A plain-text report of the comparison (the CLI's default output)."""
    lines = [f"Vertailu: {comparison.run_a} → {comparison.run_b} (kynnys {comparison.threshold:.3f})", ""]
    shown = [m for m in comparison.metrics if not changed_only or m.delta != 0.0]
    width = max((len(m.name) for m in shown), default=6)
    lines.append(f"{'mittari'.ljust(width)}  {'A':>6}  {'B':>6}  {'Δ':>7}")
    for metric in shown:
        mark = "  ← heikkeni" if metric.regressed(comparison.threshold) else ""
        lines.append(
            f"{metric.name.ljust(width)}  {_num(metric.before):>6}  {_num(metric.after):>6}  "
            f"{_num(metric.delta, signed=True):>7}{mark}"
        )
    if comparison.latency:
        lines.append("")
        for suite, stats in sorted(comparison.latency.items()):
            text = ", ".join(f"{stat} {a:.1f} → {b:.1f} ms" for stat, (a, b) in stats.items())
            lines.append(f"viive {suite}: {text}")
    for title, flips in (("läpi → hylätty", comparison.broke), ("hylätty → läpi", comparison.fixed)):
        lines += ["", f"{title} ({len(flips)}):"]
        lines += [f"  {f.key}  {f.question}  [{', '.join(f.failed_checks)}]" for f in flips] or ["  —"]
    if comparison.only_a or comparison.only_b:
        lines += ["", f"vain A:ssa: {len(comparison.only_a)}, vain B:ssä: {len(comparison.only_b)}"]
    lines.append("")
    if comparison.ok:
        lines.append("Ei heikennyksiä yli kynnyksen.")
    else:
        lines.append(f"HEIKENNYS: {len(comparison.regressions)} mittaria heikkeni yli kynnyksen: "
                     + ", ".join(m.name for m in comparison.regressions))  # fmt: skip
    return "\n".join(lines)
