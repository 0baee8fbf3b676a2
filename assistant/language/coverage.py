"""The content words of a question and how well a text covers them (typo- and inflection-tolerant)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from corpus.text import fold

_WORD = re.compile(r"[0-9a-zåäöéA-ZÅÄÖÉ]+(?:-[0-9a-zåäöéA-ZÅÄÖÉ]+)*")
STEM_CHARS = 5

# Question words, auxiliaries and filler that say nothing about the topic (folded forms).
STOPWORDS = frozenset(
    fold(word)
    for word in """
    mikä mitä mitkä mikäs mitäs miksi miten millainen millaisia millä missä mistä mihin milloin kuka ketkä kenen
    keneltä kenelle kuinka paljonko montako onko ovatko oliko voiko saako pitääkö kannattaako tuleeko
    on ovat oli olivat ole olla ollut olleet olisi ei eivät en et emme
    ja tai sekä myös vai kuin että jos kun niin nyt sitten vielä jo mutta eli
    se ne sen niiden sitä niitä siitä siihen siinä tämä nämä tämän tätä tässä tästä tähän
    hän he minä sinä me te mä sä mun sun meidän teidän heidän niitten
    kaupunki kaupungin kaupungissa kaupungilla heinola heinolan heinolassa
    suunnitelma suunnitelmassa suunnitelman käyttösuunnitelma käyttösuunnitelmassa käyttösuunnitelman
    sanotaan kerrotaan mainitaan puhutaan kerro kertoa tietää tieto tiedot haluaisin haluan voisitko voitko
    vuonna vuoden vuosi vuodelle vuodesta asiasta asia asiat jotain jotakin mitään yms
    noin aika siis kai vaan vain ihan tosi aika paljon vähän kaikki kaikkia
    tehdään tehdäänkö tehtiin tehty tekee tekevät
    """.split()
)


Lemmas = Callable[[str], tuple[str, ...]]  # lower-cased word -> folded base forms and compound parts


@dataclass(frozen=True)
class Coverage:
    """How many of the question's content words a text contains (`partial`: only a compound part matched)."""

    matched: tuple[str, ...]
    missing: tuple[str, ...]
    partial: tuple[str, ...] = ()

    @property
    def ratio(self) -> float:
        total = len(self.matched) + len(self.missing)
        return len(self.matched) / total if total else 0.0


def words(text: str) -> list[str]:
    """Folded words of `text` (hyphenated compounds also split into their parts)."""
    found: list[str] = []
    for match in _WORD.finditer(text):
        word = fold(match.group())
        found.append(word)
        if "-" in word:
            found.extend(part for part in word.split("-") if part)
    return found


def raw_words(text: str) -> list[str]:
    """Lower-cased words of `text` with their letters intact (hyphenated parts also on their own)."""
    found: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        found.append(word)
        if "-" in word:
            found.extend(part for part in word.split("-") if part)
    return found


def content_terms(question: str) -> tuple[str, ...]:
    """The topic words of a question: lower-cased, without stopwords or short noise, in order."""
    seen: list[str] = []
    for word in raw_words(question):
        if fold(word) in STOPWORDS or len(word) < 3 or "-" in word:
            continue
        if word not in seen:
            seen.append(word)
    return tuple(seen)


def lemma_set(text_words: Iterable[str], lemmas: Lemmas | None) -> frozenset[str]:
    """Folded words of a text plus, when a lemmatiser is given, their base forms and compound parts."""
    found: set[str] = set()
    for word in text_words:
        found.add(fold(word))
        if lemmas is not None:
            found.update(lemmas(word))
    return frozenset(found)


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    return word[:STEM_CHARS] if not word.isdigit() else word


def term_in_text(term: str, text_words: frozenset[str], text_stems: frozenset[str]) -> bool:
    """A term matches a word of the text by equal stem, compound part or a near-miss (one typo)."""
    if term in text_words or _stem(term) in text_stems:
        return True
    if term.isdigit():
        return False
    if len(term) >= 6 and any(term in word or (len(word) >= 6 and word in term) for word in text_words):
        return True
    return len(term) >= 5 and any(_one_edit_apart(_stem(term), stem) for stem in text_stems)


def coverage(
    terms: tuple[str, ...],
    text: str,
    lemmas: Lemmas | None = None,
    text_lemmas: frozenset[str] | None = None,
) -> Coverage:
    """Which of `terms` occur in `text`: same base form, same stem, inside a compound, or one typo away.

    With a lemmatiser, a term whose only link to the text is a shared compound part ("kaupunginjohtaja"
    and "koulutusjohtaja" share "johtaja") counts as `partial`, not matched.
    """
    text_words = frozenset(words(text))
    text_stems = frozenset(_stem(word) for word in text_words)
    known = text_lemmas if text_lemmas is not None else lemma_set(raw_words(text), lemmas)
    matched: list[str] = []
    partial: list[str] = []
    for term in terms:
        folded = fold(term)
        term_lemmas = tuple(lemmas(term)) if lemmas is not None else ()
        whole = _whole_forms(folded, term_lemmas)
        if whole & known:
            matched.append(term)
        elif not term_lemmas and term_in_text(folded, text_words, text_stems):
            matched.append(term)  # an unknown word (typo, name): fall back to stems and near-misses
        elif term_lemmas and _shares_stem(folded, text_words):
            matched.append(term)
        elif set(term_lemmas) & known:
            partial.append(term)
    missing = tuple(term for term in terms if term not in matched and term not in partial)
    return Coverage(matched=tuple(matched), missing=missing, partial=tuple(partial))


def _shares_stem(folded: str, text_words: frozenset[str]) -> bool:
    """An inflected form of the same word: a long common beginning ('kertomukselle' ~ 'kertomuksen')."""
    need = max(STEM_CHARS + 1, round(0.6 * len(folded)))
    return len(folded) >= STEM_CHARS + 1 and any(
        len(word) >= need and word[:need] == folded[:need] for word in text_words
    )


def _whole_forms(folded: str, term_lemmas: tuple[str, ...]) -> set[str]:
    """The forms that stand for the whole word: itself and its longest base form(s)."""
    if not term_lemmas:
        return {folded}
    longest = max(len(lemma) for lemma in term_lemmas)
    return {folded, *(lemma for lemma in term_lemmas if len(lemma) == longest)}


def _one_edit_apart(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differences = [i for i in range(len(a)) if a[i] != b[i]]
        if len(differences) == 1:
            return True
        first, *rest = differences
        return len(differences) == 2 and rest[0] == first + 1 and a[first] == b[first + 1] and a[first + 1] == b[first]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
