"""Writing a run's folder: results.jsonl, summary.json, report.md and report.html."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.report_html import render_html
from evals.report_md import render_markdown
from evals.results import RESULTS_FILE, SUMMARY_FILE, QuestionResult, write_results
from evals.summary import write_summary

REPORT_MD = "report.md"
REPORT_HTML = "report.html"


@dataclass(frozen=True)
class RunFiles:
    """The files of one run folder."""

    folder: Path
    results: Path
    summary: Path
    report_md: Path
    report_html: Path


def write_run(folder: Path, results: Sequence[QuestionResult], summary: Mapping[str, Any]) -> RunFiles:
    """Write every file of a run into `folder` (created if missing, files overwritten)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = RunFiles(folder, folder / RESULTS_FILE, folder / SUMMARY_FILE, folder / REPORT_MD, folder / REPORT_HTML)
    write_results(files.results, results)
    write_summary(files.summary, summary)
    files.report_md.write_text(render_markdown(summary, results), encoding="utf-8")
    files.report_html.write_text(render_html(summary, results), encoding="utf-8")
    return files
