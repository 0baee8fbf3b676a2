"""A run's summary: flat metrics (all higher-is-better, 0…1), per-category scores and latencies.

`summary.json` is what `compare` reads and CI keeps, so its keys are a contract: metric names are
"<suite>.<name>", e.g. "answers-test.pass_rate", "answers-test.kind.figure", "retrieval-dev.recall@5",
"conversations-test.turn.follow_up". Confident wrong answers and false "not in the plan" answers are listed by
id beside the metrics (they are counts, and lower is better).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from evals.latency import latency_stats
from evals.results import QuestionResult

SUMMARY_SCHEMA = "kaytto-evals/summary/v1"
NOT_FOUND = "not_found"
# An answer of these kinds that cites the plan claims to know; when it fails its row it is confidently wrong.
CONFIDENT_KINDS: tuple[str, ...] = ("figure", "owner", "text", "multi")
ANSWERABLE_KINDS: tuple[str, ...] = ("figure", "owner", "text")


def _rate(passed: int, total: int) -> float:
    return passed / total if total else 0.0


def _by_suite(results: Sequence[QuestionResult]) -> dict[str, list[QuestionResult]]:
    grouped: dict[str, list[QuestionResult]] = defaultdict(list)
    for result in results:
        grouped[result.suite].append(result)
    return dict(grouped)


def suite_metrics(suite: str, rows: Sequence[QuestionResult]) -> dict[str, float]:
    """The flat metrics of one suite's rows."""
    metrics = {f"{suite}.pass_rate": _rate(sum(r.passed for r in rows), len(rows))}
    by_check: dict[str, list[bool]] = defaultdict(list)
    for row in rows:
        for check in row.checks:
            by_check[check.name].append(check.passed)
    for name, outcomes in sorted(by_check.items()):
        metrics[f"{suite}.check.{name}"] = _rate(sum(outcomes), len(outcomes))
    if any(row.metrics for row in rows):  # retrieval rows: mean ranking metrics
        names = sorted({name for row in rows for name in row.metrics if name != "first_rank"})
        for name in names:
            metrics[f"{suite}.{name}"] = sum(row.metrics.get(name, 0.0) for row in rows) / len(rows)
    expected_kinds = [row.expected.get("kind") for row in rows]
    if any(expected_kinds):
        for kind in sorted({k for k in expected_kinds if k}):
            of_kind = [row for row in rows if row.expected.get("kind") == kind]
            metrics[f"{suite}.kind.{kind}"] = _rate(sum(r.passed for r in of_kind), len(of_kind))
        metrics.update(not_found_scores(suite, rows))
    metrics.update(turn_scores(suite, rows))
    return metrics


def turn_scores(suite: str, rows: Sequence[QuestionResult]) -> dict[str, float]:
    """Conversation turns: pass rates of first turns, of follow-ups (turn 2 on), per position, and whole conversations."""
    turns = [row for row in rows if row.turn is not None]
    if not turns:
        return {}
    first = [row for row in turns if row.turn == 1]
    later = [row for row in turns if row.turn != 1]
    metrics = {
        f"{suite}.turn.first": _rate(sum(r.passed for r in first), len(first)),
        f"{suite}.turn.follow_up": _rate(sum(r.passed for r in later), len(later)),
    }
    for position in sorted({row.turn for row in turns if row.turn is not None}):
        at = [row for row in turns if row.turn == position]
        metrics[f"{suite}.turn.{position}"] = _rate(sum(r.passed for r in at), len(at))
    by_conversation: dict[str, list[bool]] = defaultdict(list)
    for row in turns:
        by_conversation[str(row.conversation)].append(row.passed)
    metrics[f"{suite}.conversations.all_turns"] = _rate(sum(all(v) for v in by_conversation.values()), len(by_conversation))
    return metrics


