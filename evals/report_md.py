"""The Markdown report of a run: summary, metrics, per-category scores, latencies and the failures."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from evals.presentation import (
    META_FIELDS,
    answer_lines,
    decimal,
    expected_lines,
    milliseconds,
    missing_lines,
    percent,
    suite_label,
)
from evals.results import QuestionResult
from evals.runner import failures

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def md_text(text: object) -> str:
    """Text that Markdown shows literally: special characters escaped, line breaks flattened."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_markdown(summary: Mapping[str, Any], results: Sequence[QuestionResult]) -> str:
    """The whole report as Markdown; every piece of document, gold or answer text is escaped."""
    out = [f"# Arviointiraportti: {md_text(summary.get('suite', ''))}", ""]
    out += [f"- {label}: {md_text(summary.get(key, '—'))}" for key, label in META_FIELDS]
    out += ["", "## Yhteenveto", ""]
    latency = summary.get("latency_ms", {})
    out += _table(
        ["Sarja", "Kysymyksiä", "Läpi", "Osuus", "Viive p50", "Viive p95"],
        [
            [
                md_text(suite_label(suite)),
                str(counts["questions"]),
                str(counts["passed"]),
                percent(counts["passed"] / counts["questions"] if counts["questions"] else 0.0),
                milliseconds(latency.get(suite, {}).get("p50", 0.0)),
                milliseconds(latency.get(suite, {}).get("p95", 0.0)),
            ]
            for suite, counts in summary.get("suites", {}).items()
        ],
    )
    out += ["", "## Mittarit", ""]
    out += _table(["Mittari", "Arvo"], [[md_text(name), decimal(value)] for name, value in summary["metrics"].items()])
    out += ["", "## Luokittain", ""]
    out += _table(
        ["Sarja", "Luokka", "Kysymyksiä", "Läpi", "Osuus"],
        [
            [md_text(suite_label(row["suite"])), md_text(row["category"]), str(row["questions"]),
             str(row["passed"]), percent(row["pass_rate"])]
            for row in summary.get("categories", [])
        ],
    )  # fmt: skip
    problems = summary.get("problems", [])
    if problems:
        out += ["", "## Ohitetut rivit", ""]
        out += [f"- {md_text(p['path'])}:{p['line']}: kenttä `{p['field']}`: {md_text(p['message'])}" for p in problems]
    failed = failures(results)
    out += ["", f"## Epäonnistuneet kysymykset ({len(failed)})", ""]
    for result in failed:
        out += _failure(result)
    return "\n".join(out).rstrip() + "\n"


def _failure(result: QuestionResult) -> list[str]:
    answer = answer_lines(result)
    expected = expected_lines(result)
    rows = []
    for i in range(max(len(answer), len(expected))):
        got = answer[i] if i < len(answer) else ("", "")
        want = expected[i] if i < len(expected) else ("", "")
        rows.append([md_text(f"{got[0]}: {got[1]}" if got[0] else ""), md_text(f"{want[0]}: {want[1]}" if want[0] else "")])
    lines = [f"### {md_text(result.key)} ({md_text(result.category)}): {md_text(result.question)}", ""]
    lines += _table(["Vastaus", "Odotettu"], rows)
    lines += ["", "Puuttuu: " + "; ".join(f"{md_text(name)}: {md_text(text)}" for name, text in missing_lines(result))]
    lines += ["", f"Kultarivi: {md_text(result.source or '—')}", ""]
    return lines
