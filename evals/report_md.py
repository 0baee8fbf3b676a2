"""The Markdown report of a run: summary, metrics, per-category scores, latencies and the failures."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from evals.presentation import (
    CONFIDENT_WRONG_NOTE,
    CONFIDENT_WRONG_TITLE,
    FALSE_NOT_FOUND_TITLE,
    META_FIELDS,
    TURN_GROUP_HEADER,
    TURN_HEADER,
    answer_lines,
    check_label,
    decimal,
    expected_lines,
    milliseconds,
    missing_lines,
    percent,
    suite_label,
    turn_group_rows,
    turn_rows_of,
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
    turns = summary.get("turns", {})
    if turns:
        out += ["", "## Keskustelut vuoroittain", ""]
        out += _table(
            ["Sarja", "Vuoro", "Kysymyksiä", "Läpi", "Osuus"],
            [[md_text(suite_label(suite)), str(row["turn"]), str(row["questions"]), str(row["passed"]),
              percent(row["pass_rate"])] for suite, rows in turns.items() for row in rows],
        )  # fmt: skip
        out += ["", "### Ensimmäiset vuorot ja jatkokysymykset", ""]
        out += _table(TURN_GROUP_HEADER, [[md_text(cell) for cell in row] for row in turn_group_rows(summary)])
        out += ["", "### Jokainen vuoro ja sen tulkinta", ""]
        out += _table(TURN_HEADER, [[md_text(cell) for cell in row] for row in turn_rows_of(results)])
    by_key = {result.key: result for result in results}
    out += _listed(summary, "confident_wrong", CONFIDENT_WRONG_TITLE, by_key)
    out += _listed(summary, "false_not_found", FALSE_NOT_FOUND_TITLE, by_key)
    problems = summary.get("problems", [])
    if problems:
        out += ["", "## Ohitetut rivit", ""]
        out += [f"- {md_text(p['path'])}:{p['line']}: kenttä `{p['field']}`: {md_text(p['message'])}" for p in problems]
    failed = failures(results)
    out += ["", f"## Epäonnistuneet kysymykset ({len(failed)})", ""]
    for result in failed:
        out += _failure(result)
    return "\n".join(out).rstrip() + "\n"


def _listed(summary: Mapping[str, Any], key: str, title: str, by_key: Mapping[str, QuestionResult]) -> list[str]:
    """A list of the run's rows of one kind of failure (ids per suite), with each question."""
    grouped = summary.get(key, {})
    total = sum(len(ids) for ids in grouped.values())
    lines = ["", f"## {title} ({total})", ""]
    if key == "confident_wrong":
        only = summary.get("confident_wrong_operation_only", {})
        lines += [CONFIDENT_WRONG_NOTE + f" Näistä {sum(len(v) for v in only.values())} hylättiin vain "
                  "tulkinnan laskutoimituksen vuoksi.", ""]  # fmt: skip
    for suite, ids in grouped.items():
        for row_id in ids:
            result = by_key.get(f"{suite}/{row_id}")
            question = md_text(result.question) if result else ""
            failed = ", ".join(check_label(name) for name in result.failed_checks) if result else ""
            lines.append(f"- {md_text(suite)}/{md_text(row_id)}: {question} \\[{md_text(failed)}\\]")
    return lines


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
