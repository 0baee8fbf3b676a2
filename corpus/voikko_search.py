"""Voikko-guided search for the real Finnish words an OCR-damaged word may stand for."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# (OCR text, real text, cost). Lost dots are the commonest damage, so a→ä / o→ö are the cheapest;
# the glyphs that stand for ä/ö (d, é, 6, 0, 3, &) cost more. A pair of glyphs with é or & in it
# is OCR's usual picture of one ä/ö ("kohderyhméat", "sek&d", "myoés"): as cheap as one glyph.
# Pairs of real letters ("tehtidvana", "sekad") cost a little more than two single edits, so
# "lakisdateinen" reads as lakisääteinen (d→ä, a→ä), not lakisäteinen (da→ä).
SUBSTITUTIONS: tuple[tuple[str, str, float], ...] = (
    ("a", "ä", 0.5), ("o", "ö", 0.5),
    ("d", "ä", 1.0), ("d", "ö", 1.0), ("é", "ä", 1.0), ("é", "ö", 1.0),
    ("6", "ö", 1.0), ("0", "ö", 1.0), ("3", "ä", 1.0), ("&", "ä", 1.0),
    ("éa", "ä", 1.0), ("éd", "ä", 1.0), ("&d", "ä", 1.0), ("oé", "ö", 1.0),
    ("id", "ä", 1.6), ("ia", "ä", 1.6), ("da", "ä", 1.6), ("ad", "ä", 1.6), ("&a", "ä", 1.6), ("dd", "ää", 1.6),
    ("i", "ä", 1.5),  # "ehkiisevan", "mairarahat", "Kestiva"
)
# Edits that change a real letter rather than restore dots ("structural"): the repair trusts
# them only when the document itself uses one of the resulting word's parts.
STRUCTURAL_SUBSTITUTIONS: tuple[tuple[str, str, float], ...] = (("l", "i", 1.5),)
DROP_DOUBLED = 1.5  # "liikkunnan" -> "liikunnan"
DROP_L = 2.0  # a stray 'l' next to i: "liilkunta" -> "liikunta"
DOUBLE_LETTER = 2.0  # a lost geminate: "Mitarit" -> "Mittarit"
INSERT_I = 2.0  # a lost thin 'i': "PALVELUALUETTAISET" -> "PALVELUALUEITTAISET"
MAX_STRUCTURAL_COST = 3.0  # at most two such edits in one word: more is rewriting, not repairing

_PROPER_NOUN_CLASSES = frozenset({"ee", "es", "ep", "em"})
_CLASS = re.compile(r"\[L([a-z]+)\]")
_BASEFORM = re.compile(r"\[Xp\]([^\[]*)\[X\]")


@dataclass(frozen=True)
class Analysis:
    """What Voikko says about an accepted word: its compound parts' base forms and kind."""

    baseforms: tuple[str, ...]
    parts: int
    proper_noun: bool
    abbreviation: bool


@dataclass(frozen=True)
class Candidate:
    """A real word the OCR word may stand for, with the edit cost of reaching it."""

    text: str
    cost: float
    structural_cost: float  # the part of `cost` spent changing real letters, not only dots

    @property
    def structural(self) -> bool:
        return self.structural_cost > 0


