"""Where built indexes live in Chroma: an embedded PersistentClient under the data dir, or a Chroma server.

Each build writes a new collection (locally in its own folder) and is published by one atomic step: a symlink
swap (`index/current -> builds/<id>`) locally, a pointer collection's metadata on a server. A build killed
half-way therefore leaves the previous index serving, and `generation()` lets a running process notice a
new one cheaply. Embeddings are always passed in: Chroma's own default embedder would download a model.
A local build also keeps its vectors as a numpy snapshot, so searching it never imports chromadb; the server
store (which imports chromadb and httpx) loads only when a Chroma URL is configured.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from index.errors import REBUILD, IndexNotBuilt
from index.settings import IndexSettings
from index.store.info import SCHEMA, ActiveIndex, IndexInfo, Store, new_info
from index.store.local import LocalStore
from index.store.records import WRITE_BATCH, add_chunks, fetch_vectors

if TYPE_CHECKING:
    from index.store.server import ServerStore

__all__ = [
    "SCHEMA", "WRITE_BATCH", "ActiveIndex", "IndexInfo", "LocalStore", "ServerStore", "Store",
    "add_chunks", "fetch_vectors", "new_info", "open_store", "require_active",
]


def open_store(settings: IndexSettings, timeout_s: float | None = None) -> Store:
    """The server store when a Chroma URL is configured, else the embedded one under the data dir; server calls
    are bounded by `timeout_s` (default: the settings' `chroma_timeout_s`, which always bounds connecting)."""
    timeout = settings.chroma_timeout_s if timeout_s is None else timeout_s
    if settings.chroma_url:
        from index.store.server import ServerStore  # chromadb's HTTP client: only a server store needs it

        return ServerStore(settings.chroma_url, settings.collection, timeout, connect_timeout_s=settings.chroma_timeout_s)
    return LocalStore(settings.index_dir, settings.collection, timeout)


def require_active(store: Store, deadline: float | None = None, snapshot: bool = True) -> ActiveIndex:
    """The published index (with `snapshot`, served from a local build's vector snapshot where it has a usable
    one), or IndexNotBuilt saying how to build it."""
    active = store.active(deadline, snapshot)
    if active is None:
        raise IndexNotBuilt(f"no index at {store.location}; build it with `{REBUILD}`", where=store.location)
    return active


def __getattr__(name: str) -> Any:
    # `from index.store import ServerStore` keeps working without every import of this package loading chromadb.
    if name == "ServerStore":
        from index.store.server import ServerStore

        return ServerStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
