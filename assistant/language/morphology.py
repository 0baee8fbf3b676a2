"""Word analyses at question time, from tables computed at build time (no Voikko load when a question is asked).

A word is looked up as typed, then folded (no ä/ö needed). A form the tables lack is related to the nearest
known form: one that shares a long beginning and differs only by a case ending (an inflection the plan does
not use: "päiväkodeissa" ~ "päiväkodin"), or one that is a single typo away (rapidfuzz; two in a long word
that is no word of Finnish at large, as the lexicon's terms allow). What cannot be
related stays unknown: its own folded spelling stands for its base form.
"""

from __future__ import annotations

import bisect
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from assistant.language.function_words import function_words, is_function_word
from assistant.language.general_words import listed
from assistant.language.matching import INFLECTION_ENDINGS, typo_tolerance
from corpus.morphology import FormTable, WordForm
from corpus.text import fold, shared_prefix

if TYPE_CHECKING:
    from corpus.store import Corpus

COLLOQUIAL = Path(__file__).resolve().parent / "data" / "colloquial.toml"
PREFIX_SHARE = 0.6  # a form the tables lack must share this much of its beginning with a known one
MIN_PREFIX = 4
MIN_GRADED_PREFIX = 6  # a shorter beginning read past a change of grade relates too much ("vuodessa" ~ "vuotta")
TYPO_MIN_LENGTH = 6
# Clitics, folded ("-kö" is "ko", "-hän" "han"), longest first: "onkohan" is "on" + "ko" + "han" read twice.
CLITICS = ("kaan", "kin", "han", "ko", "pa")


@dataclass(frozen=True)
class Reading:
    """What a word of a question is: its analysis, whether it was found as typed, inflected or misspelt."""

    word: str  # lower-cased as typed
    form: WordForm
    how: str  # "exact" | "folded" | "general" | "inflection" | "colloquial" | "typo" | "unknown"
    function: bool
    in_plan: bool = False  # the plan itself uses this form (names Voikko does not know included)
    written: str = ""  # a spoken form's written word ("toi" → "tuo", "mist" → "mistä"); "" for any other reading

    @property
    def lemmas(self) -> tuple[str, ...]:
        return self.form.lemmas or (fold(self.word),)

    @property
    def known(self) -> bool:
        return self.how != "unknown"

    @property
    def as_typed(self) -> bool:
        """Found as typed (with or without ä/ö), not related by an inflection, a typo or a spoken ending."""
        return self.how in ("exact", "folded", "general")


