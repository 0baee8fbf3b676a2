"""How the server is run: host, workers, pool and queue sizes, session bounds (from the command line)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
# Worker processes read their options from here (uvicorn starts them from an import string, not a call).
OPTIONS_ENV = "KAYTTO_SERVE_OPTIONS"


@dataclass(frozen=True)
class ServingOptions:
    """Limits that keep the server answering under load; the defaults suit two cores."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    workers: int = 1  # processes; with more than one, the web page is not served (its sessions live in one process)
    quick_workers: int = 2  # threads answering figure, owner and not-in-the-plan questions
    text_workers: int = 3  # threads answering questions that need the search index or the LLM
    queue_size: int = 256  # questions that may wait for a worker, per pool; more get 503
    retry_after_s: int = 2  # what a refused client is told to wait
    ui_concurrency: int = 64  # page events handled at once (each mostly waits for a pool)
    ui_queue_size: int = 256  # page events that may wait in Gradio's queue; more are refused
    session_capacity: int = 1000  # page sessions kept in memory (~0.1 MB each); the oldest go first
    session_ttl_s: float = 1800.0  # a page session idle this long is dropped
    max_body_bytes: int = 64 * 1024  # largest API request body
    startup_check_s: float = 10.0  # how long start-up waits to learn whether the index is ready
    serve_ui: bool = True

    def __post_init__(self) -> None:
        for name in ("workers", "quick_workers", "text_workers", "ui_concurrency", "ui_queue_size", "session_capacity"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.queue_size < 0 or self.session_ttl_s <= 0 or self.max_body_bytes < 1024:
            raise ValueError("queue_size ≥ 0, session_ttl_s > 0 and max_body_bytes ≥ 1024 are required")

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}/"

    def to_env(self) -> dict[str, str]:
        """The environment entry that hands these options to worker processes."""
        return {OPTIONS_ENV: json.dumps(asdict(self))}

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ServingOptions:
        """Options handed down by the parent process (defaults when there are none)."""
        raw = (os.environ if environ is None else environ).get(OPTIONS_ENV)
        if not raw:
            return cls()
        data = json.loads(raw)
        known = {f.name for f in fields(cls)}
        return replace(cls(), **{key: value for key, value in data.items() if key in known})
