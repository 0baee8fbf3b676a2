"""The self-contained HTML report of a run: inline CSS and SVG, no scripts, every text escaped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from evals.latency_svg import latency_svg
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

CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1d;line-height:1.4}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;vertical-align:top;text-align:left}
th{background:#f1f3f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:.7rem;background:#3b6ea8;margin-right:.4rem;vertical-align:middle}
.low .bar{background:#b33}
.failure{border:1px solid #e2c4c4;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;background:#fffafa}
.failure h3{margin:.2rem 0 .6rem;font-size:1rem}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.side dl{margin:0}.side dt{font-weight:600;font-size:.85rem;color:#555}.side dd{margin:0 0 .4rem}
.missing{color:#b33}.meta{color:#444}.charts svg{display:block;margin:.5rem 0;max-width:100%;height:auto}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def render_html(summary: Mapping[str, Any], results: Sequence[QuestionResult]) -> str:
    """The whole report as one HTML document (open it straight from disk; it loads nothing else)."""
    title = f"Arviointiraportti: {summary.get('suite', '')}"
    body = [f"<h1>{_e(title)}</h1>", _meta(summary), _overview(summary), _categories(summary), _metrics(summary)]
    body.append(_turns(summary))
    body.append(_turn_list(results))
    by_key = {result.key: result for result in results}
    body.append(_listed(summary, "confident_wrong", CONFIDENT_WRONG_TITLE, by_key))
    body.append(_listed(summary, "false_not_found", FALSE_NOT_FOUND_TITLE, by_key))
    body.append(_charts(summary, results))
    body.append(_problems(summary))
    body.append(_failures(results))
    return (
        '<!DOCTYPE html>\n<html lang="fi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body>\n</html>\n"
    )


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """A table from already-escaped cells; `numeric` columns are right-aligned."""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    lines = []
    for row in rows:
        cells = "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row))
        lines.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def _meta(summary: Mapping[str, Any]) -> str:
    items = "".join(f"<li>{_e(label)}: {_e(summary.get(key, '—'))}</li>" for key, label in META_FIELDS)
    return f'<ul class="meta">{items}</ul>'


def _overview(summary: Mapping[str, Any]) -> str:
    latency = summary.get("latency_ms", {})
    rows = []
    for suite, counts in summary.get("suites", {}).items():
        share = counts["passed"] / counts["questions"] if counts["questions"] else 0.0
        stats = latency.get(suite, {})
        rows.append([_e(suite_label(suite)), str(counts["questions"]), str(counts["passed"]), _e(percent(share)),
                     _e(milliseconds(stats.get("p50", 0.0))), _e(milliseconds(stats.get("p95", 0.0)))])  # fmt: skip
    header = ["Sarja", "Kysymyksiä", "Läpi", "Osuus", "Viive p50", "Viive p95"]
    return "<h2>Yhteenveto</h2>" + _table(header, rows, numeric=(1, 2, 3, 4, 5))


def _categories(summary: Mapping[str, Any]) -> str:
    rows = []
    for row in summary.get("categories", []):
        width = round(row["pass_rate"] * 100)
        low = ' class="low"' if row["pass_rate"] < 0.9 else ""
        bar = f'<span{low}><span class="bar" style="width:{width * 1.2:.0f}px"></span>{_e(percent(row["pass_rate"]))}</span>'
        rows.append([_e(suite_label(row["suite"])), _e(row["category"]), str(row["questions"]), str(row["passed"]), bar])
    return "<h2>Luokittain</h2>" + _table(["Sarja", "Luokka", "Kysymyksiä", "Läpi", "Osuus"], rows, numeric=(2, 3))


def _metrics(summary: Mapping[str, Any]) -> str:
    rows = [[_e(name), _e(decimal(value))] for name, value in summary.get("metrics", {}).items()]
    return "<h2>Mittarit</h2>" + _table(["Mittari", "Arvo"], rows, numeric=(1,))


def _turns(summary: Mapping[str, Any]) -> str:
    turns = summary.get("turns", {})
    if not turns:
        return ""
    rows = [[_e(suite_label(suite)), str(row["turn"]), str(row["questions"]), str(row["passed"]), _e(percent(row["pass_rate"]))]
            for suite, by_turn in turns.items() for row in by_turn]  # fmt: skip
    groups = [[_e(cell) for cell in row] for row in turn_group_rows(summary)]
    return ("<h2>Keskustelut vuoroittain</h2>" + _table(["Sarja", "Vuoro", "Kysymyksiä", "Läpi", "Osuus"], rows, numeric=(1, 2, 3, 4))
            + "<h3>Ensimmäiset vuorot ja jatkokysymykset</h3>" + _table(TURN_GROUP_HEADER, groups, numeric=(2, 3, 4, 5, 6)))


def _turn_list(results: Sequence[QuestionResult]) -> str:
    rows = [[_e(cell) for cell in row] for row in turn_rows_of(results)]
    return "<h3>Jokainen vuoro ja sen tulkinta</h3>" + _table(TURN_HEADER, rows) if rows else ""


def _listed(summary: Mapping[str, Any], key: str, title: str, by_key: Mapping[str, QuestionResult]) -> str:
    grouped = summary.get(key, {})
    total = sum(len(ids) for ids in grouped.values())
    note = ""
    if key == "confident_wrong":
        only = sum(len(ids) for ids in summary.get("confident_wrong_operation_only", {}).values())
        note = f"<p>{_e(CONFIDENT_WRONG_NOTE)} Näistä {only} hylättiin vain tulkinnan laskutoimituksen vuoksi.</p>"
    items = []
    for suite, ids in grouped.items():
        for row_id in ids:
            result = by_key.get(f"{suite}/{row_id}")
            question = result.question if result else ""
            failed = ", ".join(check_label(name) for name in result.failed_checks) if result else ""
            items.append(f'<li><a href="#{_e(suite)}/{_e(row_id)}">{_e(suite)}/{_e(row_id)}</a>: {_e(question)} '
                         f'<span class="missing">[{_e(failed)}]</span></li>')  # fmt: skip
    listing = f"<ul>{''.join(items)}</ul>" if items else ""
    return f"<h2>{_e(title)} ({total})</h2>{note}{listing}"


def _charts(summary: Mapping[str, Any], results: Sequence[QuestionResult]) -> str:
    by_suite: dict[str, list[float]] = {}
    for result in results:
        by_suite.setdefault(result.suite, []).append(result.latency_ms)
    charts = [latency_svg(values, f"{suite_label(suite)}: viiveen jakauma ({len(values)} kysymystä)")
              for suite, values in by_suite.items()]  # fmt: skip
    return '<h2>Viive</h2><div class="charts">' + "".join(charts) + "</div>"


def _problems(summary: Mapping[str, Any]) -> str:
    problems = summary.get("problems", [])
    if not problems:
        return ""
    items = "".join(
        f"<li>{_e(p['path'])}:{_e(p['line'])}: kenttä <code>{_e(p['field'])}</code>: {_e(p['message'])}</li>"
        for p in problems
    )
    return f"<h2>Ohitetut rivit ({len(problems)})</h2><ul>{items}</ul>"


def _dl(lines: Sequence[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{_e(label)}</dt><dd>{_e(text)}</dd>" for label, text in lines) + "</dl>"


def _failures(results: Sequence[QuestionResult]) -> str:
    failed = failures(results)
    parts = [f"<h2>Epäonnistuneet kysymykset ({len(failed)})</h2>"]
    for result in failed:
        checks = ", ".join(check_label(name) for name in result.failed_checks) or "virhe"
        parts.append(
            f'<section class="failure" id="{_e(result.key)}"><h3>{_e(result.key)} · {_e(result.category)} · '
            f"{_e(result.question)}</h3>"
            f'<p class="missing">Hylätyt tarkistukset: {_e(checks)}'
            f'<span class="meta"> · kultarivi {_e(result.source or "—")}</span></p>'
            f'<div class="side"><div><h4>Vastaus</h4>{_dl(answer_lines(result))}</div>'
            f"<div><h4>Odotettu</h4>{_dl(expected_lines(result))}"
            f'<h4 class="missing">Puuttuu</h4>{_dl(missing_lines(result))}</div></div></section>'
        )
    return "".join(parts)
