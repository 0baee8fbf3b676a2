"""The faithfulness guard: every number, job title and proper name in a generated answer must be in its evidence.

A number must match an evidence number *with* what it is about: the unit, the sign when both write one, the
column or year, the service area and the direction of change when both say them (see `number_context`).
Rounding is allowed at the precision written: "8,4 miljoonaa" is 8 409 500, "33 miljoonaa" is 32 611 450,
"kolme miljoonaa" is anything from 2,5 to 3,5 million; a whole number without a scale word must be exact.
Dates match dates and years match years: neither ever licenses an amount, and citation marks ("[1]") and
list markers are no numbers. Every job title must be one of the plan's owners (and in the evidence), except
one the cited plan text names, when not named as responsible; bodies ("kaupunginhallitus") and capitalised
names must be in the evidence. The check is linear in the answer.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from assistant.language.number_context import NumberInContext, clauses, iter_in_context, loose
from assistant.language.numbers import NumberMention, blank_list_markers
from assistant.llm.evidence import Evidence, EvidenceText, Fact, build_evidence
from corpus.text import fold as _fold_text

fold = lru_cache(maxsize=65536)(_fold_text)  # per word: answers and passages repeat their words
CITATION_MARKER = re.compile(r"\[\s*([0-9]{1,4}(?:\s*[,;–-]\s*[0-9]{1,4})*)\s*\]")
_WORD = re.compile(r"[^\W\d_](?:[\w-]*\w)?")
_SENTENCE_END = ".!?:;"
_OPENERS = "\"'“”„«»‘’([{*_"
_BULLETS = " \t-–—•*#>0123456789.)"
MAX_ANSWER_CHARS = 6000  # about 1 000 tokens of Finnish; a longer answer is refused unread
MAX_REPORTED = 20  # after this many unsupported numbers (or names) the answer is refused without reading on
LOOKBACK = 24  # characters looked back to see whether a word starts a sentence (bounded: linear check)
MAX_CANDIDATES = 64  # evidence numbers compared with one answer number, nearest first
MAX_ROUNDING_DECIMALS = 6

# Folded stems of job titles and of bodies: "koulutusjohtajalla" -> "koulutusjohtaj".
PERSON_TITLE_STEMS = (
    "johtaj", "paallik", "rehtor", "sihteer", "koordinaattor", "ohjaaj", "neuvoj", "asiantuntij", "esihenkilo",
    "esimie", "kamreer", "tarkastaj", "opettaj",
)  # fmt: skip
BODY_STEMS = ("jaosto", "lautakun", "valtuusto", "hallitu", "neuvosto", "tyoryhm", "toimikun")
TITLE_STEMS = PERSON_TITLE_STEMS + BODY_STEMS
_TITLE = re.compile("|".join(TITLE_STEMS))
# Words with a title stem in any spelling (ä/ö written or not): other lower-case words are passed over.
_TITLE_LOOSE = re.compile(f"(?i:{'|'.join(map(loose, TITLE_STEMS))})")
# A clause with one of these names somebody responsible: its job titles must be owners of the goals grid.
_RESPONSIBILITY = ("vastaa", "vastaav", "vastuu", "vastuulla", "johdolla", "koordinoi")
# Alone, these are common nouns ("johtaja vastaa", "lautakunta päättää"); the others name one office.
_SPECIFIC_BARE = frozenset({"rehtor", "sihteer", "kamreer", "koordinaattor"})
# The plan's own identity and column/area codes may always be named, even when a passage does not repeat them.
ALWAYS_ALLOWED_NAMES = (
    "Heinola", "hyvinvointilautakunta", "käyttösuunnitelma", "TP", "TA", "TS", "HYTE", "OPKOU", "VAKA", "VIRE",
)  # fmt: skip


@dataclass(frozen=True)
class FaithfulnessReport:
    """Whether an answer states only supported numbers, names and citations, and which ones were not."""

    ok: bool
    unsupported_numbers: tuple[str, ...] = ()
    unsupported_names: tuple[str, ...] = ()
    unsupported_citations: tuple[int, ...] = ()  # [n] markers outside 1..citation_count
    too_long: bool = False  # longer than the limit: refused without being read


def check_faithfulness(
    text: str,
    evidence_texts: Iterable[EvidenceText | str],
    allowed_numbers: Iterable[int | float | Decimal | str] = (),
    allowed_names: Iterable[str] = (),
    citation_count: int | None = None,
    results: Iterable[Any] = (),
    owners: Iterable[str] | None = None,
    max_chars: int | None = MAX_ANSWER_CHARS,
) -> FaithfulnessReport:
    """Check every number, title and name of `text` against the evidence (never raises).

    `evidence_texts` are the passages (text and section path); `results` typed tool results and figures;
    `owners` the plan's owner titles (from the goals grid): when given, every job title must be one of them.
    A text over `max_chars` is refused unread; the check stops after MAX_REPORTED unsupported items.
    """
    if max_chars is not None and len(text) > max_chars:
        return FaithfulnessReport(ok=False, too_long=True)
    evidence = build_evidence(evidence_texts, results, allowed_numbers)
    tokens = _evidence_tokens([*evidence.texts, *allowed_names, *ALWAYS_ALLOWED_NAMES])
    owner_stems = None if owners is None else frozenset(_owner_stems(owners))
    cited, body = strip_citations(text)
    body = blank_list_markers(body)
    numbers = _first(n.mention.text for n in iter_in_context(body) if not _number_supported(n, evidence))
    names = _first(_unsupported_names(body, tokens, owner_stems))
    bad_citations: tuple[int, ...] = ()
    if citation_count is not None:
        bad_citations = tuple(sorted({n for n in cited if not 1 <= n <= citation_count}))
    return FaithfulnessReport(
        ok=not (numbers or names or bad_citations),
        unsupported_numbers=numbers,
        unsupported_names=names,
        unsupported_citations=bad_citations,
    )


def strip_citations(text: str) -> tuple[tuple[int, ...], str]:
    """The [n] markers of a text in order of first appearance ("[1–3]" expands) and the text without them."""
    cited: dict[int, None] = {}
    for match in CITATION_MARKER.finditer(text):
        for part in re.split(r"\s*[,;]\s*", match.group(1)):
            bounds = [int(b) for b in re.split(r"\s*[–-]\s*", part) if b]
            span = range(bounds[0], bounds[-1] + 1) if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= 20 else bounds
            cited.update(dict.fromkeys(span))
    return tuple(cited), CITATION_MARKER.sub(" ", text)


# --- numbers ------------------------------------------------------------------------------------

def _number_supported(number: NumberInContext, evidence: Evidence) -> bool:
    mention = number.mention
    if mention.overflow:
        return False
    if mention.kind == "date":
        assert mention.date is not None
        if mention.date in evidence.dates:
            return True
        if mention.date[2] is not None:
            return False  # a full date must match a date in the evidence
        # "4.2." may be a decimal: it is checked as one below.
    if mention.kind == "year":
        year = int(mention.value)
        return year in evidence.years or any(fact.value == year for fact in evidence.near(Decimal(year), Decimal(0), 1))
    tolerance = _tolerance(mention)
    if not tolerance and any(value in evidence.joined for value in mention.readings):
        return True
    return any(
        _consistent(number, fact) for value in mention.readings for fact in evidence.near(value, tolerance, MAX_CANDIDATES)
    )


def _tolerance(mention: NumberMention) -> Decimal:
    """Half a unit of the last digit written, times the scale; 0 for a whole number without a scale word."""
    if not mention.rounded:
        return Decimal(0)
    if mention.decimals > MAX_ROUNDING_DECIMALS:
        return Decimal(-1)  # nothing lies within a negative tolerance
    return Decimal(5).scaleb(-mention.decimals - 1) * mention.scale


def _consistent(number: NumberInContext, fact: Fact) -> bool:
    """Whether what the answer says about the number agrees with what the evidence says about it."""
    mention = number.mention
    if mention.unit and fact.unit and mention.unit != fact.unit:
        return False
    if mention.sign and fact.sign and mention.sign != fact.sign:
        return False
    if number.columns and fact.columns and not any(a.matches(b) for a in number.columns for b in fact.columns):
        return False
    if number.areas and fact.areas and not number.areas & fact.areas:
        return False
    return not (number.directions and fact.directions and not number.directions & fact.directions)


# --- titles and names ---------------------------------------------------------------------------

def _unsupported_names(text: str, tokens: list[str], owner_stems: frozenset[str] | None) -> Iterable[str]:
    """Job titles that are no owner, titles and bodies not in the evidence, and unknown capitalised names.

    A job title must be an owner of the goals grid; one the cited plan text itself names ("liikuntaneuvoja")
    may be repeated, but not as the one responsible ("vastaa", "vastuu").
    """
    spans = iter(clauses(text))
    clause = next(spans, (0, len(text)))
    responsible: bool | None = None
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word[0].islower() and not _TITLE_LOOSE.search(word):
            continue  # neither a name nor a title: the common case, decided without folding
        while match.start() >= clause[1]:
            clause, responsible = next(spans, (clause[1], len(text))), None
        folded = fold(word)
        stem, bare = title_stem(folded)
        if stem is not None:
            if bare and stem not in _SPECIFIC_BARE:
                continue  # a bare "johtaja" or "lautakunta" is a common noun, not somebody's title
            compound = stem if bare else folded[: folded.find(stem) + len(stem)]
            supported = _has_prefix(tokens, compound)
            if stem in PERSON_TITLE_STEMS and owner_stems is not None and compound not in owner_stems:
                if responsible is None:
                    responsible = _names_responsibility(text[clause[0] : clause[1]])
                supported = supported and not responsible
            if not supported:
                yield word
        elif len(word) > 1 and word[0].isupper() and not _starts_sentence(text, match.start()):
            if not _name_supported(word, folded, tokens):
                yield word


def _names_responsibility(clause: str) -> bool:
    return any(fold(m.group(0)).startswith(_RESPONSIBILITY) for m in _WORD.finditer(clause))


def title_stem(folded: str) -> tuple[str | None, bool]:
    """The title stem a folded word contains and whether the word is that title alone ("rehtori", "johtaja")."""
    match = _TITLE.search(folded)
    return (match.group(0), match.start() == 0) if match else (None, False)


def _owner_stems(owners: Iterable[str]) -> Iterable[str]:
    """Folded owner titles up to their title stem: "Koulutusjohtaja" -> "koulutusjohtaj"."""
    for owner in owners:
        for match in _WORD.finditer(owner):
            folded = fold(match.group(0))
            stem, _ = title_stem(folded)
            if stem is not None:
                yield folded[: folded.find(stem) + len(stem)]


def _starts_sentence(text: str, start: int) -> bool:
    """Whether a word at `start` begins a sentence, a line or a list item (looks back a bounded stretch)."""
    window_start = max(0, start - LOOKBACK)
    before = text[window_start:start]
    newline = before.rfind("\n")
    line = before[newline + 1 :]
    if not line.strip(_BULLETS) and (newline >= 0 or window_start == 0):
        return True  # start of text, of a line, or after a list marker
    stripped = line.rstrip(" \t" + _OPENERS)
    if not stripped:
        return True  # only spaces and quotes as far as we look: treat as a sentence start
    return stripped[-1] in _SENTENCE_END


def _evidence_tokens(texts: Iterable[str]) -> list[str]:
    return sorted({fold(word.group(0)) for text in texts for word in _WORD.finditer(text)})


def _contains_token(tokens: list[str], token: str) -> bool:
    index = bisect.bisect_left(tokens, token)
    return index < len(tokens) and tokens[index] == token


def _has_prefix(tokens: list[str], prefix: str) -> bool:
    index = bisect.bisect_left(tokens, prefix)
    return index < len(tokens) and tokens[index].startswith(prefix)


def _name_supported(word: str, folded: str, tokens: list[str]) -> bool:
    head, dash, _ = word.partition("-")
    if dash and head and _name_supported(head, fold(head), tokens):
        return True  # "Varhaiskasvatus-palvelualueeseen": the name is its first part
    if word.isupper():
        # Acronyms as written or as the head of a compound ("HYTE" in "hyte-kärkiin"), so "TA" is not "tavoite".
        return _contains_token(tokens, folded) or _has_prefix(tokens, folded + "-")
    if len(folded) <= 5:
        return _has_prefix(tokens, folded)
    # Inflected proper names share their beginning: "Heinolassa" ~ "Heinolan", "Tommola-talossa" ~ "Tommola-taloon".
    return _has_prefix(tokens, folded[: max(5, len(folded) - 4)])


def _first(items: Iterable[str]) -> tuple[str, ...]:
    """The distinct items among the first MAX_REPORTED (the rest is not computed)."""
    found: dict[str, None] = {}
    for count, item in enumerate(items, start=1):
        found[item] = None
        if count >= MAX_REPORTED:
            break
    return tuple(found)
