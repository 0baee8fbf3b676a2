"""`python -m ui.bench`: N concurrent questions through gradio_client on loopback; latency p50/p95 and errors.

A benchmark, not a test: it starts the real app (`python -m ui`) in a child process (or uses `--url`),
opens one client per simulated user, releases all questions at once and times each from submit to answer.
The server runs in its own process so the clients' threads do not compete with it for the GIL.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from assistant.settings import apply_offline_environment

apply_offline_environment()

from gradio_client import Client  # noqa: E402

from ui import texts  # noqa: E402

# Varied Finnish questions (figures, owners, prose, not in the plan); users cycle through them.
QUESTIONS: tuple[str, ...] = texts.EXAMPLE_QUESTIONS + (
    "Mitkä ovat varhaiskasvatuksen painopistealueet vuonna 2024?",
    "Paljonko investointeihin on varattu vuodelle 2025?",
    "Mitä muutoksia opetuspalveluissa tapahtuu?",
    "Kuka vastaa hyvinvoinnin ja terveyden edistämisen tavoitteista?",
    "Paljonko Heinolan uusi jäähalli maksaa?",
)
ERROR_MARK = 'class="answer answer-error"'
# httpx's 5 s default would count a slow queue join under load as an error; a browser waits, and so do we.
CLIENT_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class LoadResult:
    """Latencies (seconds) of one run and how many questions failed."""

    users: int
    concurrency: int
    errors: int
    error_samples: tuple[str, ...]
    latencies_s: tuple[float, ...]
    wall_s: float

    @property
    def p50(self) -> float:
        return percentile(self.latencies_s, 50)

    @property
    def p95(self) -> float:
        return percentile(self.latencies_s, 95)

    def summary(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("latencies_s")
        data.update(
            p50_s=round(self.p50, 3),
            p95_s=round(self.p95, 3),
            max_s=round(max(self.latencies_s, default=0.0), 3),
            mean_s=round(statistics.fmean(self.latencies_s), 3) if self.latencies_s else 0.0,
            throughput_qps=round(len(self.latencies_s) / self.wall_s, 2) if self.wall_s else 0.0,
            wall_s=round(self.wall_s, 3),
        )
        return data


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil without floats drifting
    return ordered[int(rank) - 1]


def run_load(
    url: str, users: int, questions: Sequence[str] = QUESTIONS, concurrency: int = 1, timeout_s: float = CLIENT_TIMEOUT_S
) -> LoadResult:
    """Send `users` questions at once (one client each) to `url`'s `/ask` endpoint."""
    clients = [Client(url, verbose=False, httpx_kwargs={"timeout": timeout_s}) for _ in range(users)]
    start = threading.Barrier(users + 1)
    latencies: list[float] = [0.0] * users
    failures: list[str | None] = [None] * users

    def one(index: int) -> None:
        question = questions[index % len(questions)]
        start.wait()
        began = time.perf_counter()
        try:
            chat, _ = clients[index].predict(question, [], api_name="/ask")
            reply = chat[-1]["content"]
            reply_text = reply[0]["text"] if isinstance(reply, list) else str(reply)
            if ERROR_MARK in reply_text:
                failures[index] = f"{question}: {reply_text[:200]}"
        except Exception as exc:  # counted and reported, not raised: this is a measurement
            failures[index] = f"{question}: {type(exc).__name__}: {exc}"[:300]
        latencies[index] = time.perf_counter() - began

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    for client in clients:
        client.close()
    errors = [failure for failure in failures if failure]
    return LoadResult(users, concurrency, len(errors), tuple(errors[:5]), tuple(latencies), wall)


def start_server(port: int, concurrency: int, timeout_s: float = 900.0) -> tuple[subprocess.Popen[bytes], str]:
    """`python -m ui` on 127.0.0.1:port in a child process, once it answers HTTP (it may build the index first)."""
    command = [sys.executable, "-m", "ui", "--host", "127.0.0.1", "--port", str(port), "--concurrency", str(concurrency)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the app exited with status {server.returncode} before serving")
        try:
            with urllib.request.urlopen(url + "config", timeout=2):
                return server, url
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError(f"the app did not answer on {url} within {timeout_s:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ui.bench",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Load benchmark of the web app: N concurrent questions through gradio_client.",
        epilog="Example: python -m ui.bench --users 50 --json",
    )
    parser.add_argument("--users", type=int, default=50, help="concurrent questions (default 50)")
    parser.add_argument("--concurrency", type=int, default=1, help="the app's concurrency limit when started here")
    parser.add_argument("--url", default="", help="use a running app instead of starting one on loopback")
    parser.add_argument("--port", type=int, default=7899, help="port for the app started here (default 7899)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)

    server = None
    url = args.url
    if not url:
        server, url = start_server(args.port, args.concurrency)
    try:
        # Warm-up: the first text question loads the embedding model.
        warm = Client(url, verbose=False)
        for question in QUESTIONS:
            warm.predict(question, [], api_name="/ask")
        result = run_load(url, args.users, concurrency=args.concurrency)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    summary = result.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(
            f"{result.users} concurrent questions, concurrency limit {result.concurrency}: "
            f"p50 {summary['p50_s']} s, p95 {summary['p95_s']} s, max {summary['max_s']} s, "
            f"{summary['throughput_qps']} questions/s, {result.errors} errors"
        )
        for sample in result.error_samples:
            print(f"  error: {sample}")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
