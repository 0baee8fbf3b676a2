"""The lexical retriever: BM25 (bm25s) over Finnish tokens, saved next to the index with its vocabulary."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from index.errors import IndexDamaged
from index.finnish import FinnishTokenizer, Lemmatiser
from index.passages import PASSAGE_FORMAT, ChunkSource, passage_text

logger = logging.getLogger(__name__)
_META = "lexical.json"
_BM25_DIR = "bm25"


@dataclass(frozen=True)
class LexicalMatch:
    """A chunk id and its BM25 score."""

    chunk_id: str
    score: float


class LexicalIndex:
    """BM25 over precomputed passage tokens; only the query is tokenised at search time."""

    def __init__(self, ids: Sequence[str], bm25: bm25s.BM25, tokenizer: FinnishTokenizer, fingerprint: str) -> None:
        self.ids = tuple(ids)
        self.fingerprint = fingerprint
        self.tokenizer = tokenizer
        self._bm25 = bm25
        self._row = {chunk_id: row for row, chunk_id in enumerate(self.ids)}

    @property
    def vocabulary_size(self) -> int:
        return len(self._bm25.vocab_dict)

    def search(self, query: str, k: int, allowed: Collection[str] | None = None) -> list[LexicalMatch]:
        """The `k` best chunks with a positive score, best first (ties by index order)."""
        vocab = self._bm25.vocab_dict
        token_ids = [vocab[token] for token in self.tokenizer.query_tokens(query) if token in vocab]
        if not token_ids or k <= 0 or not self.ids:
            return []
        scores = self._bm25.get_scores_from_ids(token_ids)
        if allowed is not None:
            mask = np.zeros(len(self.ids), dtype=bool)
            mask[[self._row[chunk_id] for chunk_id in allowed if chunk_id in self._row]] = True
            scores = np.where(mask, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > k:
            candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        order = candidates[np.lexsort((candidates, -scores[candidates]))]
        return [LexicalMatch(self.ids[row], float(scores[row])) for row in order]

    def save(self, folder: Path, replace: bool = False) -> None:
        """Write the index to `folder` atomically (a temporary folder renamed into place); with `replace`, an
        existing (damaged) index there is swapped out, else it is kept."""
        if folder.parent.exists() and not folder.parent.is_dir():
            folder.parent.unlink()  # a file where the lexical folder belongs
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
        try:
            self._bm25.save(str(staging / _BM25_DIR), show_progress=False)
            meta = {
                "tokenizer": self.tokenizer.version,
                "passages": PASSAGE_FORMAT,
                "fingerprint": self.fingerprint,
                "ids": list(self.ids),
                "vocabulary": self.tokenizer.lemmatiser.known(),
            }
            (staging / _META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            if replace and (folder.exists() or folder.is_symlink()):
                aside = folder.parent / f".old-{staging.name}"  # same parent: needs no permission on `folder`
                os.rename(folder, aside)
                shutil.rmtree(aside, ignore_errors=True)
            try:
                os.rename(staging, folder)
            except OSError:
                if not (folder / _META).is_file():  # lost a race to an identical build: keep theirs
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path, source: ChunkSource | None = None) -> LexicalIndex:
        """Read an index written by `save` (IndexDamaged when it is unreadable or, given `source`, not of its
        chunks)."""
        try:
            meta = json.loads((folder / _META).read_text(encoding="utf-8"))
            lemmatiser = Lemmatiser({word: tuple(lemmas) for word, lemmas in meta["vocabulary"].items()})
            bm25 = bm25s.BM25.load(str(folder / _BM25_DIR), mmap=False)
            index = cls(meta["ids"], bm25, FinnishTokenizer(lemmatiser), meta["fingerprint"])
            rows = bm25.scores["num_docs"] if isinstance(getattr(bm25, "scores", None), dict) else len(index.ids)
        except Exception as exc:  # a damaged file fails in json's, numpy's or bm25s's own ways
            raise IndexDamaged(f"{folder}: the lexical index is unreadable ({type(exc).__name__}: {exc})", where=folder) from exc
        if rows != len(index.ids) or (source is not None and index.ids != tuple(chunk.id for chunk in source.chunks)):
            raise IndexDamaged(f"{folder}: the lexical index does not hold the corpus chunks", where=folder)
        return index


def lexical_key(fingerprint: str) -> str:
    """The folder name of the lexical index for a corpus fingerprint (content-addressed, so never stale)."""
    return f"{fingerprint}-{FinnishTokenizer.version}-{PASSAGE_FORMAT}"


def build_lexical_index(source: ChunkSource, tokenizer: FinnishTokenizer | None = None) -> LexicalIndex:
    """Tokenise every chunk once and build BM25 over token ids."""
    tokenizer = tokenizer or FinnishTokenizer()
    vocab: dict[str, int] = {}
    corpus_ids: list[list[int]] = []
    for chunk in source.chunks:
        corpus_ids.append([vocab.setdefault(token, len(vocab)) for token in tokenizer.passage_tokens(passage_text(chunk))])
    bm25 = bm25s.BM25()
    if corpus_ids:
        bm25.index((corpus_ids, vocab), show_progress=False)
    else:
        bm25.vocab_dict = {}
    # Queries get a tokenizer that knows the corpus vocabulary, exactly as after saving and loading.
    frozen = FinnishTokenizer(Lemmatiser(tokenizer.lemmatiser.vocabulary()))
    return LexicalIndex([chunk.id for chunk in source.chunks], bm25, frozen, source.fingerprint)


def prune_lexical_indexes(folder: Path, keep_fingerprints: Collection[str]) -> None:
    """Remove saved lexical indexes (and abandoned temporary folders) except those for `keep_fingerprints`."""
    if not folder.is_dir():
        return
    keep = {lexical_key(fingerprint) for fingerprint in keep_fingerprints}
    for path in folder.iterdir():
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def open_lexical_index(
    folder: Path, source: ChunkSource, *, rebuild: bool = False, save: bool = True, strict: bool = True
) -> LexicalIndex:
    """The saved index for `source` under `folder`, built first when missing, damaged or `rebuild` is set.

    With `save`, what is built is saved (replacing a damaged index); without, it serves from memory only
    (a reader of a read-only data dir). Not `strict` (a reader): a failed save is logged, not raised.
    """
    target = folder / lexical_key(source.fingerprint)
    if not rebuild and _is_file(target / _META):
        try:
            return LexicalIndex.load(target, source)
        except IndexDamaged as exc:
            logger.warning("%s; building it again", exc)  # derived from the corpus alone
    index = build_lexical_index(source)
    if save:
        try:
            index.save(target, replace=target.exists() or target.is_symlink())
        except OSError as exc:
            if strict:
                raise
            logger.warning("could not save the lexical index at %s (serving it from memory): %s", target, exc)
    return index


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. a folder this process may not read: loading it reports the damage
        return True
