"""What evidence must contain to answer a frame ("milloin" → a date or time), what a question of how one knows
asks for (a measure), and sentences that lean on the one before them; the words are language data
(data/evidence_words.toml), matched on base forms."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from assistant.language.analysis import QuestionAnalysis, asks_yes_no
from assistant.language.morphology import Morphology
from corpus.morphology import WordForm, words_of
from corpus.text import fold

DATA = Path(__file__).resolve().parent / "data" / "evidence_words.toml"
_DATE_OR_YEAR = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:\d{2,4})?|\b(?:19|20)\d\d\b")
_CLOCK = re.compile(r"\b(?:klo|kello)\b|\b(?:[01]?\d|2[0-3])[.:][0-5]\d\b(?![.:]\d)", re.IGNORECASE)
_DIGITS = re.compile(r"\d")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return {key: frozenset(fold(word) for word in words) for key, words in data.items()}


def frame_demands(frame: str) -> bool:
    """Whether a frame needs something particular in its evidence."""
    return frame in ("when", "clock", "why", "count", "amount", "who", "whose", "event", "where")


def satisfies(frame: str, text: str, morphology: Morphology, names_agent: Callable[[str], bool] = lambda text: True) -> bool:
    """Whether a text can answer the frame: a date for 'when', a reason for 'why', a number for counts and amounts,
    someone who acts (an organisation, a service area, a named body, a job title) for 'who', something that
    happens for 'event'."""
    if frame in ("who", "whose"):
        return names_agent(text)
    if frame == "clock":  # a time of day ("klo 9–16", "10.30"), not a year or a season
        return bool(_CLOCK.search(text))
    if frame == "when":
        return bool(_DATE_OR_YEAR.search(text)) or _has_lemma(text, _words()["when"], morphology)
    if frame == "why":
        return _has_lemma(text, _words()["why"], morphology) or _has_phrase(text, _words()["why_phrases"])
    if frame == "where":  # a place: a word in a case of place ("Kauppakadulla", "väistötiloihin", "Heinolassa")
        return any(set(morphology.read(word).form.cases) & PLACE_CASES for word in words_of(text))
    if frame == "event":  # something happens or is done: not only what is or where ("Kirjasto sijaitsee …")
        return _tells_an_event([morphology.read(word).form for word in words_of(text)])
    if frame in ("count", "amount"):  # a number that is not a date or a year ("1.8.2024" counts nothing)
        return bool(_DIGITS.search(_DATE_OR_YEAR.sub(" ", text))) or any(
            "lukusana" in morphology.read(word).form.classes for word in words_of(text)
        )
    return True


VERB_CLASS = "teonsana"
PLACE_CASES = frozenset({"sisaolento", "ulkoolento", "sisatulento", "ulkotulento"})  # in/at, into/onto


def _tells_an_event(forms: list[WordForm]) -> bool:
    """A sentence with a verb that says something happens, or with no verb at all ("Laajan hyvinvointikertomuksen
    valmistelu."): only one whose verbs say what is or where it lies ("on", "sijaitsee") tells no event."""
    verbs = [form for form in forms if VERB_CLASS in form.classes]
    return not verbs or any(not set(form.lemmas) & _words()["stative"] for form in verbs)


HOW_WORDS = frozenset({"miten", "kuinka"})
FROM_CASES = frozenset({"sisaeronto", "ulkoolento"})  # "mistä", "millä" (näkee)


def asks_how_known(analysis: QuestionAnalysis) -> bool:
    """'miten tiedetään, toimiiko …', 'mistä näkee, että … toimii': how (or from what) one knows or sees whether or
    that something holds. Such a question asks how success is measured, not what is done."""
    words = analysis.words
    for index, word in enumerate(words[:-2]):
        lemmas = set(word.lemmas) if word.reading.function else set()
        if not (lemmas & HOW_WORDS or ("mika" in lemmas and set(word.reading.form.cases) & FROM_CASES)):
            continue
        verb = words[index + 1]
        if not set(verb.lemmas) & _words()["knowing"]:
            return False
        return any(asks_yes_no(w) or w.folded == "etta" for w in words[index + 2 :])  # whether / that
    return False


EARLY_WORDS = 3  # how near the start a time or place adverb still points back


def refers_back(text: str, morphology: Morphology) -> bool:
    """A sentence whose first word points at the sentence before it, or that says 'then'/'there' near its start."""
    words = words_of(text)
    if not words:
        return False
    first = words[0]
    if set(morphology.read(first).lemmas) & _words()["refers_back"] or fold(first) in _words()["refers_back"]:
        return True
    return any(fold(word) in _words()["refers_back_early"] for word in words[:EARLY_WORDS])


def _has_phrase(text: str, phrases: frozenset[str]) -> bool:
    """Whether the text says one of the phrases word for word (folded, any punctuation between words)."""
    words = " " + " ".join(fold(word) for word in words_of(text)) + " "
    return any(f" {phrase} " in words for phrase in phrases)


def _has_lemma(text: str, lemmas: frozenset[str], morphology: Morphology) -> bool:
    return any(set(morphology.read(word).lemmas) & lemmas or fold(word) in lemmas for word in words_of(text))
