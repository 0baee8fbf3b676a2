"""Pools, page-session housekeeping, the errors' public form, and `python -m ui --workers 2` as a real server."""

from __future__ import annotations

import datetime
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from assistant.errors import AssistantError
from assistant.messages_fi import FALLBACK_FI
from tests.ui.conftest import free_port
from tests.ui.fakes import FakeAssistant
from ui.app import build_app
from ui.http.admission import Pool
from ui.http.errors import Overloaded, PublicFailure, ServingError, public_error, redact
from ui.http.sessions import restart_stopped_queue, sweep_idle_sessions

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_a_pool_admits_workers_plus_queue_and_frees_slots_when_jobs_end_or_are_cancelled() -> None:
    pool = Pool("text", workers=1, queue_size=1, retry_after_s=4)
    gate = threading.Event()
    running = pool.submit(gate.wait, 10)
    waiting = pool.submit(lambda: "done")
    with pytest.raises(Overloaded, match="pool 'text' is full") as refused:
        pool.submit(lambda: None)
    assert refused.value.retry_after_s == 4 and pool.stats().admitted == 2
    assert waiting.cancel()  # still queued: cancelling frees its place at once
    assert pool.stats().admitted == 1
    gate.set()
    running.result(timeout=5)
    deadline = time.monotonic() + 5
    while pool.stats().admitted and time.monotonic() < deadline:
        time.sleep(0.01)
    assert pool.stats().admitted == 0 and pool.submit(lambda: 7).result(timeout=5) == 7
    pool.shutdown()


def _all(base: type) -> list[type]:
    return [base, *(cls for sub in base.__subclasses__() for cls in _all(sub))]


# PublicFailure only carries another error's public message.
@pytest.mark.parametrize("cls", [c for c in _all(ServingError) if c is not PublicFailure], ids=lambda cls: cls.__name__)
def test_every_serving_error_has_its_own_finnish_message(cls: type) -> None:
    assert "finnish_template" in vars(cls)
    error = cls.__new__(cls)
    error.__dict__.update(pool="text", capacity=1, retry_after_s=2, deadline_text="5", limit_kb=64)
    message = error.finnish()
    assert message and message != FALLBACK_FI and any(ch in message for ch in "äö") and not re.search(r"\{[a-z_]+\}", message)


def test_serving_errors_are_assistant_errors_so_the_page_renders_them_without_a_trace() -> None:
    assert issubclass(Overloaded, AssistantError)
    assert public_error(Overloaded("text", 3, 2)).headers() == {"Retry-After": "2"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ei indeksiä (/home/a/data/index)", "ei indeksiä (palvelimen hakemisto)"),
        ("palvelin http://10.0.0.5:8000 ei vastaa", "palvelin palvelimen osoite ei vastaa"),
        ("TA 2024/TS 2025 ja 1/2 sekä 3 / 4", "TA 2024/TS 2025 ja 1/2 sekä 3 / 4"),
        ("komennolla `python -m index build`", "komennolla `python -m index build`"),
    ],
)
def test_redaction_hides_paths_and_urls_only(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_idle_page_sessions_are_dropped_after_their_ttl() -> None:
    blocks = build_app(FakeAssistant())
    from gradio.routes import App

    App.create_app(blocks)  # gives the blocks their StateHolder, as mounting does
    holder = blocks.state_holder
    for session in ("old", "new"):
        holder[session]  # noqa: B018 - creates the session's state
    holder.time_last_used["old"] = datetime.datetime.now() - datetime.timedelta(hours=2)
    blocks._queue.pending_event_ids_session.update({"old": set(), "busy": {"event"}})
    assert sweep_idle_sessions(blocks, ttl_s=3600) == 1
    assert set(holder.session_data) == {"new"} and set(holder.time_last_used) == {"new"}
    assert set(blocks._queue.pending_event_ids_session) == {"busy"}


def test_a_stopped_page_queue_is_started_again() -> None:
    blocks = build_app(FakeAssistant())
    started: list[bool] = []
    blocks._queue.start = lambda: started.append(True)  # type: ignore[method-assign]
    blocks.is_running, blocks._queue.stopped = True, False
    assert restart_stopped_queue(blocks) is False and started == []
    blocks._queue.stopped = True
    assert restart_stopped_queue(blocks) is True and started == [True] and blocks._queue.stopped is False


@pytest.mark.slow
def test_two_workers_start_and_answer(assistant: object) -> None:
    settings = assistant.settings  # type: ignore[attr-defined]
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "KAYTTO_DATA_DIR": str(settings.index.data_dir),
        "KAYTTO_EMBEDDER": settings.index.embedder,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "ui", "--workers", "2", "--port", str(port)],
        cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        health = _wait_healthy(url, server)
        assert health["index"]["embedder"] == settings.index.embedder
        with httpx.Client(base_url=url, timeout=30) as client:
            figure = client.post("/api/v1/ask", json={"question": "Paljonko varhaiskasvatuksen toimintakulut ovat vuonna 2024?"})
            text = client.post("/api/v1/ask", json={"question": "Mitä Rainion päiväkodille tapahtuu?"})
            assert (figure.status_code, figure.json()["kind"]) == (200, "figure")
            assert text.status_code == 200 and text.json()["kind"] in ("text", "not_found")
            assert "/api/docs" in client.get("/").text  # several processes: the JSON API only
        workers = _children(server.pid)
        assert len(workers) >= 2, workers
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def _wait_healthy(url: str, server: subprocess.Popen[bytes], timeout_s: float = 240.0, in_a_row: int = 8) -> dict:
    """The health of a worker once `in_a_row` checks in a row (spread over the workers by the kernel) were 200."""
    deadline = time.monotonic() + timeout_s
    healthy = 0
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"server exited {server.returncode}: {server.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            response = httpx.get(f"{url}/api/v1/health", timeout=5)
            healthy = healthy + 1 if response.status_code == 200 else 0
            if healthy >= in_a_row:
                return response.json()
        except httpx.HTTPError:
            healthy = 0
        time.sleep(0.2)
    raise AssertionError(f"no healthy worker at {url} within {timeout_s} s")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(fields[1]) == pid and b"spawn_main" in command:  # uvicorn's workers, not a resource tracker
                found.append(int(entry.name))
    return found
