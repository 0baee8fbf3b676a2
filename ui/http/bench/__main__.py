"""`python -m ui.http.bench SCENARIO`: run one serving benchmark (or `all`) and print its numbers as JSON."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from assistant.settings import apply_offline_environment

apply_offline_environment()

from ui.http.bench import scenarios  # noqa: E402

SCENARIOS = ("api", "ui", "burst", "hung", "workers", "soak")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ui.http.bench",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Serving benchmarks on loopback; each prints a JSON summary.",
        epilog="Examples:\n  python -m ui.http.bench api --clients 200\n  python -m ui.http.bench soak --seconds 120\n"
        "  python -m ui.http.bench all --soak-seconds 1800 --out runs/serving.json",
    )
    parser.add_argument("scenario", choices=(*SCENARIOS, "all", "inprocess"))
    parser.add_argument("--clients", type=int, default=200, help="concurrent API clients (api, workers)")
    parser.add_argument("--per-client", type=int, default=5, help="questions each API client asks in a row")
    parser.add_argument("--users", type=int, default=50, help="concurrent page sessions (ui)")
    parser.add_argument("--burst", type=int, default=5000, help="requests in the burst")
    parser.add_argument("--burst-seconds", type=float, default=5.0, help="how long the burst lasts")
    parser.add_argument("--page-joins", type=int, default=2500, help="page events from new sessions after the burst")
    parser.add_argument("--seconds", "--soak-seconds", dest="seconds", type=float, default=1800.0, help="soak duration")
    parser.add_argument("--rate", type=float, default=20.0, help="soak: API questions per second")
    parser.add_argument("--count", type=int, default=1000, help="inprocess: questions to answer")
    parser.add_argument("--questions", type=Path, default=None, help="JSONL with 'question' (and 'kind') per line")
    parser.add_argument("--server-arg", action="append", default=[], help="pass this to `python -m ui` (repeat)")
    parser.add_argument("--skip-inprocess", action="store_true", help="api: do not measure the in-process rate")
    parser.add_argument("--out", type=Path, default=None, help="also write the JSON here")
    args = parser.parse_args(argv)

    if args.scenario == "inprocess":
        print(json.dumps(scenarios.answer_inprocess(args.count, args.questions)))
        return 0
    runs = {
        "api": lambda: scenarios.api_load(args.clients, args.per_client, args.questions, args.server_arg, not args.skip_inprocess),
        "ui": lambda: scenarios.ui_load(args.users, args.server_arg),
        "burst": lambda: scenarios.burst(args.burst, args.burst_seconds, args.page_joins, args.server_arg),
        "hung": lambda: scenarios.hung_chroma(),
        "workers": lambda: scenarios.workers(args.clients, args.per_client),
        "soak": lambda: scenarios.soak(args.seconds, args.rate, server_args=args.server_arg or ("--session-ttl", "300")),
    }
    chosen = SCENARIOS if args.scenario == "all" else (args.scenario,)
    results: dict[str, object] = {}
    for name in chosen:
        began = time.perf_counter()
        results[name] = runs[name]()
        print(f"{name} ({time.perf_counter() - began:.0f} s):", json.dumps(results[name], ensure_ascii=False), flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
