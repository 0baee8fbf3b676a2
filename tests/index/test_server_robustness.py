"""Against a `chroma run` server: builds lock each other out (and a killed builder's lock expires), damage is
repaired by `build --force`, and a running searcher follows rebuilds, also after two or more of them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import chromadb
import pytest

from index.build import build_index
from index.embedders.hashing import HashingEmbedder
from index.errors import BuildInProgress, IndexDamaged, IndexNotBuilt, IndexStoreError
from index.passages import ChunkSet
from index.reloading import open_reloading_searcher
from index.search import open_searcher
from index.settings import IndexSettings
from index.store.server_lock import LockRecord, ServerLock

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
QUERY = "Rainion päiväkoti lakkaa"

BUILDER = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
import index.build
from index.build import build_index
from index.embedders.hashing import HashingEmbedder
from index.errors import IndexStoreError
from index.settings import IndexSettings
from tests.index.chunks import chunk_set, paragraph_chunks

real_add = index.build.add_chunks

def slow_add(collection, chunks, vectors):
    Path({marker!r}).write_text("building")
    time.sleep({stall})
    real_add(collection, chunks, vectors)

index.build.add_chunks = slow_add
settings = IndexSettings(data_dir=Path({data!r}), embedder="hash", chroma_url={url!r}, collection={prefix!r},
                         lock_wait_s={wait}, lock_ttl_s={ttl})
try:
    report = build_index(settings, chunk_set(paragraph_chunks()), HashingEmbedder())
    print("RESULT " + json.dumps({{"up_to_date": report.up_to_date, "build_id": report.build_id}}))
except IndexStoreError as exc:
    print("RESULT " + json.dumps({{"error": type(exc).__name__, "finnish": exc.finnish()}}, ensure_ascii=False))
"""


def _client(url: str) -> chromadb.ClientAPI:
    host, port = url.removeprefix("http://").split(":")
    return chromadb.HttpClient(host=host, port=int(port))


def _names(url: str, prefix: str) -> set[str]:
    return {c.name for c in _client(url).list_collections() if c.name.startswith(f"{prefix}-")}


def _builder(tmp_path: Path, url: str, prefix: str, name: str, *, stall: float, wait: float = 120, ttl: float = 60) -> tuple[subprocess.Popen[str], Path]:
    marker = tmp_path / f"{name}.marker"
    script = BUILDER.format(repo=str(REPO), marker=str(marker), stall=stall, data=str(tmp_path / name), url=url,
                            prefix=prefix, wait=wait, ttl=ttl)
    return subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, text=True), marker


def _result(process: subprocess.Popen[str]) -> dict[str, object]:
    stdout, _ = process.communicate(timeout=180)
    lines = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, stdout
    return json.loads(lines[-1].removeprefix("RESULT "))


def _wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        assert process.poll() is None and time.monotonic() < deadline, "the builder never started writing"
        time.sleep(0.05)


def _settings(tmp_path: Path, url: str, prefix: str, **changes: object) -> IndexSettings:
    return IndexSettings(data_dir=tmp_path / "data", embedder="hash", chroma_url=url, collection=prefix, **changes)  # type: ignore[arg-type]


def test_a_second_concurrent_build_waits_for_the_first(chroma_server_url: str, tmp_path: Path) -> None:
    first, marker = _builder(tmp_path, chroma_server_url, "lock-a", "first", stall=3)
    _wait_for(marker, first)  # the first holds the lock and is writing
    second, _ = _builder(tmp_path, chroma_server_url, "lock-a", "second", stall=0)
    one, two = _result(first), _result(second)
    assert one["up_to_date"] is False and "error" not in one
    assert two == {"up_to_date": True, "build_id": one["build_id"]}  # waited, then found it done
    assert _names(chroma_server_url, "lock-a") == {"lock-a-active", f"lock-a-{one['build_id']}"}  # no lock left


