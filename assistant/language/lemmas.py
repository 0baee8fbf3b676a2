"""Lemma coverage: how much of a question's content a text says, by base forms and compound parts.

A question word is covered by a text when one of its base forms is a base form of a text word ("päiväkodeissa"
and "päiväkodin": päiväkoti); it is covered in part when only a compound part links them ("koululounas" and
"koulu", "johtaja" and "koulutusjohtaja"). Words are weighted by how rare their base forms are in the plan.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.language.analysis import Word
from assistant.language.morphology import Morphology
from corpus.morphology import words_of
from corpus.text import fold

DERIVATION_CREDIT = 0.6  # a related word of the same root: "markkinoida" and "markkinointi" (a long shared start)
STEM = 6
PART_OF_TEXT_WORD = 0.75  # the question's word is part of a text compound: "kirjasto" in "kirjastotoiminta"
PARTIAL_CREDIT = 0.35  # only a part of the question's own compound is in the text: "koulu" of "koululounas"
VERB_SHARE = 0.5  # a verb says what happens, a noun what the question is about: a verb weighs half


@dataclass(frozen=True)
class TextLemmas:
    """The base forms of a text's words and, apart, the base forms of their compound parts."""

    lemmas: frozenset[str]
    parts: frozenset[str]
    stems: frozenset[str] = frozenset()  # the first letters of every long base form, for derivations
    roots: frozenset[str] = frozenset()  # the base forms and the roots they are derived from (Voikko's)


@dataclass(frozen=True)
class Coverage:
    """Which content words of a question a text covers, and their rarity-weighted share (0..1)."""

    matched: tuple[str, ...]
    partial: tuple[str, ...]
    missing: tuple[str, ...]
    weight: float

    @property
    def ratio(self) -> float:
        total = len(self.matched) + len(self.partial) + len(self.missing)
        return len(self.matched) / total if total else 0.0


class LemmaIndex:
    """Base forms of the plan's texts, with the rarity (idf) of each base form among them."""

    def __init__(self, morphology: Morphology, texts: Iterable[str]) -> None:
        self.morphology = morphology
        self._cache: dict[str, TextLemmas] = {}
        sets = [self.text_lemmas(text) for text in texts]
        frequency: Counter[str] = Counter()
        for found in sets:
            frequency.update(found.lemmas | found.parts)
        self._idf = {lemma: math.log((1 + len(sets)) / (1 + count)) + 1.0 for lemma, count in frequency.items()}
        self._unseen = math.log(1 + len(sets)) + 1.0
        self.vocabulary = frozenset(frequency)
        self._relatives = frozenset().union(*(found.roots for found in sets)) if sets else frozenset()

    def text_lemmas(self, text: str) -> TextLemmas:
        """Base forms of a text's words (memoised: the plan's texts are read once)."""
        found = self._cache.get(text)
        if found is None:
            lemmas: set[str] = set()
            parts: set[str] = set()
            roots: set[str] = set()
            for word in words_of(text):
                reading = self.morphology.read(word)
                if reading.function:
                    continue
                lemmas.update(reading.lemmas)
                lemmas.add(fold(word))
                parts.update(reading.form.parts)
                roots.update(reading.form.roots)
            stems = frozenset(lemma[:STEM] for lemma in lemmas | parts if len(lemma) >= STEM + 2)
            found = TextLemmas(frozenset(lemmas), frozenset(parts - lemmas), stems, frozenset(lemmas | roots))
            if len(self._cache) < 20_000:
                self._cache[text] = found
        return found

    def idf(self, word: Word) -> float:
        """The rarity of a question word: its rarest base form known to the plan (unknown words count as rare)."""
        known = [self._idf[lemma] for lemma in word.lemmas if lemma in self._idf]
        return max(known) if known else self._unseen

    def known(self, word: Word) -> bool:
        """Whether the plan uses the word at all (as a base form, a compound part or a form of its own), or, for a
        verb, a word of its root ("asetettu" and "asettaa"; a noun's root says less: "kaupunginjohtaja", "johtaa")."""
        if word.reading.in_plan or set(word.lemmas) & self.vocabulary:
            return True
        return word.verb and bool({*word.lemmas, *word.reading.form.roots} & self._relatives)

    def coverage(self, words: Sequence[Word], text: TextLemmas) -> Coverage:
        """How much of the question's content words `text` covers."""
        matched: list[str] = []
        partial: list[str] = []
        missing: list[str] = []
        total = covered = 0.0
        for word in words:
            weight = self.idf(word) * topic_share(word)
            total += weight
            lemmas = set(word.lemmas) | {word.folded}
            if lemmas & text.lemmas:
                matched.append(word.text)
                covered += weight
            elif lemmas & text.parts:
                partial.append(word.text)
                covered += PART_OF_TEXT_WORD * weight
            elif any(len(lemma) >= STEM + 2 and lemma[:STEM] in text.stems for lemma in lemmas) or (
                (lemmas | set(word.reading.form.roots)) & text.roots
            ):  # "toimii" and "toiminta", "opettajat" and "opetus": words of one root
                partial.append(word.text)
                covered += DERIVATION_CREDIT * weight
            elif set(word.reading.form.parts) & (text.lemmas | text.parts):
                partial.append(word.text)
                covered += PARTIAL_CREDIT * weight
            else:
                missing.append(word.text)
        return Coverage(tuple(matched), tuple(partial), tuple(missing), covered / total if total else 0.0)


def same_root(one: str, other: str) -> bool:
    """Two base forms of one root: equal, or long and sharing their first STEM letters ("uudistus", "uudistaa")."""
    return one == other or (min(len(one), len(other)) >= STEM + 2 and one[:STEM] == other[:STEM])


def topic_share(word: Word) -> float:
    """How much a content word says about the question's topic (1 for a noun or a name)."""
    return VERB_SHARE if word.verb else 1.0
