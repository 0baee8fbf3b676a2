"""Words of Finnish at large that are forms or relatives of a plan's words, with Voikko's analyses (build time).

Residents ask in their own words: "huolehtii", "rahaa", "opettajat" are forms the plan never prints, but Voikko
reads them as forms of the plan's base forms (huolehtia, raha) or of the roots its words come from (opettaa, the
root of "opetus"). Questions are read without loading Voikko, so these analyses are stored beside the plan's own:
only the words of wordfreq's Finnish list (about one in a million words and more) that are related so.
"""

from __future__ import annotations

from collections.abc import Iterable

from corpus.morphology import WordForm, analyse
from corpus.text import fold

GENERAL_FORMS = "general_forms.tsv"


def related_forms(plan_forms: Iterable[WordForm], words: Iterable[str] | None = None) -> tuple[WordForm, ...]:
    """Voikko's analyses of the listed Finnish words (or of `words`, sorted) that share a base form, a compound head
    or a root with a word of the plan and are not printed in it, in the words' order."""
    plan = tuple(plan_forms)
    printed = {fold(form.form) for form in plan}
    related = {word for form in plan for word in (*form.lemmas, *form.parts, *form.roots)}
    kept = []
    for word in listed_words() if words is None else words:
        if fold(word) in printed:
            continue
        form = analyse(word)
        if form.known and {*form.lemmas, *form.roots, *form.parts[-1:]} & related:
            kept.append(form)
    return tuple(kept)


def listed_words() -> tuple[str, ...]:
    """wordfreq's Finnish words (its "small" list), letters only, sorted."""
    from wordfreq import iter_wordlist

    return tuple(sorted({word for word in iter_wordlist("fi", wordlist="small") if word.isalpha()}))
