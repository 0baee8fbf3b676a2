"""A hung Chroma server costs a search its deadline, not minutes: calls are bounded, fail with StoreTimeout
(a Finnish message), and searching recovers by itself when the server answers again."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from index.build import build_index
from index.embedders.hashing import HashingEmbedder
from index.errors import StoreTimeout
from index.passages import ChunkSet
from index.reloading import open_reloading_searcher
from index.search import open_searcher
from index.settings import IndexSettings
from index.store import open_store
from index.store.calls import CallGuard, deadline_after
from tests.index.hung_server import HangingProxy, HungServer

QUERY = "Rainion päiväkoti lakkaa"
TIMEOUT_S = 3.0  # generous enough for connecting on a loaded machine


def _timed(call: object) -> tuple[BaseException | None, float]:
    started = time.monotonic()
    try:
        call()  # type: ignore[operator]
    except BaseException as exc:  # noqa: BLE001 - returned for the assertions
        return exc, time.monotonic() - started
    return None, time.monotonic() - started


def test_connecting_to_a_hung_server_times_out(tmp_path: Path, paragraphs: ChunkSet) -> None:
    with HungServer() as server:
        settings = IndexSettings(data_dir=tmp_path, embedder="hash", chroma_url=server.url, chroma_timeout_s=0.5)
        for call in (lambda: open_store(settings), lambda: open_searcher(settings, paragraphs, HashingEmbedder(), warm=False)):
            error, seconds = _timed(call)
            assert isinstance(error, StoreTimeout), error
            assert 0.4 <= seconds < 2.0
        assert server.accepted >= 1
        assert error.finnish() == f"Chroma-palvelin {server.url} ei vastannut ajoissa (0.5 s). Tekstihaku ei ole nyt käytettävissä; yritä hetken kuluttua uudelleen."


def test_a_build_against_a_hung_server_is_a_finnish_message(tmp_path: Path, paragraphs: ChunkSet) -> None:
    with HungServer() as server:
        settings = IndexSettings(data_dir=tmp_path, embedder="hash", chroma_url=server.url, chroma_timeout_s=0.3)
        error, seconds = _timed(lambda: build_index(settings, paragraphs, HashingEmbedder()))
        assert isinstance(error, StoreTimeout) and seconds < 2.0, (error, seconds)
        assert "ei vastannut ajoissa (0.3 s)" in error.finnish()


def test_the_guard_refuses_calls_past_their_deadline() -> None:
    ran: list[int] = []
    for threaded in (True, False):
        guard = CallGuard("somewhere", timeout_s=5, threaded=threaded)
        with pytest.raises(StoreTimeout):
            guard.run(lambda: ran.append(1), deadline=time.monotonic() - 0.01)
        assert guard.run(lambda: 42, deadline=deadline_after(1)) == 42
    assert ran == []


def test_the_guard_cuts_a_hung_call_off_at_the_deadline() -> None:
    release = threading.Event()
    guard = CallGuard("http://127.0.0.1:1", timeout_s=5, threaded=True)
    error, seconds = _timed(lambda: guard.run(lambda: release.wait(10), deadline=deadline_after(0.3)))
    release.set()
    assert isinstance(error, StoreTimeout) and 0.25 <= seconds < 1.5
    error, seconds = _timed(lambda: CallGuard("u", timeout_s=0.2, threaded=True).run(lambda: time.sleep(3)))
    assert isinstance(error, StoreTimeout) and seconds < 1.5  # no deadline given: the store's own bound


@pytest.mark.slow
def test_a_server_that_hangs_after_opening_fails_searches_within_the_deadline_and_recovers(
    chroma_server_url: str, tmp_path: Path, paragraphs: ChunkSet
) -> None:
    port = int(chroma_server_url.rsplit(":", 1)[1])
    with HangingProxy(port) as proxy:
        settings = IndexSettings(data_dir=tmp_path / "data", embedder="hash", chroma_url=proxy.url, collection="hang-a", chroma_timeout_s=TIMEOUT_S)
        build_index(settings, paragraphs, HashingEmbedder())
        searcher = open_reloading_searcher(settings, paragraphs, HashingEmbedder(), warm=False, check_every_s=0.1)
        assert searcher.search(QUERY, 1)[0].chunk.text.startswith("Rainion")

        proxy.hang()
        error, seconds = _timed(lambda: searcher.search(QUERY, 1, deadline=deadline_after(0.4)))
        assert isinstance(error, StoreTimeout) and 0.35 <= seconds < 1.5, (error, seconds)
        error, seconds = _timed(lambda: searcher.search(QUERY, 1))  # no deadline: chroma_timeout_s
        assert isinstance(error, StoreTimeout) and TIMEOUT_S - 0.1 <= seconds < TIMEOUT_S + 1.5, (error, seconds)
        many = [_timed(lambda: searcher.search(QUERY, 1, deadline=deadline_after(0.2))) for _ in range(20)]
        assert all(isinstance(e, StoreTimeout) and s < 1.0 for e, s in many)  # a full queue still fails in time
        assert searcher.search(QUERY, 1, "lexical")[0].chunk.text.startswith("Rainion")  # needs no Chroma

        proxy.recover()
        deadline = time.monotonic() + 30
        while True:
            error, _ = _timed(lambda: searcher.search(QUERY, 1))
            if error is None or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert error is None, error
        assert searcher.search(QUERY, 1)[0].chunk.text.startswith("Rainion")
        searcher.close()
