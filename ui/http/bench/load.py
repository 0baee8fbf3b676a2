"""Load generation against the JSON API: closed loops of clients, open loops at a fixed rate.

aiohttp, not httpx, drives the load: with 200 connections in one process httpx's async pool cost more CPU
than the server and served its connections unfairly (p95 7 s against aiohttp's 2.4 s on the same server).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from ui.bench import QUESTIONS, percentile

ASK = "api/v1/ask"
GOLD = Path(__file__).resolve().parents[3] / "evals" / "data" / "answer_gold.jsonl"


@dataclass(frozen=True)
class Question:
    text: str
    kind: str  # what the gold set expects ("figure", "owner", "text", "not_found"), or "" when unknown


def load_questions(path: Path | None = None) -> tuple[Question, ...]:
    """Mixed Finnish questions: a JSONL gold file's (question, kind), else the UI benchmark's ten."""
    path = path or GOLD
    if not path.is_file():
        return tuple(Question(text, "") for text in QUESTIONS)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return tuple(Question(row["question"], row.get("kind", "")) for row in rows)


@dataclass(frozen=True)
class Sample:
    """One request: when it was sent (s from the start), how long it took, what came back."""

    sent_s: float
    latency_s: float
    status: int  # 0 = no HTTP response (connection error or client timeout)
    error_type: str
    kind: str  # the question's expected kind
    finnish: bool  # an error body with a Finnish message (not a trace, not a class name)


@dataclass(frozen=True)
class LoadReport:
    samples: tuple[Sample, ...]
    wall_s: float

    def ok(self) -> list[Sample]:
        return [s for s in self.samples if s.status == 200]

    def summary(self, kinds: Sequence[str] | None = None) -> dict[str, object]:
        chosen = [s for s in self.samples if kinds is None or s.kind in kinds]
        latencies = [s.latency_s for s in chosen]
        answered = [s.latency_s for s in chosen if s.status == 200]
        return {
            "requests": len(chosen),
            "answered": len(answered),
            "errors": len(chosen) - len(answered),
            "statuses": dict(sorted(Counter(s.status for s in chosen).items())),
            "error_types": dict(Counter(s.error_type for s in chosen if s.error_type)),
            "errors_in_finnish": all(s.finnish for s in chosen if s.status not in (0, 200)),
            "p50_s": round(percentile(latencies, 50), 3),
            "p95_s": round(percentile(latencies, 95), 3),
            "max_s": round(max(latencies, default=0.0), 3),
            "mean_s": round(statistics.fmean(latencies), 3) if latencies else 0.0,
            "answered_per_s": round(len(answered) / self.wall_s, 1) if self.wall_s else 0.0,
            "wall_s": round(self.wall_s, 2),
        }


FINNISH_MARKS = ("ä", "ö", "Kysymys", "Palvelu", "Vastauksen", "Pyyntö", "Hakuhakemisto", "Tapahtui")


async def _one(client: aiohttp.ClientSession, question: Question, start: float) -> Sample:
    sent = time.perf_counter()
    try:
        async with client.post(ASK, json={"question": question.text}) as response:
            status = response.status
            payload = await response.read()
    except (aiohttp.ClientError, TimeoutError) as exc:
        return Sample(sent - start, time.perf_counter() - sent, 0, type(exc).__name__, question.kind, False)
    latency = time.perf_counter() - sent
    error_type, finnish = "", True
    if status != 200:
        try:
            body = json.loads(payload)
            error_type = str(body.get("error_type", ""))
            finnish = any(mark in str(body.get("error", "")) for mark in FINNISH_MARKS)
        except ValueError:
            error_type, finnish = f"http_{status}", False
    return Sample(sent - start, latency, status, error_type, question.kind, finnish)


def _client(url: str, connections: int, timeout_s: float) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        base_url=url,
        connector=aiohttp.TCPConnector(limit=connections),
        timeout=aiohttp.ClientTimeout(total=timeout_s),
    )


async def closed_loop(url: str, questions: Sequence[Question], clients: int, per_client: int, timeout_s: float = 60.0) -> LoadReport:
    """`clients` concurrent clients, each asking `per_client` questions one after another (released together)."""
    async with _client(url, clients, timeout_s) as client:
        start = time.perf_counter()

        async def user(index: int) -> list[Sample]:
            return [await _one(client, questions[(index * per_client + n) % len(questions)], start) for n in range(per_client)]

        results = await asyncio.gather(*(user(i) for i in range(clients)))
        wall = time.perf_counter() - start
    return LoadReport(tuple(sample for samples in results for sample in samples), wall)


async def open_loop(
    url: str, questions: Sequence[Question], rate_per_s: float, count: int, timeout_s: float = 30.0, connections: int = 10_000
) -> LoadReport:
    """`count` requests sent at `rate_per_s` whatever the answers take (a burst, or a steady soak)."""
    async with _client(url, connections, timeout_s) as client:
        start = time.perf_counter()
        tasks = []
        for n in range(count):
            delay = start + n / rate_per_s - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(_one(client, questions[n % len(questions)], start)))
        samples = await asyncio.gather(*tasks)
        wall = time.perf_counter() - start
    return LoadReport(tuple(samples), wall)


async def first_answer_after(url: str, question: Question, timeout_s: float = 60.0) -> float | None:
    """Seconds until the API answers `question` with 200 again (polling every 0.5 s), or None."""
    start = time.perf_counter()
    async with _client(url, 4, 5.0) as client:
        while time.perf_counter() - start < timeout_s:
            sample = await _one(client, question, start)
            if sample.status == 200:
                return time.perf_counter() - start
            await asyncio.sleep(0.5)
    return None