def test_a_second_build_that_cannot_wait_says_a_build_is_in_progress(chroma_server_url: str, tmp_path: Path) -> None:
    first, marker = _builder(tmp_path, chroma_server_url, "lock-b", "first", stall=3)
    _wait_for(marker, first)
    second, _ = _builder(tmp_path, chroma_server_url, "lock-b", "second", stall=0, wait=0.5)
    two, one = _result(second), _result(first)
    assert two["error"] == "BuildInProgress"
    assert str(two["finnish"]).startswith("Hakuhakemistoa rakentaa jo toinen prosessi") and "pid" in str(two["finnish"])
    assert one["up_to_date"] is False


def test_the_lock_of_a_killed_builder_expires(chroma_server_url: str, tmp_path: Path, paragraphs: ChunkSet) -> None:
    killed, marker = _builder(tmp_path, chroma_server_url, "lock-c", "killed", stall=600, ttl=2)
    _wait_for(marker, killed)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=30)
    assert "lock-c-lock" in _names(chroma_server_url, "lock-c")  # left behind by the kill

    # Waiting up to 30 s succeeds only because the lock expires (2 s after its last renewal): a live lock
    # would make this build raise BuildInProgress.
    report = build_index(_settings(tmp_path, chroma_server_url, "lock-c", lock_wait_s=30, lock_ttl_s=2), paragraphs,
                         HashingEmbedder())
    assert report.up_to_date is False
    assert "lock-c-lock" not in _names(chroma_server_url, "lock-c")
    assert open_searcher(_settings(tmp_path, chroma_server_url, "lock-c"), paragraphs, HashingEmbedder(), warm=False).search(QUERY, 1)
    builds = _names(chroma_server_url, "lock-c") - {"lock-c-active"}
    assert builds == {f"lock-c-{report.build_id}"}  # the killed build's half-written collection was pruned


def test_a_builder_that_lost_its_lock_cannot_publish(chroma_server_url: str) -> None:
    client = _client(chroma_server_url)
    first = ServerLock(client, "lock-d-lock", "here", wait_s=0, ttl_s=1, notify=lambda text: None)
    first.__enter__()
    first._stop.set()  # stalled: stops renewing
    time.sleep(1.3)
    second = ServerLock(client, "lock-d-lock", "here", wait_s=5, ttl_s=30, notify=lambda text: None)
    with second:
        with pytest.raises(BuildInProgress, match="lost the build lock"):
            first.check()
        second.check()
        first.__exit__(None, None, None)  # does not remove the lock it lost
        assert LockRecord.from_metadata(client.get_collection("lock-d-lock").metadata).token == second.token
    assert "lock-d-lock" not in _names(chroma_server_url, "lock-d")


def _modify(url: str, name: str, metadata: dict[str, object]) -> None:
    _client(url).get_collection(name).modify(metadata=metadata)


def _published(url: str, prefix: str) -> str:
    return f"{prefix}-{_client(url).get_collection(f'{prefix}-active').metadata['build_id']}"