class Morphology:
    """Analyses of the plan's word forms and the language's function words, with fallbacks for other forms."""

    def __init__(self, forms: Iterable[WordForm], general: FormTable | Iterable[WordForm] = ()) -> None:
        """`general`: Voikko's analyses of words of Finnish at large that the plan does not use itself."""
        self._exact: dict[str, WordForm] = {}
        for form in forms:
            self._exact.setdefault(form.form, form)
        self._function = function_words()
        self._folded: dict[str, list[WordForm]] = defaultdict(list)
        for form in (*self._exact.values(), *self._function.values()):
            self._folded[fold(form.form)].append(form)
        self._keys = sorted(self._folded)
        # Inflections are sought among content words only: function words are a closed class, all listed.
        self._content_keys = sorted(fold(form.form) for form in self._exact.values() if form.form not in self._function)
        self._plan = frozenset(fold(form) for form in self._exact)
        self._lemmas: dict[str, list[WordForm]] = defaultdict(list)
        for form in self._exact.values():
            for lemma in form.lemmas:
                self._lemmas[lemma].append(form)
        self._general: Callable[[str], tuple[WordForm, ...]]
        if isinstance(general, FormTable):
            self._general = general.get
        else:
            listed_forms: dict[str, tuple[WordForm, ...]] = {}
            for form in general:
                listed_forms[fold(form.form)] = (*listed_forms.get(fold(form.form), ()), form)
            self._general = lambda folded: listed_forms.get(folded, ())
        self._memo: dict[str, Reading] = {}

    @classmethod
    def of(cls, corpus: Corpus) -> Morphology:
        """The readings the assistant uses for a corpus: its plans' own forms, then the related words of Finnish
        at large (`corpus.finnish_words`)."""
        return cls(corpus.word_forms, corpus.general_forms)

    def read(self, word: str) -> Reading:
        """The reading of one word (lower-cased), memoised."""
        word = word.lower()
        reading = self._memo.get(word)
        if reading is None:
            reading = self._read(word)
            if len(self._memo) > 50_000:
                self._memo.clear()
            self._memo[word] = reading
        return reading

    def known_forms(self) -> tuple[str, ...]:
        """Every folded form the tables know."""
        return tuple(self._keys)

    def _read(self, word: str) -> Reading:
        reading = self._lookup(word)
        folded = fold(word)
        return replace(reading, in_plan=folded in self._plan) if folded in self._plan else reading

    def _lookup(self, word: str) -> Reading:
        if word in self._function:
            return Reading(word, self._function[word], "exact", True)
        if word in self._exact and self._exact[word].known:
            return Reading(word, self._exact[word], "exact", False)
        folded = fold(word)
        known = [form for form in self._folded.get(folded, ()) if form.known]
        if known:
            return Reading(word, _merge(known, word), "folded", any(f.form in self._function for f in known))
        if folded in self._plan:  # a name or word of the plan that Voikko does not know: itself
            return Reading(word, WordForm(word, ()), "exact", False)
        if any(ch.isdigit() for ch in word):
            return Reading(word, WordForm(word, ()), "unknown", False)
        if "-" in word.strip("-"):
            return self._hyphenated(word)
        general = list(self._general(folded))
        if general:  # a word of Finnish at large: Voikko's own analysis, not a guess by its beginning
            return Reading(word, replace(_merge(general, word), form=word), "general", any(is_function_word(f) for f in general))
        with_clitic = self._clitic(folded)
        if with_clitic is not None:
            return replace(with_clitic, word=word, form=replace(with_clitic.form, form=word))
        inflected = self._inflection(folded)
        if inflected is not None:
            return Reading(word, replace(inflected, form=word, cases=()), "inflection", False)
        spoken = self._colloquial(folded)
        if spoken is not None:
            function = spoken.form in self._function
            return Reading(word, replace(spoken, form=word), "colloquial", function, written=spoken.form)
        typo = self._typo(folded)
        if typo is not None:
            forms = self._folded[typo]
            return Reading(word, replace(_merge(forms, word), form=word), "typo", any(is_function_word(f) for f in forms))
        return Reading(word, WordForm(word, (), parts=self._compound_parts(folded)), "unknown", False)

    def _hyphenated(self, word: str) -> Reading:
        """'evaus-arvioinneista': each part read on its own; the word is known when its last part is."""
        parts = [self.read(part) for part in word.split("-") if part]
        lemmas = tuple(dict.fromkeys(lemma for part in parts if part.known for lemma in part.form.lemmas))
        form = WordForm(word, lemmas, parts=tuple(fold(part.word) for part in parts), classes=parts[-1].form.classes)
        return Reading(word, form, "inflection" if parts[-1].known else "unknown", False)

    def _clitic(self, folded: str) -> Reading | None:
        """A known word with a clitic the plan never attaches to it ("kuuluuko", "tukeeko", "kirjastokin"): the
        word's own reading, the clitic added (not a typo of another word: "tukeeko" is no "tuleeko")."""
        for clitic in CLITICS:
            base = folded[: len(folded) - len(clitic)]
            if not folded.endswith(clitic) or len(base) < MIN_PREFIX:
                continue
            reading = self._lookup(base)
            if reading.how in ("exact", "folded", "general", "inflection", "colloquial"):
                clitics = reading.form.clitics if clitic in reading.form.clitics else (*reading.form.clitics, clitic)
                how = "inflection" if reading.as_typed else reading.how
                return replace(reading, form=replace(reading.form, clitics=clitics), how=how)
        return None

    def _compound_parts(self, folded: str) -> tuple[str, ...]:
        """Known words an unknown compound starts with ('koululounas' -> ('koulu',)): what it is a kind of."""
        for cut in range(len(folded) - 3, MIN_PREFIX - 1, -1):
            head, rest = folded[:cut], folded[cut:]
            if head in self._lemmas and not any(is_function_word(form) for form in self._lemmas[head]):
                return (head, rest)
        return ()

    def _inflection(self, folded: str) -> WordForm | None:
        """A known form of the same word: a long shared beginning, the rest of both only case endings."""
        need = max(MIN_PREFIX, min(round(PREFIX_SHARE * len(folded)), len(folded) - 4))
        if len(folded) < need:
            return None
        by_share = self._sharing(folded, need, graded_only=False)
        if not by_share and need > MIN_GRADED_PREFIX:  # a change of grade inside a long beginning ("siivous" ~
            by_share = self._sharing(folded, need - 1, graded_only=True)  # "siivouksesta"): one letter less of it
        if not by_share:
            return None
        keys = by_share[max(by_share)]  # equally near forms ("tulot", "tulos" for "tuloista"): all their readings
        forms = [form for key in keys for form in self._folded[key] if form.known]
        return _merge(forms, folded) if forms else WordForm(folded, tuple(keys))

    def _sharing(self, folded: str, need: int, graded_only: bool) -> dict[int, list[str]]:
        """Known forms sharing `need` first letters with the word whose rests are case endings (read past a change
        of grade; with `graded_only`, only across one), by the length of the beginning they share."""
        by_share: dict[int, list[str]] = defaultdict(list)
        for key in _with_prefix(self._content_keys, folded[:need]):
            shared = shared_prefix(key, folded)
            key_rest, word_rest = _past_gradation(key, folded, shared)
            graded = (key_rest, word_rest) != (key[shared:], folded[shared:])
            if (graded or not graded_only) and _ending(word_rest) and _ending(key_rest):
                by_share[shared].append(key)
        return by_share

    def _colloquial(self, folded: str) -> WordForm | None:
        """A spoken form of a function word or of a verb with its question clitic ("miks", "mist", "saaks"): the
        written form its ending stands for, when the tables know it (with the clitic the ending carried)."""
        written_word = colloquial_words().get(folded)
        if written_word is not None:  # "toi", "tää": a spoken demonstrative, the written word's reading
            forms = [form for form in self._folded.get(written_word, ()) if form.known and form.form in self._function]
            if forms:
                return replace(_merge(forms, forms[0].form), form=forms[0].form)
        for spoken, written, clitic in colloquial_endings():
            if not folded.endswith(spoken) or len(folded) - len(spoken) < 2:
                continue
            candidate = folded[: len(folded) - len(spoken)] + written
            forms = [form for form in self._folded.get(candidate, ()) if form.known]
            if not forms or not (clitic or any(form.form in self._function for form in forms)):
                continue
            found = _merge(forms, candidate)
            found = replace(found, form=next((form.form for form in forms if form.form in self._function), found.form))
            if clitic and clitic not in found.clitics:
                found = replace(found, clitics=(*found.clitics, clitic))
            return found
        return None

    def _typo(self, folded: str) -> str | None:
        """The known form one typo away (two in a word of 11 letters or more, as for the lexicon's terms)."""
        if len(folded) < TYPO_MIN_LENGTH:
            return None
        # a second edit only for a word Finnish at large does not have ("mainostaminen" is no "painottaminen")
        edits = typo_tolerance(folded) if not listed(folded) else 1
        match = process.extractOne(folded, self._keys, scorer=OSA.distance, score_cutoff=edits)
        return match[0] if match else None


