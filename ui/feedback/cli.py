"""`python -m ui.feedback export`: the staff's list of unhelpful and not-found answers (CSV, JSON or a table).

The lead hooks this into `python -m ui feedback ...`; `main(argv)` takes the arguments after "feedback".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from assistant.settings import load_settings
from ui.feedback.export import HEADERS, feedback_csv, feedback_rows
from ui.feedback.store import FeedbackFilter, FeedbackStore, default_url
from ui.messages_fi import message_for
from ui.texts import FEEDBACK_CLI

EXAMPLE = """Esimerkkejä:
  python -m ui feedback export --csv > palaute.csv      (ei apua -vastaukset ja ei löytynyt -kysymykset)
  python -m ui feedback export --all --since 2024-03-01 --json
  python -m ui.feedback export --csv --db postgresql+psycopg://kaytto@db/kaytto"""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m ui feedback",
        description=FEEDBACK_CLI["description"],
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser(
        "export", help=FEEDBACK_CLI["export"], epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    form = export.add_mutually_exclusive_group()
    form.add_argument("--csv", action="store_true", help=FEEDBACK_CLI["csv"])
    form.add_argument("--json", action="store_true", help=FEEDBACK_CLI["json"])
    export.add_argument("--all", action="store_true", help=FEEDBACK_CLI["all"])
    export.add_argument("--kind", default="", choices=["", "figure", "owner", "text", "not_found"], help=FEEDBACK_CLI["kind"])
    export.add_argument("--search", default="", help=FEEDBACK_CLI["search"])
    export.add_argument("--since", type=_date, default=None, help=FEEDBACK_CLI["since"])
    export.add_argument("--db", default="", help=FEEDBACK_CLI["db"])
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command; 0 ok, 1 when the database cannot be read (a Finnish message on stderr)."""
    out = out or sys.stdout
    args = parse_args(argv)
    try:
        settings = load_settings()
        url = args.db or settings.ui.feedback_db or default_url(settings.index.data_dir)
        store = FeedbackStore.open(url)
        entries = store.rows(FeedbackFilter(only_problems=not args.all, kind=args.kind, search=args.search, since=args.since))
    except Exception as exc:  # the edge: one Finnish line, no traceback
        print(message_for(exc), file=sys.stderr)
        return 1
    if args.csv:
        out.write(feedback_csv(entries))
    elif args.json:
        for row in feedback_rows(entries):
            out.write(json.dumps(dict(zip(HEADERS, row, strict=True)), ensure_ascii=False) + "\n")
    else:
        out.write(FEEDBACK_CLI["count"].format(count=len(entries)) + "\n")
        for row in feedback_rows(entries):
            time, question, kind, helpful, comment = row[:5]
            out.write(f"{time}  {kind:<9}  apua: {helpful:<5}  {question}" + (f"  — {comment}" if comment else "") + "\n")
    return 0


def _date(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(FEEDBACK_CLI["bad_date"].format(value=text)) from None


if __name__ == "__main__":
    sys.exit(main())
