"""A read-only data dir serves its index (nothing is written there, not even attempted) and refuses builds in Finnish."""

from __future__ import annotations

import json
import shutil

import pytest

from index.build import build_index
from index.embedders.hashing import HashingEmbedder
from index.passages import ChunkSet
from index.settings import IndexSettings
from tests.index.sandbox import run_read_only, shared_dir

READER = """
import io, json, os, sys, contextlib
from pathlib import Path
DATA = Path({data!r})
writes = []

def audit(event, args):
    # Every write this process attempts under the data dir, as Python sees it (opens for writing, mkdir, rename, …).
    if event == "open" and args[0] is not None and isinstance(args[0], (str, bytes, os.PathLike)):
        mode, flags = args[1], args[2]
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (flags or 0) & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            path = os.fsdecode(args[0])
            if path.startswith(str(DATA)):
                writes.append((event, path))
    elif event in ("os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.symlink", "shutil.rmtree", "os.truncate"):
        if str(DATA) in " ".join(os.fsdecode(a) for a in args if isinstance(a, (str, bytes, os.PathLike))):
            writes.append((event, args))

sys.addaudithook(audit)
import index.build, index.search, index.reloading
from index import __main__ as cli
from index.build import index_stats
from index.embedders.hashing import HashingEmbedder
from index.reloading import open_reloading_searcher
from index.search import open_searcher
from index.settings import IndexSettings
from index.store import open_store
from tests.index.chunks import chunk_set, paragraph_chunks

source = chunk_set(paragraph_chunks())
index.build.load_corpus = index.search.load_corpus = lambda: source
settings = IndexSettings(data_dir=DATA, embedder="hash")
out = {{}}
searcher = open_searcher(settings, source, HashingEmbedder(), warm=False)
out["hits"] = {{mode: searcher.search("Rainion päiväkoti lakkaa", 1, mode)[0].chunk.text[:7] for mode in ("fused", "dense", "lexical")}}
active = open_store(settings).active()
out["read_only"] = active.read_only
active.close()
out["stats_chunks"] = index_stats(settings, source).chunks
reloading = open_reloading_searcher(settings, source, HashingEmbedder(), warm=False, check_every_s=0)
out["reloading"] = reloading.search("Rainion päiväkoti lakkaa", 1)[0].chunk.text[:7]
out["refresh"] = reloading.refresh()
common = ["--embedder", "hash", "--data-dir", str(DATA)]
for name, args in (("build", ["build", "--force"]), ("stats", ["stats", "--json"]), ("search", ["search", "Rainion", "--json"])):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(args + common)
    out[name] = [code, err.getvalue()]
out["writes"] = [str(w) for w in writes]
print("RESULT " + json.dumps(out, ensure_ascii=False))
"""


def _result(completed: object) -> dict[str, object]:
    stdout = getattr(completed, "stdout", "")
    lines = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, f"the reader failed:\n{stdout}\n{getattr(completed, 'stderr', '')}"
    return json.loads(lines[-1].removeprefix("RESULT "))


@pytest.mark.slow
@pytest.mark.parametrize("lexical", ["saved", "missing"])
def test_a_read_only_data_dir_serves_its_index(lexical: str, paragraphs: ChunkSet) -> None:
    with shared_dir() as home:
        data = home / "data"
        build_index(IndexSettings(data_dir=data, embedder="hash"), paragraphs, HashingEmbedder())
        if lexical == "missing":
            shutil.rmtree(data / "index" / "lexical")  # then the reader builds it in memory only
        before = sorted((str(p), p.stat().st_mtime_ns) for p in data.rglob("*") if not p.is_symlink())

        result = _result(run_read_only(data, READER.format(data=str(data)), home))

        assert result["hits"] == {"fused": "Rainion", "dense": "Rainion", "lexical": "Rainion"}
        assert result["read_only"] is True and result["stats_chunks"] == len(paragraphs.chunks)
        assert result["reloading"] == "Rainion" and result["refresh"] is False
        code, err = result["build"]  # type: ignore[misc]
        assert code == 2 and err.startswith("virhe: Hakuhakemistoon") and "ei voi kirjoittaa" in err
        assert result["stats"][0] == 0 and result["search"][0] == 0  # type: ignore[index]
        assert result["writes"] == []
        assert sorted((str(p), p.stat().st_mtime_ns) for p in data.rglob("*") if not p.is_symlink()) == before
