"""`python -m ui`: start the web app (builds the search index first if it is missing)."""

from __future__ import annotations

import argparse
import logging
import sys

from assistant.settings import apply_offline_environment

# Before gradio (or anything that may phone home) is imported: analytics and hub lookups off.
apply_offline_environment()

from assistant.messages_fi import finnish_message  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from corpus.store import load_corpus  # noqa: E402
from ui import texts  # noqa: E402
from ui.app import DEFAULT_HOST, DEFAULT_PORT, build_app, launch  # noqa: E402
from ui.startup import ensure_index  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m ui",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Käyttösuunnitelma-avustajan selainkäyttöliittymä (Gradio).",
        epilog="Esimerkki: python -m ui --port 7861   (avaa sitten http://127.0.0.1:7861)",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"osoite, jota kuunnellaan (oletus {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"portti (oletus {DEFAULT_PORT})")
    parser.add_argument(
        "--concurrency", type=int, default=1, help="montako kysymystä käsitellään yhtä aikaa (oletus 1)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Warnings and errors only: libraries' request and debug logs would drown the one line users need.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings()
        corpus = load_corpus()  # once: the index check, a first build and the assistant share it
        ensure_index(settings, corpus)
        assistant = Assistant(settings, corpus)
    except Exception as exc:  # the edge: a Finnish message, the details only in the log
        logging.getLogger("ui").debug("startup failed", exc_info=True)
        print(finnish_message(exc), file=sys.stderr)
        return 1
    app = build_app(assistant, concurrency=max(1, args.concurrency))
    url = launch(app, host=args.host, port=args.port, block=False, quiet=True)
    print(texts.SERVER_READY.format(url=url), flush=True)
    app.block_thread()
    return 0


if __name__ == "__main__":
    sys.exit(main())
