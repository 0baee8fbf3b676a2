"""What in a question leans on an earlier turn: a leading "entä"/"ja", pronouns, "sama", a bare question word.

Read from the question's analyses (the plan's own word forms and the language's function words, which come from
Voikko at build time): a pronoun is a word read as a demonstrative or personal pronoun, whatever its case.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.language.analysis import QuestionAnalysis, Word
from assistant.language.matching import find_terms
from assistant.language.operations import operation_words

# Base forms of the pronouns that point back (Voikko's "asemosana" class): se/ne (it, they), tämä (this).
THING_PRONOUNS = frozenset({"se", "ne", "tama"})
PERSON_PRONOUNS = frozenset({"han", "he"})  # hän, he
PRONOUN_CLASS = "asemosana"
# Asks words that only lead into an elliptic ask or point back to the earlier years ("samana vuonna").
LEAD_KINDS = ("join", "next_ask")
TIME_KIND = "refer_time"


@dataclass(frozen=True)
class Cues:
    """The question's words sorted by what they do in a conversation."""

    lead: tuple[Word, ...]  # "entä", "ja" at the start
    pronouns: tuple[Word, ...]  # se, sen, siitä, niitä…
    persons: tuple[Word, ...]  # hän, hänen, hänellä…
    time: tuple[Word, ...]  # samana, silloin
    own: tuple[Word, ...]  # every other word, in order

    @property
    def refers_back(self) -> bool:
        return bool(self.lead or self.pronouns or self.persons or self.time)

    @property
    def own_content(self) -> tuple[Word, ...]:
        return tuple(word for word in self.own if word.content)

    def own_text(self) -> str:
        return " ".join(word.text for word in self.own)


def cues_of(analysis: QuestionAnalysis) -> Cues:
    """The conversational cues of an analysed question."""
    asks = operation_words().asks
    lead: list[Word] = []
    pronouns: list[Word] = []
    persons: list[Word] = []
    time: list[Word] = []
    own: list[Word] = []
    folded = tuple(word.folded for word in analysis.words)
    # phrases that point back to the earlier time ("sillä välin"), word by word
    in_time_phrase = {i for m in find_terms(folded, asks) if m.value == TIME_KIND for i in range(m.start, m.end)}
    for index, word in enumerate(analysis.words):
        kinds = {term.value for term in find_terms((word.folded,), asks)}
        if index == len(lead) and kinds & set(LEAD_KINDS):
            lead.append(word)
        elif TIME_KIND in kinds or index in in_time_phrase:
            time.append(word)
        elif _pronoun(word, THING_PRONOUNS):
            pronouns.append(word)
        elif _pronoun(word, PERSON_PRONOUNS):
            persons.append(word)
        else:
            own.append(word)
    return Cues(tuple(lead), tuple(pronouns), tuple(persons), tuple(time), tuple(own))


def _pronoun(word: Word, lemmas: frozenset[str]) -> bool:
    reading = word.reading
    return (
        reading.as_typed  # a typo-corrected reading never counts as a pronoun
        and PRONOUN_CLASS in reading.form.classes
        and bool(set(reading.form.lemmas) & lemmas)
    )