def _delete_half(url: str, name: str) -> None:
    collection = _client(url).get_collection(name)
    ids = collection.get(include=[])["ids"]
    collection.delete(ids=ids[: len(ids) // 2])


SERVER_DAMAGES: list[tuple[str, Callable[[str, str], object], type[IndexStoreError] | None]] = [
    ("pointer deleted", lambda u, p: _client(u).delete_collection(f"{p}-active"), IndexNotBuilt),
    ("pointer names a missing build", lambda u, p: _modify(u, f"{p}-active", {"build_id": "20990101T000000-abcdef"}), IndexDamaged),
    ("pointer metadata garbage", lambda u, p: _modify(u, f"{p}-active", {"junk": 1}), IndexNotBuilt),
    ("published collection deleted", lambda u, p: _client(u).delete_collection(_published(u, p)), IndexDamaged),
    ("published collection half written", lambda u, p: _delete_half(u, _published(u, p)), IndexDamaged),
    ("published metadata garbage", lambda u, p: _modify(u, _published(u, p), {"junk": 1}), IndexNotBuilt),
    ("garbage build lock", lambda u, p: _client(u).create_collection(f"{p}-lock", metadata={"junk": 1}), None),
    ("expired build lock", lambda u, p: _client(u).create_collection(
        f"{p}-lock", metadata=LockRecord("dead", "killed host pid 1", time.time() - 1).metadata()), None),
]


@pytest.mark.parametrize("name, damage, before", SERVER_DAMAGES, ids=[case[0] for case in SERVER_DAMAGES])
def test_build_force_repairs_a_damaged_server_index(
    name: str, damage: Callable[[str, str], object], before: type[IndexStoreError] | None,
    chroma_server_url: str, tmp_path: Path, paragraphs: ChunkSet,
) -> None:
    prefix = "dmg-" + "".join(ch for ch in name if ch.isalpha())[:20]
    settings = _settings(tmp_path, chroma_server_url, prefix, lock_wait_s=1)
    build_index(settings, paragraphs, HashingEmbedder())
    damage(chroma_server_url, prefix)
    if before is not None:
        with pytest.raises(before) as caught:
            open_searcher(settings, paragraphs, HashingEmbedder(), warm=False)
        assert "?" not in caught.value.finnish()
    report = build_index(settings, paragraphs, HashingEmbedder(), force=True)
    searcher = open_searcher(settings, paragraphs, HashingEmbedder(), warm=False)
    assert searcher.info.build_id == report.build_id
    assert searcher.search(QUERY, 1)[0].chunk.text.startswith("Rainion")
    assert f"{prefix}-lock" not in _names(chroma_server_url, prefix)


def test_a_plain_searcher_fails_in_finnish_after_two_rebuilds_and_a_reloading_one_follows(
    chroma_server_url: str, tmp_path: Path, paragraphs: ChunkSet
) -> None:
    settings = _settings(tmp_path, chroma_server_url, "reload-a")
    build_index(settings, paragraphs, HashingEmbedder())
    plain = open_searcher(settings, paragraphs, HashingEmbedder(), warm=False)
    following = open_reloading_searcher(settings, paragraphs, HashingEmbedder(), warm=False, check_every_s=3600)
    for _ in range(3):  # the first build's collection is pruned by the second rebuild
        latest = build_index(settings, paragraphs, HashingEmbedder(), force=True)
    with pytest.raises(IndexDamaged) as caught:
        plain.search(QUERY, 1)
    assert "build --force" in caught.value.finnish()
    assert following.search(QUERY, 1)[0].chunk.text.startswith("Rainion")  # reopened on the spot
    assert following.generation == latest.build_id
    following.close()


def test_a_reloading_searcher_notices_server_rebuilds(chroma_server_url: str, tmp_path: Path, paragraphs: ChunkSet) -> None:
    settings = _settings(tmp_path, chroma_server_url, "reload-b")
    build_index(settings, paragraphs, HashingEmbedder())
    following = open_reloading_searcher(settings, paragraphs, HashingEmbedder(), warm=False, check_every_s=0.05)
    for _ in range(3):
        latest = build_index(settings, paragraphs, HashingEmbedder(), force=True)
        deadline = time.monotonic() + 10
        while following.generation != latest.build_id:
            assert following.search(QUERY, 1)[0].chunk.text.startswith("Rainion")
            assert time.monotonic() < deadline, "the rebuild was not noticed"
            time.sleep(0.02)
    following.close()


def test_the_server_prune_spares_other_prefixes(chroma_server_url: str, tmp_path: Path, paragraphs: ChunkSet) -> None:
    other = build_index(_settings(tmp_path, chroma_server_url, "spare-x"), paragraphs, HashingEmbedder())
    for _ in range(3):
        build_index(_settings(tmp_path, chroma_server_url, "spare"), paragraphs, HashingEmbedder(), force=True)
    assert {"spare-x-active", f"spare-x-{other.build_id}"} <= _names(chroma_server_url, "spare")

