"""The build lock of a Chroma server: a collection `<prefix>-lock` that only one builder can create.

Creating a collection whose name exists fails on the server, so creation is the test-and-set. The holder
renews an expiry time in the lock's metadata; a builder killed while holding it stops renewing, and after
`ttl_s` the next builder removes the expired lock and takes it. A holder checks before publishing that the
lock is still its own (`check`), so a builder that lost it (stalled past the expiry) cannot publish over the
one that took it over. Expiry uses wall-clock time: builders' clocks must agree to well within `ttl_s`.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

import httpx
from chromadb.api import ClientAPI
from chromadb.errors import ChromaError, NotFoundError

from index.errors import BuildInProgress

_POLL_S = 0.5


@dataclass(frozen=True)
class LockRecord:
    """Who holds the lock and until when (epoch seconds)."""

    token: str
    holder: str
    expires: float

    def metadata(self) -> dict[str, str | float]:
        return {"token": self.token, "holder": self.holder, "expires": self.expires}

    @classmethod
    def from_metadata(cls, metadata: dict[str, object] | None) -> LockRecord:
        data = dict(metadata or {})
        try:
            return cls(str(data["token"]), str(data.get("holder", "?")), float(data["expires"]))  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError):
            return cls("", "tuntematon", 0.0)  # unreadable: treated as expired

    def describe(self) -> str:
        left = max(0.0, self.expires - time.time())
        return f"{self.holder}, vanhenee {left:.0f} s kuluttua ellei uusita"


class ServerLock:
    """Context manager: wait up to `wait_s` for the lock (BuildInProgress after that), renew it while held."""

    def __init__(
        self, client: ClientAPI, name: str, where: str, wait_s: float, ttl_s: float, notify: Callable[[str], None]
    ) -> None:
        self.client = client
        self.name = name
        self.where = where
        self.wait_s = wait_s
        self.ttl_s = ttl_s
        self.notify = notify
        self.token = secrets.token_hex(8)
        self.holder = f"{socket.gethostname()} pid {os.getpid()}"
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def __enter__(self) -> None:
        self._acquire()
        self._renewer = threading.Thread(target=self._renew, name="index-lock-renew", daemon=True)
        self._renewer.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join(timeout=5)
        try:
            if self._read().token == self.token:
                self.client.delete_collection(self.name)
        except (ChromaError, httpx.HTTPError, OSError, ValueError):
            pass  # unreachable now: the lock expires by itself

    def check(self) -> None:
        """BuildInProgress unless this builder still holds an unexpired lock."""
        record = self._read()
        if record.token != self.token or record.expires <= time.time():
            raise BuildInProgress(
                f"{self.where}: this build lost the build lock to {record.holder}", holder=record.describe()
            )

    def _record(self) -> LockRecord:
        return LockRecord(self.token, self.holder, time.time() + self.ttl_s)

    def _acquire(self) -> None:
        end = time.monotonic() + self.wait_s
        told = False
        while True:
            try:
                self.client.create_collection(self.name, metadata=self._record().metadata(), embedding_function=None)  # type: ignore[arg-type]
                self.check()  # another builder may have removed an expired lock just after we created ours
                return
            except BuildInProgress:
                pass
            except ChromaError as exc:
                if "already exists" not in str(exc):
                    raise
            record = self._read()
            if record.expires <= time.time():
                self._break(record)
                continue
            if time.monotonic() >= end:
                raise BuildInProgress(f"{self.where}: another build holds the lock ({record.holder})", holder=record.describe())
            if not told:
                self.notify(f"Toinen rakennus on käynnissä ({record.holder}); odotetaan sen valmistumista…")
                told = True
            time.sleep(_POLL_S)

    def _break(self, expired: LockRecord) -> None:
        # Only the lock seen expired is removed: one that a builder has just taken has a new token.
        if self._read().token == expired.token:
            try:
                self.client.delete_collection(self.name)
            except NotFoundError:
                pass

    def _read(self) -> LockRecord:
        try:
            collection = self.client.get_collection(self.name, embedding_function=None)  # type: ignore[arg-type]
        except NotFoundError:
            return LockRecord("", "", 0.0)
        return LockRecord.from_metadata(collection.metadata)  # type: ignore[arg-type]

    def _renew(self) -> None:
        while not self._stop.wait(self.ttl_s / 4):
            try:
                if self._read().token != self.token:
                    return  # lost: `check` before publishing says so
                collection = self.client.get_collection(self.name, embedding_function=None)  # type: ignore[arg-type]
                collection.modify(metadata=self._record().metadata())
            except (ChromaError, httpx.HTTPError, OSError, ValueError):
                continue  # the server is unreachable for a moment; the next round tries again
