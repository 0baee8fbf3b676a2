"""The faithfulness guard: every number, owner title and proper name in a generated answer must be in its evidence."""

from __future__ import annotations

import bisect
import decimal
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from corpus.text import fold

# Thousands separators a Finnish text may use: space, no-break space, narrow no-break space, thin space.
_SEP = "[ \u00a0\u202f\u2009]"
_NUMBER = re.compile(
    rf"""(?<![0-9])(?:
        (?P<date>(?P<day>[0-9]{{1,2}})\.(?P<month>[0-9]{{1,2}})\.(?P<year>[0-9]{{4}})?)(?![0-9])
      | (?P<grouped>[0-9]{{1,3}}(?:{_SEP}[0-9]{{3}})+)(?:,(?P<gfrac>[0-9]+))?(?![0-9])
      | (?P<western>[0-9]{{1,3}}(?:,[0-9]{{3}}){{2,}}|[0-9]{{1,3}}(?:\.[0-9]{{3}}){{2,}})(?![0-9])
      | (?P<plain>[0-9]+)(?:[,.](?P<frac>[0-9]+))?
    )""",
    re.VERBOSE,
)
# "32,6 milj. €", "2 miljardia", "700 tuhatta euroa": a scale word right after the number.
_SCALE = re.compile(r"[ \u00a0\u202f\u2009]?(?:(?P<bn>miljard\w*|mrd\b)|(?P<mn>milj\w*)|(?P<th>tuhat\w*|t€))", re.IGNORECASE)
_SCALES = {"bn": 1_000_000_000, "mn": 1_000_000, "th": 1_000}
# OCR-damaged evidence ("32 611450") and table rows printing several figures in one run of digit groups
# ("960 796 712 500 620 000") are read every way the groups can be joined; a regular run of up to three
# groups is read only as the one number it spells.
_DIGIT_RUN = re.compile(rf"[0-9]+(?:{_SEP}[0-9]+)*")
CITATION_MARKER = re.compile(r"\[\s*([0-9]{1,4}(?:\s*[,;–-]\s*[0-9]{1,4})*)\s*\]")
_LIST_MARKER = re.compile(r"(?m)^[ \t]*[0-9]{1,2}[.)](?=[ \t])")
_WORD = re.compile(r"[^\W\d_](?:[\w-]*\w)?")
_SENTENCE_END = ".!?:;"
_OPENERS = "\"'“”„«»‘’([{*_"

MAX_DIGITS = 30  # longer digit strings are never figures of this plan; skipping them keeps parsing bounded
MAX_ROUNDING_DECIMALS = 6
MAX_RUN_GROUPS = 5

# Number words in evidence ("viisi varhaiskasvatusaluetta") support the digits an answer writes for them.
_NUMBER_WORDS = {
    "yksi": 1, "kaksi": 2, "kolme": 3, "nelja": 4, "viisi": 5, "kuusi": 6, "seitseman": 7,
    "kahdeksan": 8, "yhdeksan": 9, "kymmenen": 10, "sata": 100, "tuhat": 1000,
}  # fmt: skip
# In an answer only these are checked: "yksi", "sata" and "tuhat" are too often not a stated figure.
_CHECKED_NUMBER_WORDS = frozenset(_NUMBER_WORDS) - {"yksi", "sata", "tuhat"}

# Folded stems of owner titles and bodies: "koulutusjohtajalla" -> "koulutusjohtaj".
TITLE_STEMS = (
    "johtaj", "paallik", "jaosto", "lautakun", "valtuusto", "rehtor", "sihteer", "koordinaattor", "ohjaaj",
    "neuvoj", "neuvosto", "asiantuntij", "esihenkilo", "esimie", "kamreer", "tarkastaj", "tyoryhm", "toimikun",
)  # fmt: skip
# The plan's own identity and column/area codes may always be named, even when a passage does not repeat them.
ALWAYS_ALLOWED_NAMES = (
    "Heinola", "hyvinvointilautakunta", "käyttösuunnitelma", "TP", "TA", "TS", "HYTE", "OPKOU", "VAKA", "VIRE",
)  # fmt: skip


@dataclass(frozen=True)
class NumberMention:
    """A number as written in a text and its absolute value (signs are words in Finnish prose: "laski 228 050 €")."""

    text: str
    value: Decimal
    decimals: int = 0  # digits written after the decimal comma, for rounding tolerance
    scale: int = 1  # 1, 1 000, 1 000 000 or 1 000 000 000 for "tuhatta", "milj.", "mrd"
    date: tuple[int, int, int | None] | None = None  # (day, month, year) for "1.8.2024" / "1.8."


