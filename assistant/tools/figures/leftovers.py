"""Parse step 7: every content word must be accounted for; one that names something narrower than a row stops
the reading.

A word no mention covers is harmless when it is a function word, a number, the document's own name, a verb, an
adjective or an adverb. A named unit of the plan (its gazetteer: Kailaan koulu, Tommola-talo, taidemuseo), a
per-head or per-month word, or any other noun left over names a thing the tables do not itemise (with the area's
genitive before it, as asked: "kirjaston remppa"): the answer says so first, and gives the area's figure only
clearly labelled as the area's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.language.analysis import Word
from assistant.language.matching import INFLECTION_ENDINGS
from assistant.language.operations import OperationWords
from assistant.tools.figures.mentions import Mentions
from assistant.tools.figures.plan import Plan
from corpus.gazetteer import NamedUnit
from corpus.text import fold

HARMLESS_CLASSES = frozenset({"teonsana", "laatusana", "seikkasana", "lukusana", "suhdesana", "huudahdussana"})


@dataclass(frozen=True)
class Narrower:
    """A thing the question names that is narrower than any table row."""

    name: str
    area: str | None = None  # the service area a named unit belongs to, from the gazetteer
    kind: str = "word"  # "unit" (gazetteer), "per_unit" (per head, per month), "compound" or "word"
    word: int = -1  # index of its (last) word in the question


def narrower_things(
    mentions: Mentions, plan: Plan, words: OperationWords, is_term_word: Callable[[str], bool]
) -> tuple[Narrower, ...]:
    """The named units, per-unit words, compounds narrower than their area and left-over nouns, in question order."""
    found: list[Narrower] = []
    analysis = mentions.analysis
    tokens_of: dict[int, list[int]] = {}
    for token, word_index in enumerate(mentions.word_of_token):
        tokens_of.setdefault(word_index, []).append(token)
    # a word is accounted for when all its parts are ("nuoriso-ohjaajan": the "ohjaaja" part is not)
    generic = tuple(words.service_heads)
    covered_words = {w for w, tokens in tokens_of.items()
                     if all(t in mentions.covered or mentions.tokens[t].startswith(generic) for t in tokens)}
    covered_words |= _year_words(mentions)
    per_unit = {mentions.word_of_token[i] for item in mentions.found if item.kind == "op" and item.value == "per_unit"
                for i in range(item.start, item.end)}
    area_words = {mentions.word_of_token[item.end - 1] for item in mentions.found if item.kind == "area"}
    named: NamedUnit | None = None  # the unit the words before named: its further words are its name's
    apart: set[int] = set()  # the second half of a compound written as two words
    for index, word in enumerate(analysis.words):
        if index in apart or (named is not None and any(_same_word(word.folded, form) for form in named.forms)):
            area_words.discard(index)  # "aschanin talo": the head noun of the name, not a second thing (nor an area)
            continue
        unit = named = _unit(word, index, mentions, plan.unit_names)
        if unit is None:
            unit = named = _unit_apart(analysis.words, index, mentions, plan)
            if unit is not None:
                apart.add(index + 1)
        if unit is not None:
            found.append(Narrower(unit.name, unit.area, "unit", index))
        elif index in per_unit and not _per_year(analysis.words, index):
            found.append(Narrower(word.text, kind="per_unit", word=index))
        elif index not in covered_words and _names_a_thing(word, analysis.text):
            before = analysis.words[index - 1] if index else None
            # "kirjaston remppa": the thing is the area's, and is named so
            name = f"{before.text} {word.text}" if before is not None and index - 1 in area_words and genitive(before) else word.text
            found.append(Narrower(name, word=index))
        elif index in covered_words and _narrower_compound(word, index, mentions, words, is_term_word):
            found.append(Narrower(word.text, kind="compound", word=index))
    return tuple(dict.fromkeys(found))


def named_units(mentions: Mentions, plan: Plan) -> tuple[NamedUnit, ...]:
    """The plan's named units (its gazetteer) the question names, in question order."""
    units = (_unit(word, index, mentions, plan.unit_names) for index, word in enumerate(mentions.analysis.words))
    return tuple(dict.fromkeys(unit for unit in units if unit is not None))


def area_telling(name: str, plan: Plan) -> str | None:
    """The one service area whose prose uses a form of the word ("bändikämppä": Virikkeellinen elämä's), if one."""
    folded = fold(name)
    areas = {area for form, of in plan.word_areas.get(folded[:4], ()) if _form_of(folded, form) for area in of}
    return next(iter(areas)) if len(areas) == 1 else None


def _form_of(word: str, form: str) -> bool:
    """Whether a question's word is a form of a word of the prose: the same word, and what the question's word has
    past their shared beginning only endings ("bandikampalle" ~ "bandikamppa"; not "vuokriin" ~ "vuoksi")."""
    if not _same_word(word, form):
        return False
    shared = next((i for i, (a, b) in enumerate(zip(word, form, strict=False)) if a != b), min(len(word), len(form)))
    return _only_endings(word[shared:])


def genitive(word: Word) -> bool:
    """A word in the genitive: Voikko's case, or for a form its tables lack the genitive's -n."""
    cases = word.reading.form.cases
    return "omanto" in cases if cases else word.folded.endswith("n") and not word.verb


