"""Repair the Finnish letters that OCR broke (lost dots on ä/ö, ä read as d/é/&/3, ö as 6/0, …).

Each word Voikko does not know is replaced by the best-scoring known word reachable by OCR edits
(see corpus.voikko_search); numbers, abbreviations and unknown names are left as they are. The
document itself is the tie-breaker: forms and compound parts attested elsewhere in it win.
Known real-word errors ("vaistoon" for "väistöön") come from a per-document override list.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import SourceError
from corpus.voikko_search import Candidate, VoikkoSearch

REASON_VOIKKO = "voikko"  # the single best Voikko candidate
REASON_CONTEXT = "voikko+context"  # Voikko candidates tied; a form attested in the document won
REASON_AMBIGUOUS = "voikko-ambiguous"  # still tied after context: a reviewer should look
REASON_OVERRIDE = "override"
REASON_ABBREVIATION = "abbreviation"

LOG_HEADER = ("line", "column", "original", "repaired", "reason")

# Ranking weights on top of the edit cost. Voikko compounds freely ("lapsi+maa+räkä"), so every
# extra compound part must be paid for; a proper-noun reading of a common word is a poor guess.
COMPOUND_PART_COST = 1.5
PROPER_NOUN_COST = 1.5
ATTESTED_FORM_BONUS = 1.0  # the very form occurs elsewhere in the document
ATTESTED_PARTS_BONUS = 0.5  # every base form of its parts occurs elsewhere in the document
SEARCH_MARGIN = 1.5  # also rank candidates this much dearer than the cheapest
CONFIDENT_LEAD = 0.5  # a repair attests its form to others only if it beats the runner-up by this


def _max_cost(word: str) -> float:
    """Longer words can carry more damage; short ones must stay close to what was printed."""
    return min(6.0, 1.0 + len(word) / 3)


# Abbreviations of this document and of Finnish prose; also inflected ("Hyten", "Hyte-palvelualueen").
ABBREVIATIONS = frozenset({"hyte", "opkou", "opkoul", "vaka", "vire", "hva", "kki", "te", "caf", "em", "ml", "esim", "wc"})
_ABBREVIATION_STEMS = tuple(sorted(a for a in ABBREVIATIONS if len(a) >= 4))
# An upper-case abbreviation (two capitals at least) with a lower-case 'l' in it is an OCR'd
# capital I: "KKl" -> "KKI". Words like "Al" or "Kl" have too little case evidence to touch.
_CAPITAL_I_AS_L = re.compile(r"(?=(?:l*[A-Z]){2})[A-Zl]*l[A-Zl]*")

_WORD_CHAR = r"(?:[^\W_]|&)"
_TOKEN = re.compile(rf"{_WORD_CHAR}+(?:-{_WORD_CHAR}+)*")
_TWO_DIGITS = re.compile(r"\d\d")


@dataclass(frozen=True)
class RepairChange:
    """One repaired word: where it is in the source (1-based line and column) and why it changed."""

    line: int
    column: int
    original: str
    repaired: str
    reason: str


@dataclass(frozen=True)
class RepairResult:
    """Repaired lines (line i of the input is line i here) and every change made."""

    lines: tuple[str, ...]
    changes: tuple[RepairChange, ...]


@dataclass(frozen=True)
class _Word:
    line: int  # 0-based
    start: int  # 0-based column in the line
    text: str


@dataclass(frozen=True)
class _Choice:
    text: str  # lower-case
    reason: str


class _Context:
    """Forms and base forms attested in the document, each with the words that attest it."""

    def __init__(self) -> None:
        self.forms: dict[str, set[str]] = {}
        self.baseforms: dict[str, set[str]] = {}

    def add(self, source: str, form: str, baseforms: Sequence[str]) -> None:
        self.forms.setdefault(form, set()).add(source)
        for base in baseforms:
            self.baseforms.setdefault(base, set()).add(source)

    def has_form(self, form: str, source: str) -> bool:
        """Whether a word other than `source` attests `form` (a word cannot vouch for itself)."""
        return bool(self.forms.get(form, set()) - {source})

    def has_baseform(self, base: str, source: str) -> bool:
        return bool(self.baseforms.get(base, set()) - {source})


def repair_lines(lines: Sequence[str], overrides: Mapping[str, str] | None = None) -> RepairResult:
    """Repair OCR-damaged Finnish words line by line; numbers, names and abbreviations stay as printed."""
    overrides = dict(overrides or {})
    lower_overrides = {key.lower(): value for key, value in overrides.items()}
    search = _search()
    words = list(_words(lines))
    unknown = sorted({w.text.lower() for w in words if _is_candidate_word(w.text) and not search.accepts(w.text.lower())})
    candidates = {word: search.candidates(word, _max_cost(word), SEARCH_MARGIN) for word in unknown}
    context = _document_context(search, words, candidates)
    choices = {word: _choose(search, word, candidates[word], context) for word in unknown}

    new_lines = list(lines)
    changes: list[RepairChange] = []
    # Right to left, so earlier columns stay valid while a line is rewritten.
    for word in sorted(words, key=lambda w: (w.line, -w.start)):
        repaired, reason = _repair_word(word.text, choices, overrides, lower_overrides)
        if repaired == word.text:
            continue
        line = new_lines[word.line]
        new_lines[word.line] = line[: word.start] + repaired + line[word.start + len(word.text) :]
        changes.append(RepairChange(word.line + 1, word.start + 1, word.text, repaired, reason))
    changes.sort(key=lambda c: (c.line, c.column))
    return RepairResult(tuple(new_lines), tuple(changes))


def _repair_word(
    text: str,
    choices: Mapping[str, _Choice | None],
    overrides: Mapping[str, str],
    lower_overrides: Mapping[str, str],
) -> tuple[str, str]:
    """The repaired spelling of one word (a hyphen-free part of a token) and the reason."""
    if text in overrides:
        return overrides[text], REASON_OVERRIDE
    if text.lower() in lower_overrides:
        return _match_case(text, lower_overrides[text.lower()]), REASON_OVERRIDE
    if _CAPITAL_I_AS_L.fullmatch(text):
        return text.replace("l", "I"), REASON_ABBREVIATION
    if not _is_candidate_word(text):
        return text, ""
    choice = choices.get(text.lower())
    if choice is None:
        return text, ""
    return _match_case(text, choice.text), choice.reason


def _choose(search: VoikkoSearch, word: str, candidates: list[Candidate], context: _Context) -> _Choice | None:
    """The best candidate for `word` by edit cost, compound parts and document context; None keeps it."""
    ranked: list[tuple[float, float, Candidate]] = []
    for candidate in candidates:
        analysis = search.analyse(candidate.text)
        if analysis is None or analysis.abbreviation:
            continue
        attested = [context.has_baseform(base, word) for base in analysis.baseforms]
        attested_parts = all(attested)
        # Changing a real letter (not just dots) can turn a name or a rare word into some other
        # word ("Hyten" -> hytein); only trust it when the document uses one of the result's parts.
        if candidate.structural and not any(attested):
            continue
        score = candidate.cost + COMPOUND_PART_COST * (analysis.parts - 1) + PROPER_NOUN_COST * analysis.proper_noun
        bonus = ATTESTED_FORM_BONUS * context.has_form(candidate.text, word) + ATTESTED_PARTS_BONUS * attested_parts
        ranked.append((score, score - bonus, candidate))
    if not ranked:
        return None
    by_score = sorted(ranked, key=lambda r: (r[0], r[2].text))
    by_context = sorted(ranked, key=lambda r: (r[1], r[0], r[2].text))
    best = by_context[0]
    if len(ranked) > 1 and _same(by_context[0][1], by_context[1][1]):
        return _Choice(best[2].text, REASON_AMBIGUOUS)
    if best[2] is by_score[0][2] and (len(ranked) == 1 or not _same(by_score[0][0], by_score[1][0])):
        return _Choice(best[2].text, REASON_VOIKKO)
    return _Choice(best[2].text, REASON_CONTEXT)


def _confident(search: VoikkoSearch, candidates: list[Candidate]) -> str | None:
    """The clear winner among dot-restoring candidates, judged without context; else None."""
    scored = sorted(
        (c.cost + COMPOUND_PART_COST * (a.parts - 1) + PROPER_NOUN_COST * a.proper_noun, c.text)
        for c in candidates
        if not c.structural and (a := search.analyse(c.text)) is not None and not a.abbreviation
    )
    if not scored or (len(scored) > 1 and scored[1][0] - scored[0][0] < CONFIDENT_LEAD):
        return None
    return scored[0][1]


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9


def _document_context(search: VoikkoSearch, words: list[_Word], candidates: Mapping[str, list[Candidate]]) -> _Context:
    """Forms and base forms the document attests: its known words plus its clear-cut repairs."""
    context = _Context()
    for word in words:
        lower = word.text.lower()
        if _is_candidate_word(word.text) and search.accepts(lower):
            analysis = search.analyse(lower)
            context.add(lower, lower, analysis.baseforms if analysis else ())
    for original, options in candidates.items():
        winner = _confident(search, options)
        if winner is not None:
            analysis = search.analyse(winner)
            context.add(original, winner, analysis.baseforms if analysis else ())
    return context


def _words(lines: Sequence[str]) -> Iterator[_Word]:
    """Every hyphen-free word part of every token, with its position."""
    for index, line in enumerate(lines):
        for token in _TOKEN.finditer(line):
            offset = token.start()
            for part in token.group().split("-"):
                yield _Word(index, offset, part)
                offset += len(part) + 1


def _is_candidate_word(text: str) -> bool:
    """A word that may be repaired: not a number ("1000e", "CAF2020") and not an abbreviation."""
    if not any(ch.isalpha() for ch in text) or text[0].isdigit() or _TWO_DIGITS.search(text):
        return False
    if text.isupper() and len(text) <= 3:
        return False
    lower = text.lower()
    return lower not in ABBREVIATIONS and not lower.startswith(_ABBREVIATION_STEMS)


def _match_case(original: str, repaired: str) -> str:
    """Give `repaired` the capitalisation of `original` (all caps, capitalised or as is)."""
    letters = [ch for ch in original if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return repaired.upper()
    if original[:1].isupper():
        return repaired[:1].upper() + repaired[1:]
    return repaired


@functools.cache
def _search() -> VoikkoSearch:
    """One shared search, so its lookup caches serve every call in the process."""
    return VoikkoSearch()


def load_overrides(path: Path | str) -> dict[str, str]:
    """Read an override TSV (original, repaired, comment); '#' lines and the header are skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SourceError(f"cannot read repair overrides {path}: {error}; create the file or pass no overrides") from error
    overrides: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        fields = [field.strip() for field in line.split("\t")]
        if not fields[0] or fields[0].startswith("#") or (number == 1 and fields[0] == "original"):
            continue
        if len(fields) < 2 or not fields[1]:
            raise SourceError(f"{path}:{number}: expected 'original<TAB>repaired<TAB>comment', got {line!r}")
        overrides[fields[0]] = fields[1]
    return overrides


def write_repair_log(changes: Sequence[RepairChange], path: Path | str) -> None:
    """Write the changes as a TSV a reviewer can read: line, column, original, repaired, reason."""
    rows = ["\t".join(LOG_HEADER)]
    # Words never hold tabs or newlines, so plain joining needs no quoting.
    rows += [f"{c.line}\t{c.column}\t{c.original}\t{c.repaired}\t{c.reason}" for c in changes]
    Path(path).write_text("\n".join(rows) + "\n", encoding="utf-8")
