"""Putting a word of the plan into a case, from the plan's own word forms (no Voikko at question time).

A follow-up's pronoun stands in a case ("siitä", "sitä", "sille"); the thing in focus is written into the same
case when the plan uses that form of its base form ("taidemuseolle" → "taidemuseota"), else left as it was.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.language.morphology import Morphology
from corpus.morphology import WordForm


class Inflector:
    """Forms of the plan's words by (base form, case)."""

    def __init__(self, forms: Iterable[WordForm], morphology: Morphology) -> None:
        self.morphology = morphology
        self._forms: dict[tuple[str, str], str] = {}
        for form in forms:
            if len(form.lemmas) == 1 and len(form.cases) == 1 and form.form.isalpha():
                self._forms.setdefault((form.lemmas[0], form.cases[0]), form.form)

    def inflect(self, word: str, case: str) -> str:
        """`word` in `case` when the plan has that form (the capital of a name kept), else `word` unchanged; a
        hyphenated word by its last part ("Tommola-talolle" → "Tommola-talon")."""
        if "-" in word.strip("-"):
            first, _, last = word.rpartition("-")
            return f"{first}-{self.inflect(last, case)}"
        reading = self.morphology.read(word)
        if not case or not reading.form.lemmas:
            return word
        found = self._forms.get((reading.form.lemmas[0], case))
        if found is None:
            return word
        return found[:1].upper() + found[1:] if word[:1].isupper() else found

    def inflect_phrase(self, phrase: str, case: str) -> str:
        """A phrase with its last word (the head of a Finnish noun phrase) put into `case`."""
        head, space, last = phrase.rpartition(" ")
        return f"{head}{space}{self.inflect(last, case)}"
