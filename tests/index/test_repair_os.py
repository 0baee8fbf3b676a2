"""Damage that only the operating system can make: missing permissions and a full disk. Each is a Finnish
message, the previous index keeps serving, and `build --force` repairs it once the cause is gone."""

from __future__ import annotations

import json

import pytest

from tests.index.sandbox import run_in_namespace, run_unprivileged, shared_dir

PRELUDE = """
import io, json, os, subprocess, contextlib
from pathlib import Path
import index.build, index.search
from index import __main__ as cli
from index.build import build_index
from index.embedders.hashing import HashingEmbedder
from index.search import open_searcher
from index.settings import IndexSettings
from tests.index.chunks import chunk_set, paragraph_chunks

source = chunk_set(paragraph_chunks())
index.build.load_corpus = index.search.load_corpus = lambda: source
DATA = Path({data!r})
settings = IndexSettings(data_dir=DATA, embedder="hash")
out = {{}}

def run(*args):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(list(args) + ["--embedder", "hash", "--data-dir", str(DATA)])
    return [code, err.getvalue()]

def answers():
    try:
        searcher = open_searcher(settings, source, HashingEmbedder(), warm=False)
    except Exception as exc:
        return type(exc).__name__ + ": " + getattr(exc, "finnish", lambda: "")()
    try:
        return searcher.search("Rainion päiväkoti lakkaa", 1)[0].chunk.text[:7] + " " + searcher.info.build_id
    finally:
        searcher.close()

def builds():
    return sorted(p.name for p in (DATA / "index" / "builds").iterdir())
"""

PERMISSIONS = PRELUDE + """
build_index(settings, source, HashingEmbedder())
first = (DATA / "index" / "current").resolve()
first.chmod(0)  # the published build cannot be read
out["unreadable_build"] = answers()
out["repair_unreadable_build"] = run("build", "--force", "--json")
out["after_unreadable_build"] = answers()

lexical = next(p for p in (DATA / "index" / "lexical").iterdir() if not p.name.startswith("."))
lexical.chmod(0)  # the lexical index cannot be read
out["unreadable_lexical"] = answers()
out["repair_unreadable_lexical"] = run("build", "--force", "--json")
out["after_unreadable_lexical"] = answers()

(DATA / "index" / "builds").chmod(0o555)  # no new build can be written
out["readonly_builds"] = run("build", "--force", "--json")
out["still_serving"] = answers()
(DATA / "index" / "builds").chmod(0o755)
out["repair_readonly_builds"] = run("build", "--force", "--json")
out["after_readonly_builds"] = answers()
print("RESULT " + json.dumps(out, ensure_ascii=False))
"""

DISK_FULL = PRELUDE + """
disk = DATA.parent
build_index(settings, source, HashingEmbedder())
stats = os.statvfs(disk)
used_kib = (stats.f_blocks - stats.f_bfree) * stats.f_frsize // 1024
subprocess.run(["mount", "-o", f"remount,size={{used_kib + 200}}k", str(disk)], check=True)  # no room for another build
old = builds()
out["full"] = run("build", "--force", "--json")
out["builds_after_full"] = [builds(), old]
out["still_serving"] = answers()
subprocess.run(["mount", "-o", "remount,size=32m", str(disk)], check=True)  # space freed
out["repair"] = run("build", "--force", "--json")
out["after"] = answers()
print("RESULT " + json.dumps(out, ensure_ascii=False))
"""


def _result(completed: object) -> dict[str, list]:
    stdout = getattr(completed, "stdout", "")
    lines = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, f"the script failed:\n{stdout}\n{getattr(completed, 'stderr', '')}"
    return json.loads(lines[-1].removeprefix("RESULT "))


def _serves(answer: object) -> bool:
    return isinstance(answer, str) and answer.startswith("Rainion ")


@pytest.mark.slow
def test_missing_permissions_are_finnish_messages_and_build_force_repairs_them() -> None:
    with shared_dir() as home:
        result = _result(run_unprivileged(PERMISSIONS.format(data=str(home / "data")), home))

    assert str(result["unreadable_build"]).startswith("IndexDamaged: Hakuhakemisto on vioittunut")
    assert result["repair_unreadable_build"] == [0, ""]
    assert _serves(result["after_unreadable_build"])

    assert _serves(result["unreadable_lexical"])  # the lexical index is rebuilt from the corpus
    assert result["repair_unreadable_lexical"] == [0, ""]
    assert _serves(result["after_unreadable_lexical"])

    code, err = result["readonly_builds"]
    assert code == 2 and err.startswith("virhe: Hakuhakemistoon") and "ei voi kirjoittaa" in err
    assert result["still_serving"] == result["after_unreadable_lexical"]  # the previous index, untouched
    assert result["repair_readonly_builds"] == [0, ""]
    assert _serves(result["after_readonly_builds"]) and result["after_readonly_builds"] != result["still_serving"]


@pytest.mark.slow
def test_a_really_full_disk_is_a_finnish_message_and_build_force_repairs_after_space_is_freed() -> None:
    with shared_dir() as home:
        disk = home / "disk"
        disk.mkdir()
        setup = f"mount -t tmpfs -o size=32m tmpfs {disk}"
        result = _result(run_in_namespace(setup, DISK_FULL.format(data=str(disk / "data")), home))

    code, err = result["full"]
    assert code == 2 and err.startswith("virhe: Levytila loppui") and "build --force" in err, err
    after_full, old = result["builds_after_full"]
    assert after_full == old  # the half-written build was removed, freeing its space
    assert _serves(result["still_serving"]) and result["still_serving"].endswith(old[0])
    assert result["repair"] == [0, ""]
    assert _serves(result["after"]) and result["after"] != result["still_serving"]
