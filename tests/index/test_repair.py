"""`python -m index build --force` repairs every damaged state of a local index, and no damage shows a trace.

Each case damages a built index the way a crash, a full disk, an editor or a person might; the CLI then
either still answers or fails with a Finnish message (the expected error class), and `build --force`
makes it answer again.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import chromadb
import pytest
from chromadb.errors import InternalError

import index.build
import index.search
from index import __main__ as cli
from index.build import build_index
from index.embedders.hashing import HashingEmbedder
from index.errors import (
    BuildInProgress,
    DimensionMismatch,
    DiskFull,
    IndexDamaged,
    IndexNotBuilt,
    IndexStoreError,
)
from index.passages import ChunkSet
from index.search import open_searcher
from index.settings import IndexSettings
from index.store import open_store
from index.store.local import LocalStore
from index.store.snapshot import SNAPSHOT
from tests.index.chunks import chunk_set, make_chunk

QUERY = "Rainion päiväkoti lakkaa"


def _build(data: Path) -> Path:
    return (data / "index" / "current").resolve()


def _database(data: Path) -> Path:
    return _build(data) / "chroma" / "chroma.sqlite3"


def _segment(data: Path) -> Path:
    return next(path for path in (_build(data) / "chroma").iterdir() if path.is_dir())


def _lexical(data: Path) -> Path:
    return next(path for path in (data / "index" / "lexical").iterdir() if not path.name.startswith("."))


def _with_client(data: Path, change: Callable[[chromadb.ClientAPI], object]) -> None:
    client = chromadb.PersistentClient(path=str(_build(data) / "chroma"))
    try:
        change(client)
    finally:
        client.close()


def _replace_with(path: Path, make: Callable[[Path], object]) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
    make(path)


def _delete_half_the_records(data: Path) -> None:
    def delete(client: chromadb.ClientAPI) -> None:
        collection = client.get_collection("kaytto")
        ids = collection.get(include=[])["ids"]
        collection.delete(ids=ids[: len(ids) // 2])

    _with_client(data, delete)


def _publish_empty_build(data: Path) -> None:
    folder = data / "index" / "builds" / "20990101T000000-abcdef"
    folder.mkdir(parents=True)  # a build killed right after creating its folder, then (wrongly) published
    (data / "index" / "current").unlink()
    (data / "index" / "current").symlink_to(Path("builds") / folder.name)


def _leftovers_of_killed_builds(data: Path) -> None:
    index_dir = data / "index"
    (index_dir / ".current-20990101T000000-abcdef").symlink_to("builds/nowhere")
    (index_dir / "builds" / "20990101T000000-abcdef" / "chroma").mkdir(parents=True)
    (index_dir / "builds" / "20990101T000000-abcdef" / "chroma" / "chroma.sqlite3").write_bytes(b"half")
    (index_dir / "lexical" / ".tmp-killed").mkdir()
    (index_dir / ".build.lock").write_bytes(b"\xff\xfe garbage of a killed build\n")
    _database(data).write_bytes(os.urandom(4096))  # and the published one is garbage too


def _vectors_of_another_dimension(data: Path, paragraphs: ChunkSet) -> None:
    swapped = HashingEmbedder(64)
    swapped.name = "hash"  # a different model installed under the same name
    build_index(IndexSettings(data_dir=data, embedder="hash"), paragraphs, swapped, force=True)


@dataclass(frozen=True)
class Damage:
    name: str
    damage: Callable[[Path, ChunkSet], object]
    before: type[IndexStoreError] | None  # what searching reports before the repair (None: it still answers)
    # Damage inside Chroma that searching never sees while the build's vector snapshot serves: `before` is what
    # it reports once the snapshot is gone too and Chroma must serve.
    snapshot_serves: bool = False


CHROMA_ONLY = True


DAMAGES = [
    Damage("database truncated to nothing", lambda d, p: os.truncate(_database(d), 0), IndexDamaged, CHROMA_ONLY),
    Damage("database cut in half", lambda d, p: os.truncate(_database(d), _database(d).stat().st_size // 2), IndexDamaged, CHROMA_ONLY),
    Damage("database overwritten with garbage", lambda d, p: _database(d).write_bytes(os.urandom(64 * 1024)), IndexDamaged, CHROMA_ONLY),
    Damage("database deleted", lambda d, p: _database(d).unlink(), IndexDamaged),
    Damage("database table dropped", lambda d, p: sqlite3.connect(_database(d)).execute("DROP TABLE collections"), IndexDamaged, CHROMA_ONLY),
    Damage("vector segment deleted", lambda d, p: shutil.rmtree(_segment(d)), None),
    Damage("vector segment files garbage", lambda d, p: [f.write_bytes(os.urandom(512)) for f in _segment(d).iterdir()], None),
    Damage("published build folder deleted", lambda d, p: shutil.rmtree(_build(d)), IndexDamaged),
    Damage("published build folder empty (half-written)", lambda d, p: _publish_empty_build(d), IndexDamaged),
    Damage("published build half written", lambda d, p: _delete_half_the_records(d), IndexDamaged, CHROMA_ONLY),
    Damage("current link deleted", lambda d, p: (d / "index" / "current").unlink(), IndexNotBuilt),
    Damage("current link is a garbage file", lambda d, p: _replace_with(d / "index" / "current", lambda x: x.write_text("garbage")), IndexDamaged),
    Damage("current link is a folder", lambda d, p: _replace_with(d / "index" / "current", Path.mkdir), IndexDamaged),
    Damage("builds folder is a file", lambda d, p: _replace_with(d / "index" / "builds", lambda x: x.write_text("x")), IndexDamaged),
    Damage("collection deleted behind the index's back", lambda d, p: _with_client(d, lambda c: c.delete_collection("kaytto")), IndexDamaged, CHROMA_ONLY),
    Damage("collection metadata garbage", lambda d, p: _with_client(d, lambda c: c.get_collection("kaytto").modify(metadata={"junk": 1})), IndexNotBuilt, CHROMA_ONLY),
    Damage("vectors of another dimension", _vectors_of_another_dimension, DimensionMismatch),
    Damage("vector snapshot deleted", lambda d, p: (_build(d) / SNAPSHOT).unlink(), None),
    Damage("vector snapshot garbage", lambda d, p: (_build(d) / SNAPSHOT).write_bytes(os.urandom(4096)), None),
    Damage("vector snapshot cut in half", lambda d, p: os.truncate(_build(d) / SNAPSHOT, (_build(d) / SNAPSHOT).stat().st_size // 2), None),
    Damage("lexical index deleted", lambda d, p: shutil.rmtree(d / "index" / "lexical"), None),
    Damage("lexical manifest garbage", lambda d, p: (_lexical(d) / "lexical.json").write_text("{garbage"), None),
    Damage("lexical manifest deleted", lambda d, p: (_lexical(d) / "lexical.json").unlink(), None),
    Damage("lexical manifest of other chunks", lambda d, p: (_lexical(d) / "lexical.json").write_text(
        (_lexical(d) / "lexical.json").read_text().replace(p.chunks[0].id, "0" * 16)), None),
    Damage("BM25 files garbage", lambda d, p: [f.write_bytes(b"junk") for f in (_lexical(d) / "bm25").iterdir()], None),
    Damage("BM25 folder deleted", lambda d, p: shutil.rmtree(_lexical(d) / "bm25"), None),
    Damage("lexical folder is a file", lambda d, p: _replace_with(d / "index" / "lexical", lambda x: x.write_text("x")), None),
    Damage("leftovers of killed builds and a garbage lock file", lambda d, p: _leftovers_of_killed_builds(d), IndexDamaged, CHROMA_ONLY),
]


@pytest.fixture
def cli_corpus(paragraphs: ChunkSet, monkeypatch: pytest.MonkeyPatch) -> ChunkSet:
    monkeypatch.setattr(index.build, "load_corpus", lambda: paragraphs)
    monkeypatch.setattr(index.search, "load_corpus", lambda: paragraphs)
    return paragraphs


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


@pytest.mark.parametrize("case", DAMAGES, ids=lambda case: case.name)
def test_build_force_repairs_the_damage(
    case: Damage, settings: IndexSettings, cli_corpus: ChunkSet, capsys: pytest.CaptureFixture[str]
) -> None:
    build_index(settings, cli_corpus, HashingEmbedder())
    case.damage(settings.data_dir, cli_corpus)
    common = ("--embedder", "hash", "--data-dir", str(settings.data_dir))

    if case.snapshot_serves:
        searcher = open_searcher(settings, cli_corpus, HashingEmbedder(), warm=False)
        assert searcher.search(QUERY, 1)[0].chunk.text.startswith("Rainion")
        searcher.close()
        (_build(settings.data_dir) / SNAPSHOT).unlink()  # now Chroma must serve, and its damage shows
    if case.before is None:
        searcher = open_searcher(settings, cli_corpus, HashingEmbedder(), warm=False)
        assert searcher.search(QUERY, 1)[0].chunk.text.startswith("Rainion")
        first = cli_corpus.chunks[0]
        assert searcher.search(first.text, 1, "lexical")[0].chunk == first
        searcher.close()
    else:
        with pytest.raises(case.before) as caught:
            open_searcher(settings, cli_corpus, HashingEmbedder(), warm=False)
        code, err = _cli(capsys, "search", QUERY, *common)
        assert (code, err) == (2, f"virhe: {caught.value.finnish()}\n")
        assert "?" not in err

    code, err = _cli(capsys, "build", "--force", "--json", *common)
    assert code == 0, err

    searcher = open_searcher(settings, cli_corpus, HashingEmbedder(), warm=False)
    assert searcher.search(QUERY, 1)[0].chunk.text.startswith("Rainion")
    assert searcher.search(QUERY, 1, "lexical")[0].chunk.text.startswith("Rainion")
    searcher.close()
    builds = {path.name for path in (settings.index_dir / "builds").iterdir()}
    assert searcher.info.build_id in builds and len(builds) <= 2
    assert not list(settings.index_dir.glob(".current-*"))


def test_the_damage_cases_are_many(paragraphs: ChunkSet) -> None:
    assert len(DAMAGES) >= 16 and len({case.name for case in DAMAGES}) == len(DAMAGES)


def test_a_plain_build_repairs_what_it_can_detect(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    first = build_index(settings, paragraphs, HashingEmbedder())
    _database(settings.data_dir).write_bytes(os.urandom(4096))
    report = build_index(settings, paragraphs, HashingEmbedder())  # no --force: the garbage is not reused
    assert report.build_id != first.build_id and report.embedded == len(paragraphs.chunks)
    assert open_searcher(settings, paragraphs, HashingEmbedder(), warm=False).search(QUERY, 1)[0].chunk.text.startswith("Rainion")


def test_an_up_to_date_build_mends_a_damaged_lexical_index(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    (_lexical(settings.data_dir) / "lexical.json").write_text("{garbage")
    assert build_index(settings, paragraphs, HashingEmbedder()).up_to_date
    assert (_lexical(settings.data_dir) / "lexical.json").read_text().startswith("{\"tokenizer\"")


@pytest.mark.parametrize(
    "failure",
    [OSError(errno.ENOSPC, "No space left on device"), InternalError("Database error: (code: 13) database or disk is full")],
    ids=["ENOSPC", "sqlite-full"],
)
def test_a_full_disk_is_a_finnish_message_and_the_previous_index_serves(
    failure: Exception, settings: IndexSettings, paragraphs: ChunkSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = build_index(settings, paragraphs, HashingEmbedder())
    real_add = index.build.add_chunks

    def add_then_fill_the_disk(collection, chunks, vectors):  # type: ignore[no-untyped-def]
        real_add(collection, chunks[:10], vectors[:10])
        raise failure

    monkeypatch.setattr(index.build, "add_chunks", add_then_fill_the_disk)
    with pytest.raises(DiskFull) as caught:
        build_index(settings, paragraphs, HashingEmbedder(), force=True)
    assert "Levytila loppui" in caught.value.finnish() and "build --force" in caught.value.finnish()
    assert {path.name for path in (settings.index_dir / "builds").iterdir()} == {old.build_id}  # staged build removed
    assert open_searcher(settings, paragraphs, HashingEmbedder(), warm=False).info.build_id == old.build_id

    monkeypatch.undo()
    assert build_index(settings, paragraphs, HashingEmbedder(), force=True).build_id != old.build_id


def test_a_live_build_lock_is_waited_for_then_reported(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    store = LocalStore(settings.index_dir, settings.collection)
    heard: list[str] = []
    with store.lock(wait_s=0):
        other = LocalStore(settings.index_dir, settings.collection)
        with pytest.raises(BuildInProgress, match=f"pid {os.getpid()}") as caught:
            with other.lock(wait_s=0.5, notify=heard.append):
                pass
    assert heard and "odotetaan" in heard[0]
    assert caught.value.finnish().startswith("Hakuhakemistoa rakentaa jo toinen prosessi")
    with pytest.raises(BuildInProgress):
        with store.lock(wait_s=0):
            build_index(
                IndexSettings(data_dir=settings.data_dir, embedder="hash", lock_wait_s=0.2), paragraphs, HashingEmbedder()
            )


def test_a_corpus_edit_after_damage_still_reuses_nothing_broken(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    _delete_half_the_records(settings.data_dir)
    chunks = list(paragraphs.chunks)
    chunks[0] = make_chunk(chunks[0].section_path[0], chunks[0].text + " (muutettu)", chunks[0].lines.start, chunks[0].lines.end)
    edited = chunk_set(tuple(chunks))
    report = build_index(settings, edited, HashingEmbedder())
    assert report.embedded == len(chunks)  # the half-written index is not a source of vectors
    assert open_store(settings).active() is not None