def is_confident_wrong(row: QuestionResult) -> bool:
    """A figure, owner, text or multi answer that cites the plan and still fails its row.

    It includes answering (with citations) a question whose gold kind is not_found or clarify.
    """
    return row.error is None and row.kind in CONFIDENT_KINDS and row.cited and not row.passed


def is_false_not_found(row: QuestionResult) -> bool:
    """A question the plan answers (gold kind figure, owner or text) answered "not in the plan"."""
    return row.kind == NOT_FOUND and row.expected.get("kind") in ANSWERABLE_KINDS


def fails_only_on_operation(row: QuestionResult) -> bool:
    """Whether the only thing wrong is the interpretation's operation (the figures themselves are right)."""
    failed = [check for check in row.checks if not check.passed]
    if not failed:
        return False
    for check in failed:
        if check.name == "parts":
            if not all(". operation:" in entry for entry in check.missing):
                return False
        elif check.name != "operation":
            return False
    return True


def ids_by_suite(results: Sequence[QuestionResult], keep: Any) -> dict[str, list[str]]:
    """The ids of the rows `keep` selects, per suite (suites without any left out)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for result in results:
        if keep(result):
            grouped[result.suite].append(result.id)
    return dict(grouped)


def turn_rows(results: Sequence[QuestionResult]) -> dict[str, list[dict[str, Any]]]:
    """Pass counts per conversation suite and turn position."""
    counts: dict[str, dict[int, list[int]]] = defaultdict(dict)
    for result in results:
        if result.turn is not None:
            entry = counts[result.suite].setdefault(result.turn, [0, 0])
            entry[0] += 1
            entry[1] += result.passed
    return {
        suite: [{"turn": turn, "questions": n, "passed": passed, "pass_rate": _rate(passed, n)}
                for turn, (n, passed) in sorted(by_turn.items())]
        for suite, by_turn in counts.items()
    }  # fmt: skip


def turn_groups(results: Sequence[QuestionResult]) -> dict[str, list[dict[str, Any]]]:
    """Conversation turns per suite, first turns apart from follow-ups: right, false "not in the plan", confident
    wrong."""
    grouped: dict[str, dict[str, list[QuestionResult]]] = defaultdict(lambda: {"first": [], "follow_up": []})
    for result in results:
        if result.turn is not None:
            grouped[result.suite]["first" if result.turn == 1 else "follow_up"].append(result)
    return {
        suite: [{"group": group, "questions": len(rows), "passed": sum(r.passed for r in rows),
                 "pass_rate": _rate(sum(r.passed for r in rows), len(rows)),
                 "false_not_found": sum(is_false_not_found(r) for r in rows),
                 "confident_wrong": sum(is_confident_wrong(r) for r in rows)}
                for group, rows in groups.items()]
        for suite, groups in grouped.items()
    }  # fmt: skip


def not_found_scores(suite: str, rows: Sequence[QuestionResult]) -> dict[str, float]:
    """Precision and recall of answering *not_found* (a wrong answer is worse than "not in the plan")."""
    said = [row for row in rows if row.kind == NOT_FOUND]
    expected = [row for row in rows if row.expected.get("kind") == NOT_FOUND]
    both = [row for row in said if row.expected.get("kind") == NOT_FOUND]
    if not said and not expected:
        return {}
    # No not_found answer at all: precision is vacuous, reported as 1.0 so that recall carries the signal.
    precision = _rate(len(both), len(said)) if said else 1.0
    return {f"{suite}.not_found.precision": precision, f"{suite}.not_found.recall": _rate(len(both), len(expected))}


def category_rows(results: Sequence[QuestionResult]) -> list[dict[str, Any]]:
    """Pass counts per suite and category, in first-seen order."""
    counts: dict[tuple[str, str], list[int]] = {}
    for result in results:
        entry = counts.setdefault((result.suite, result.category), [0, 0])
        entry[0] += 1
        entry[1] += result.passed
    return [
        {"suite": suite, "category": category, "questions": n, "passed": passed, "pass_rate": _rate(passed, n)}
        for (suite, category), (n, passed) in counts.items()
    ]


def summarize(results: Sequence[QuestionResult], context: Mapping[str, Any]) -> dict[str, Any]:
    """The summary of a run: counts, flat metrics, categories, latencies, plus the run's context."""
    suites = _by_suite(results)
    metrics: dict[str, float] = {}
    for suite, rows in suites.items():
        metrics.update(suite_metrics(suite, rows))
    backends: dict[str, int] = defaultdict(int)
    for result in results:
        if result.kind is not None and result.backend:
            backends[result.backend] += 1
    return {
        "schema": SUMMARY_SCHEMA,
        **dict(context),
        "questions": len(results),
        "passed": sum(r.passed for r in results),
        "errors": sum(r.error is not None for r in results),
        "suites": {
            suite: {"questions": len(rows), "passed": sum(r.passed for r in rows)} for suite, rows in suites.items()
        },
        "metrics": {name: round(value, 6) for name, value in metrics.items()},
        "categories": category_rows(results),
        "turns": turn_rows(results),
        "turn_groups": turn_groups(results),
        "confident_wrong": ids_by_suite(results, is_confident_wrong),
        "confident_wrong_operation_only": ids_by_suite(
            results, lambda r: is_confident_wrong(r) and fails_only_on_operation(r)
        ),
        "false_not_found": ids_by_suite(results, is_false_not_found),
        "latency_ms": {suite: latency_stats([r.latency_ms for r in rows]) for suite, rows in suites.items()},
        "answer_backends": dict(backends),
    }


