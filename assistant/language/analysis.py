"""Reading a question once: its words with their analyses, what kind of answer it asks for (its frame), the
years it names and its content words (what it is about).

The frame comes from a small grammar over Voikko's analyses of the question words: kuka/kenen → a person or role;
kenelle → a recipient (with "kuulua", whose it is); paljonko/kuinka paljon → an amount; montako/kuinka monta → a
count; milloin → a date; miksi → a reason; missä/minne → a place; mikä/mitä → a thing; a leading verb with -ko/-kö
→ yes or no.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from assistant.language.morphology import Morphology, Reading
from assistant.language.operations import operation_words
from assistant.language.years import YearMention, find_years
from corpus.text import fold

Frame = Literal[
    "who", "whose", "whom", "amount", "count", "when", "clock", "why", "where", "event", "what", "how", "yesno", "statement",
]
FRAMES: tuple[str, ...] = (
    "who", "whose", "whom", "amount", "count", "when", "clock", "why", "where", "event", "what", "how", "yesno", "statement",
)
# Verbs that make "mitä" ask what happens or is done ("mitä kirjastolle tapahtuu", "mitä taidemuseolle tehdään").
EVENT_VERBS = frozenset({"tapahtua", "tehda"})
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
NOUN_CLASSES = frozenset({"nimisana", "erisnimi", "nimisana_laatusana", "laatusana", "paikannimi", "sukunimi", "etunimi"})
_YES_NO_CLITIC = re.compile(r"(?:ko|kö|kos|kös|ks|kohan|köhän)$")  # "ks": spoken -kos ("kuuluuks")


@dataclass(frozen=True)
class Word:
    """One word of a question: as typed, folded, where it stands and how it was read."""

    text: str
    folded: str
    start: int  # character offsets in the question
    end: int
    reading: Reading
    number: bool = False  # digits (a year, an amount, a date part), or a word of a relative year ("ensi vuonna")
    document: bool = False  # the town's or the document's own name ("Heinolan", "käyttösuunnitelmassa")

    @property
    def lemmas(self) -> tuple[str, ...]:
        return self.reading.lemmas

    @property
    def verb(self) -> bool:
        """A verb: Voikko's class for a form the tables know (and no noun reading), else a verb's ending
        ("valmistuu", "järjestetään"): it says what happens rather than what the question is about."""
        classes = set(self.reading.form.classes)
        if classes and self.reading.how in ("exact", "folded", "general", "colloquial"):
            return "teonsana" in classes and not classes & NOUN_CLASSES
        return verb_like(self.folded)

    @property
    def content(self) -> bool:
        """A word that says what the question is about (not how it is asked)."""
        return not (self.reading.function or self.number or self.document) and len(self.folded) > 1


@dataclass(frozen=True)
class QuestionAnalysis:
    """A question read once: its words, frame (and the words that set it), years and content words."""

    text: str
    words: tuple[Word, ...]
    frame: Frame
    frame_words: tuple[str, ...]
    years: tuple[YearMention, ...]

    @property
    def content(self) -> tuple[Word, ...]:
        """The words that say what the question is about: not how it is asked (function words, and the verb
        that makes it a yes/no question: "kuuluuko", "saako")."""
        asking = {self.words[0].start} if self.frame == "yesno" and self.words else set()
        return tuple(word for word in self.words if word.content and word.start not in asking)

    @property
    def tokens(self) -> tuple[str, ...]:
        """Folded word tokens, hyphenated words split (what lexicon terms are matched against)."""
        return tuple(part for word in self.words for part in re.findall(r"[a-z0-9]+", word.folded))

    @property
    def word_of_token(self) -> tuple[int, ...]:
        """The index in `words` of each of `tokens`."""
        return tuple(index for index, word in enumerate(self.words) for _ in re.findall(r"[a-z0-9]+", word.folded))

    @property
    def written_text(self) -> str:
        """The question with its spoken forms in writing ("mitä toi harrastemalli on" → "mitä tuo harrastemalli
        on"): what its meaning is embedded from."""
        text = self.text
        for word in sorted(self.words, key=lambda word: -word.start):
            if word.reading.written:
                text = text[: word.start] + word.reading.written + text[word.end :]
        return text

    def content_lemmas(self) -> frozenset[str]:
        """Base forms (and compound parts) of the content words."""
        found: set[str] = set()
        for word in self.content:
            found.update(word.lemmas)
            found.update(word.reading.form.parts)
        return frozenset(found)


class Analyser:
    """Reads questions against one plan's vocabulary (its morphology tables and its own names)."""

    def __init__(self, morphology: Morphology, document_words: Iterable[str], plan_year: int) -> None:
        self.morphology = morphology
        self.document_lemmas = frozenset(fold(word) for word in document_words)
        self.plan_year = plan_year

    def analyse(self, question: str) -> QuestionAnalysis:
        words = tuple(self._word(match) for match in _WORD.finditer(question))
        years = find_years(question, self.plan_year)
        relative = [(year.at, year.end) for year in years if year.relative]
        if relative:  # "ensi", "viime", "kuluvana" name a year, not a topic
            words = tuple(
                replace(word, number=True) if any(at <= word.start < end for at, end in relative) else word for word in words
            )
        frame, frame_words = question_frame(words)
        return QuestionAnalysis(question, words, frame, frame_words, years)

    def _word(self, match: re.Match[str]) -> Word:
        text = match.group()
        reading = self.morphology.read(text)
        number = any(ch.isdigit() for ch in text)
        document = bool(set(reading.lemmas) & self.document_lemmas) or fold(text) in self.document_lemmas
        return Word(text, fold(text), match.start(), match.end(), reading, number, document)


def question_frame(words: tuple[Word, ...]) -> tuple[Frame, tuple[str, ...]]:
    """What the question asks for, from its question words' analyses (the first question word decides)."""
    for index, word in enumerate(words):
        lemmas = set(word.lemmas) if word.reading.function else set()
        cases = set(word.reading.form.cases)
        following = words[index + 1] if index + 1 < len(words) else None
        if lemmas & {"kuka", "ken"}:
            return _person_frame(words, index, cases), (word.text,)
        if lemmas & {"kuinka", "miten"} and following is not None and set(following.lemmas) & {"paljo", "paljon"}:
            return "amount", (word.text, following.text)
        if lemmas & {"kuinka"} and following is not None and set(following.lemmas) & {"moni", "monta"}:
            return "count", (word.text, following.text)
        if lemmas & {"paljo", "paljon"} and "ko" in word.reading.form.clitics:
            return "amount", (word.text,)
        if lemmas & {"moni", "monta"} and ("ko" in word.reading.form.clitics or word.folded.startswith("monta")):
            return "count", (word.text,)
        if lemmas & {"milloin"} or (index == 0 and lemmas & {"koska"}) or (lemmas & {"kauan"} and "ko" in word.reading.form.clitics):
            return "when", (word.text,)
        if lemmas & {"mika"} and following is not None and "aika" in following.lemmas:  # "mihin aikaan": a time of day
            return "clock", (word.text, following.text)
        if lemmas & {"mika"} and "tulento" in cases:
            return "why", (word.text,)
        if lemmas & {"mika", "minne"} and (cases & {"sisaolento"} or "minne" in lemmas):
            return "where", (word.text,)
        if lemmas & {"mika"} and "osanto" in cases and any(set(w.lemmas) & EVENT_VERBS for w in words[index + 1 :]):
            return "event", (word.text,)
        if lemmas & {"mika", "millainen", "minkalainen", "kumpi"}:
            return "what", (word.text,)
        if lemmas & {"kuinka", "miten"}:
            return "how", (word.text,)
        if index == 0 and lemmas & {"kertoa", "listata", "luetella"}:
            return "what", (word.text,)
    first = words[0] if words else None
    if first is not None and asks_yes_no(first):
        return "yesno", (first.text,)
    return "statement", ()


def _person_frame(words: tuple[Word, ...], index: int, cases: set[str]) -> Frame:
    """kuka → who; kenen → whose; kenelle → to whom (a recipient: "kenelle liikuntaneuvontaa tarjotaan"), except
    with "kuulua", where it asks whose it is ("kenelle kuuluu koulujen markkinointi")."""
    if "omanto" in cases:
        return "whose"
    if "ulkotulento" in cases and not any("kuulua" in word.lemmas for word in words[index + 1 :]):
        return "whom"
    return "who"


def verb_like(folded: str) -> bool:
    """A form the tables lack that reads as a verb: a verb ending, or the third person's long vowel ("valmistuu")."""
    if folded.endswith(operation_words().verb_endings):
        return True
    return len(folded) > 4 and folded[-1] == folded[-2] and folded[-1] in "aeiouy"


def asks_yes_no(word: Word) -> bool:
    """A leading verb with the question clitic -ko/-kö ("onko", "järjestetäänkö")."""
    if "ko" in word.reading.form.clitics:
        return True
    classes = set(word.reading.form.classes)
    return bool(_YES_NO_CLITIC.search(word.text.lower())) and (not classes or "teonsana" in classes)
