"""`python -m corpus build`: regenerate the derived artifacts of every document from its source."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpus.build import build_document
from corpus.errors import CorpusError
from corpus.manifest import DOCUMENTS_DIR, discover_manifests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m corpus",
        description="Build the corpus artifacts (repaired text, sections, budget cells, goals, chunks).",
        epilog="Example: python -m corpus build   |   python -m corpus build --out /tmp/derived   |   "
        "python -m corpus build --documents corpus/documents --documents /path/to/more/documents",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="regenerate derived artifacts from the sources")
    build.add_argument(
        "--documents", type=Path, action="append",
        help=f"folder of document folders; repeat to build several (default: {DOCUMENTS_DIR})",
    )
    build.add_argument("--out", type=Path, help="write into OUT/<doc id>/ instead of each document's derived/")
    args = parser.parse_args(argv)
    try:
        for manifest in discover_manifests(args.documents or [DOCUMENTS_DIR]):
            out_dir = args.out / manifest.id if args.out else None
            print(build_document(manifest, out_dir).summary())
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
