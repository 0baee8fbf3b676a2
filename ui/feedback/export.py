"""Feedback as CSV for the plan's authors (semicolon-separated UTF-8 with a BOM, as Finnish Excel opens it)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ui.feedback.store import Feedback

HEADERS: tuple[str, ...] = ("aika_utc", "kysymys", "vastauksen_tyyppi", "apua", "kommentti", "lähteet", "versio")
KIND_NAMES = {"figure": "luku", "owner": "vastuuhenkilö", "text": "teksti", "not_found": "ei löytynyt"}
HELPFUL = {True: "kyllä", False: "ei"}
DELIMITER = ";"


def feedback_rows(entries: Iterable[Feedback]) -> list[list[str]]:
    """One list of cells per feedback row, in `HEADERS` order."""
    return [
        [
            entry.created_at.strftime("%Y-%m-%d %H:%M:%S"),
            entry.question,
            entry.answer_kind,
            HELPFUL[entry.helpful],
            entry.comment,
            " ".join(entry.cited_sections),
            entry.app_version,
        ]
        for entry in entries
    ]


def feedback_csv(entries: Iterable[Feedback]) -> str:
    """The rows as CSV text with a header line (no BOM: `write_csv` adds it for files)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(feedback_rows(entries))
    return out.getvalue()
