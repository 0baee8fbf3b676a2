"""The server store: builds as collections `<prefix>-<id>` on a Chroma server, `<prefix>-active` names the published one.

Every call is bounded: connecting runs under a deadline, and the HTTP client gets a timeout (Chroma's own is
none), so a hung server costs a search `timeout_s` at most. Builds take the server-wide lock of
`index.store.server_lock`, so two builders on different machines never interleave.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from urllib.parse import urlparse

import chromadb
import httpx
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import NotFoundError

from index.errors import REBUILD, IndexDamaged, IndexStoreError, StoreUnavailable
from index.store.calls import CallGuard, deadline_after
from index.store.info import BUILD_ID_PATTERN, HNSW, ActiveIndex, IndexInfo
from index.store.server_lock import ServerLock


class ServerStore:
    """Builds as collections `<prefix>-<id>` on a Chroma server; `<prefix>-active`'s metadata names the published one."""

    def __init__(self, url: str, prefix: str, timeout_s: float = 5.0, connect_timeout_s: float | None = None) -> None:
        self.prefix = prefix
        self.location = f"{url} ({prefix})"
        self.guard = CallGuard(url, timeout_s, threaded=True)
        self.client = _http(url, self.guard, connect_timeout_s)
        self._pointer = f"{prefix}-active"
        self._build = re.compile(rf"{re.escape(prefix)}-{BUILD_ID_PATTERN}")
        self._lock: ServerLock | None = None

    def generation(self, deadline: float | None = None) -> str | None:
        return self.guard.run(self._published_id, deadline)

    def active(self, deadline: float | None = None, snapshot: bool = True) -> ActiveIndex | None:
        return self.guard.run(self._active, deadline)  # a server keeps no snapshots: always Chroma

    def stage(self, info: IndexInfo) -> Collection:
        return self.client.create_collection(
            self._name(info.build_id), metadata=info.metadata(), configuration=HNSW, embedding_function=None  # type: ignore[arg-type]
        )

    def publish(self, info: IndexInfo) -> None:
        if self._lock is not None:
            self._lock.check()  # a builder that lost its lock must not publish over the one that holds it
        previous = self._published_id() or ""
        pointer = self.client.get_or_create_collection(
            self._pointer, metadata={"build_id": info.build_id}, embedding_function=None  # type: ignore[arg-type]
        )
        pointer.modify(metadata={"build_id": info.build_id, "previous": previous})  # one request: atomic
        keep = {self._name(info.build_id), self._name(previous)}
        for collection in self.client.list_collections():
            if self._build.fullmatch(collection.name) and collection.name not in keep:
                _delete(self.client, collection.name)

    def discard(self, info: IndexInfo) -> None:
        _delete(self.client, self._name(info.build_id))

    def lock(self, wait_s: float, ttl_s: float, notify: Callable[[str], None] = lambda text: None) -> AbstractContextManager[None]:
        self._lock = ServerLock(self.client, f"{self.prefix}-lock", self.location, wait_s=wait_s, ttl_s=ttl_s, notify=notify)
        return self._lock

    def close(self) -> None:
        self.client.close()  # type: ignore[attr-defined]  # chromadb's Client has close(); ClientAPI omits it

    def _name(self, build_id: str) -> str:
        return f"{self.prefix}-{build_id}"

    def _published_id(self) -> str | None:
        try:
            pointer = self.client.get_collection(self._pointer, embedding_function=None)  # type: ignore[arg-type]
        except NotFoundError:
            return None
        build_id = (pointer.metadata or {}).get("build_id")
        return str(build_id) if build_id else None

    def _active(self) -> ActiveIndex | None:
        build_id = self._published_id()
        if build_id is None:
            return None
        try:
            collection = self.client.get_collection(self._name(build_id), embedding_function=None)  # type: ignore[arg-type]
        except NotFoundError as exc:
            raise IndexDamaged(
                f"{self.location}: the published build {build_id} has no collection; repair it with `{REBUILD} --force`",
                where=self.location,
            ) from exc
        info = IndexInfo.from_metadata(collection.metadata, self.location)
        count = collection.count()
        if count != info.records:
            raise IndexDamaged(
                f"{self.location}: build {build_id} holds {count} of its {info.records} records; repair it with `{REBUILD} --force`",
                where=self.location,
            )
        return ActiveIndex(collection, info, self.location, self.guard)


def _delete(client: ClientAPI, name: str) -> None:
    try:
        client.delete_collection(name)
    except NotFoundError:
        pass  # already gone: a concurrent prune or a repair


def _http(url: str, guard: CallGuard, connect_timeout_s: float | None) -> ClientAPI:
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if not parsed.hostname:
        raise StoreUnavailable(f"Chroma server URL {url!r} has no host; use http://HOST:PORT", url=url)
    try:
        port = parsed.port or (443 if parsed.scheme == "https" else 8000)
    except ValueError as exc:
        raise StoreUnavailable(f"Chroma server URL {url!r} has an invalid port", url=url) from exc

    def connect() -> ClientAPI:
        try:
            return chromadb.HttpClient(
                host=parsed.hostname or "", port=port, ssl=parsed.scheme == "https",
                settings=ChromaSettings(anonymized_telemetry=False),
            )
        except IndexStoreError:
            raise
        except Exception as exc:  # chromadb raises ValueError or httpx errors depending on what failed
            if isinstance(exc, httpx.TimeoutException):
                raise
            raise StoreUnavailable(f"cannot reach the Chroma server at {url}: {exc}", url=url) from exc

    # Connecting makes requests before any timeout can be set: it runs in a thread of its own under the deadline.
    client = guard.run_detached(connect, None if connect_timeout_s is None else deadline_after(connect_timeout_s))
    _bound_requests(client, guard.timeout_s)
    return client


def _bound_requests(client: ClientAPI, seconds: float) -> None:
    """Give the client's HTTP session a timeout: chromadb creates it with none, so a hung server would hold
    a request (and its worker thread) forever."""
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(seconds)
