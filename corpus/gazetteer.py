"""The plan's named places and units (schools, daycare centres, buildings, venues, museums), found in its prose.

A name is a capitalised word inside a sentence that Voikko does not know as a common word (or knows as a
proper noun), joined with the capitalised words next to it and the common noun that follows it ("Kailaan
koulun" -> "Kailaan koulu", "Tommola-taloon" -> "Tommola-talo"); a town-prefixed common noun is a name too
("Heinolan taidemuseo", found by "taidemuseo" alone). Each name keeps every printed form, where it is mentioned and the
service area of that section, so that a question about a unit can be told what the plan says of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from corpus.chunks import sentences
from corpus.manifest import Manifest
from corpus.morphology import WordForm, analyse
from corpus.records import InSection, LineRange, Section, qualified
from corpus.text import fold

GAZETTEER = "gazetteer.jsonl"
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
COMMON_CLASSES = frozenset({"nimisana", "laatusana", "nimisana_laatusana", "teonsana", "seikkasana", "asemosana",
                            "sidesana", "suhdesana", "lukusana", "kieltosana", "huudahdussana"})


@dataclass(frozen=True)
class NamedUnit(InSection):
    """A named place or unit of the plan, its printed forms (folded) and the first place it is mentioned."""

    doc_id: str
    name: str  # as printed, the head noun in its base form: "Kailaan koulu"
    forms: tuple[str, ...]  # folded words of every printed form, e.g. ("kailaan", "koulun", "koulu")
    name_words: tuple[str, ...]  # folded words that make it a name (not the head noun): ("kailaan",)
    section_id: str
    lines: LineRange
    area: str | None  # the service area of the section that mentions it, if any

    @property
    def key(self) -> str:
        return qualified(self.doc_id, self.name)


def build_gazetteer(lines: Sequence[str], sections: Sequence[Section], manifest: Manifest) -> tuple[NamedUnit, ...]:
    """Every named unit of the document's prose, in order of first mention."""
    town = fold(manifest.municipality)
    _LEMMA_COUNTS.clear()
    for form in {word for line in lines for word in _TOKEN.findall(line.lower())}:
        for lemma in analyse(form).lemmas:
            _LEMMA_COUNTS[lemma] = _LEMMA_COUNTS.get(lemma, 0) + 1
    found: dict[str, dict] = {}
    for section in sections:
        if section.kind != "prose":
            continue
        area = section_area(section.id, manifest)
        for sentence in sentences(lines, section):
            for name, forms, name_words in _names(sentence.text, town):
                entry = found.setdefault(fold(name), {
                    "name": name, "forms": {}, "name_words": {}, "section": section.id, "lines": sentence.lines, "area": area,
                })
                entry["forms"].update(dict.fromkeys(forms))
                entry["name_words"].update(dict.fromkeys(name_words))
    return tuple(
        NamedUnit(manifest.id, e["name"], tuple(e["forms"]), tuple(e["name_words"]), e["section"], e["lines"], e["area"])
        for e in found.values()
    )


def section_area(section_id: str, manifest: Manifest) -> str | None:
    """The service area a section is about, from its id ("kuvaus/vire" -> "VIRE"); None for the board's own."""
    tail = section_id.rpartition("/")[2].upper()
    return tail if tail in {area.code for area in manifest.areas} else None


