"""The processes a benchmark runs against: the app (`python -m ui`), a hung fake Chroma server, memory samples."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def app_server(
    args: Sequence[str] = (), env: dict[str, str] | None = None, ready: str = "healthy", timeout_s: float = 600.0
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`python -m ui ARGS` on a free loopback port until it is `healthy` (200) or merely `listening`."""
    port = free_port()
    command = [sys.executable, "-m", "ui", "--host", "127.0.0.1", "--port", str(port), *args]
    process = subprocess.Popen(
        command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait(url, process, ready, timeout_s)
        yield url, process
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _wait(url: str, process: subprocess.Popen[bytes], ready: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    in_a_row = 0
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode(errors="replace")[-2000:] if process.stderr else ""
            raise RuntimeError(f"the app exited with status {process.returncode}: {error}")
        try:
            status = httpx.get(url + "api/v1/health", timeout=5).status_code
        except httpx.HTTPError:
            status = 0
        in_a_row = in_a_row + 1 if (status == 200 or (ready == "listening" and status)) else 0
        if in_a_row >= 6:  # several checks in a row: with worker processes, each gets some
            return
        time.sleep(0.3)
    raise RuntimeError(f"the app at {url} was not {ready} within {timeout_s:.0f} s")


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and all its descendants (from /proc)."""
    total = 0
    for one in [pid, *_descendants(pid)]:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@contextmanager
def hung_server() -> Iterator[str]:
    """A TCP server on loopback that accepts connections and never answers (a hung Chroma server)."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(connection)  # kept open, never answered

    thread = threading.Thread(target=accept, name="hung-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in held:
            connection.close()
        listener.close()
