"""The serving benchmarks, each a function returning a JSON-able summary (numbers for BENCHMARKS.md)."""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import httpx

from ui.bench import QUESTIONS, run_load
from ui.http.bench.load import Question, closed_loop, first_answer_after, load_questions, open_loop
from ui.http.bench.servers import app_server, hung_server, rss_bytes
from ui.http.config import ServingOptions

FIGURE = Question("Paljonko varhaiskasvatuksen henkilöstökulut ovat 2024?", "figure")


def inprocess_rate(count: int, questions_file: Path | None = None, env: dict[str, str] | None = None) -> dict[str, object]:
    """The same questions answered by `Assistant.answer` in one new process, one after another (its rate)."""
    done = subprocess.run(
        [sys.executable, "-m", "ui.http.bench", "inprocess", "--count", str(count)]
        + (["--questions", str(questions_file)] if questions_file else []),
        env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=1800, check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def answer_inprocess(count: int, questions_file: Path | None = None) -> dict[str, object]:
    """(Runs in the child.) Warm the assistant, then answer `count` questions in a row."""
    from assistant.service import Assistant

    questions = load_questions(questions_file)
    assistant = Assistant()
    assistant.searcher.warm()
    for question in questions:  # one pass to warm every route, as the server's warm-up and first users do
        _answer(assistant, question.text)
    began = time.perf_counter()
    for n in range(count):
        _answer(assistant, questions[n % len(questions)].text)
    wall = time.perf_counter() - began
    return {"questions": count, "wall_s": round(wall, 3), "answers_per_s": round(count / wall, 1)}


def _answer(assistant: object, question: str) -> None:
    try:
        assistant.answer(question)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a refused question costs its time like any other
        pass


def api_load(
    clients: int = 200, per_client: int = 5, questions_file: Path | None = None, server_args: Sequence[str] = (), inprocess: bool = True
) -> dict[str, object]:
    """`clients` concurrent API clients asking mixed questions, against the in-process rate of the same run."""
    questions = load_questions(questions_file)
    rate = inprocess_rate(clients * per_client, questions_file) if inprocess else {"answers_per_s": float("nan")}
    with app_server(server_args) as (url, _):
        asyncio.run(closed_loop(url, questions, clients=8, per_client=len(questions) // 8 + 1))  # warm every route
        report = asyncio.run(closed_loop(url, questions, clients=clients, per_client=per_client))
    summary = report.summary()
    summary["inprocess"] = rate
    summary["ratio_to_inprocess"] = round(float(summary["answered_per_s"]) / float(rate["answers_per_s"]), 2)  # type: ignore[arg-type]
    summary["clients"] = clients
    summary["by_kind_p95_s"] = {kind: report.summary([kind])["p95_s"] for kind in ("figure", "owner", "text", "not_found")}
    return summary


def ui_load(users: int = 50, server_args: Sequence[str] = ()) -> dict[str, object]:
    """`users` Gradio sessions (gradio_client) asking at once through the page's `/ask`, as ui.bench does."""
    from gradio_client import Client

    with app_server(server_args) as (url, _):
        warm = Client(url, verbose=False)
        for question in QUESTIONS:
            warm.predict(question, [], api_name="/ask")
        result = run_load(url, users, concurrency=ServingOptions().ui_concurrency)
    return result.summary()


def burst(count: int = 5000, seconds: float = 5.0, page_joins: int = 2500, server_args: Sequence[str] = ()) -> dict[str, object]:
    """`count` API requests in `seconds`, then `page_joins` page events from as many sessions; then recovery."""
    from gradio_client import Client

    questions = load_questions()
    with app_server(server_args) as (url, process):
        report = asyncio.run(open_loop(url, questions, rate_per_s=count / seconds, count=count, timeout_s=60.0))
        alive_after_burst = process.poll() is None
        recovered_s = asyncio.run(first_answer_after(url, FIGURE, timeout_s=60))
        joins = asyncio.run(_page_joins(url, page_joins, seconds))
        time.sleep(1.0)
        began = time.perf_counter()
        page_answer_s: float | None = None
        while time.perf_counter() - began < 60 and page_answer_s is None:
            try:
                chat, _ = Client(url, verbose=False).predict(FIGURE.text, [], api_name="/ask")
                if "−5 974 300" in str(chat[-1]["content"]):
                    page_answer_s = time.perf_counter() - began
            except Exception:  # noqa: BLE001 - not yet: try again
                time.sleep(0.5)
        alive = process.poll() is None
    summary = report.summary()
    summary.update(
        sent_per_s=round(count / seconds),
        server_alive=alive_after_burst and alive,
        api_answering_again_after_s=None if recovered_s is None else round(recovered_s, 2),
        page_joins=joins,
        page_answering_again_after_s=None if page_answer_s is None else round(page_answer_s, 2),
    )
    return summary


async def _page_joins(url: str, count: int, seconds: float) -> dict[str, object]:
    """`count` queue joins of the page's ask event, each from a new session, sent within `seconds`."""
    async with httpx.AsyncClient(base_url=url, timeout=60.0, limits=httpx.Limits(max_connections=2000)) as client:
        config = (await client.get("config")).json()
        fn_index = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "ask")
        start = time.perf_counter()

        async def join(n: int) -> int:
            await asyncio.sleep(n * seconds / count)
            body = {"data": [FIGURE.text, []], "fn_index": fn_index, "session_hash": uuid.uuid4().hex, "event_data": None, "trigger_id": None}
            try:
                return (await client.post("gradio_api/queue/join", json=body)).status_code
            except httpx.HTTPError:
                return 0

        statuses = await asyncio.gather(*(join(n) for n in range(count)))
        wall = time.perf_counter() - start
    return {"sent": count, "wall_s": round(wall, 2), "statuses": dict(sorted(Counter(statuses).items()))}


def hung_chroma(figure_clients: int = 20, text_clients: int = 10, per_client: int = 60, deadline_s: float = 5.0) -> dict[str, object]:
    """With KAYTTO_CHROMA_URL at a server that accepts and never answers: figures beside failing text questions."""
    questions = load_questions()
    figures = [q for q in questions if q.kind == "figure"]
    texts = [q for q in questions if q.kind == "text"]
    with hung_server() as fake:
        env = {"KAYTTO_CHROMA_URL": fake, "KAYTTO_ANSWER_DEADLINE": str(deadline_s)}
        began = time.perf_counter()
        with app_server(env=env, ready="listening") as (url, process):
            started_s = time.perf_counter() - began

            async def both() -> tuple[object, object]:
                return await asyncio.gather(
                    closed_loop(url, figures, clients=figure_clients, per_client=per_client),
                    closed_loop(url, texts, clients=text_clients, per_client=3),
                )

            figure_report, text_report = asyncio.run(both())
            health = httpx.get(url + "api/v1/health", timeout=10)
            alive = process.poll() is None
    text_summary = text_report.summary()  # type: ignore[attr-defined]
    return {
        "server_started_s": round(started_s, 1),
        "figures": figure_report.summary(),  # type: ignore[attr-defined]
        "texts": text_summary,
        "text_failed_within_deadline": float(text_summary["max_s"]) <= deadline_s + 1.0,
        "health": {"status": health.status_code, "body": health.json()},
        "server_alive": alive,
    }


def soak(seconds: float = 1800.0, rate_per_s: float = 20.0, page_every_s: float = 2.0, sample_every_s: float = 30.0,
         server_args: Sequence[str] = ("--session-ttl", "300")) -> dict[str, object]:
    """A steady API rate plus a new page session every `page_every_s`, for `seconds`; the server's RSS sampled."""
    from gradio_client import Client

    questions = load_questions()
    with app_server(server_args) as (url, process):
        samples: list[tuple[float, int]] = []
        stop = threading.Event()
        page_errors: list[str] = []
        began = time.perf_counter()

        def sample() -> None:
            while not stop.is_set():
                samples.append((round(time.perf_counter() - began, 1), rss_bytes(process.pid)))
                stop.wait(sample_every_s)

        def pages() -> None:
            n = 0
            while not stop.is_set():
                try:
                    client = Client(url, verbose=False)
                    client.predict(questions[n % len(questions)].text, [], api_name="/ask")
                    client.close()
                except Exception as exc:  # noqa: BLE001 - counted
                    page_errors.append(f"{type(exc).__name__}: {exc}"[:200])
                n += 1
                stop.wait(page_every_s)

        threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=pages, daemon=True)]
        for thread in threads:
            thread.start()
        report = asyncio.run(open_loop(url, questions, rate_per_s=rate_per_s, count=int(seconds * rate_per_s), timeout_s=60.0))
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        samples.append((round(time.perf_counter() - began, 1), rss_bytes(process.pid)))
    settled = [rss for t, rss in samples if t >= min(300.0, seconds / 3)]
    first, last = (settled[0], settled[-1]) if settled else (0, 0)
    return {
        "seconds": seconds,
        "rate_per_s": rate_per_s,
        "api": report.summary(),
        "api_failures_at_s": [round(x.sent_s, 1) for x in report.samples if x.status != 200][:100],
        "page_sessions": int(seconds / page_every_s),
        "page_errors": len(page_errors),
        "page_error_samples": page_errors[:3],
        "rss_mb": [(t, round(rss / 2**20, 1)) for t, rss in samples],
        "rss_settled_first_mb": round(first / 2**20, 1),
        "rss_settled_last_mb": round(last / 2**20, 1),
        "rss_settled_change_pct": round(100 * (last - first) / first, 1) if first else None,
        "rss_settled_spread_pct": round(100 * (max(settled) - min(settled)) / statistics.median(settled), 1) if settled else None,
    }


def workers(clients: int = 200, per_client: int = 5) -> dict[str, object]:
    """One API worker against two, both on one `chroma run` server (same load, same machine)."""
    from index.chroma_server import chroma_server

    questions = load_questions()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="kaytto-workers-") as folder:
        with chroma_server(Path(folder) / "chroma") as chroma_url:
            env = {"KAYTTO_CHROMA_URL": chroma_url, "KAYTTO_DATA_DIR": str(Path(folder) / "data")}
            subprocess.run([sys.executable, "-m", "index", "build"], env={**os.environ, **env}, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
            results["inprocess"] = inprocess_rate(clients * per_client, env=env)
            for count in (1, 2):
                with app_server(["--workers", str(count)], env=env) as (url, _):
                    asyncio.run(closed_loop(url, questions, clients=8, per_client=len(questions) // 4 + 1))
                    report = asyncio.run(closed_loop(url, questions, clients=clients, per_client=per_client))
                results[f"workers_{count}"] = report.summary()
    one = float(results["workers_1"]["answered_per_s"])  # type: ignore[index]
    two = float(results["workers_2"]["answered_per_s"])  # type: ignore[index]
    results["speedup"] = round(two / one, 2) if one else None
    return results
