"""`python -m tests.index.bench_robustness`: what bounded calls and reloading cost, and how a hung server fails.

Prints JSON (p50 and p95 in ms unless named _s): a dense query straight to Chroma vs. through the call guard
vs. from the build's vector snapshot (what a local searcher serves), one generation check, opening a new generation, publish-to-switch of a reloading searcher (check every 0.5 s),
searches against a Chroma server hung by a proxy, and the private copy a read-only data dir is served from.
Runs in a temporary folder with the hash embedder over the plan's paragraphs; starts its own `chroma run`.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from index.build import build_index
from index.chroma_server import chroma_server
from index.dense import DenseRetriever
from index.embedders.hashing import HashingEmbedder
from index.errors import IndexStoreError
from index.reloading import open_reloading_searcher
from index.search import open_searcher, searcher_for
from index.settings import IndexSettings
from index.store import open_store, require_active
from index.store.calls import deadline_after
from index.store.local import _private_copy
from tests.index.chunks import chunk_set, paragraph_chunks
from tests.index.hung_server import HangingProxy

SOURCE = chunk_set(paragraph_chunks())
EMBEDDER = HashingEmbedder()


def _p50_p95(samples: list[float]) -> list[float]:
    ordered = sorted(samples)
    return [round(statistics.median(ordered), 2), round(ordered[int(len(ordered) * 0.95)], 2)]


def _ms(call: Any) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _store_costs(settings: IndexSettings) -> dict[str, list[float]]:
    build_index(settings, SOURCE, EMBEDDER)
    searcher = open_searcher(settings, SOURCE, EMBEDDER, warm=False)  # served from the vector snapshot
    vector = EMBEDDER.embed_queries(["Rainion päiväkoti lakkaa"])[0]
    chroma_index = require_active(open_store(settings), snapshot=False)
    collection = chroma_index.chroma()
    chroma = DenseRetriever(collection, EMBEDDER, chroma_index.guard, count=chroma_index.info.chunks)

    def direct() -> object:
        return collection.query(query_embeddings=vector.reshape(1, -1), n_results=30, include=["distances"])  # type: ignore[list-item]

    for _ in range(20):
        direct()
    plain, guarded, snapshot = [], [], []
    for _ in range(300):
        plain.append(_ms(direct))
        guarded.append(_ms(lambda: chroma.search_vector(vector, 30)))
        snapshot.append(_ms(lambda: searcher.dense.search_vector(vector, 30)))
    chroma_index.close()
    store = open_store(settings)
    checks = [_ms(store.generation) for _ in range(50)]
    opens = []
    for _ in range(10):
        started = time.perf_counter()
        other = searcher_for(require_active(store), settings, SOURCE, EMBEDDER, searcher.lexical)
        opens.append((time.perf_counter() - started) * 1000)
        other.close()
    following = open_reloading_searcher(settings, SOURCE, EMBEDDER, warm=False, check_every_s=0.5)
    switches = []
    for _ in range(5):
        build = build_index(settings, SOURCE, EMBEDDER, force=True)
        started = time.perf_counter()
        while following.generation != build.build_id:
            following.search("Rainion", 1)
            time.sleep(0.005)
        switches.append((time.perf_counter() - started) * 1000)
    following.close()
    searcher.close()
    return {"query_direct_ms": _p50_p95(plain), "query_guarded_ms": _p50_p95(guarded), "query_snapshot_ms": _p50_p95(snapshot),
            "generation_check_ms": _p50_p95(checks), "open_generation_ms": _p50_p95(opens),
            "publish_to_switch_ms": _p50_p95(switches)}


def _hung(url: str, data: Path) -> dict[str, Any]:
    with HangingProxy(int(url.rsplit(":", 1)[1])) as proxy:
        settings = IndexSettings(data_dir=data, embedder="hash", chroma_url=proxy.url, chroma_timeout_s=5)
        searcher = open_reloading_searcher(settings, SOURCE, EMBEDDER, warm=False)
        proxy.hang()
        failed: dict[str, float] = {}
        for label, deadline in (("deadline 0.5 s", 0.5), ("deadline 1 s", 1.0), ("deadline 2 s", 2.0), ("none (5 s)", None)):
            started = time.perf_counter()
            try:
                searcher.search("Rainion", 1, deadline=None if deadline is None else deadline_after(deadline))
            except IndexStoreError:
                failed[label] = round(time.perf_counter() - started, 3)
        lexical = _ms(lambda: searcher.search("Rainion", 1, "lexical"))
        proxy.recover()
        started = time.perf_counter()
        while True:
            try:
                searcher.search("Rainion", 1)
                break
            except IndexStoreError:
                time.sleep(0.05)
        return {"search_failed_after_s": failed, "lexical_search_meanwhile_ms": round(lexical, 2),
                "answering_again_after_s": round(time.perf_counter() - started, 2)}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        report: dict[str, Any] = {"local": _store_costs(IndexSettings(data_dir=root / "local", embedder="hash"))}
        with chroma_server(root / "server") as url:
            report["server"] = _store_costs(IndexSettings(data_dir=root / "srv", embedder="hash", chroma_url=url))
            report["hung_server"] = _hung(url, root / "hung")
        build = next((root / "local" / "index" / "builds").iterdir())
        report["read_only_copy_ms"] = round(_ms(lambda: _private_copy(build / "chroma")), 1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
