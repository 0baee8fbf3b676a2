"""Admission control: two bounded thread pools (quick routes, text/LLM work) and a total deadline per question.

A question is admitted to the pool of its route, or refused at once with `Overloaded` when that pool's
workers are busy and its waiting line is full, so overload costs a refusal instead of a growing backlog.
Figure, owner and not-in-the-plan questions have their own pool and never wait behind retrieval or an LLM.
Whoever waits for an answer waits at most the deadline (`DeadlineExceeded`); a question still waiting
for a worker then is dropped without running, one already running finishes in the background and keeps
its slot until then, so a hung dependency fills its own pool and no more.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.types import Answer
from corpus.store import Corpus
from ui.http.config import ServingOptions
from ui.http.errors import DeadlineExceeded, Overloaded, PublicFailure, public_error

logger = logging.getLogger(__name__)

QUICK = "quick"
TEXT = "text"


class Answers(Protocol):
    """What the server needs from the assistant (`needs_retrieval` and `conversation=` are optional)."""

    corpus: Corpus

    def answer(self, question: str) -> Answer: ...


@dataclass(frozen=True)
class PoolStats:
    """A pool's load right now."""

    name: str
    workers: int
    capacity: int  # workers + waiting places
    admitted: int  # running + waiting


class Pool:
    """A thread pool that admits at most `workers + queue_size` jobs at a time and refuses the rest."""

    def __init__(self, name: str, workers: int, queue_size: int, retry_after_s: int) -> None:
        self.name = name
        self.workers = workers
        self.capacity = workers + queue_size
        self.retry_after_s = retry_after_s
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"answer-{name}")
        self._lock = threading.Lock()
        self._admitted = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run `fn` on a worker, or raise Overloaded when the pool is full."""
        with self._lock:
            if self._admitted >= self.capacity:
                raise Overloaded(self.name, self.capacity, self.retry_after_s)
            self._admitted += 1
        try:
            future = self._executor.submit(fn, *args, **kwargs)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(self._release)  # also when cancelled before it ran
        return future

    def stats(self) -> PoolStats:
        return PoolStats(self.name, self.workers, self.capacity, self._admitted)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _release(self, _: object = None) -> None:
        with self._lock:
            self._admitted -= 1


class Admission:
    """Routes each question to its pool and waits for the answer at most `deadline_s`."""

    def __init__(self, assistant: Answers, options: ServingOptions, deadline_s: float) -> None:
        self.assistant = assistant
        self.deadline_s = deadline_s
        self.quick = Pool(QUICK, options.quick_workers, options.queue_size, options.retry_after_s)
        self.text = Pool(TEXT, options.text_workers, options.queue_size, options.retry_after_s)
        self._needs_retrieval: Callable[[str], bool] | None = getattr(assistant, "needs_retrieval", None)
        self.takes_conversation = "conversation" in inspect.signature(assistant.answer).parameters

    def pool_for(self, question: str) -> Pool:
        """The text pool when the question needs the index or the LLM (or the assistant cannot say)."""
        if self._needs_retrieval is None:
            return self.text
        return self.text if self._needs_retrieval(question) else self.quick

    def submit(self, question: str, conversation: object | None = None) -> Future[Answer]:
        """Admit the question (or raise Overloaded); the future holds its Answer."""
        if self.takes_conversation:
            return self.pool_for(question).submit(self.assistant.answer, question, conversation=conversation)
        return self.pool_for(question).submit(self.assistant.answer, question)

    def answer(self, question: str, conversation: object | None = None) -> Answer:
        """Answer in the calling thread's time: Overloaded at once, DeadlineExceeded after the deadline."""
        future = self.submit(question, conversation)
        try:
            return future.result(timeout=self.deadline_s)
        except FutureTimeout:
            future.cancel()
            raise DeadlineExceeded(self.deadline_s) from None

    async def answer_async(self, question: str, conversation: object | None = None) -> Answer:
        """`answer` for an event loop: waiting costs no thread."""
        future = self.submit(question, conversation)
        try:
            # wait_for cancels the wrapper on expiry, which cancels the job if it has not started yet.
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout=self.deadline_s)
        except TimeoutError:
            raise DeadlineExceeded(self.deadline_s) from None

    def stats(self) -> tuple[PoolStats, PoolStats]:
        return self.quick.stats(), self.text.stats()

    def shutdown(self) -> None:
        self.quick.shutdown()
        self.text.shutdown()


class GuardedAssistant:
    """The assistant as the web page sees it: admission, the deadline, and failures in their public form.

    Every failure reaches the page as a `PublicFailure` carrying the API's Finnish message (paths and URLs
    hidden); an unexpected one is logged here with its trace first.
    """

    def __init__(self, admission: Admission) -> None:
        self.admission = admission
        self.corpus = admission.assistant.corpus

    def answer(self, question: str, conversation: object | None = None) -> Answer:
        try:
            return self.admission.answer(question, conversation)
        except Exception as exc:
            public = public_error(exc)
            if public.code == "internal_error":
                logger.error("answering %r failed", question[:200], exc_info=exc)
            raise PublicFailure(public) from exc

    def __getattr__(self, name: str) -> Any:  # anything else the page reads comes from the assistant itself
        return getattr(self.admission.assistant, name)
