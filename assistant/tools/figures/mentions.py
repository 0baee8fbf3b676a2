"""Parse step 1: what a question names — areas, rows and concepts, outside bodies, column kinds, operation words.

One pass over the question's folded tokens with every term of the plan (its lexicon, its area and row names) and
of the language (operation words), so that a word is read once, as its best-matching term ("varhaiskasvatuksen"
is an area, not the change word "kasva"). Column kinds and numerals are matched in passes of their own because
they may share a word with a concept ("talousarviossa" is both the TA column and a budget word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from assistant.language.analysis import QuestionAnalysis, Word
from assistant.language.general_words import listed, listed_compound
from assistant.language.matching import TermMatcher, pattern_score
from assistant.language.operations import OperationWords
from assistant.tools.figures.plan import Plan
from corpus.lexicon import CONCEPT_PREFIX, Term

Kind = Literal["area", "row", "outside", "op", "column_kind", "number", "ordinal"]
_SEPARATOR = "\x1f"
_ELATIVE = "sisaeronto"
_STEM_RUN = 3  # letters a compound's first part may run on past an area's stem ("varhaiskasvat" + "us")
_SHORTEST_HEAD = 4  # letters of the shortest head that names a row ("kulu", "meno")


@dataclass(frozen=True)
class Found:
    """One thing the question names: its kind and value, the token span and the words."""

    kind: Kind
    value: str
    start: int
    end: int  # exclusive token index
    words: str
    note: str = ""
    plural: bool = False
    typo: bool = False
    elative: bool = False  # the last word is in the elative case (-sta/-stä: "menoista"), the whole of a share
    reach: tuple[int, int] = (0, 0)  # letters of the last token the matched stem covers ("koulu" in "koululounas")

    @property
    def concept(self) -> bool:
        return self.kind == "row" and self.value.startswith(CONCEPT_PREFIX)


@dataclass(frozen=True)
class Mentions:
    """Everything found in one question, in question order, with the token → word map."""

    analysis: QuestionAnalysis
    tokens: tuple[str, ...]
    word_of_token: tuple[int, ...]
    found: tuple[Found, ...]

    def of(self, kind: Kind) -> tuple[Found, ...]:
        return tuple(item for item in self.found if item.kind == kind)

    @cached_property
    def ops(self) -> frozenset[str]:
        return frozenset(item.value for item in self.found if item.kind == "op")

    def op(self, *categories: str) -> bool:
        return bool(self.ops.intersection(categories))

    def first_op(self, *categories: str) -> Found | None:
        for item in self.found:
            if item.kind == "op" and item.value in categories:
                return item
        return None

    @cached_property
    def covered(self) -> frozenset[int]:
        """Token indices some mention accounts for."""
        return frozenset(i for item in self.found for i in range(item.start, item.end))


class MentionFinder:
    """Finds mentions with one plan's terms and the language's operation words (terms built once)."""

    def __init__(self, plan: Plan, words: OperationWords) -> None:
        self._content: tuple[Term, ...] = (
            *_tagged("area", plan.area_terms),
            *_tagged("row", plan.row_terms),
            *_tagged("outside", plan.lexicon.outside),
            *_tagged("op", words.terms),
        )
        self._by_value: dict[str, list[Term]] = {}
        for term in self._content:
            self._by_value.setdefault(term.value, []).append(term)
        self._kinds = _tagged("column_kind", plan.lexicon.column_kinds)
        self._numbers = (*_tagged("number", words.numbers), *_tagged("ordinal", words.ordinals))
        self._matchers = tuple(TermMatcher(terms) for terms in (self._content, self._kinds, self._numbers))
        self._ops = TermMatcher(_tagged("op", words.terms))

    def find(self, analysis: QuestionAnalysis) -> Mentions:
        tokens, word_of = _tokens(analysis)
        spelt = [_spelt(analysis.words[index]) for index in word_of]
        found: list[Found] = []
        for matcher in self._matchers:
            for mention in matcher.find(tokens, spelt):
                kind, _, value = mention.value.partition(_SEPARATOR)
                last_word = analysis.words[word_of[mention.end - 1]]
                elative = _ELATIVE in last_word.reading.form.cases or last_word.folded.endswith("sta")
                found.append(
                    Found(
                        kind=kind,  # type: ignore[arg-type]
                        value=value,
                        start=mention.start,
                        end=mention.end,
                        words=mention.words,
                        note=mention.note,
                        plural=mention.plural,
                        typo=mention.typo,
                        elative=elative,
                        reach=self._reach(mention.value, tokens[mention.end - 1]),
                    )
                )
        found += self._ops_within(found, tokens)
        found += self._rows_within(found, tokens)
        found += self._rows_across_ops(found, tokens, spelt)
        found.sort(key=lambda item: (item.start, item.kind))
        return Mentions(analysis, tokens, word_of, _appositions(tuple(found)))

    def _ops_within(self, found: list[Found], tokens: tuple[str, ...]) -> list[Found]:
        """Operation words that are also a row's one word: "kallein" is the most and the costs, "halvempi" the
        less and the costs (the row won the token; the operation it also says is kept beside it)."""
        extra = []
        for item in found:
            if item.kind != "row" or item.end - item.start != 1:
                continue
            for mention in self._ops.find(tokens[item.start : item.end]):
                _, _, value = mention.value.partition(_SEPARATOR)
                extra.append(Found("op", value, item.start, item.end, mention.words))
        return extra

    def _rows_across_ops(self, found: list[Found], tokens: tuple[str, ...], spelt: list[bool]) -> list[Found]:
        """A row of several words with an operation word between them ("ostaa eniten palveluja"): the operation
        says how the row is asked, it does not break the row's name. Matched over the tokens without it."""
        between = {item.start for item in found if item.kind == "op" and item.end - item.start == 1}
        if not between:
            return []
        kept = [index for index in range(len(tokens)) if index not in between]
        extra = []
        for mention in self._matchers[0].find(tuple(tokens[i] for i in kept), [spelt[i] for i in kept]):
            kind, _, value = mention.value.partition(_SEPARATOR)
            start, end = kept[mention.start], kept[mention.end - 1] + 1
            if kind != "row" or end - start == mention.end - mention.start:
                continue  # no operation word between its words: found as it stands
            if any(item.kind in ("row", "area") and item.start < end and start < item.end for item in found):
                continue  # a word of it is already another row's or an area's
            extra.append(Found("row", value, start, end, mention.words, note=mention.note, plural=mention.plural,
                               typo=mention.typo, reach=self._reach(mention.value, tokens[end - 1])))
        return extra

    def _rows_within(self, found: list[Found], tokens: tuple[str, ...]) -> list[Found]:
        """A row in the head of a compound whose modifier is an area ("opetuskulut", "päivähoitomaksuja"): the
        area won the token; the row its head names is kept beside it, over the letters after the area's stem."""
        extra = []
        taken = {(item.start, item.kind) for item in found}
        for item in found:
            if item.kind != "area" or item.end - item.start != 1 or (item.start, "row") in taken:
                continue
            token = tokens[item.start]
            if not 0 < item.reach[1] < len(token):
                continue
            # the stem may stop short of the part's end ("varhaiskasvat|us|maksut"): the head starts a few letters on
            for at in range(item.reach[1], min(item.reach[1] + _STEM_RUN, len(token) - _SHORTEST_HEAD) + 1):
                head = token[at:]
                rows = [
                    value for kind, _, value in (m.value.partition(_SEPARATOR) for m in self._matchers[0].find((head,), [True]))
                    if kind == "row" and self._reach(f"row{_SEPARATOR}{value}", head)[0] == 0
                ]
                if rows:
                    extra += [Found("row", value, item.start, item.end, head, reach=(at, len(token))) for value in rows]
                    break
        return extra

    def names_area_or_row(self, token: str) -> bool:
        """Whether one folded word is itself an area or a row word ("koulutus", "kulut")."""
        return any(item.kind in ("area", "row") for item in self.find_tokens((token,)))

    def find_tokens(self, tokens: tuple[str, ...]) -> tuple[Found, ...]:
        found = []
        for mention in self._matchers[0].find(tokens, [listed(token) for token in tokens]):
            kind, _, value = mention.value.partition(_SEPARATOR)
            found.append(Found(kind, value, mention.start, mention.end, mention.words,  # type: ignore[arg-type]
                               note=mention.note, plural=mention.plural, typo=mention.typo))
        return tuple(found)

    def _reach(self, value: str, token: str) -> tuple[int, int]:
        """Where in the token the best-matching pattern of a term lies (the whole token for exact words)."""
        best = (0, 0)
        for term in self._by_value.get(value, ()):
            pattern = term.patterns[-1]
            stem = pattern.lstrip("*=")
            if not pattern_score(pattern, token):
                continue
            if pattern.startswith("="):
                return (0, len(token))
            at = token.find(stem) if pattern.startswith("*") else (0 if token.startswith(stem) else -1)
            span = (at, at + len(stem)) if at >= 0 else (0, len(stem))  # a typo: about the stem's length
            if span[1] - span[0] > best[1] - best[0]:
                best = span
        return best