def _year_words(mentions: Mentions) -> set[int]:
    """Words that name a year ("2025", "edellisvuoteen", "ensi vuonna"): accounted for by the columns."""
    indices: set[int] = set()
    for year in mentions.analysis.years:
        for index, word in enumerate(mentions.analysis.words):
            if word.start <= year.at < word.end or (year.relative and 0 <= word.start - year.at <= 8):
                indices.add(index)
    return indices


def _year_word(modifier: str) -> bool:
    """'vuosimenot', 'vuosikulut': per year is how the tables count."""
    return modifier.startswith(("vuosi", "vuode", "vuotui"))


def _narrower_compound(
    word: Word, index: int, mentions: Mentions, words: OperationWords, is_term_word: Callable[[str], bool]
) -> bool:
    """A compound whose area or row word is only its modifier ("koululounas", "kirjastoauto": a thing in it), or
    only its head while the modifier is no word of the plan's terms ("vuokratuotot": a kind of income the tables
    do not split out)."""
    items = [item for item in mentions.found if item.kind in ("area", "row")
             and mentions.word_of_token[item.end - 1] == index and item.end - item.start == 1]
    if len(items) != 1 or "-" in word.folded:
        return False
    modifier = word.folded[: items[0].reach[0]]
    if len(modifier) >= 3 and items[0].kind == "row":  # the row word is only the head ("vuokratuotot", "ruokakulut"): a kind of that row
        return not (is_term_word(modifier) or _year_word(modifier) or _only_endings(modifier))
    head_at = _head_start(word.folded, word.reading.form.parts)
    if head_at is None or items[0].reach[1] > head_at:
        return False
    head = word.folded[head_at:]
    if not word.reading.known and _only_endings(head):
        return False  # a guessed split: "menoiltaan" is meno + -i-lta-an, not a compound with "ilta"
    if any(head.startswith(generic) for generic in words.service_heads):
        return False  # "nuorisotoimen": the youth services themselves
    return not is_term_word(head)


POSSESSIVES = frozenset({"ni", "si", "mme", "nne", "nsa", "an", "en", "in", "on", "un", "ja"})


def _only_endings(rest: str) -> bool:
    """Whether letters after a stem are only case, plural and possessive endings ("iltaan" = i + lta + an)."""
    ends = [True] + [False] * len(rest)
    for i in range(len(rest)):
        if ends[i]:
            for j in range(i + 1, min(len(rest), i + 4) + 1):
                if rest[i:j] in INFLECTION_ENDINGS or rest[i:j] in POSSESSIVES:
                    ends[j] = True
    return ends[-1]


def _head_start(folded: str, parts: tuple[str, ...]) -> int | None:
    """Where the last part of a compound begins in the word, from its analysis' compound parts."""
    starts = [folded.find(part[:4], 3) for part in parts if len(part) >= 3]
    starts = [start for start in starts if start >= 3]
    return max(starts) if starts else None


def _per_year(words: tuple[Word, ...], index: int) -> bool:
    """'vuotta kohti', 'vuodessa': per year is how the tables count, not a narrower unit."""
    near = words[max(0, index - 1) : index + 2]
    return any("vuosi" in word.lemmas for word in near)


def _names_a_thing(word: Word, text: str) -> bool:
    if not word.content or word.number or len(word.folded) < 3:
        return False
    if word.start >= 2 and text[word.start - 1] == ":" and text[word.start - 2].isalnum():
        return False  # the case ending of a label or an abbreviation: "TS 2026:ssa", "HYTE:n"
    form = word.reading.form
    if word.reading.known and form.classes and set(form.classes) <= HARMLESS_CLASSES:
        return False
    if not word.reading.known and word.verb:
        return False  # "budjetoidaan", "jakautuu": an action the plan's word list does not have
    return True


def _unit(word: Word, index: int, mentions: Mentions, units: dict[str, tuple[tuple[str, NamedUnit], ...]]) -> NamedUnit | None:
    """The named unit a question word is a form of (a hyphenated name only when a part is left unaccounted)."""
    folded = word.folded
    for name, unit in units.get(folded[:4], ()):
        if not (_same_word(folded, name) or ("-" in name and _same_word(folded, name.split("-")[0]))):
            continue
        if "-" in name or "-" in folded:
            tokens = [i for i, w in enumerate(mentions.word_of_token) if w == index]
            if all(i in mentions.covered for i in tokens):
                continue  # "hyte-palvelualueen": an area and a word for areas, not a unit
        return unit
    return None


def _unit_apart(words: tuple[Word, ...], index: int, mentions: Mentions, plan: Plan) -> NamedUnit | None:
    """A named unit whose one-word name the question writes as two words ("kaupungin museo": kaupunginmuseo)."""
    if index + 1 >= len(words) or not genitive(words[index]):
        return None
    joined = replace(words[index], folded=words[index].folded + words[index + 1].folded)
    unit = _unit(joined, index, mentions, plan.unit_names)
    return unit if unit is not None and len(unit.name_words) == 1 else None


def _same_word(word: str, name: str) -> bool:
    """Two forms of one word: equal, or a long shared beginning with only endings after it."""
    if word == name:
        return True
    shared = 0
    for a, b in zip(word, name, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= max(4, len(name) - 3, min(len(word), len(name)) - 3)
