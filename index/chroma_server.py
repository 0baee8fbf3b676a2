"""Starting a local `chroma run` server (for tests and benchmarks of the server path) and waiting until healthy."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.errors import StoreUnavailable


def chroma_command() -> str:
    """The `chroma` CLI installed beside this Python (chromadb ships it), else the one on PATH."""
    beside = Path(sys.executable).with_name("chroma")
    found = str(beside) if beside.exists() else shutil.which("chroma")
    if not found:
        raise StoreUnavailable("the `chroma` command is not installed (it comes with chromadb)", url="chroma run")
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def chroma_server(path: Path, port: int | None = None, timeout: float = 60.0) -> Iterator[str]:
    """Run `chroma run --path PATH --host 127.0.0.1 --port PORT`; yield its URL once healthy; kill it after."""
    port = port or free_port()
    path.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{port}"
    with open(path.parent / f"{path.name}-server.log", "w") as log:
        process = subprocess.Popen(
            [chroma_command(), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_healthy(url, process, timeout)
            yield url
        finally:
            process.kill()
            process.wait(timeout=30)


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None:
            raise StoreUnavailable(f"chroma run exited with status {process.returncode} before it was healthy", url=url)
        if time.monotonic() > deadline:
            raise StoreUnavailable(f"chroma run was not healthy within {timeout:.0f} s", url=url)
        time.sleep(0.2)
