"""Finnish function words (question words, pronouns, conjunctions, particles, auxiliary and frame verbs) with
Voikko's analyses, read from a committed table so that no question loads Voikko.

Which candidate is a function word, and what a question word asks for, is decided by its analysis (word class,
base form, case, clitic), never by its spelling. Rebuild the table after changing the candidates:

    python -m assistant.language.function_words
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from corpus.morphology import WordForm, analyse, read_word_forms, write_word_forms

DATA = Path(__file__).resolve().parent / "data"
CANDIDATES = DATA / "function_word_candidates.txt"
TABLE = DATA / "function_words.tsv"
# Word classes that carry no topic: pronouns, conjunctions, negation, adpositions, interjections, adverbs.
FUNCTION_CLASSES = frozenset({"asemosana", "sidesana", "kieltosana", "suhdesana", "huudahdussana", "seikkasana"})
# Verbs that frame a question rather than say what it is about ("mitä kirjastolle tapahtuu", "onko", "kerro").
FRAME_VERBS = frozenset({
    "olla", "voida", "saada", "pitaa", "tulla", "taytya", "kannattaa", "tapahtua", "tehda", "kertoa", "sanoa",
    "mainita", "puhua", "loytya", "haluta", "tietaa", "listata", "luetella",
    "nahda", "nakya", "huomata", "havaita", "todeta",  # knowing and seeing: "mistä näkee, onko …"
})
# Base forms of the same role that Voikko files under content classes: quantity words that ask for an amount
# or a count ("paljonko", "kuinka monta"), interrogative adjectives, participles of frame verbs, and
# quantifiers or fillers ("kaikki", "itse", "esimerkiksi").
QUANTITY_LEMMAS = frozenset({"paljo", "paljon", "moni", "monta"})
OTHER_FUNCTION_LEMMAS = frozenset({
    "millainen", "minkalainen", "kumpi", "ollut", "oltu", "tehty", "kaikki", "itse", "oma", "esimerkki", "aika", "tosi",
    "vuosi", "asia", "juttu",  # placeholder nouns: "mitkä asiat", "mitä juttuja"
})


def is_function_word(form: WordForm) -> bool:
    """A word that says how something is asked, not what it is about (any of its analyses is one)."""
    if set(form.lemmas) & (FRAME_VERBS | QUANTITY_LEMMAS | OTHER_FUNCTION_LEMMAS):
        return True
    return bool(set(form.classes) & FUNCTION_CLASSES)


def candidates() -> dict[str, str]:
    """Candidate spelling -> the standard form Voikko analyses ("mä=minä" for colloquial forms)."""
    words: dict[str, str] = {}
    for line in CANDIDATES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        for entry in line.lower().split():
            spelling, _, standard = entry.partition("=")
            words.setdefault(spelling, standard or spelling)
    return words


def build_table() -> tuple[WordForm, ...]:
    """Analyse the candidates with Voikko and keep the function words (build time only)."""
    forms = [replace(analyse(standard), form=spelling) for spelling, standard in candidates().items()]
    return tuple(form for form in forms if is_function_word(form))


@lru_cache(maxsize=1)
def function_words() -> dict[str, WordForm]:
    """The committed table: lower-cased form -> analysis."""
    return {form.form: form for form in read_word_forms(TABLE)}


def main() -> int:
    table = build_table()
    write_word_forms(table, TABLE)
    print(f"{len(table)} function words -> {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
