"""Small Finnish text helpers shared by every layer: diacritic folding, slugs, whitespace."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "A", "Ö": "O", "Å": "A", "é": "e", "É": "E"})
_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower-case and fold ä/ö/å (and other accents) to plain letters: 'Päiväkoti' -> 'paivakoti'."""
    if text.isascii():
        return text.lower()
    text = text.translate(_FOLD).lower()
    if text.isascii():
        return text  # nothing left to decompose (the common case: a fast path)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def shared_prefix(a: str, b: str) -> int:
    """How many letters two words share from their start ("paallikon", "paallikko" → 8)."""
    length = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        length += 1
    return length


def squash_spaces(text: str) -> str:
    """Collapse runs of whitespace to single spaces and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def slugify(text: str, max_words: int | None = None) -> str:
    """A stable ASCII id from a Finnish title: 'Toimintaympäristö ja sen muutokset' -> 'toimintaymparisto-ja-sen-muutokset'."""
    words = [word for word in _NON_SLUG.split(fold(text)) if word]
    if max_words is not None:
        words = words[:max_words]
    return "-".join(words)


def join_wrapped(lines: list[str]) -> str:
    """Join the lines of a wrapped paragraph.

    A line ending in '-' continues a hyphenated word on the next line ("Tommola-" + "taloon",
    "2024-" + "2025"), so the parts are joined without a space; before "ja"/"tai"/"sekä" the dash
    is a Finnish shared-compound dash ("varhaiskasvatus- ja esiopetuspaikat") and keeps its space.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum() and line.split(" ", 1)[0] not in _COORDINATORS:
            out = out + line
        else:
            out = out + " " + line
    return squash_spaces(out)


_COORDINATORS = frozenset({"ja", "tai", "sekä", "seka", "sekd", "eli"})


def group_thousands(value: int) -> str:
    """An integer with Finnish thousands grouping and a real minus sign: -32611450 -> '−32 611 450'."""
    digits = f"{abs(value):,}".replace(",", " ")
    return f"−{digits}" if value < 0 else digits