def _names(text: str, town: str) -> Iterable[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(name, folded printed words, folded name words) for each name in one sentence."""
    tokens = [(match.group(), match.start()) for match in _TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        word, _ = tokens[i]
        if fold(word).startswith(town) and _adjacent(text, tokens, i) and _compound_noun(tokens[i + 1][0]):
            head = tokens[i + 1][0]  # "Heinolan taidemuseo": the town's own museum is a named unit
            yield f"{word} {_base(head)}", (fold(head), *_lemmas(head)), (fold(head),)
            i += 2
            continue
        if not _name_word(word, first=i == 0, town=town):
            i += 1
            continue
        start = i
        while _adjacent(text, tokens, i) and _joins_next(tokens[i][0]) and _name_word(tokens[i + 1][0], False, town):
            i += 1
        words = [tokens[k][0] for k in range(start, i + 1)]
        printed = [fold(w) for w in words]
        alias = _slashed_before(text, tokens, start)  # "raviradalle/Kippikselle": one place by two names
        aliases = (alias,) if alias else ()
        if _adjacent(text, tokens, i) and _common_noun(tokens[i + 1][0]) and "-" not in words[-1]:
            head = tokens[i + 1][0]
            printed.append(fold(head))
            yield (" ".join(words + [_lemma_text(head)]), tuple(printed + list(_lemmas(head))),
                   tuple(fold(w) for w in words) + aliases)
            i += 2
        else:
            yield " ".join(words[:-1] + [_base(words[-1])]), tuple(printed + list(_lemmas(words[-1]))), tuple(printed) + aliases
            i += 1


def _slashed_before(text: str, tokens: list[tuple[str, int]], i: int) -> str:
    """The folded word written right before token i with only a slash between ("raviradalle/Kippikselle"), or ''."""
    if i == 0:
        return ""
    word, start = tokens[i - 1]
    return fold(word) if text[start + len(word) : tokens[i][1]] == "/" else ""


def _adjacent(text: str, tokens: list[tuple[str, int]], i: int) -> bool:
    """Whether token i + 1 follows token i with only spaces between (a comma or bracket ends a name)."""
    if i + 1 >= len(tokens):
        return False
    word, start = tokens[i]
    return not text[start + len(word) : tokens[i + 1][1]].strip()


def _joins_next(word: str) -> bool:
    """A name word in the nominative or genitive can be followed by more of the name ("Kirkonkylän liikuntahalli");
    one in another case ends it ("Oikeustalolta Tietokeskuksen": from one place, of another)."""
    cases = analyse(word).cases
    return not cases or bool(set(cases) & {"nimento", "omanto"})


def _compound_noun(word: str) -> bool:
    return _common_noun(word) and bool(analyse(word).parts)


def _name_word(word: str, first: bool, town: str) -> bool:
    """A capitalised word that names something: not an abbreviation, not the town, not a known common word."""
    if not word[:1].isupper() or (len(word) > 1 and word.isupper()) or fold(word).startswith(town):
        return False
    analysis = analyse(word.split("-")[0] if "-" in word else word)
    if "-" in word:  # "Tommola-talo": a name part joined to a common noun
        return not analysis.known or analysis.proper or not first
    if analysis.proper:
        return True
    if analysis.known:  # a common word, capitalised only because it starts the sentence or is a title
        return not first and _capitalised_common_is_name(analysis)
    return True


def _capitalised_common_is_name(analysis: WordForm) -> bool:
    # "Tietokeskuksen", "Oikeustalolta" inside a sentence: a common noun written with a capital is a name.
    return "nimisana" in analysis.classes


def _common_noun(word: str) -> bool:
    if not word[:1].islower():
        return False
    analysis = analyse(word)
    return analysis.known and "nimisana" in analysis.classes and not analysis.proper


def _lemmas(word: str) -> tuple[str, ...]:
    return analyse(word).lemmas


def _lemma_text(word: str) -> str:
    lemmas = analyse(word).lemmas
    return _restore_letters(word, _most_common(lemmas)) if lemmas else word


_LEMMA_COUNTS: dict[str, int] = {}


def _most_common(lemmas: tuple[str, ...]) -> str:
    """Of several base forms ("päiväkodin": päiväkota or päiväkoti) the one the document uses most."""
    return max(lemmas, key=lambda lemma: (_LEMMA_COUNTS.get(lemma, 0), -lemmas.index(lemma)))


def _base(word: str) -> str:
    """The base form of a name word when Voikko knows it ('Tietokeskuksen' -> 'Tietokeskus'), else as printed."""
    if "-" in word:
        head, _, tail = word.rpartition("-")
        return f"{head}-{_lemma_text(tail)}"
    lemmas = analyse(word).lemmas
    if not lemmas:
        return word
    base = _restore_letters(word.lower(), lemmas[0])
    return base[:1].upper() + base[1:] if word[:1].isupper() else base


def _restore_letters(printed: str, folded_lemma: str) -> str:
    """The folded base form with the printed word's ä/ö put back where the letters line up ('koulun' -> 'koulu')."""
    letters = list(folded_lemma)
    for k, (a, b) in enumerate(zip(printed.lower(), folded_lemma, strict=False)):
        if fold(a) == b:
            letters[k] = a
    return "".join(letters)