@dataclass(frozen=True)
class FaithfulnessReport:
    """Whether an answer states only supported numbers, names and citations, and which ones were not."""

    ok: bool
    unsupported_numbers: tuple[str, ...] = ()
    unsupported_names: tuple[str, ...] = ()
    unsupported_citations: tuple[int, ...] = ()  # [n] markers outside 1..citation_count


def check_faithfulness(
    text: str,
    evidence_texts: Iterable[str],
    allowed_numbers: Iterable[int | float | Decimal | str] = (),
    allowed_names: Iterable[str] = (),
    citation_count: int | None = None,
) -> FaithfulnessReport:
    """Check that every number and owner/proper name in `text` appears in the evidence (never raises)."""
    evidence = list(evidence_texts)
    values, dates = _evidence_numbers(evidence, allowed_numbers)
    tokens = _evidence_tokens([*evidence, *allowed_names, *ALWAYS_ALLOWED_NAMES])
    cited, body = strip_citations(text)
    numbers = tuple(_dedupe(m.text for m in extract_numbers(body, answer=True) if not _number_supported(m, values, dates)))
    names = tuple(_dedupe(name.text for name in _names(body) if not _name_supported(name, tokens)))
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
    cited: list[int] = []
    for match in CITATION_MARKER.finditer(text):
        for part in re.split(r"\s*[,;]\s*", match.group(1)):
            bounds = [int(b) for b in re.split(r"\s*[–-]\s*", part) if b]
            span = range(bounds[0], bounds[-1] + 1) if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= 20 else bounds
            cited.extend(n for n in span if n not in cited)
    return tuple(cited), CITATION_MARKER.sub(" ", text)


def extract_numbers(text: str, answer: bool = False) -> tuple[NumberMention, ...]:
    """Every number in a Finnish text: "32 611 450 €", "−4,2 %", "1.8.2024", "2024", "32,6 milj. €".

    With `answer=True`, list markers at line starts ("1. ", "2) ") are not numbers, and number words
    ("viisi") are included.
    """
    if answer:
        text = _LIST_MARKER.sub(lambda m: " " * len(m.group(0)), text)
    mentions: list[NumberMention] = []
    for match in _NUMBER.finditer(text):
        mention = _mention(match, text)
        if mention is not None:
            mentions.append(mention)
    if answer:
        for word in _WORD.finditer(text):
            folded = fold(word.group(0))
            if folded in _CHECKED_NUMBER_WORDS:
                mentions.append(NumberMention(word.group(0), Decimal(_NUMBER_WORDS[folded])))
    return tuple(mentions)


def _mention(match: re.Match[str], text: str) -> NumberMention | None:
    if match.group("date"):
        day, month, year = int(match.group("day")), int(match.group("month")), match.group("year")
        if 1 <= day <= 31 and 1 <= month <= 12:
            value = Decimal(f"{day}.{month}")  # "4.2." at a sentence end may be a decimal, not a date
            date = (day, month, int(year) if year else None)
            return NumberMention(match.group(0), value, decimals=len(match.group("month")), date=date)
        whole, frac = match.group("day"), match.group("month")
    elif match.group("grouped"):
        whole, frac = re.sub(_SEP, "", match.group("grouped")), match.group("gfrac") or ""
    elif match.group("western"):
        whole, frac = re.sub(r"[,.]", "", match.group("western")), ""
    else:
        whole, frac = match.group("plain"), match.group("frac") or ""
    if len(whole) + len(frac) > MAX_DIGITS:
        return NumberMention(match.group(0), Decimal(-1))  # never equal to an evidence value (those are absolute)
    scale_match = _SCALE.match(text, match.end())
    scale = next((_SCALES[k] for k, v in scale_match.groupdict().items() if v), 1) if scale_match else 1
    written = text[match.start() : scale_match.end()] if scale_match else match.group(0)
    return NumberMention(written, Decimal(f"{whole}.{frac}" if frac else whole), decimals=len(frac), scale=scale)


