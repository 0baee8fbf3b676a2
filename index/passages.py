"""What is indexed for a chunk: its section path as a heading, then its text (both retrievers see the same)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from corpus.records import Chunk
from corpus.units import SemanticUnit

PASSAGE_FORMAT = "path-newline-text-3-units"  # bump when passage_text or dense_text changes: indexes record it
# A printed budget cell such as "TA 2024 −32 611 450 €" (column label, year, figure): see corpus chunk texts.
_CELL = re.compile(r"\b(?:TP|TA|TS) \d{4} [−-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})* €;?")
_EMPTY_ROW = re.compile(r"\s+(?=[.;])")


def passage_text(chunk: Chunk) -> str:
    """The section path (titles joined with " › ") on the first line, the chunk text after it."""
    return f"{chunk.section_path_text}\n{chunk.text}" if chunk.section_path else chunk.text


def dense_text(chunk: Chunk) -> str:
    """What the embedder sees: the passage, minus a table's figures (they carry no meaning for the model
    and are a third of the plan's tokens, so embedding takes a third less time); BM25 still indexes them."""
    text = passage_text(chunk)
    if chunk.kind != "table":
        return text
    return _EMPTY_ROW.sub("", _CELL.sub("", text)).replace(":.", ".")


class ChunkSource(Protocol):
    """Anything with chunks, units of meaning and a fingerprint of them: a `corpus.store.Corpus` or a `ChunkSet`."""

    @property
    def chunks(self) -> tuple[Chunk, ...]: ...

    @property
    def units(self) -> tuple[SemanticUnit, ...]: ...

    @property
    def fingerprint(self) -> str: ...


@dataclass(frozen=True)
class ChunkSet:
    """Chunks that do not come from the corpus store (tests, synthetic benchmark corpora)."""

    chunks: tuple[Chunk, ...]
    fingerprint: str
    units: tuple[SemanticUnit, ...] = ()
