"""Matching lexicon terms in a question: folded tokens against word patterns, tolerant of inflection and typos.

Patterns (see a document's lexicon.toml): ``stem`` matches words starting with the stem, ``*stem`` also the stem
inside a compound, ``=a|b`` exactly one of the words. Long stems tolerate a typo (edit distance: rapidfuzz's
optimal string alignment, so a swap of two letters is one edit).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from corpus.lexicon import Term
from corpus.text import fold

_TOKEN = re.compile(r"[a-z0-9]+")

# Finnish case endings and plural marks: a word that is a stem's first part plus one of these is that shorter
# word correctly spelt ("toimintaan" = toiminta + an), not a misspelling of the longer stem.
INFLECTION_ENDINGS = frozenset(
    """isiin iksi ihin iden itten ista issa illa ilta ille ina ita ineen jen ien sta ssa lla lta lle ksi een aan oon
    uun iin seen siin tta ta na ne in en an on un ut et at ja ia t n a i s""".split()
) | {""}


@dataclass(frozen=True)
class Mention:
    """A term found in a question: its value, the question's words and their token span."""

    value: str
    words: str
    start: int
    end: int  # exclusive token index
    score: float
    note: str = ""
    plural: bool = False
    typo: bool = False  # some word matched only with a spelling error


def tokenize(text: str) -> tuple[str, ...]:
    """Folded word tokens: 'Päiväkotien menot 2024?' -> ('paivakotien', 'menot', '2024')."""
    return tuple(_TOKEN.findall(fold(text)))


def typo_tolerance(stem: str) -> int:
    """How many edits a stem of this length tolerates: short stems none (too many false hits)."""
    if len(stem) >= 11:
        return 2
    if len(stem) >= 6:
        return 1
    return 0


def prefix_distance(token: str, stem: str, limit: int) -> int:
    """The smallest edit distance between `stem` and any prefix of `token` (capped at `limit` + 1)."""
    lengths = range(max(1, len(stem) - limit), min(len(token), len(stem) + limit) + 1)
    return min((OSA.distance(token[:n], stem, score_cutoff=limit) for n in lengths), default=limit + 1)


def plain_inflection_of_part(token: str, stem: str, shortest: int = 4) -> bool:
    """Whether `token` is a proper first part of `stem` (at least `shortest` letters) plus a case ending."""
    return any(token.startswith(stem[:cut]) and token[cut:] in INFLECTION_ENDINGS for cut in range(shortest, len(stem)))


def _plausible_typo(token: str, stem: str) -> bool:
    """A cheap filter before the edit distance: typos seldom touch both of the first letters."""
    return token[:2] == stem[:2] or token[:2] == stem[1::-1] or (token[:1] == stem[:1] and token[2:4] == stem[2:4])


@lru_cache(maxsize=200_000)
def pattern_score(pattern: str, token: str) -> float:
    """How well `token` matches one pattern: 0 for no match, else the stem length (less for typos)."""
    if pattern.startswith("="):
        words = pattern[1:].split("|")
        if token in words:
            return float(len(token))
        # Only long words tolerate a typo: "talosta" is a word of its own, not a misspelt "tulosta". The listed
        # words are chosen case forms, so a change in the last two letters is another case, not a typo
        # ("henkilökuntaa" is not "henkilökuntaan").
        if len(token) >= 8 and any(
            len(w) >= 8 and token[-2:] == w[-2:] and _plausible_typo(token, w) and OSA.distance(token, w, score_cutoff=1) <= 1
            for w in words
        ):
            return len(token) - 0.5
        return 0.0
    compound = pattern.startswith("*")
    stem = pattern[1:] if compound else pattern
    if token.startswith(stem):
        return float(len(stem))
    if compound and len(token) > len(stem) and stem in token:
        return float(len(stem))
    tolerance = typo_tolerance(stem)
    if (
        tolerance
        and len(token) >= len(stem) - tolerance
        and _plausible_typo(token, stem)
        and not plain_inflection_of_part(token, stem)
    ):
        best = prefix_distance(token, stem, tolerance)
        if best <= tolerance:
            return len(stem) - 0.5 * best - 0.25
    return 0.0


def _exact(score: float) -> bool:
    return bool(score) and float(score).is_integer()


