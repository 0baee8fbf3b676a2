"""Fixtures for index tests: paragraph chunks, temp data dirs, a built hash index, a socket guard, a Chroma server."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.build import build_index
from index.chroma_server import chroma_server
from index.embedders.hashing import HashingEmbedder
from index.passages import ChunkSet
from index.search import HybridSearcher, open_searcher
from index.settings import IndexSettings
from tests.index.chunks import chunk_set, paragraph_chunks


@pytest.fixture(scope="session")
def paragraphs() -> ChunkSet:
    """The plan's paragraphs as chunks (stand-ins for the corpus chunks)."""
    return chunk_set(paragraph_chunks())


@pytest.fixture
def settings(tmp_path: Path) -> IndexSettings:
    """A hash-embedder index in a fresh temp data dir."""
    return IndexSettings(data_dir=tmp_path / "data", embedder="hash")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, paragraphs: ChunkSet) -> IndexSettings:
    """One hash-embedder index of the paragraphs, shared by read-only tests."""
    settings = IndexSettings(data_dir=tmp_path_factory.mktemp("built") / "data", embedder="hash")
    build_index(settings, paragraphs, HashingEmbedder())
    return settings


@pytest.fixture(scope="session")
def searcher(built: IndexSettings, paragraphs: ChunkSet) -> HybridSearcher:
    """A searcher over the shared index."""
    return open_searcher(built, paragraphs, warm=False)


class NetworkRefused(OSError):
    """Raised by the socket guard for any connection that leaves the machine."""


def _loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse every connection and name lookup that is not loopback or a Unix socket."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(sock: socket.socket, address: object) -> None:
        if sock.family == getattr(socket, "AF_UNIX", None):
            return
        host = address[0] if isinstance(address, tuple) else address
        if not _loopback(host):
            raise NetworkRefused(f"network refused in this test: {address!r}")

    def connect(sock: socket.socket, address: object) -> None:
        check(sock, address)
        real_connect(sock, address)  # type: ignore[arg-type]

    def connect_ex(sock: socket.socket, address: object) -> int:
        check(sock, address)
        return real_connect_ex(sock, address)  # type: ignore[arg-type]

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host is not None and not _loopback(host):
            raise NetworkRefused(f"name lookup refused in this test: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(scope="session")
def chroma_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`chroma run` on 127.0.0.1 and a free port, healthy before the tests start; killed afterwards."""
    with chroma_server(tmp_path_factory.mktemp("chroma-server") / "db") as url:
        yield url
