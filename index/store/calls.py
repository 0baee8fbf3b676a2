"""Chroma calls under a deadline: a hung server fails the call in time with `StoreTimeout` instead of blocking.

A server call runs in a worker thread and is waited for until the deadline; the worker itself is freed by the
HTTP client's own timeout (set to the same bound, see `index.store.server`). An embedded store runs its calls
inline (a local file does not hang) but still refuses to start one after the deadline.
Deadlines are `time.monotonic()` instants, so one question's deadline can be passed down through every call.
Neither httpx nor chromadb is imported here: a call can only raise their errors once they are loaded, and a
search served from a vector snapshot must not pay their import.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import TypeVar

from index.errors import IndexDamaged, IndexStoreError, StoreTimeout, StoreUnavailable

T = TypeVar("T")
# Enough for the concurrent searches of one worker process; when a hung server holds them all, later calls
# wait in the queue and still fail at their own deadline.
_POOL = ThreadPoolExecutor(max_workers=16, thread_name_prefix="chroma-call")


def deadline_after(seconds: float) -> float:
    """The deadline `seconds` from now."""
    return time.monotonic() + seconds


@dataclass(frozen=True)
class CallGuard:
    """Runs one store's calls: bounded in time, with Chroma and HTTP failures turned into index errors."""

    where: str  # the server URL or the index folder, for messages
    timeout_s: float  # the bound when the caller gives no deadline
    threaded: bool  # True for a server: the wait can be cut off

    def run(self, call: Callable[[], T], deadline: float | None = None) -> T:
        """`call()`, or StoreTimeout when it is not done by `deadline` (default: `timeout_s` from now)."""
        limit = self.seconds_left(deadline)
        if not self.threaded:
            return self._translated(call)
        future = _POOL.submit(self._translated, call)
        return self._wait(future, limit)

    def run_detached(self, call: Callable[[], T], deadline: float | None = None) -> T:
        """Like `run`, in a daemon thread of its own: for calls that no HTTP timeout bounds yet (connecting)."""
        limit = self.seconds_left(deadline)
        future: Future[T] = Future()
        future.set_running_or_notify_cancel()  # running from the start: never cancelled under the thread

        def target() -> None:
            try:
                future.set_result(self._translated(call))
            except BaseException as exc:  # handed to the waiting caller
                future.set_exception(exc)

        threading.Thread(target=target, name="chroma-connect", daemon=True).start()
        return self._wait(future, limit)

    def seconds_left(self, deadline: float | None) -> float:
        """Seconds until `deadline` (capped at `timeout_s`); StoreTimeout when it has already passed."""
        limit = self.timeout_s if deadline is None else min(self.timeout_s, deadline - time.monotonic())
        if limit <= 0:
            raise self.timeout(0.0)
        return limit

    def timeout(self, seconds: float) -> StoreTimeout:
        return StoreTimeout(f"{self.where} did not answer within {seconds:.1f} s", url=self.where, seconds=f"{seconds:.1f}")

    def _wait(self, future: Future[T], limit: float) -> T:
        try:
            return future.result(timeout=limit)
        except FutureTimeout:
            future.cancel()  # still queued: never runs; running: its HTTP timeout ends it
            raise self.timeout(limit) from None

    def _translated(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except IndexStoreError:
            raise
        except Exception as exc:
            translated = self._translation(exc)
            if translated is None:
                raise
            raise translated from exc

    def _translation(self, exc: Exception) -> IndexStoreError | None:
        """The index error an httpx or Chroma failure stands for (None: not one of theirs)."""
        httpx = sys.modules.get("httpx")
        errors = sys.modules.get("chromadb.errors")
        if httpx is not None and isinstance(exc, httpx.TimeoutException):
            return self.timeout(self.timeout_s)
        if isinstance(exc, ConnectionError) or (httpx is not None and isinstance(exc, httpx.TransportError)):
            return StoreUnavailable(f"cannot reach the Chroma server at {self.where}: {exc}", url=self.where)
        if errors is not None and isinstance(exc, errors.NotFoundError):  # e.g. the collection was pruned by later builds
            return IndexDamaged(f"{self.where}: {exc}; rebuild with `python -m index build --force`", where=self.where)
        if errors is not None and isinstance(exc, errors.ChromaError):
            return IndexDamaged(f"{self.where}: Chroma failed: {exc}", where=self.where)
        return None
