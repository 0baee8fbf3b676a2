"""A question with the everyday names of the plan's sub-services put in the plan's own words ("mihin eskari menee"
→ "mihin Esiopetus menee"), for searching the prose and the goals grid: the lexicon says which sub-service a word
names, and a word the plan never uses finds no sentence by its letters and little by its meaning. Words the plan
uses stay as typed; the figure tool reads the question as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.language.analysis import QuestionAnalysis, Word
from assistant.language.matching import find_terms
from corpus.lexicon import Term


class EverydayNames:
    """Puts the sub-service words of a question that the plan does not use into the sub-service's name."""

    def __init__(
        self, terms: Sequence[Term], known: Callable[[Word], bool], analyse: Callable[[str], QuestionAnalysis],
    ) -> None:
        # the lexicon's exact words for a sub-service ("=eskari|eskarin|…"), never a stem inside a compound:
        # "kirjastonjohtaja" is no library
        self.terms = tuple(term for term in terms if term.note and len(term.patterns) == 1 and term.patterns[0].startswith("="))
        self.known = known
        self.analyse = analyse

    def spell_out(self, analysis: QuestionAnalysis) -> QuestionAnalysis:
        """The question read again with each such word replaced by the sub-service's name (itself when none)."""
        mentions = find_terms(analysis.tokens, self.terms) if self.terms else ()
        word_of = analysis.word_of_token
        text = analysis.text
        changed = False
        for mention in sorted(mentions, key=lambda m: -m.start):
            if mention.end - mention.start != 1:
                continue
            word = analysis.words[word_of[mention.start]]
            if self.known(word) or "-" in word.text:
                continue
            text = text[: word.start] + mention.note.lower() + text[word.end :]
            changed = True
        return self.analyse(text) if changed else analysis
