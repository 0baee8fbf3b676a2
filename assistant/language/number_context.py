"""What a number in Finnish prose is about: the column or year, the service area and the direction of change.

A text is cut into clauses (sentences, ";"-separated parts, lines). In a clause, a column label or year
written right before a number ("TA 2024 −8 409 500 €", "vuonna 2024: 5 %") or in parentheses right after it
("8 989 400 € (TA 2023)") belongs to that number alone; the clause's other years belong to every number in
it that has none of its own. Areas ("varhaiskasvatuksen", "VAKA") and direction words ("kasvaa", "laskee")
belong to the whole clause. The same reading serves the evidence and the answer, so that an answer's
"TA 2023 8 409 500 €" is compared with the evidence's "TA 2024 −8 409 500 €" and found wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from assistant.language.matching import find_terms, tokenize
from assistant.language.numbers import NumberMention, read_numbers
from corpus.lexicon import corpus_area_terms

MAX_CLAUSE_CHARS = 600  # a longer clause is cut at a space: no number's context reaches further
MAX_RANGE_YEARS = 10

# A clause ends at . ! ? ; before a capital, a quote or a bracket (not before "milj. €" or "1.8.2024"),
# and at every line break.
_CLAUSE_END = re.compile(r"[.!?](?=\s+[A-ZÅÄÖ\"'“”(\[*-]|\s*$)|;|\n")
_LABEL_BEFORE = re.compile(r"(?i)\b(TP|TA|TS)[ \u00a0-]?$")
# Between a column label and its number: spaces, ":" "=" "(" and signs, a kind in words, "noin", "yhteensä".
_PREFIX_GLUE = re.compile(
    r"(?:[\s:=(\-−–+]|\((?:tilinpäätös|talousarvio|taloussuunnitelma)\)|noin\b|n\.|yhteensä\b|arviolta\b)*",
    re.IGNORECASE,
)
_SUFFIX_OPEN = re.compile(r"\s*\(\s*")
_SUFFIX_CLOSE = re.compile(r"\s*[),]")
_RANGE_DASH = re.compile(r"\s?[-–—]\s?")
_SPACE_NOT_IN_NUMBER = re.compile(r"(?<![0-9]) | (?![0-9])")
_WORD = re.compile(r"[^\W\d_]+")
_WORD_OR_NUMBER = re.compile(r"[^\W_]+")

# Words of growth and decline, as folded word beginnings; a clause with both says nothing about direction.
_GROWTH = ("kasvaa", "kasvav", "kasvoi", "kasvan", "kasvu", "kasvettu", "nouse", "nousu", "nousi", "nouss",
           "lisaant", "lisays", "lisayk", "suurene", "suureni", "suuremp", "kohoa", "korotu", "korotta",
           "enemman", "ylittaa")  # fmt: skip
_DECLINE = ("laskee", "laskev", "laski", "laskenut", "laskeneet", "laskua", "laskun", "vahene", "vaheni",
            "vahenty", "vahennys", "vahennyk", "vahemman", "pienene", "pieneni", "pienemp", "supistu",
            "supistaa", "supistet", "alene", "aleni", "alenta", "alennet", "putoa", "putosi", "heikkene",
            "sasto", "saast")  # fmt: skip


def loose(stem: str) -> str:
    """A regular expression for a folded stem that also matches it written with ä/ö/å."""
    return "".join({"a": "[aäå]", "o": "[oö]"}.get(ch, re.escape(ch)) for ch in stem)


_GROWTH_RE = re.compile(rf"(?i)\b(?!kasvatu)(?:{'|'.join(map(loose, _GROWTH))})")
_DECLINE_RE = re.compile(rf"(?i)\b(?!laskel)(?:{'|'.join(map(loose, _DECLINE))})")


@dataclass(frozen=True)
class ColumnMark:
    """A year the text names, with its column kind when written as a label ("TA 2024")."""

    year: int
    kind: str | None = None

    def matches(self, other: ColumnMark) -> bool:
        """The same year, and the same kind where both say one (a bare "2024" matches "TA 2024")."""
        return self.year == other.year and (self.kind is None or other.kind is None or self.kind == other.kind)


@dataclass(frozen=True)
class NumberInContext:
    """A number with what its clause says about it; an empty set means the text does not say."""

    mention: NumberMention
    columns: frozenset[ColumnMark] = frozenset()
    areas: frozenset[str] = frozenset()
    directions: frozenset[int] = frozenset()  # +1 growth, −1 decline
    clause: tuple[int, int] = (0, 0)


def clauses(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of a text's clauses, none longer than MAX_CLAUSE_CHARS."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CLAUSE_END.finditer(text):
        _add_clause(text, start, match.end(), spans)
        start = match.end()
    _add_clause(text, start, len(text), spans)
    return spans


def _add_clause(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while end - start > MAX_CLAUSE_CHARS:
        spans.append((start, cut := _cut(text, start)))
        start = cut
    if text[start:end].strip():
        spans.append((start, end))


def _cut(text: str, start: int) -> int:
    """Where to cut an over-long clause: at a space that does not group digits ("32 611 450"), else anywhere."""
    window = _SPACE_NOT_IN_NUMBER.finditer(text, start + MAX_CLAUSE_CHARS // 2, start + MAX_CLAUSE_CHARS)
    last = None
    for match in window:
        last = match
    return last.start() + 1 if last else start + MAX_CLAUSE_CHARS


def read_in_context(text: str, title: str = "") -> tuple[NumberInContext, ...]:
    """Every number of `text` with its columns, areas and directions; `title` (a section path) adds areas."""
    return tuple(iter_in_context(text, title))


def iter_in_context(text: str, title: str = "") -> Iterator[NumberInContext]:
    """Like `read_in_context`, clause by clause, so that a caller may stop early on a hostile text."""
    title_areas = areas_in(title) if title else frozenset()
    for clause in clauses(text):
        inside = list(read_numbers(text, start=clause[0], end=clause[1]))
        if inside:
            yield from _clause_context(text, clause, inside, title_areas)


def _clause_context(
    text: str, clause: tuple[int, int], mentions: list[NumberMention], title_areas: frozenset[str]
) -> list[NumberInContext]:
    marks = _column_marks(text, mentions)
    attached: dict[int, set[ColumnMark]] = {}  # mention index -> its own columns
    free: set[ColumnMark] = set()
    for index, (mark_set, last) in marks.items():
        target = _prefix_target(text, mentions, last)
        if target is None:
            target = _suffix_target(text, mentions, index, last)
        if target is None:
            free |= mark_set
        else:
            attached.setdefault(target, set()).update(mark_set)
    has_amount = any(m.kind == "amount" for m in mentions)
    body = text[clause[0] : clause[1]]
    areas = (areas_in(body) | title_areas) if has_amount else frozenset()
    directions = directions_in(body) if has_amount else frozenset()
    return [
        NumberInContext(
            mention,
            frozenset(attached.get(i, free)) if mention.kind == "amount" else frozenset(),
            areas,
            directions,
            clause,
        )
        for i, mention in enumerate(mentions)
    ]


def _column_marks(text: str, mentions: list[NumberMention]) -> dict[int, tuple[set[ColumnMark], int]]:
    """Year mentions as marks, keyed by the index of their first year; a range "2024–2026" is one mark set.

    The value's second item is the index of the range's last year, whose neighbour may be its number.
    """
    marks: dict[int, tuple[set[ColumnMark], int]] = {}
    i = 0
    while i < len(mentions):
        mention = mentions[i]
        if mention.kind != "year":
            i += 1
            continue
        label = _LABEL_BEFORE.search(text, max(0, mention.start - 4), mention.start)
        kind = label.group(1).upper() if label else None
        first, year = i, int(mention.value)
        years = {year}
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and nxt.kind == "year" and _RANGE_DASH.fullmatch(text, mention.end, nxt.start):
            last_year = int(nxt.value)
            if 0 < last_year - year <= MAX_RANGE_YEARS:
                years = set(range(year, last_year + 1))
                i += 1
        marks[first] = ({ColumnMark(y, kind if y == year else None) for y in years}, i)
        i += 1
    return marks


def _prefix_target(text: str, mentions: list[NumberMention], last: int) -> int | None:
    """The number right after a year ("TA 2024 −8 409 500 €"), if only glue stands between them."""
    nxt = last + 1
    if nxt >= len(mentions) or mentions[nxt].kind != "amount":
        return None
    glue = _PREFIX_GLUE.match(text, mentions[last].end, mentions[nxt].start)
    return nxt if glue and glue.end() == mentions[nxt].start else None


def _suffix_target(text: str, mentions: list[NumberMention], first: int, last: int) -> int | None:
    """The number right before a parenthesised year ("8 989 400 € (TA 2023)")."""
    before = first - 1
    if before < 0 or mentions[before].kind != "amount":
        return None
    start = mentions[first].start
    label = _LABEL_BEFORE.search(text, max(0, start - 4), start)
    if label:
        start = label.start()
    opening = _SUFFIX_OPEN.match(text, mentions[before].end, start)
    closing = _SUFFIX_CLOSE.match(text, mentions[last].end)
    return before if opening and opening.end() == start and closing else None


def areas_in(text: str) -> frozenset[str]:
    """Area codes a text names (the plan's area vocabulary)."""
    tokens = tuple(token for word in _WORD_OR_NUMBER.findall(text) for token in _tokens(word))
    return frozenset(mention.value for mention in find_terms(tokens, corpus_area_terms()))


@lru_cache(maxsize=65536)
def _tokens(word: str) -> tuple[str, ...]:
    return tokenize(word)  # per word and cached: answers and passages repeat their words


def directions_in(text: str) -> frozenset[int]:
    """+1 if the text has a word of growth, −1 if one of decline (both when it has both)."""
    return frozenset(({+1} if _GROWTH_RE.search(text) else set()) | ({-1} if _DECLINE_RE.search(text) else set()))
