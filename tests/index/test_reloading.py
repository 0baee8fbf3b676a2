"""A running process follows rebuilds: the reloading searcher switches to a new generation without a restart,
keeps answering while it does, and keeps the old one when the new one cannot be opened."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import index.reloading
from index.build import build_index
from index.embedders.hashing import HashingEmbedder
from index.errors import IndexDamaged, StaleIndex, StoreTimeout
from index.passages import ChunkSet
from index.reloading import ReloadingSearcher, open_reloading_searcher
from index.search import HybridSearcher
from index.settings import IndexSettings
from index.store.snapshot import SNAPSHOT
from tests.index.chunks import chunk_set, make_chunk

QUERY = "Rainion päiväkoti lakkaa"


def _wait_for(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture
def following(settings: IndexSettings, paragraphs: ChunkSet) -> Iterator[ReloadingSearcher]:
    build_index(settings, paragraphs, HashingEmbedder())
    searcher = open_reloading_searcher(settings, paragraphs, HashingEmbedder(), warm=False, check_every_s=0.05)
    yield searcher
    searcher.close()


def test_it_is_a_drop_in_for_the_hybrid_searcher(following: ReloadingSearcher, paragraphs: ChunkSet) -> None:
    current = following.current()
    assert isinstance(current, HybridSearcher)
    assert following.search(QUERY, 3) == current.search(QUERY, 3)
    assert (following.info, following.lexical, following.dense, following.chunks) == (current.info, current.lexical, current.dense, current.chunks)
    assert following.generation == current.info.build_id


def test_a_rebuild_is_picked_up_by_searching(following: ReloadingSearcher, settings: IndexSettings, paragraphs: ChunkSet) -> None:
    first = following.generation
    rebuilt = build_index(settings, paragraphs, HashingEmbedder(), force=True)
    assert following.search(QUERY, 1)[0].chunk.text.startswith("Rainion")  # the old one answers meanwhile

    def switched() -> bool:
        following.search(QUERY, 1)  # each search may start the (background) check
        return following.generation == rebuilt.build_id

    _wait_for(switched)
    assert following.generation != first and following.info.build_id == rebuilt.build_id


def test_two_and_more_rebuilds_between_searches_still_answer(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    searcher = open_reloading_searcher(settings, paragraphs, HashingEmbedder(), warm=False, check_every_s=3600)
    for _ in range(3):  # the first build's folder is pruned after the second rebuild
        latest = build_index(settings, paragraphs, HashingEmbedder(), force=True)
    assert searcher.refresh() is True and searcher.generation == latest.build_id
    assert searcher.search(QUERY, 1)[0].chunk.text.startswith("Rainion")
    assert searcher.refresh() is False  # nothing new
    searcher.close()


def test_a_search_on_a_pruned_build_reopens_at_once(settings: IndexSettings, paragraphs: ChunkSet, monkeypatch: pytest.MonkeyPatch) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    searcher = open_reloading_searcher(settings, paragraphs, HashingEmbedder(), warm=False, check_every_s=3600)
    old = searcher.current()
    latest = build_index(settings, paragraphs, HashingEmbedder(), force=True)

    def gone(*args: object, **kwargs: object) -> object:
        raise IndexDamaged("the collection was pruned", where="x")

    monkeypatch.setattr(old, "search", gone)  # as a server answers for a pruned collection
    assert searcher.search(QUERY, 1)[0].chunk.text.startswith("Rainion")
    assert searcher.generation == latest.build_id


def test_searches_never_fail_while_the_index_is_rebuilt(following: ReloadingSearcher, settings: IndexSettings, paragraphs: ChunkSet) -> None:
    failures: list[BaseException] = []
    answered = [0]
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            try:
                assert following.search(QUERY, 1)[0].chunk.text.startswith("Rainion")
                answered[0] += 1
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                failures.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for thread in threads:
        thread.start()
    generations = {following.generation}
    try:
        for _ in range(3):
            build = build_index(settings, paragraphs, HashingEmbedder(), force=True)
            _wait_for(lambda build=build: following.generation == build.build_id)
            generations.add(following.generation)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert failures == [] and answered[0] > 10
    assert len(generations) == 4


def test_a_new_generation_that_cannot_be_opened_keeps_the_old_one_serving(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    following = open_reloading_searcher(settings, paragraphs, HashingEmbedder(), warm=False, check_every_s=3600)
    first = following.generation
    chunks = list(paragraphs.chunks)
    chunks[0] = make_chunk(chunks[0].section_path[0], chunks[0].text + " (uusi)", chunks[0].lines.start, chunks[0].lines.end)
    newer_corpus = build_index(settings, chunk_set(tuple(chunks)), HashingEmbedder())  # this process has the old corpus
    with pytest.raises(StaleIndex):
        following.refresh()
    assert following.generation == first
    assert following.search(QUERY, 1)[0].chunk.text.startswith("Rainion")
    assert following.refresh() is False  # the same unusable generation is not opened again and again
    rebuilt = build_index(settings, paragraphs, HashingEmbedder())  # back to this process's corpus
    assert rebuilt.build_id != newer_corpus.build_id
    assert following.refresh() is True and following.generation == rebuilt.build_id


def test_a_failed_background_check_is_kept_as_last_error(following: ReloadingSearcher, settings: IndexSettings, paragraphs: ChunkSet) -> None:
    chunks = list(paragraphs.chunks)
    chunks[0] = make_chunk(chunks[0].section_path[0], chunks[0].text + " (uusi)", chunks[0].lines.start, chunks[0].lines.end)
    build_index(settings, chunk_set(tuple(chunks)), HashingEmbedder())

    def failed() -> bool:
        following.search(QUERY, 1)
        return following.last_error is not None

    _wait_for(failed)
    assert isinstance(following.last_error, StaleIndex)


def test_the_replaced_searcher_is_closed_after_a_grace_period(
    following: ReloadingSearcher, settings: IndexSettings, paragraphs: ChunkSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index.reloading, "RETIRE_AFTER_S", 0.05)
    old = following.current()
    closed = threading.Event()
    monkeypatch.setattr(old, "close", closed.set)
    build_index(settings, paragraphs, HashingEmbedder(), force=True)
    assert following.refresh() is True
    assert closed.wait(5)


def test_builds_and_reloads_leave_no_chroma_clients_open(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    from chromadb.api.shared_system_client import SharedSystemClient

    def open_here() -> list[str]:
        return [key for key in SharedSystemClient._identifier_to_system if key.startswith(str(settings.data_dir))]

    build_index(settings, paragraphs, HashingEmbedder())
    assert open_here() == []
    searcher = open_reloading_searcher(settings, paragraphs, HashingEmbedder(), warm=False, check_every_s=3600)
    assert open_here() == []  # served from the build's vector snapshot: Chroma is not opened at all
    searcher.close()
    (settings.index_dir / "current" / SNAPSHOT).unlink()
    searcher = open_reloading_searcher(settings, paragraphs, HashingEmbedder(), warm=False, check_every_s=3600)
    assert len(open_here()) == 1
    searcher.close()
    assert open_here() == []
    assert Path(settings.index_dir / "current").is_symlink()


def test_a_server_hiccup_while_reopening_is_tried_again(settings: IndexSettings, paragraphs: ChunkSet, monkeypatch: pytest.MonkeyPatch) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    following = open_reloading_searcher(settings, paragraphs, HashingEmbedder(), warm=False, check_every_s=3600)
    rebuilt = build_index(settings, paragraphs, HashingEmbedder(), force=True)
    real = index.reloading.searcher_for

    def hiccup(*args: object, **kwargs: object) -> object:
        monkeypatch.setattr(index.reloading, "searcher_for", real)
        raise StoreTimeout("the server did not answer", url="u", seconds="1")

    monkeypatch.setattr(index.reloading, "searcher_for", hiccup)
    with pytest.raises(StoreTimeout):
        following.refresh()
    assert following.refresh() is True and following.generation == rebuilt.build_id
