"""Finnish at large: whether a word is one the language uses (wordfreq's list of words at least about one in a
million), in its typed spelling or, typed without ä/ö, in one with them ("kehitetaan" ~ "kehitetään").

A listed word is spelt as the language spells it, so it is never read as a misspelling of another
("henkilökuntaa" is no misspelt "henkilöstökulut", "kehitetään" no misspelt "kehittyy").
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache

MAX_RESTORED = 6  # ä/ö are tried at most at this many a/o places (2^6 spellings)
_UMLAUT = {"a": "ä", "o": "ö"}


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # imported here: the list loads once, in a fraction of a second

    return get_frequency_dict("fi", wordlist="small")


@lru_cache(maxsize=50_000)
def zipf(word: str) -> float:
    """Zipf frequency (log10 of uses per billion words) of the word's commonest spelling; 0 when unlisted."""
    frequencies = _frequencies()
    best = max(frequencies.get(spelling, 0.0) for spelling in _spellings(word.lower()))
    return math.log10(best * 1e9) if best else 0.0


def listed(word: str) -> bool:
    """Whether Finnish at large uses the word (as typed, or with its ä/ö restored)."""
    return zipf(word) > 0.0


def _spellings(word: str) -> list[str]:
    if "ä" in word or "ö" in word:
        return [word]
    places = [i for i, ch in enumerate(word) if ch in _UMLAUT][:MAX_RESTORED]
    spellings = []
    for umlauts in itertools.product((False, True), repeat=len(places)):
        letters = list(word)
        for place, umlaut in zip(places, umlauts, strict=True):
            if umlaut:
                letters[place] = _UMLAUT[letters[place]]
        spellings.append("".join(letters))
    return spellings
