"""The embedded Chroma client of the local store: opening and closing it, and the collection of a build.

Kept apart from `index.store.local` because importing chromadb takes ~1.5 s: the local store loads this module
only when a build writes, or when a published build has no usable vector snapshot.
"""

from __future__ import annotations

import threading
from pathlib import Path

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import NotFoundError

from index.errors import IndexNotWritable
from index.store.info import HNSW, IndexInfo

_CHROMA = ChromaSettings(anonymized_telemetry=False)

# Chroma shares one system per path between the clients of a process, counted by reference, but creating and
# stopping it is not thread-safe: a reloading searcher opening a build while the builder closes its client for
# the same path could get a stopped system. Our opens and closes therefore take turns.
_CLIENTS_LOCK = threading.Lock()


class CollectionMissing(Exception):
    """The build's database has no collection of that name."""


def close_client(client: ClientAPI) -> None:
    with _CLIENTS_LOCK:
        client.close()  # type: ignore[attr-defined]  # chromadb's Client has close(); ClientAPI omits it


def open_client(path: Path, where: str) -> ClientAPI:
    """A client of the database at `path`; IndexNotWritable when Chroma may not write it, else the exception
    Chroma raised (the caller reports the build as damaged)."""
    try:
        with _CLIENTS_LOCK:
            return chromadb.PersistentClient(path=str(path), settings=_CHROMA)
    except Exception as exc:  # a damaged database fails in Chroma's own ways
        # Chroma caches a system per path before starting it; a failed start would poison later opens.
        with _CLIENTS_LOCK:
            SharedSystemClient._identifier_to_system.pop(str(path), None)
        if "readonly" in str(exc) or isinstance(exc, PermissionError):
            raise IndexNotWritable(f"{where}: Chroma cannot write its database ({exc})", where=where) from exc
        raise


def get_collection(client: ClientAPI, name: str) -> Collection:
    try:
        return client.get_collection(name, embedding_function=None)  # type: ignore[arg-type]
    except NotFoundError as exc:
        raise CollectionMissing(name) from exc


def create_collection(client: ClientAPI, name: str, info: IndexInfo) -> Collection:
    return client.create_collection(name, metadata=info.metadata(), configuration=HNSW, embedding_function=None)  # type: ignore[arg-type]