AREA_WORDS = ("along_areas", "each_area")  # "palvelualueen", "palvelualueella": words for service areas


def _appositions(found: tuple[Found, ...]) -> tuple[Found, ...]:
    """A word for areas right after a named area names that area ("virikkeellisen elämän palvelualueen"), it does
    not ask over every area."""
    area_ends = {item.end for item in found if item.kind == "area"}
    return tuple(
        replace(item, value="neutral") if item.kind == "op" and item.value in AREA_WORDS and item.start in area_ends
        else item
        for item in found
    )


def _tagged(kind: str, terms: tuple[Term, ...]) -> tuple[Term, ...]:
    return tuple(
        Term(f"{kind}{_SEPARATOR}{term.value}", term.patterns, term.note, term.plural, term.exclude) for term in terms
    )


_SHARED_DASH = re.compile(r"-\s+(?:ja|tai|seka|sekä|eli)\s", re.IGNORECASE)


def _spelt(word: Word) -> bool:
    """A word spelt right: as the plan or its function words spell it, a word of Finnish at large, or two of them
    written together ("henkilöstöpulaa")."""
    text = word.folded if word.number else word.text
    return word.reading.as_typed or listed(text) or (not word.number and listed_compound(word.text.lower()))


def _tokens(analysis: QuestionAnalysis) -> tuple[tuple[str, ...], tuple[int, ...]]:
    tokens: list[str] = []
    word_of: list[int] = []
    words = analysis.words
    for index, word in enumerate(words):
        parts = re.findall(r"[a-z0-9]+", word.folded)
        if _SHARED_DASH.match(analysis.text, word.end) and index + 2 < len(words):
            parts = [parts[-1] + _compound_head(words[index + 2])] if parts else parts  # "maksu- ja myyntituotot"
        for part in parts:
            tokens.append(part)
            word_of.append(index)
    return tuple(tokens), tuple(word_of)


def _compound_head(word: Word) -> str:
    """The last part of a compound as written ('tuotot' of 'myyntituotot'), '' when it is not a compound."""
    starts = [word.folded.find(part[:4], 3) for part in word.reading.form.parts if len(part) >= 3]
    starts = [start for start in starts if start >= 3]
    return word.folded[max(starts):] if starts else ""