def _evidence_numbers(
    evidence: Sequence[str], allowed: Iterable[int | float | Decimal | str]
) -> tuple[list[Decimal], set[tuple[int, int, int | None]]]:
    values: set[Decimal] = set()
    dates: set[tuple[int, int, int | None]] = set()
    texts = list(evidence)
    for item in allowed:
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item, (int, float, Decimal)) and not isinstance(item, bool):
            try:
                number = abs(Decimal(str(item)))
            except decimal.InvalidOperation:
                continue
            if number.is_finite():  # NaN would make the sorted evidence incomparable
                values.add(number)
    for text in texts:
        for mention in extract_numbers(text):
            if mention.value < 0:
                continue
            values.add(mention.value * mention.scale)
            if mention.date:
                day, month, year = mention.date
                dates |= {(day, month, year), (day, month, None)}
                values |= {Decimal(day), Decimal(month), *([Decimal(year)] if year else [])}
        for run in _DIGIT_RUN.finditer(text):
            groups = re.split(_SEP, run.group(0))
            if _regular(groups) and len(groups) <= 3:
                continue  # "32 611 450" is one figure, read above; "32 611" must not count as printed
            for i in range(len(groups)):
                for j in range(i + 1, min(len(groups), i + MAX_RUN_GROUPS) + 1):
                    digits = "".join(groups[i:j])
                    if len(digits) <= MAX_DIGITS:
                        values.add(Decimal(digits))
        for word in _WORD.finditer(text):
            number = _NUMBER_WORDS.get(fold(word.group(0)))
            if number is not None:
                values.add(Decimal(number))
    return sorted(values), dates


def _regular(groups: Sequence[str]) -> bool:
    """Whether digit groups are grouped as one number would be: 1-3 digits, then groups of exactly 3."""
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


def _number_supported(mention: NumberMention, values: list[Decimal], dates: set[tuple[int, int, int | None]]) -> bool:
    if mention.value < 0:
        return False
    if mention.date and mention.date in dates:
        return True
    if mention.date and mention.date[2] is not None:
        return False  # a full date must match a date in the evidence
    with decimal.localcontext() as ctx:
        ctx.prec = 80  # exact for MAX_DIGITS-digit values times a billion
        target = mention.value * mention.scale
        if _contains(values, target):
            return True
        if mention.scale == 1 and mention.decimals == 0:
            return False  # whole numbers must match exactly: no neighbouring figures
        if mention.decimals > MAX_ROUNDING_DECIMALS:
            return False
        # "32,6 milj. €" is 32 611 450 rounded; "−4,2 %" may be −4,23 rounded: the written precision bounds the gap.
        tolerance = Decimal(5).scaleb(-mention.decimals - 1) * mention.scale
        low = bisect.bisect_left(values, target - tolerance)
        return low < len(values) and values[low] <= target + tolerance


def _contains(values: list[Decimal], target: Decimal) -> bool:
    index = bisect.bisect_left(values, target)
    return index < len(values) and values[index] == target


def _evidence_tokens(texts: Iterable[str]) -> list[str]:
    return sorted({fold(word.group(0)) for text in texts for word in _WORD.finditer(text)})


def _contains_token(tokens: list[str], token: str) -> bool:
    index = bisect.bisect_left(tokens, token)
    return index < len(tokens) and tokens[index] == token


def _has_prefix(tokens: list[str], prefix: str) -> bool:
    index = bisect.bisect_left(tokens, prefix)
    return index < len(tokens) and tokens[index].startswith(prefix)


@dataclass(frozen=True)
class _Name:
    text: str
    title_stem: str = ""  # folded compound up to the title stem, e.g. "koulutusjohtaj"


def _names(text: str) -> list[_Name]:
    """Owner titles anywhere, and capitalised words that do not start a sentence (Finnish capitalises only names)."""
    names: list[_Name] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        folded = fold(word)
        stem = _title_stem(folded)
        if stem is not None:
            if stem:  # a bare "johtaja" or "lautakunta" is a common noun, not somebody's title
                names.append(_Name(word, stem))
        elif len(word) > 1 and word[0].isupper() and not _starts_sentence(text, match.start()):
            names.append(_Name(word))
    return names


def _title_stem(folded: str) -> str | None:
    """The compound up to its title stem ("" when the word is the bare title), or None when it is no title."""
    for stem in TITLE_STEMS:
        index = folded.find(stem)
        if index >= 0:
            return folded[: index + len(stem)] if index > 0 else ""
    return None


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t" + _OPENERS)
    line = before.rsplit("\n", 1)[-1]
    if not line.strip(" \t-–—•*#>0123456789.)"):
        return True  # start of text, of a line, or after a list marker
    return before[-1] in _SENTENCE_END


def _name_supported(name: _Name, tokens: list[str]) -> bool:
    folded = fold(name.text)
    if name.title_stem:
        return _has_prefix(tokens, name.title_stem)
    if name.text.isupper():
        # Acronyms as written or as the head of a compound ("HYTE" in "hyte-kärkiin"), so "TA" is not "tavoite".
        return _contains_token(tokens, folded) or _has_prefix(tokens, folded + "-")
    if len(folded) <= 5:
        return _has_prefix(tokens, folded)
    # Inflected proper names share their beginning: "Heinolassa" ~ "Heinolan", "Tommola-talossa" ~ "Tommola-taloon".
    return _has_prefix(tokens, folded[: max(5, len(folded) - 4)])


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
