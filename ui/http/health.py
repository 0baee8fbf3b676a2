"""Which index a worker answers from, learnt without ever blocking a health check on a slow index."""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from ui.http.errors import PublicError, public_error

STALLED_FI = "Hakuhakemisto ei vastaa juuri nyt; lukuja ja vastuuhenkilöitä koskeviin kysymyksiin vastataan silti."


@dataclass(frozen=True)
class IndexStatus:
    """`ok` with the open index's info, `starting` while it opens, `degraded` when it fails or stalls."""

    state: str
    info: Any | None  # index.chroma_store.IndexInfo
    problem: PublicError | None = None


class IndexWatch:
    """Opens the assistant's index in the background at start-up and reads its info on one probe thread.

    A probe that does not finish within `timeout_s` (a hung Chroma server) leaves the check `degraded`
    after `grace_s`; a new probe starts only when the previous one has finished, so a stall costs one thread.
    """

    def __init__(self, assistant: object, timeout_s: float = 1.0, grace_s: float = 30.0, refresh_s: float = 2.0) -> None:
        self.assistant = assistant
        self.timeout_s = timeout_s
        self.grace_s = grace_s
        self.refresh_s = refresh_s
        self.has_index = hasattr(type(assistant), "searcher")
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-probe")
        self._started = time.monotonic()
        self._last: Any | None = None
        self._probe: Future[Any] | None = None
        self._probed_at = 0.0

    def start(self) -> None:
        """Begin opening the index (the first text question then finds it open)."""
        if self.has_index:
            self._submit()

    def status(self) -> IndexStatus:
        if not self.has_index:
            return IndexStatus("ok", None)
        if self._probe is None or (self._probe.done() and time.monotonic() - self._probed_at > self.refresh_s):
            self._submit()
        assert self._probe is not None
        try:
            self._last = self._probe.result(timeout=self.timeout_s)
        except FutureTimeout:
            if self._last is None and time.monotonic() - self._started < self.grace_s:
                return IndexStatus("starting", None)
            return IndexStatus("degraded", self._last, PublicError(503, "index_unavailable", STALLED_FI))
        except Exception as exc:  # IndexNotBuilt, StoreUnavailable, …: the Finnish text says what to do
            return IndexStatus("degraded", None, public_error(exc))
        return IndexStatus("ok", self._last)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _submit(self) -> None:
        self._probed_at = time.monotonic()
        self._probe = self._executor.submit(self._read if self._last is not None else self._open)

    def _open(self) -> Any:
        # Ready means warm: the first text question then pays no model or Voikko load.
        searcher = self.assistant.searcher  # type: ignore[attr-defined]
        warm = getattr(searcher, "warm", None)
        if callable(warm):
            warm()
        return searcher.info

    def _read(self) -> Any:
        return self.assistant.searcher.info  # type: ignore[attr-defined]
