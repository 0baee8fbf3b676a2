"""`python -m ui`: start the web app and the JSON API (builds the search index first if it is missing)."""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import replace

from assistant.settings import apply_offline_environment

# Before gradio (or anything that may phone home) is imported: analytics and hub lookups off.
apply_offline_environment()

from assistant.messages_fi import finnish_message  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from corpus.store import load_corpus  # noqa: E402
from ui import texts  # noqa: E402
from ui.http.config import DEFAULT_HOST, DEFAULT_PORT, ServingOptions  # noqa: E402
from ui.http.server import create_app, serve, serve_workers  # noqa: E402
from ui.startup import ensure_index  # noqa: E402

DEFAULTS = ServingOptions()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m ui",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Käyttösuunnitelma-avustajan selainkäyttöliittymä ja JSON-rajapinta (/api/v1, ohjeet /api/docs).",
        epilog=(
            "Esimerkkejä:\n"
            "  python -m ui --port 7861            (avaa sitten http://127.0.0.1:7861)\n"
            "  python -m ui --workers 2 --port 8080 (vain rajapinta, kaksi työprosessia)"
        ),
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"osoite, jota kuunnellaan (oletus {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"portti (oletus {DEFAULT_PORT})")
    parser.add_argument(
        "--workers", type=int, default=1,
        help="työprosessien määrä; yli 1: vain JSON-rajapinta, koska sivun istunnot elävät yhdessä prosessissa (oletus 1)",
    )
    parser.add_argument(
        "--concurrency", type=int, default=DEFAULTS.ui_concurrency,
        help=f"montako sivun kysymystä otetaan käsittelyyn yhtä aikaa (oletus {DEFAULTS.ui_concurrency})",
    )
    parser.add_argument("--text-workers", type=int, default=DEFAULTS.text_workers, help="säikeet hakua tai kielimallia tarvitseville kysymyksille")
    parser.add_argument("--quick-workers", type=int, default=DEFAULTS.quick_workers, help="säikeet luku-, vastuu- ja ei-suunnitelmassa-kysymyksille")
    parser.add_argument("--queue-size", type=int, default=DEFAULTS.queue_size, help="jonottavien kysymysten enimmäismäärä kummallekin; ylimenevät saavat 503")
    parser.add_argument("--sessions", type=int, default=DEFAULTS.session_capacity, help="sivun istuntoja muistissa enintään")
    parser.add_argument("--session-ttl", type=float, default=DEFAULTS.session_ttl_s, help="joutilaan istunnon elinaika sekunteina")
    return parser.parse_args(argv)


def options_from(args: argparse.Namespace) -> ServingOptions:
    return replace(
        DEFAULTS,
        host=args.host,
        port=args.port,
        workers=max(1, args.workers),
        ui_concurrency=max(1, args.concurrency),
        text_workers=max(1, args.text_workers),
        quick_workers=max(1, args.quick_workers),
        queue_size=max(0, args.queue_size),
        session_capacity=max(1, args.sessions),
        session_ttl_s=max(1.0, args.session_ttl),
        serve_ui=args.workers <= 1,
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Warnings and errors only: libraries' request and debug logs would drown the one line users need.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    options = options_from(args)
    try:
        settings = load_settings()
        corpus = load_corpus()  # once: the index check, a first build and the assistant share it
        ensure_index(settings, corpus, check_s=options.startup_check_s)
        assistant = None if options.workers > 1 else Assistant(settings, corpus)
    except Exception as exc:  # the edge: a Finnish message, the details only in the log
        logging.getLogger("ui").debug("startup failed", exc_info=True)
        print(finnish_message(exc), file=sys.stderr)
        return 1

    def ready() -> None:
        print(texts.SERVER_READY.format(url=options.url), flush=True)

    if assistant is None:
        serve_workers(options, on_ready=ready)
    else:
        serve(create_app(assistant, options), options, on_ready=ready)
    return 0


if __name__ == "__main__":
    sys.exit(main())
