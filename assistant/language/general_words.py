"""Finnish at large: whether a word is one the language uses (wordfreq's list of words at least about one in a
million), in its typed spelling or, typed without ä/ö, in one with them ("kehitetaan" ~ "kehitetään").

A listed word is spelt as the language spells it, so it is never read as a misspelling of another
("henkilökuntaa" is no misspelt "henkilöstökulut", "kehitetään" no misspelt "kehittyy").
"""

from __future__ import annotations

import gzip
import importlib.util
import itertools
import math
from functools import lru_cache
from pathlib import Path

import msgpack

MAX_RESTORED = 6  # ä/ö are tried at most at this many a/o places (2^6 spellings)
_UMLAUT = {"a": "ä", "o": "ö"}


LIST_FILE = "small_fi.msgpack.gz"  # wordfreq's Finnish list in its documented cBpack format


@lru_cache(maxsize=1)
def _zipfs() -> dict[str, float]:
    """Every listed word's Zipf frequency. Read from the list file itself (0.05 s); importing wordfreq costs
    0.25 s more and building its frequency dict 0.3 s, on every cold start. Its API is the fallback."""
    spec = importlib.util.find_spec("wordfreq")  # finds the package without importing it
    path = Path(spec.origin).parent / "data" / LIST_FILE if spec is not None and spec.origin else None
    if path is not None and path.is_file():
        with gzip.open(path) as stream:
            data = msgpack.load(stream, raw=False)
        if isinstance(data, list) and data and data[0] == {"format": "cB", "version": 1}:
            # bucket i holds the words of frequency 10^(-i/100), i.e. Zipf 9 − i/100
            return {word: 9.0 - index / 100.0 for index, bucket in enumerate(data[1:]) for word in bucket}
    from wordfreq import get_frequency_dict

    return {word: math.log10(frequency * 1e9) for word, frequency in get_frequency_dict("fi", wordlist="small").items()}


@lru_cache(maxsize=50_000)
def zipf(word: str) -> float:
    """Zipf frequency (log10 of uses per billion words) of the word's commonest spelling; 0 when unlisted."""
    zipfs = _zipfs()
    return max((zipfs.get(spelling, 0.0) for spelling in _spellings(word.lower())), default=0.0)


def listed(word: str) -> bool:
    """Whether Finnish at large uses the word (as typed, or with its ä/ö restored)."""
    return zipf(word) > 0.0


SHORTEST_PART = 4  # letters of the shortest part of a compound read as two words ("pula", "kulu")


@lru_cache(maxsize=50_000)
def listed_compound(word: str) -> bool:
    """Whether the word is two listed words written together ("henkilöstöpulaa" = henkilöstö + pulaa): a compound
    spelt right, though the list lacks it, and so no misspelling of another word ("henkilöstökulut")."""
    return any(
        listed(word[:cut]) and listed(word[cut:]) for cut in range(SHORTEST_PART, len(word) - SHORTEST_PART + 1)
    )


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
