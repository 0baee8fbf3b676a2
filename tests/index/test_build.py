"""Building the index: idempotent, incremental by chunk id, atomic under SIGKILL, and checked when opened."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import index.build
import index.search
from index import __main__ as cli
from index.build import build_index, index_stats
from index.embedders.hashing import HashingEmbedder
from index.errors import EmbedderMismatch, IndexNotBuilt, StaleIndex
from index.passages import ChunkSet
from index.search import open_searcher
from index.settings import IndexSettings
from index.store import open_store, require_active
from index.store.snapshot import load_snapshot
from tests.index.chunks import chunk_set, make_chunk

REPO = Path(__file__).resolve().parents[2]


class CountingEmbedder(HashingEmbedder):
    """The hash embedder, counting the passages it embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded: list[str] = []

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return super().embed_passages(texts)


def _edited(source: ChunkSet, n: int = 1) -> ChunkSet:
    """`source` with the text of its first `n` chunks changed (so their ids change)."""
    chunks = list(source.chunks)
    for i in range(n):
        old = chunks[i]
        chunks[i] = make_chunk(old.section_path[0], old.text + " (muutettu)", old.lines.start, old.lines.end)
    return chunk_set(tuple(chunks))


def test_first_build_embeds_everything_and_publishes(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    embedder = CountingEmbedder()
    report = build_index(settings, paragraphs, embedder)
    assert (report.chunks, report.embedded, report.reused, report.up_to_date) == (len(paragraphs.chunks), len(paragraphs.chunks), 0, False)
    assert (report.embedder, report.dim, report.fingerprint) == ("hash", 256, paragraphs.fingerprint)
    assert len(embedder.embedded) == len(paragraphs.chunks)
    assert open_searcher(settings, paragraphs, embedder, warm=False).info.build_id == report.build_id


def test_a_second_build_of_the_same_corpus_changes_nothing(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    first = build_index(settings, paragraphs, HashingEmbedder())
    embedder = CountingEmbedder()
    second = build_index(settings, paragraphs, embedder)
    assert second.up_to_date and second.build_id == first.build_id
    assert embedder.embedded == []


def test_only_changed_chunks_are_embedded_again(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    edited = _edited(paragraphs, n=2)
    embedder = CountingEmbedder()
    report = build_index(settings, edited, embedder)
    assert (report.embedded, report.reused) == (2, len(paragraphs.chunks) - 2)
    assert all(text.endswith("(muutettu)") for text in embedder.embedded)
    expected = HashingEmbedder().embed_passages([index.build.dense_text(edited.chunks[5])])[0]
    active = require_active(open_store(settings), snapshot=False)
    stored = active.chroma().get(ids=[edited.chunks[5].id], include=["embeddings"])["embeddings"]
    active.close()
    assert stored is not None
    np.testing.assert_allclose(stored[0], expected, atol=1e-6)
    snapshot = load_snapshot(Path(active.location))  # the vectors searching reads, written with the build
    np.testing.assert_allclose(snapshot.chunk_vectors[snapshot.chunk_ids.index(edited.chunks[5].id)], expected, atol=1e-6)


def test_force_embeds_everything_again(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    embedder = CountingEmbedder()
    report = build_index(settings, paragraphs, embedder, force=True)
    assert report.embedded == len(paragraphs.chunks) and not report.up_to_date


def test_another_embedder_rebuilds_without_reusing_vectors(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    report = build_index(replace(settings, embedder="hash:64"), paragraphs, HashingEmbedder(64))
    assert (report.embedder, report.dim, report.reused) == ("hash:64", 64, 0)


def test_opening_before_any_build_says_how_to_build(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    with pytest.raises(IndexNotBuilt, match=r"python -m index build") as caught:
        open_searcher(settings, paragraphs, HashingEmbedder(), warm=False)
    assert "Rakenna se komennolla `python -m index build`" in caught.value.finnish()


def test_opening_with_another_embedder_is_a_mismatch(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    with pytest.raises(EmbedderMismatch, match=r"built with embedder 'hash', settings ask for 'hash:64'.*--embedder hash:64") as caught:
        open_searcher(replace(settings, embedder="hash:64"), paragraphs, HashingEmbedder(64), warm=False)
    assert "upotusmallilla hash" in caught.value.finnish() and "?" not in caught.value.finnish()


def test_opening_after_the_corpus_changed_is_stale(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    build_index(settings, paragraphs, HashingEmbedder())
    edited = _edited(paragraphs)
    with pytest.raises(StaleIndex, match=rf"built from corpus {paragraphs.fingerprint}, corpus is now {edited.fingerprint}") as caught:
        open_searcher(settings, edited, HashingEmbedder(), warm=False)
    assert "vanhentunut" in caught.value.finnish() and "?" not in caught.value.finnish()


def test_an_index_of_an_older_passage_format_is_stale(settings: IndexSettings, paragraphs: ChunkSet, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index.build, "PASSAGE_FORMAT", "older-format")
    build_index(settings, paragraphs, HashingEmbedder())
    monkeypatch.undo()
    with pytest.raises(StaleIndex, match=r"passage format older-format, this version uses"):
        open_searcher(settings, paragraphs, HashingEmbedder(), warm=False)
    assert build_index(settings, paragraphs, HashingEmbedder()).embedded == len(paragraphs.chunks)  # nothing reused


def test_old_builds_are_pruned_but_the_previous_one_is_kept(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    ids = [build_index(settings, source, HashingEmbedder()).build_id for source in (paragraphs, _edited(paragraphs, 1), _edited(paragraphs, 2))]
    assert sorted(path.name for path in (settings.index_dir / "builds").iterdir()) == sorted(ids[1:])
    assert (settings.index_dir / "current").resolve().name == ids[2]
    assert len(list((settings.index_dir / "lexical").iterdir())) == 2  # lexical indexes are pruned alike


def test_stats_describe_the_published_index(settings: IndexSettings, paragraphs: ChunkSet) -> None:
    report = build_index(settings, paragraphs, HashingEmbedder())
    stats = index_stats(settings, paragraphs)
    assert (stats.build_id, stats.embedder, stats.dim, stats.chunks, stats.up_to_date) == (report.build_id, "hash", 256, len(paragraphs.chunks), True)
    assert sum(stats.sections.values()) == len(paragraphs.chunks)
    assert stats.lexical_vocabulary and stats.disk_bytes
    assert index_stats(settings, _edited(paragraphs)).up_to_date is False


def test_data_dir_comes_from_the_environment(tmp_path: Path) -> None:
    settings = IndexSettings.from_env({"KAYTTO_DATA_DIR": str(tmp_path), "KAYTTO_EMBEDDER": "hash"})
    assert (settings.index_dir, settings.embedder, settings.chroma_url) == (tmp_path / "index", "hash", None)
    assert IndexSettings.from_env({}, data_dir=tmp_path / "x").index_dir == tmp_path / "x" / "index"
    default = IndexSettings.from_env({}).data_dir
    assert not default.is_relative_to(REPO / "index") and not default.is_relative_to(REPO / "corpus")


def test_cli_build_then_stats_as_json(settings: IndexSettings, paragraphs: ChunkSet, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(index.build, "load_corpus", lambda: paragraphs)
    common = ["--embedder", "hash", "--data-dir", str(settings.data_dir)]
    assert cli.main(["build", *common, "--json"]) == 0
    built = json.loads(capsys.readouterr().out)
    assert (built["chunks"], built["embedded"], built["embedder"]) == (len(paragraphs.chunks), len(paragraphs.chunks), "hash")
    assert cli.main(["stats", *common, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["build_id"], stats["up_to_date"]) == (built["build_id"], True)


def test_cli_search_prints_hits_with_provenance(settings: IndexSettings, paragraphs: ChunkSet, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(index.build, "load_corpus", lambda: paragraphs)
    monkeypatch.setattr(index.search, "load_corpus", lambda: paragraphs)
    common = ["--embedder", "hash", "--data-dir", str(settings.data_dir)]
    assert cli.main(["build", *common, "--json"]) == 0
    capsys.readouterr()
    assert cli.main(["search", "Rainion päiväkoti lakkaa", "-k", "2", "--json", *common]) == 0
    hits = json.loads(capsys.readouterr().out)
    rainio = next(chunk for chunk in paragraphs.chunks if chunk.text.startswith("Rainion"))
    assert [hit["rank"] for hit in hits] == [1, 2]
    assert (hits[0]["chunk_id"], hits[0]["section_id"], hits[0]["lines"]) == (rainio.id, rainio.section_id, rainio.lines.as_list())
    assert set(hits[0]["retriever_ranks"]) == {"dense", "lexical"}


def test_cli_errors_are_finnish_on_stderr(tmp_path: Path, paragraphs: ChunkSet, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(index.build, "load_corpus", lambda: paragraphs)
    assert cli.main(["stats", "--embedder", "hash", "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("virhe: Hakuhakemistoa ei ole vielä rakennettu")
    assert cli.main(["build", "--embedder", "openai", "--data-dir", str(tmp_path)]) == 2
    assert "Tuntematon upotusmalli openai" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["build", "stats", "search", "bench"])
def test_every_command_help_has_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    assert f"esimerkki: python -m index {command}" in capsys.readouterr().out


KILLED_BUILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
import index.build
import index.search
from index.build import build_index
from index.embedders.hashing import HashingEmbedder
from index.settings import IndexSettings
from tests.index.chunks import chunk_set, make_chunk, paragraph_chunks

real_add = index.build.add_chunks

def add_half_then_stall(collection, chunks, vectors):
    half = len(chunks) // 2
    real_add(collection, chunks[:half], vectors[:half])  # the new index is half written...
    Path({marker!r}).write_text("half")
    time.sleep(600)  # ...when the test kills us

index.build.add_chunks = add_half_then_stall
chunks = list(paragraph_chunks())
chunks[0] = make_chunk(chunks[0].section_path[0], chunks[0].text + " (uusi)", chunks[0].lines.start, chunks[0].lines.end)
build_index(IndexSettings(data_dir=Path({data_dir!r}), embedder="hash"), chunk_set(tuple(chunks)), HashingEmbedder(), force=True)
"""


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_index_serving(settings: IndexSettings, paragraphs: ChunkSet, tmp_path: Path) -> None:
    old = build_index(settings, paragraphs, HashingEmbedder())
    marker = tmp_path / "marker"
    script = KILLED_BUILD.format(repo=str(REPO), marker=str(marker), data_dir=str(settings.data_dir))
    process = subprocess.Popen([sys.executable, "-c", script], cwd=REPO)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert process.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "the build never reached the half-written state"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    builds = {path.name for path in (settings.index_dir / "builds").iterdir()}
    assert len(builds) == 2 and old.build_id in builds  # the half-written build is there, unpublished

    searcher = open_searcher(settings, paragraphs, HashingEmbedder(), warm=False)
    assert searcher.info.build_id == old.build_id
    assert searcher.search("Rainion päiväkoti lakkaa", 1)[0].chunk.text.startswith("Rainion")

    again = build_index(settings, _edited(paragraphs), HashingEmbedder())  # the lock was released by the kill
    assert {path.name for path in (settings.index_dir / "builds").iterdir()} == {old.build_id, again.build_id}