def _merge(forms: list[WordForm], word: str) -> WordForm:
    if len(forms) == 1:
        return forms[0]
    return WordForm(
        form=word,
        lemmas=tuple(dict.fromkeys(lemma for form in forms for lemma in form.lemmas)),
        parts=tuple(dict.fromkeys(part for form in forms for part in form.parts)),
        classes=tuple(dict.fromkeys(c for form in forms for c in form.classes)),
        cases=tuple(dict.fromkeys(c for form in forms for c in form.cases)),
        clitics=tuple(dict.fromkeys(c for form in forms for c in form.clitics)),
        roots=tuple(dict.fromkeys(root for form in forms for root in form.roots)),
    )


def _ending(rest: str) -> bool:
    """Whether the letters after a shared beginning are at most one case ending (with a stem vowel)."""
    return rest in INFLECTION_ENDINGS or rest[1:] in INFLECTION_ENDINGS


# Consonant gradation: the strong and weak grades of a stem's last consonants ("neuvonta" ~ "neuvonnalle",
# "kirkko" ~ "kirkon"); folded spelling, so the pairs stand for their ä/ö forms too.
GRADES = (("nt", "nn"), ("mp", "mm"), ("lt", "ll"), ("rt", "rr"), ("nk", "ng"), ("kk", "k"), ("pp", "p"), ("tt", "t"),
          ("t", "d"), ("p", "v"),  # "kunnossapito" ~ "kunnossapidon", "tapa" ~ "tavan"
          ("ks", "s"))  # the -us/-ys nouns' stem: "siivous" ~ "siivouksen", "kysymys" ~ "kysymyksiin"


def _past_gradation(key: str, word: str, shared: int) -> tuple[str, str]:
    """The rests of a known form and a word after their shared beginning, read past a change of grade where they
    part ("liikuntaneuvonta", "liikuntaneuvonnalle" → "a", "alle")."""
    for strong, weak in GRADES:
        for one, other in ((key, word), (word, key)):
            for start in (shared - 1, shared):  # "kirkko"/"kirkon" share the grade's first letter, "pito"/"pidon" none
                if start >= 0 and one[start : start + len(strong)] == strong and other[start : start + len(weak)] == weak:
                    one_rest, other_rest = one[start + len(strong) :], other[start + len(weak) :]
                    return (one_rest, other_rest) if one is key else (other_rest, one_rest)
    return key[shared:], word[shared:]


def _with_prefix(keys: list[str], prefix: str) -> list[str]:
    start = bisect.bisect_left(keys, prefix)
    end = bisect.bisect_left(keys, prefix + "\uffff")
    return keys[start:end]


@lru_cache(maxsize=1)
def _colloquial_data() -> dict:
    return tomllib.loads(COLLOQUIAL.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def colloquial_words() -> dict[str, str]:
    """Spoken words and the written forms they stand for (data/colloquial.toml, [words]), folded."""
    return {fold(spoken): fold(written) for spoken, written in _colloquial_data().get("words", {}).items()}


@lru_cache(maxsize=1)
def colloquial_endings() -> tuple[tuple[str, str, str], ...]:
    """(spoken ending, written ending, clitic) in the order they are tried (data/colloquial.toml)."""
    return tuple((row["spoken"], row["written"], row.get("clitic", "")) for row in _colloquial_data()["ending"])
