"""Finnish numbers in text, read one way for the whole product (the LLM guard and the evaluation).

Digits in every Finnish grouping ("32 611 450", "32.611.450", "−4,2 %", "32,6 milj. €"), number words
("viisi", "kolme miljoonaa", "kaksikymmentä") and dates ("1.8.2024") are read with their sign, unit and
scale, and each mention says what it is: an amount, a date or a year. A date or a year is never an amount.
Reading is one left-to-right pass of regular expressions without backtracking hazards: linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

MentionKind = Literal["amount", "date", "year"]
Unit = Literal["", "€", "%"]

# Thousands separators a Finnish text may use: space, no-break space, narrow no-break space, thin space.
SEP = "[ \u00a0\u202f\u2009]"
_NUMBER = re.compile(
    rf"""(?<![0-9])(?:
        (?P<date>(?P<day>[0-9]{{1,2}})\.(?P<month>[0-9]{{1,2}})\.(?P<year>[0-9]{{4}})?)(?![0-9])
      | (?P<grouped>[0-9]{{1,3}}(?:{SEP}[0-9]{{3}})+)(?:,(?P<gfrac>[0-9]+))?(?![0-9])
      | (?P<western>[0-9]{{1,3}}(?:,[0-9]{{3}}){{2,}}|[0-9]{{1,3}}(?:\.[0-9]{{3}}){{2,}})(?![0-9])
      | (?P<plain>[0-9]+)(?:(?P<point>[,.])(?P<frac>[0-9]+))?
    )""",
    re.VERBOSE,
)
# "32,6 milj. €", "2 miljardia", "700 tuhatta euroa": a scale word right after the number.
_SCALE = re.compile(
    r"[ \u00a0\u202f\u2009]?(?:(?P<bn>miljard\w*|mrd\b)|(?P<mn>milj\w*|mn\b)|(?P<th>tuha[tn]\w*|t€))", re.IGNORECASE
)
_SCALES = {"bn": 1_000_000_000, "mn": 1_000_000, "th": 1_000}
# The unit after a number (and its scale word): "€", "euroa", "eurosta", "1000e"; "%", "prosenttia".
_UNIT = re.compile(
    r"(?P<attached>e(?![\w-]))|\.?[ \u00a0\u202f\u2009]?(?:(?P<eur>€|euro(?!op)\w*|eur\b)|(?P<pct>%|prosent\w*))",
    re.IGNORECASE,
)
_SIGNS = {"-": -1, "\u2212": -1, "\u2013": -1, "+": +1}
_SIGN_MAY_FOLLOW = " \t\n(:=/[\"'"  # a dash right after a digit or letter is a range or a hyphen, not a sign
# List markers: "1. " or "2) " at a line start, and inline enumerations "Tavoitetaso: 1) … 2) …".
_LIST_MARKER = re.compile(r"(?m)^[ \t]*[0-9]{1,2}[.)](?=[ \t])|(?<![(\w])[0-9]{1,2}\)(?=[ \t])")
_WORD = re.compile(r"[^\W\d_]+")

MAX_DIGITS = 30  # longer digit strings are never figures of this plan; skipping them keeps the work bounded
YEARS = range(1900, 2100)


@dataclass(frozen=True)
class NumberMention:
    """A number as written, what it is, and its absolute value (signs are kept apart: prose says "laski 5 %")."""

    text: str  # as written, with the scale word ("32,6 milj")
    start: int
    end: int  # end of the number and its scale and unit words
    kind: MentionKind
    value: Decimal  # absolute, before scaling: 32.6 for "32,6 milj."
    decimals: int = 0  # digits written after the decimal comma, for the rounding tolerance
    scale: int = 1  # 1, 1 000, 1 000 000 or 1 000 000 000 for "tuhatta", "milj.", "mrd"
    sign: int = 0  # −1 or +1 when a sign is written before the number, else 0
    unit: Unit = ""
    date: tuple[int, int, int | None] | None = None  # (day, month, year) for "1.8.2024" / "1.8."
    alternatives: tuple[Decimal, ...] = ()  # other readings: "1.234" may be 1 234
    word: bool = False  # written in words ("kolme miljoonaa")
    overflow: bool = False  # more than MAX_DIGITS digits: never a figure

    @property
    def amount(self) -> Decimal:
        """The absolute value with its scale: 32 600 000 for "32,6 milj."."""
        return self.value * self.scale

    @property
    def readings(self) -> tuple[Decimal, ...]:
        """Every scaled value the mention may mean."""
        return (self.amount, *(value * self.scale for value in self.alternatives))

    @property
    def rounded(self) -> bool:
        """Whether the writer rounded (a decimal or a scale word): then a nearby figure is meant."""
        return self.decimals > 0 or self.scale > 1


def blank_list_markers(text: str) -> str:
    """List markers ("1. " at a line start, "2) " anywhere) as spaces, so that they are no numbers (same length)."""
    return _LIST_MARKER.sub(lambda m: " " * len(m.group(0)), text)


def read_numbers(text: str, words: bool = True, start: int = 0, end: int | None = None) -> tuple[NumberMention, ...]:
    """Every number in a Finnish text (or in text[start:end]) in order: digits, dates, years and number words."""
    end = len(text) if end is None else end
    mentions = [_digit_mention(match, text) for match in _NUMBER.finditer(text, start, end)]
    if words:
        mentions.extend(_word_mentions(text, [(m.start, m.end) for m in mentions], start, end))
        mentions.sort(key=lambda m: m.start)
    return tuple(mentions)


def numbers_in(text: str) -> frozenset[int]:
    """Every whole number a text states, as absolute values ("−32 611 450 €" states 32 611 450).

    Dates state their day, month and year; "1.234" may be 1 234; decimals and number words state nothing
    whole unless scaled ("32,6 milj." is 32 600 000). A number is never read out of a longer one
    ("1 558 300" does not state 558 300).
    """
    found: set[int] = set()
    for mention in read_numbers(text, words=False):
        if mention.overflow:
            continue
        if mention.date:
            day, month, year = mention.date
            found |= {day, month, *([year] if year else [])}
            continue
        found |= {int(value) for value in mention.readings if value == value.to_integral_value()}
    return frozenset(found)


# --- digits --------------------------------------------------------------------------------------

def _digit_mention(match: re.Match[str], text: str) -> NumberMention:
    start, sign = match.start(), _sign_before(text, match.start())
    if match.group("date"):
        day, month, year = int(match.group("day")), int(match.group("month")), match.group("year")
        if 1 <= day <= 31 and 1 <= month <= 12:
            # "4.2." at a sentence end may also be a decimal: the value keeps that reading.
            date = (day, month, int(year) if year else None)
            value = Decimal(f"{day}.{month}")
            return NumberMention(match.group(0), start, match.end(), "date", value, len(match.group("month")), date=date)
        whole, frac, point = match.group("day"), match.group("month"), "."
        end = start + len(whole) + 1 + len(frac)
    elif match.group("grouped"):
        whole, frac, point = re.sub(SEP, "", match.group("grouped")), match.group("gfrac") or "", ","
    elif match.group("western"):
        whole, frac, point = re.sub(r"[,.]", "", match.group("western")), "", ""
    else:
        whole, frac, point = match.group("plain"), match.group("frac") or "", match.group("point") or ""
    if not match.group("date"):
        end = match.end()
    if len(whole) + len(frac) > MAX_DIGITS:
        return NumberMention(match.group(0), start, end, "amount", Decimal(0), sign=sign, overflow=True)
    scale, end = _scale_after(text, end)
    unit, unit_end = _unit_after(text, end)
    value = Decimal(f"{whole}.{frac}" if frac else whole)
    # "1.234" is 1,234 in English print and 1 234 in Finnish grouping by dots: keep both readings.
    alternatives = (Decimal(whole + frac),) if point == "." and len(frac) == 3 and len(whole) <= 3 else ()
    kind: MentionKind = "amount"
    if match.group("plain") and not frac and scale == 1 and not unit and sign == 0 and len(whole) == 4 and int(whole) in YEARS:
        kind = "year"
    return NumberMention(
        text[start:end], start, unit_end, kind, value, len(frac), scale, sign, unit, alternatives=alternatives
    )


def _sign_before(text: str, start: int) -> int:
    if start == 0 or text[start - 1] not in _SIGNS:
        return 0
    if start >= 2 and text[start - 2] not in _SIGN_MAY_FOLLOW:
        return 0
    return _SIGNS[text[start - 1]]


def _scale_after(text: str, end: int) -> tuple[int, int]:
    match = _SCALE.match(text, end)
    if not match:
        return 1, end
    scale = next(_SCALES[key] for key, value in match.groupdict().items() if value)
    return scale, match.end()


def _unit_after(text: str, end: int) -> tuple[Unit, int]:
    match = _UNIT.match(text, end)
    if not match:
        return "", end
    return ("%" if match.group("pct") else "€"), match.end()


# --- number words --------------------------------------------------------------------------------

# Parts of compound numerals in the nominative and partitive ("kaksikymmentäkolme", "viisitoista",
# "kolmesataa", "kaksituhatta"), longest first so that "kahdeksan" is not read as "kah…".
_UNITS = {
    "yksi": 1, "kaksi": 2, "kolme": 3, "nelja": 4, "viisi": 5, "kuusi": 6, "seitseman": 7, "kahdeksan": 8,
    "yhdeksan": 9,
}  # fmt: skip
_PARTS = sorted(
    [*((word, "unit", value) for word, value in _UNITS.items()), ("kymmenen", "unit", 10),
     ("kymmenta", "tens", 10), ("toista", "teen", 10), ("sataa", "hundreds", 100), ("sata", "unit", 100),
     ("tuhatta", "thousands", 1000), ("tuhat", "thousands", 1000)],
    key=lambda part: -len(part[0]),
)  # fmt: skip
# Inflected forms of the small numerals: a weak stem for most cases, a strong one for the illative and essive.
_STEMS = {
    2: ("kahde", "kahte", "kahta"), 3: ("kolme", "kolme", "kolmea"), 4: ("nelja", "nelja", "neljaa"),
    5: ("viide", "viite", "viitta"), 6: ("kuude", "kuute", "kuutta"), 7: ("seitsema", "seitsema", "seitsemaa"),
    8: ("kahdeksa", "kahdeksa", "kahdeksaa"), 9: ("yhdeksa", "yhdeksa", "yhdeksaa"),
    10: ("kymmene", "kymmene", "kymmenta"),
}  # fmt: skip
_WEAK_ENDINGS = ("n", "lla", "ssa", "lle", "sta", "lta", "ksi", "t")
_INFLECTED: dict[str, int] = {}
for _value, (_weak, _strong, _partitive) in _STEMS.items():
    _INFLECTED |= {_weak + ending: _value for ending in _WEAK_ENDINGS}
    _INFLECTED |= {_strong + _strong[-1] + "n": _value, _strong + "na": _value, _partitive: _value}
# Scale words in any case ("miljoonaa", "miljoonan", "tuhannen"); "yksi"/"yhden"… only count before one.
_SCALE_WORDS = (("miljard", 1_000_000_000), ("miljoon", 1_000_000))
_THOUSAND_FORMS = frozenset({"tuhat", "tuhatta", "tuhannen", "tuhannella", "tuhanteen"})
# Plurals of scale words say "many", not a figure ("miljoonia euroja", "tuhansia kävijöitä").
_VAGUE = frozenset({"miljoonia", "miljoonien", "miljardeja", "miljardien", "tuhansia", "tuhansien", "satoja", "satojen"})
_ONE_FORMS = frozenset({"yksi", "yhden", "yhdella", "yhteen"})
_HALF = "puoli"
_AND = "ja"
_FOLD_LETTERS = str.maketrans("äöå", "aoa")
# Every numeral word starts with one of these: other words are passed over after one slice and lookup.
_HEADS = frozenset(
    word[:3] for word in [*_UNITS, *_INFLECTED, *_THOUSAND_FORMS, *_ONE_FORMS, "kymmen", "sata", "sada", "tuhat",
                          *(stem for stem, _ in _SCALE_WORDS), _HALF]
)  # fmt: skip
# Standalone words that are too often not a stated figure ("yksi tavoitteista", "sata vuotta sitten").
_UNCHECKED = frozenset({1, 100, 1000})


def number_word_value(folded: str) -> int | None:
    """The value of one folded Finnish numeral word ("kolme", "kolmen", "kaksikymmenta"), else None."""
    if folded in _INFLECTED:
        return _INFLECTED[folded]
    return _compound_value(folded)


def _compound_value(word: str) -> int | None:
    total = group = 0
    pending: int | None = None
    i = 0
    while i < len(word):
        part = next((p for p in _PARTS if word.startswith(p[0], i)), None)
        if part is None:
            return None
        piece, role, value = part
        i += len(piece)
        if role == "unit":
            group += pending or 0
            pending = value
        elif role in ("tens", "hundreds"):
            if pending is None or pending >= 10:
                return None
            group += pending * value
            pending = None
        elif role == "teen":
            if pending is None or pending >= 10:
                return None
            group += pending + 10
            pending = None
        else:  # thousands: everything so far counts thousands
            total += (group + (pending or 0) or 1) * value
            group, pending = 0, None
    return total + group + (pending or 0) if i else None


def _scale_word(folded: str) -> int | None:
    for stem, value in _SCALE_WORDS:
        if folded.startswith(stem):
            return value
    return 1000 if folded in _THOUSAND_FORMS else None


_HEAD_RE = re.compile(
    r"(?i)\b(?:" + "|".join("".join({"a": "[aä]", "o": "[oö]"}.get(c, c) for c in head) for head in sorted(_HEADS)) + ")"
)


def _fold_word(word: str) -> str:
    """Lower case without ä/ö: enough for numeral words, and cheap (this runs once per word of an answer)."""
    folded = word.lower().translate(_FOLD_LETTERS)
    return folded if (folded[:3] in _HEADS and folded not in _VAGUE) or folded == _AND else ""


def _word_mentions(text: str, taken: list[tuple[int, int]], begin: int, finish: int) -> Iterator[NumberMention]:
    """Number words, alone ("viisi") or before a scale word ("kolme miljoonaa", "puoli miljoonaa euroa")."""
    if not _HEAD_RE.search(text, begin, finish):
        return  # no word here begins like a numeral: the common case, decided at the regex engine's speed
    words = [(m.start(), m.end(), _fold_word(m.group(0))) for m in _WORD.finditer(text, begin, finish) if len(m.group(0)) <= 40]
    spans = iter(sorted(taken))
    span = next(spans, None)
    i = 0
    while i < len(words):
        start, end, folded = words[i]
        while span is not None and span[1] <= start:
            span = next(spans, None)
        if span is not None and span[0] <= start < span[1]:
            i += 1  # the scale word of a digit mention ("32,6 milj.")
            continue
        value: Decimal | None = None
        decimals = 0
        j = i
        if folded == _HALF:
            value, decimals = Decimal("0.5"), 1
        elif folded in _ONE_FORMS:
            value = Decimal(1)
        else:
            number = number_word_value(folded)
            value = None if number is None else Decimal(number)
        scale = _scale_word(folded) if value is None else None
        if value is None and scale is None:
            i += 1
            continue
        if value is not None:  # "kolme ja puoli miljoonaa", "kolme miljoonaa"
            if j + 2 < len(words) and words[j + 1][2] == _AND and words[j + 2][2] == _HALF:
                value, decimals, j = value + Decimal("0.5"), 1, j + 2
            scale = _scale_word(words[j + 1][2]) if j + 1 < len(words) else None
            if scale is not None and scale > value:
                j += 1
            else:
                scale = None
        else:  # a scale word alone: "miljoona euroa", "miljoonia"
            value = Decimal(1)
        stop = words[j][1]
        unit, unit_end = _unit_after(text, stop)
        if scale is None and not unit and (value in _UNCHECKED or decimals):
            i = j + 1
            continue
        yield NumberMention(
            text[start:stop], start, unit_end, "amount", value, decimals, scale or 1, 0, unit, word=True
        )
        i = j + 1
