"""Candidate evidence sentences from retrieved chunks, each with its section and source lines."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

from assistant.language.coverage import Lemmas, coverage, lemma_set, raw_words, words
from corpus.chunks import sentences
from corpus.text import fold
from corpus.records import Chunk, LineRange
from corpus.store import Corpus
from index.hits import Hit

PARTIAL_CREDIT = 0.25  # a shared compound part ("tulo" in "verotulot") is weak evidence
TABLE_FACTOR = 0.6  # table rows are answered exactly by the figure tools; as prose they are a last resort
# A sentence that opens with one of these leans on the previous one ("Sen tehtäviin kuuluvat myös …").
_ANAPHORA = frozenset({"se", "sen", "sitä", "siihen", "siitä", "siinä", "ne", "niiden", "niitä", "niihin", "näiden",
                       "tämä", "tämän", "tätä", "nämä", "tähän", "tästä", "lisäksi", "myös", "näin", "täten"})
_STRUCTURED_SPLIT = re.compile(r"(?<=\.)\s+(?=[A-ZÄÖ])")


@dataclass(frozen=True)
class Candidate:
    """One sentence of a retrieved chunk, scored against the question."""

    chunk: Chunk
    text: str
    lines: LineRange
    hit_rank: int
    score: float
    matched: tuple[str, ...]
    partial: tuple[str, ...] = ()
    context: str = ""  # the previous sentence when this one refers back to it
    context_start: int = 0

    @property
    def quote(self) -> str:
        return f"{self.context} {self.text}" if self.context else self.text

    @property
    def quote_lines(self) -> LineRange:
        return LineRange(self.context_start, self.lines.end) if self.context else self.lines


class SentenceIndex:
    """Sentences per chunk (with line ranges) and word rarity over the corpus, computed once."""

    def __init__(self, corpus: Corpus) -> None:
        self._by_chunk: dict[str, list[tuple[str, LineRange]]] = {}
        for document in corpus.documents:
            by_section = {
                section.id: sentences(document.repaired_lines, section)
                for section in document.sections
                if section.kind == "prose"
            }
            for chunk in document.chunks:
                if chunk.kind == "prose":
                    self._by_chunk[chunk.id] = [
                        (s.text, s.lines)
                        for s in by_section.get(chunk.section_id, [])
                        if chunk.lines.start <= s.lines.start and s.lines.end <= chunk.lines.end and s.text in chunk.text
                    ]
                else:
                    self._by_chunk[chunk.id] = [(part, chunk.lines) for part in _STRUCTURED_SPLIT.split(chunk.text)]
        frequency: Counter[str] = Counter()
        units = [text for parts in self._by_chunk.values() for text, _ in parts]
        for text in units:
            frequency.update({word[:5] for word in words(text)})
        self._idf = {stem: math.log((1 + len(units)) / (1 + count)) + 1.0 for stem, count in frequency.items()}
        self._default_idf = math.log(1 + len(units)) + 1.0

        self._lemma_sets: dict[str, frozenset[str]] = {}

    def idf(self, term: str) -> float:
        return self._idf.get(fold(term)[:5], self._default_idf)

    def _weight(self, term: str) -> float:
        # A year or other number says less about the topic than a word does.
        return self.idf(term) * (0.5 if term.isdigit() else 1.0)

    def text_lemmas(self, text: str, lemmas: Lemmas | None) -> frozenset[str]:
        """Folded words and base forms of a text, memoised (the corpus vocabulary is known to the lemmatiser)."""
        key = text if lemmas is not None else "\x00" + text
        found = self._lemma_sets.get(key)
        if found is None:
            found = self._lemma_sets[key] = lemma_set(raw_words(text), lemmas)
        return found

    def candidates(
        self,
        hits: Sequence[Hit],
        terms: tuple[str, ...],
        query_lemmas: Lemmas | None = None,
        text_lemmas: Lemmas | None = None,
    ) -> list[Candidate]:
        """Every sentence of the hits, scored by rarity-weighted coverage of the question's words (a
        sentence also gets credit for words of its section's title) and by the hit's rank."""
        found: list[Candidate] = []
        for hit in hits:
            path = self.text_lemmas(" ".join(hit.chunk.section_path), text_lemmas)
            parts = self._by_chunk.get(hit.chunk.id, [(hit.chunk.text, hit.chunk.lines)])
            factor = TABLE_FACTOR if hit.chunk.kind == "table" else 1.0
            for index, (text, lines) in enumerate(parts):
                known = self.text_lemmas(text, text_lemmas) | path
                cover = coverage(terms, text + " " + " ".join(hit.chunk.section_path), query_lemmas, known)
                score = factor * (self.term_weight(terms, cover.matched, cover.partial) + 0.15 / hit.rank)
                context, context_start = ("", 0)
                if index > 0 and _refers_back(text):
                    context, context_start = parts[index - 1][0], parts[index - 1][1].start
                found.append(
                    Candidate(hit.chunk, text, lines, hit.rank, score, cover.matched, cover.partial, context, context_start)
                )
        return sorted(found, key=lambda c: (-c.score, c.hit_rank, c.lines.start))

    @staticmethod
    def prefer_numbers(candidates: list[Candidate], states_number: Callable[[str], bool]) -> list[Candidate]:
        """For 'how many' questions: sentences that state a number first, each group by score."""
        return sorted(candidates, key=lambda c: (not states_number(c.text), -c.score, c.hit_rank, c.lines.start))

    def term_weight(self, terms: tuple[str, ...], matched: tuple[str, ...], partial: tuple[str, ...] = ()) -> float:
        """Share of the question's rarity-weighted terms that `matched` (and a little of `partial`) covers (0..1)."""
        total = sum(self._weight(term) for term in terms)
        covered = sum(self._weight(term) for term in matched) + PARTIAL_CREDIT * sum(self._weight(term) for term in partial)
        return covered / total if total else 0.0


def _refers_back(sentence: str) -> bool:
    first = sentence.split(" ", 1)[0].strip(",.:;").lower()
    return first in _ANAPHORA
