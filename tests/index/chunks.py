"""Synthetic chunks for index tests: the plan's source text cut at blank lines (no corpus artifacts needed)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from corpus.records import Chunk, LineRange
from corpus.text import join_wrapped, slugify
from index.passages import ChunkSet

SOURCE = Path(__file__).resolve().parents[2] / "corpus" / "documents" / "hyvinvointilautakunta-2024" / "source.txt"
DOC_ID = "hyvinvointilautakunta-2024"


def paragraph_chunks(min_chars: int = 40) -> tuple[Chunk, ...]:
    """One chunk per paragraph of at least `min_chars`, filed under the last upper-case heading above it."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    chunks: list[Chunk] = []
    heading = "Alku"
    block: list[tuple[int, str]] = []

    def flush() -> None:
        text = join_wrapped([line for _, line in block])
        if len(text) >= min_chars:
            chunks.append(make_chunk(heading, text, block[0][0], block[-1][0]))
        block.clear()

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.isupper() and len(stripped) > 12 and not any(ch.isdigit() for ch in stripped):
            flush()
            heading = stripped.capitalize()
            continue
        block.append((number, stripped))
    flush()
    return tuple(chunks)


def make_chunk(heading: str, text: str, start: int, end: int, doc_id: str = DOC_ID) -> Chunk:
    """A chunk whose id hashes document, section, lines and text (as the corpus does)."""
    section_id = slugify(heading, max_words=3) or "alku"
    digest = hashlib.sha256(f"{doc_id}|{section_id}|{start}-{end}|{text}".encode()).hexdigest()[:16]
    return Chunk(
        doc_id=doc_id,
        id=digest,
        section_id=section_id,
        section_path=(heading,),
        kind="prose",
        text=text,
        lines=LineRange(start, end),
    )


def chunk_set(chunks: tuple[Chunk, ...]) -> ChunkSet:
    """Chunks with a fingerprint computed the way `Corpus.fingerprint` does."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk.id.encode())
    return ChunkSet(chunks=chunks, fingerprint=digest.hexdigest()[:16])
