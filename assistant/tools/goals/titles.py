"""Which owner titles of the goals grid a question names: as printed in any inflection ("koulutusjohtajalla"),
or in the shorter ways people say them, read from the titles' own structure.

A title is a compound whose last part is its head ("johtaja", "päällikkö") and whose first part says what it
directs (liikuntapalvelu-, koulutus-); a title may add its service area after a comma ("Palvelualuejohtaja,
Virikkeellinen elämä"). A question's compound (or genitive and noun) with the same head names a title when its
first part begins the title's ("liikuntajohtaja" ~ Liikuntapalvelujohtaja, "koulutuksen johtaja"), or else when it
names a service area itself ("vakajohtaja", "vire-johtaja"): the title that names that area, failing that the
titles whose goals are in it. A word naming no title's head, or an area no title directs, names no one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.language.analysis import QuestionAnalysis, Word
from assistant.language.matching import INFLECTION_ENDINGS, find_terms, tokenize
from corpus.lexicon import Term
from corpus.records import Goal
from corpus.text import fold, shared_prefix

MIN_HEAD = 5  # letters of a title's head part ("johtaja", "päällikkö"): shorter endings are no head
MIN_SPECIFIER = 4  # letters of the first part that must begin the title's ("koulu" ~ koulutus-)
# Tiers, best first: the first part begins the title's; it names the area the title names; the title's goals'.
DIRECT, AREA_IN_TITLE, AREA_OF_GOALS = 0, 1, 2


@dataclass(frozen=True)
class NamedTitles:
    """The owner titles a question names, and the start offsets of the words that name them."""

    titles: tuple[str, ...] = ()
    word_starts: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.titles)


@dataclass(frozen=True)
class _Title:
    title: str
    head_word: str  # folded first word ("palvelualuejohtaja")
    areas_named: frozenset[str]  # areas the title itself names after its comma
    areas_of_goals: frozenset[str]  # areas of the goals it owns


class OwnerTitles:
    """The grid's owner titles and how a question can name them (one instance per set of goals)."""

    def __init__(self, goals: Sequence[Goal], area_terms: Sequence[Term] = ()) -> None:
        self.area_terms = tuple(area_terms)
        titles = dict.fromkeys(owner for goal in goals for owner in goal.owners)
        self._titles = tuple(
            _Title(
                title,
                fold(title).split(",")[0].split()[0],
                self._areas_of(title.partition(",")[2]),
                frozenset(goal.area for goal in goals if title in goal.owners),
            )
            for title in titles
        )

    def named(self, analysis: QuestionAnalysis) -> NamedTitles:
        """The titles the question names: as printed if any, else the best tier of the shorter ways."""
        exact = self._as_printed(analysis)
        if exact:
            return exact
        found: dict[int, dict[str, set[int]]] = {}
        tokens = analysis.tokens
        word_of = analysis.word_of_token
        token_at = [word_of.index(index) if index in word_of else len(tokens) for index in range(len(analysis.words))]
        for index in range(len(analysis.words)):
            for specifier, head, areas, starts in self._compounds(analysis.words, index, tokens, token_at):
                for title in self._titles:
                    tier = self._tier(title, specifier, head, areas)
                    if tier is not None:
                        found.setdefault(tier, {}).setdefault(title.title, set()).update(starts)
        if not found:
            return NamedTitles()
        best = found[min(found)]
        return NamedTitles(tuple(best), frozenset(start for starts in best.values() for start in starts))

    def _as_printed(self, analysis: QuestionAnalysis) -> NamedTitles:
        lemmas = {lemma for word in analysis.words for lemma in (*word.lemmas, word.folded)}
        titles: list[str] = []
        starts: set[int] = set()
        for title in self._titles:
            words = [w for w in analysis.words if title.head_word in w.lemmas or _same_word(title.head_word, w.folded)]
            if title.head_word in lemmas or words:
                titles.append(title.title)
                starts.update(w.start for w in words)
        return NamedTitles(tuple(titles), frozenset(starts))

    def _compounds(
        self, words: Sequence[Word], index: int, tokens: Sequence[str], token_at: Sequence[int]
    ) -> list[tuple[str, str, frozenset[str], tuple[int, ...]]]:
        """(first part, head, areas the first part names, start offsets of its words) of a word read as a title:
        a compound's parts, or a genitive before a noun ("varhaiskasvatuksen johtaja")."""
        word = words[index]
        parts = tuple(fold(part) for part in word.reading.form.parts)
        if len(parts) >= 2:
            specifier = "".join(parts[:-1])
            return [(specifier, parts[-1], self._areas_of(" ".join(parts[:-1])), (word.start,))]
        if index == 0:
            return []
        before = words[index - 1]
        preceding = frozenset(
            mention.value
            for mention in find_terms(tuple(tokens[: token_at[index]]), self.area_terms)
            if mention.end == token_at[index] and not mention.note
        )
        return [(lemma, word.folded, preceding, (before.start, word.start)) for lemma in dict.fromkeys(before.lemmas)]

    def _tier(self, title: _Title, specifier: str, head: str, areas: frozenset[str]) -> int | None:
        for cut in range(1, len(title.head_word) - MIN_HEAD + 1):
            base = title.head_word[cut:]
            if not _inflected(head, base):
                continue
            own = title.head_word[:cut]
            if len(specifier) >= MIN_SPECIFIER and (own.startswith(specifier) or specifier.startswith(own)):
                return DIRECT
            if areas & title.areas_named:
                return AREA_IN_TITLE
            if areas & title.areas_of_goals:
                return AREA_OF_GOALS
            return None
        return None

    def _areas_of(self, text: str) -> frozenset[str]:
        """The service areas a text names as areas (not a sub-service of one: "lukio" names no area here)."""
        return frozenset(mention.value for mention in find_terms(tokenize(text), self.area_terms) if not mention.note)


def _inflected(word: str, base: str) -> bool:
    """`word` is `base` with a case ending, allowing the consonant gradation of its last syllable
    ("päällikön" ~ päällikkö)."""
    if word.startswith(base):
        return word[len(base) :] in INFLECTION_ENDINGS
    shared = shared_prefix(word, base)
    return shared >= len(base) - 2 and shared >= MIN_HEAD and word[shared:] in INFLECTION_ENDINGS


def _same_word(title: str, word: str) -> bool:
    """An inflected title the tables do not know: a long common beginning ("hyvinvointipaallikon")."""
    return shared_prefix(title, word) >= max(6, len(title) - 3)