def typo_over_exact(scores: Sequence[float], exact: Sequence[bool]) -> bool:
    """Whether a word of a several-word mention is read as a typo although some term matches it exactly:
    "hyvinvointilautakunnan toimintakate" is the board and a row, not "hyvinvointilautakunnan toimiala" misspelt."""
    return len(scores) > 1 and any(not float(score).is_integer() and is_exact for score, is_exact in zip(scores, exact, strict=True))


def find_terms(tokens: tuple[str, ...], terms: tuple[Term, ...]) -> tuple[Mention, ...]:
    """All non-overlapping term mentions, best-scoring first when they compete, returned in question order."""
    candidates: list[Mention] = []
    exact = [any(_exact(pattern_score(p, token)) for t in terms for p in t.patterns) for token in tokens]
    for term in terms:
        width = len(term.patterns)
        for start in range(len(tokens) - width + 1):
            window = tokens[start : start + width]
            if any(word.startswith(prefix) for word in window for prefix in term.exclude):
                continue
            scores = [pattern_score(pattern, token) for pattern, token in zip(term.patterns, window, strict=True)]
            if all(scores) and not typo_over_exact(scores, exact[start : start + width]):
                typo = any(score != int(score) for score in scores)  # exact matches score whole lengths
                candidates.append(
                    Mention(term.value, " ".join(window), start, start + width, sum(scores), term.note, term.plural, typo)
                )
    candidates.sort(key=lambda mention: (-mention.score, mention.start))
    return _non_overlapping(candidates)


def _non_overlapping(ranked: Sequence[Mention]) -> tuple[Mention, ...]:
    """The mentions of a best-first list that overlap no better one, in question order."""
    taken: set[int] = set()
    chosen: list[Mention] = []
    for mention in ranked:
        span = set(range(mention.start, mention.end))
        if span & taken:
            continue
        taken |= span
        chosen.append(mention)
    return tuple(sorted(chosen, key=lambda mention: mention.start))


class TermMatcher:
    """find_terms' result for a fixed set of terms, fast: each token's pattern scores are computed once."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.terms = terms
        ids: dict[str, int] = {}
        self._term_patterns = [tuple(ids.setdefault(p, len(ids)) for p in term.patterns) for term in terms]
        self._patterns = tuple(ids)
        self._starting: dict[int, list[int]] = {}
        for index, pattern_ids in enumerate(self._term_patterns):
            self._starting.setdefault(pattern_ids[0], []).append(index)
        self._scores: dict[str, dict[int, float]] = {}

    def scores(self, token: str) -> dict[int, float]:
        found = self._scores.get(token)
        if found is None:
            found = {i: score for i, p in enumerate(self._patterns) if (score := pattern_score(p, token))}
            if len(self._scores) > 50_000:
                self._scores.clear()
            self._scores[token] = found
        return found

    def find(self, tokens: tuple[str, ...], spelt: Sequence[bool] = ()) -> tuple[Mention, ...]:
        """The same mentions as `assistant.language.matching.find_terms(tokens, terms)`. A token marked in `spelt`
        is a word as it is spelt ("kehitetään" is no misspelt "kehittyy"): it matches no pattern as a typo."""
        per_token = [self.scores(token) for token in tokens]
        if spelt:
            per_token = [
                {i: score for i, score in scores.items() if score.is_integer()} if correct else scores
                for scores, correct in zip(per_token, spelt, strict=True)
            ]
        exact = [any(float(score).is_integer() for score in scores.values()) for scores in per_token]
        candidates: list[tuple[Mention, int]] = []
        for start, scores in enumerate(per_token):
            for pattern_id, first in scores.items():
                for index in self._starting.get(pattern_id, ()):
                    pattern_ids = self._term_patterns[index]
                    end = start + len(pattern_ids)
                    if end > len(tokens):
                        continue
                    term = self.terms[index]
                    window = tokens[start:end]
                    if term.exclude and any(word.startswith(prefix) for word in window for prefix in term.exclude):
                        continue
                    parts = [first] + [per_token[start + k].get(pid, 0.0) for k, pid in enumerate(pattern_ids[1:], 1)]
                    if all(parts) and not typo_over_exact(parts, exact[start:end]):
                        typo = any(score != int(score) for score in parts)
                        mention = Mention(term.value, " ".join(window), start, end, sum(parts), term.note, term.plural, typo)
                        candidates.append((mention, index))
        candidates.sort(key=lambda pair: (-pair[0].score, pair[0].start, pair[1]))  # ties: term order, as find_terms
        return _non_overlapping([mention for mention, _ in candidates])