def write_summary(path: Path, summary: Mapping[str, Any]) -> None:
    """Write summary.json (UTF-8, indented, keys in insertion order)."""
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_summary(path: Path) -> dict[str, Any]:
    """Read a run's summary.json back."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def format_summary(summary: Mapping[str, Any]) -> str:
    """A short console summary: pass counts and latency per suite, then the metrics."""
    lines = [f"Sarja {summary.get('suite', '')}, vastaaja {summary.get('backend', '')}: "
             f"{summary['passed']}/{summary['questions']} läpi"]  # fmt: skip
    for suite, counts in summary.get("suites", {}).items():
        stats = summary.get("latency_ms", {}).get(suite, {})
        lines.append(f"  {suite}: {counts['passed']}/{counts['questions']} läpi, "
                     f"viive p50 {stats.get('p50', 0.0):.1f} ms, p95 {stats.get('p95', 0.0):.1f} ms")  # fmt: skip
    width = max((len(name) for name in summary.get("metrics", {})), default=0)
    lines.append("")
    lines += [f"  {name.ljust(width)}  {value:.3f}" for name, value in summary.get("metrics", {}).items()]
    lines += _listed(summary, "confident_wrong", "Varmat väärät vastaukset (lähteet mukana, rivi hylätty)")
    only_operation = summary.get("confident_wrong_operation_only", {})
    if any(only_operation.values()):
        counts = ", ".join(f"{suite} {len(ids)}" for suite, ids in only_operation.items())
        lines.append(f"  joista vain tulkinnan laskutoimitus puuttuu tai on väärä: {counts}")
    lines += _listed(summary, "false_not_found", "Aiheettomat 'ei suunnitelmassa' -vastaukset")
    return "\n".join(lines)


def _listed(summary: Mapping[str, Any], key: str, title: str, shown: int = 30) -> list[str]:
    """A count per suite and the first ids, for the console."""
    grouped = summary.get(key, {})
    if not grouped:
        return ["", f"{title}: 0"]
    lines = ["", f"{title}: {sum(len(ids) for ids in grouped.values())}"]
    for suite, ids in grouped.items():
        more = f" … (+{len(ids) - shown})" if len(ids) > shown else ""
        lines.append(f"  {suite} {len(ids)}: {', '.join(ids[:shown])}{more}")
    return lines