class VoikkoSearch:
    """Voikko's FST (loaded on first use, ~3 s) with lookups and a best-first candidate search.

    The search walks the FST one character at a time, so a damaged prefix that no Finnish word
    starts with is dropped at once instead of being looked up once per combination of edits.
    """

    def __init__(self) -> None:
        import pyvoikko  # imported here: loading the FST takes seconds and only repair needs it
        from kfst.transducer import FSTState

        self._fst: Any = pyvoikko.VOIKKO_FST
        self._symbols: dict[str, Any] = {}
        self._frontiers: dict[str, tuple[Any, ...]] = {"": (FSTState(0, input_indices=None),)}
        self._accepts: dict[str, bool] = {}
        self._analyses: dict[str, Analysis | None] = {}

    def accepts(self, word: str) -> bool:
        """Whether Voikko knows the (lower-case) word."""
        known = self._accepts.get(word)
        if known is None:
            known = any(final for state in self._frontier(word) for final, _, _ in self._run([], state, False))
            self._accepts[word] = known
        return known

    def analyse(self, word: str) -> Analysis | None:
        """The simplest analysis (fewest compound parts) of a known word, else None."""
        if word not in self._analyses:
            best: Analysis | None = None
            for output, _weight in self._fst.lookup(word):
                analysis = _parse(output)
                if best is None or analysis.parts < best.parts:
                    best = analysis
            self._analyses[word] = best
        return self._analyses[word]

    def candidates(self, word: str, max_cost: float, margin: float, budget: int = 4000) -> list[Candidate]:
        """Known words reachable from `word` by OCR edits, cheapest first, within `margin` of the cheapest."""
        heap: list[tuple[float, int, int, str, float]] = [(0.0, 0, 0, "", 0.0)]
        best_cost: dict[tuple[int, str, bool], float] = {}
        found: dict[str, Candidate] = {}
        cheapest: float | None = None
        expanded = 0
        while heap and expanded < budget:
            cost, _, pos, prefix, structural = heapq.heappop(heap)
            if cheapest is not None and cost > cheapest + margin:
                break
            if pos == len(word):
                if prefix != word and prefix not in found and self.accepts(prefix):
                    found[prefix] = Candidate(prefix, cost, structural)
                    cheapest = cost if cheapest is None else cheapest
                continue
            expanded += 1
            for consumed, replacement, edit_cost, is_structural in _edits(word, pos):
                new_cost = cost + edit_cost
                new_structural = structural + edit_cost * is_structural
                new_prefix = prefix + replacement
                key = (pos + consumed, new_prefix, new_structural > 0)
                if new_cost > max_cost or new_structural > MAX_STRUCTURAL_COST:
                    continue
                if best_cost.get(key, float("inf")) <= new_cost:
                    continue
                best_cost[key] = new_cost
                if self._frontier(new_prefix):
                    heapq.heappush(heap, (new_cost, len(best_cost), pos + consumed, new_prefix, new_structural))
        return sorted(found.values(), key=lambda c: (c.cost, c.text))

    def _symbol(self, char: str) -> Any:
        symbol = self._symbols.get(char)
        if symbol is None:
            symbol = self._symbols[char] = self._fst.split_to_symbols(char)[0]
        return symbol

    def _run(self, symbols: list[Any], state: Any, keep_non_final: bool) -> Iterator[tuple[bool, bool, Any]]:
        return self._fst.run_fst(symbols, state=state, input_symbol_index=0, keep_non_final=keep_non_final)

    def _frontier(self, prefix: str) -> tuple[Any, ...]:
        """FST states after reading `prefix` (empty when no word starts so); cached by prefix."""
        states = self._frontiers.get(prefix)
        if states is not None:
            return states
        previous = self._frontier(prefix[:-1])
        reached: dict[tuple[Any, Any, Any], Any] = {}
        symbols = [self._symbol(prefix[-1])]
        for state in previous:
            for _final, after_epsilons, new in self._run(symbols, state, True):
                # States reached by epsilons after the symbol are re-derived on the next step anyway.
                if after_epsilons:
                    continue
                key = (new.state_num, new.input_flags, new.output_flags)
                if key not in reached:
                    reached[key] = new._replace(output_symbols=())
        states = self._frontiers[prefix] = tuple(reached.values())
        return states


def _edits(word: str, pos: int) -> Iterator[tuple[int, str, float, bool]]:
    """(characters consumed, replacement, cost, structural) for each edit allowed at `pos`."""
    char = word[pos]
    yield 1, char, 0.0, False
    for source, target, cost in SUBSTITUTIONS:
        if word.startswith(source, pos):
            yield len(source), target, cost, False
    for source, target, cost in STRUCTURAL_SUBSTITUTIONS:
        if word.startswith(source, pos):
            yield len(source), target, cost, True
    if char.isalpha():
        if (pos > 0 and word[pos - 1] == char) or word[pos + 1 : pos + 2] == char:
            yield 1, "", DROP_DOUBLED, True
        elif char == "l" and "i" in word[max(0, pos - 1) : pos + 2]:
            yield 1, "", DROP_L, True
        yield 1, char + char, DOUBLE_LETTER, True
        if char != "i":
            yield 1, "i" + char, INSERT_I, True


def _parse(output: str) -> Analysis:
    parts = output.split("[Bc]")
    classes = [found.group(1) for part in parts if (found := _CLASS.search(part))]
    return Analysis(
        baseforms=tuple(base.replace("=", "").lower() for base in _BASEFORM.findall(output)),
        parts=len(parts),
        proper_noun=any(cls in _PROPER_NOUN_CLASSES for cls in classes),
        abbreviation=bool(classes) and classes[-1] == "a",
    )
