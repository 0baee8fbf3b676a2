"""Voikko's analyses of word forms, computed at build time and stored as a small TSV so that no question pays
for loading Voikko's transducer (seconds and a quarter of a gigabyte) at run time.

Each row: the lower-cased form, its folded base forms, compound parts, word classes, cases, clitics and the
roots its words are derived from.
"""

from __future__ import annotations

import csv
import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from corpus.text import fold

WORD_FORMS = "word_forms.tsv"
MIN_PART = 3  # compound parts shorter than this ("ja", "sto") are noise
PROPER_CLASSES = frozenset({"etunimi", "sukunimi", "paikannimi", "nimi"})
PAST_PARTICIPLES = frozenset({"past_passive", "past_active"})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FIELDS = ("form", "lemmas", "parts", "classes", "cases", "clitics", "roots")
_DERIVED_FROM = re.compile(r"\[Xp\]([^\[]*)\[X\]")  # Voikko's transducer names each part's root so: [Xp]toimia[X]


@dataclass(frozen=True)
class WordForm:
    """What Voikko says of one lower-cased word form (empty tuples: Voikko does not know it)."""

    form: str
    lemmas: tuple[str, ...]  # folded base forms, e.g. ("paivakoti",)
    parts: tuple[str, ...] = ()  # folded base forms of compound parts ("paiva", "koti")
    classes: tuple[str, ...] = ()  # Voikko CLASS values: nimisana, teonsana, asemosana, sidesana, …
    cases: tuple[str, ...] = ()  # SIJAMUOTO values: nimento, omanto, sisaolento, …
    clitics: tuple[str, ...] = ()  # FOCUS values: ko, kin, kaan, …
    roots: tuple[str, ...] = ()  # folded words the form's parts are derived from ("toiminta", "opettaja": toimia, opettaa)

    @property
    def known(self) -> bool:
        return bool(self.lemmas)

    @property
    def proper(self) -> bool:
        return bool(self.classes) and all(word_class in PROPER_CLASSES for word_class in self.classes)


def words_of(text: str) -> list[str]:
    """Lower-cased words (letters, hyphenated compounds kept whole) of a text."""
    return [match.group().lower() for match in word_matches(text)]


def word_matches(text: str) -> list[re.Match[str]]:
    """The words of a text as `words_of` finds them, with where each is printed."""
    return list(_WORD.finditer(text))


def analyse(form: str) -> WordForm:
    """Voikko's analysis of one word form (loads Voikko on first call: build time only)."""
    return _analyse(form.lower())


@lru_cache(maxsize=200_000)
def _analyse(form: str) -> WordForm:
    voikko = importlib.import_module("pyvoikko")
    analyses = list(voikko.analyse(form)) or list(voikko.analyse(form.capitalize()))
    lemmas: dict[str, None] = {}
    parts: dict[str, None] = {}
    roots: dict[str, None] = {}
    for analysis in analyses:
        lemmas[_base(analysis.BASEFORM)] = None
        for part in analysis.COMPOUND_PARTS or ():
            base = _base(part.BASEFORM).strip("-")
            if len(base) >= MIN_PART:
                parts[base] = None
        for root in _DERIVED_FROM.findall(analysis.FSTOUTPUT or ""):
            if len(_base(root)) >= MIN_PART:
                roots[_base(root)] = None
    return WordForm(
        form=form,
        lemmas=tuple(lemmas),
        parts=tuple(part for part in parts if part not in lemmas),
        classes=_distinct(_word_class(analysis) for analysis in analyses),
        cases=_distinct(analysis.SIJAMUOTO for analysis in analyses),
        clitics=_distinct(analysis.FOCUS for analysis in analyses),
        roots=tuple(root for root in roots if root not in lemmas and root not in parts),
    )


def _word_class(analysis: Any) -> str | None:
    """Voikko's class, a past participle read as the verb it is a form of ("asetettu", "toteutuneet": what has
    happened; Voikko classes them with adjectives)."""
    return "teonsana" if analysis.PARTICIPLE in PAST_PARTICIPLES else analysis.CLASS


def _base(baseform: str) -> str:
    # Voikko marks some derivation boundaries inside base forms ("minkä=lainen"): they are not letters.
    return fold(baseform.replace("=", ""))


def _distinct(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))


def analyse_texts(texts: Iterable[str]) -> tuple[WordForm, ...]:
    """Every distinct word form of the texts (hyphenated words also by part), analysed, sorted by form."""
    forms: set[str] = set()
    for text in texts:
        for word in words_of(text):
            forms.add(word)
            if "-" in word:
                forms.update(part for part in word.split("-") if part)
    return tuple(analyse(form) for form in sorted(forms))


def write_word_forms(forms: Iterable[WordForm], path: Path) -> None:
    """Store analyses as TSV (one form per row, multi-values joined by '|')."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(_FIELDS)
        for form in forms:
            writer.writerow((form.form, *("|".join(getattr(form, name)) for name in _FIELDS[1:])))


def read_word_forms(path: Path) -> tuple[WordForm, ...]:
    """Analyses stored by `write_word_forms` (a column the table lacks reads as empty)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader, [])
        where = [header.index(name) if name in header else None for name in _FIELDS[1:]]
        return tuple(
            WordForm(row[0], *(tuple(value for value in row[at].split("|") if value) if at is not None else () for at in where))
            for row in reader
        )


@dataclass(frozen=True)
class FormTable:
    """Stored analyses looked up by folded form, each row parsed only when its form is asked for (a large table
    costs a cold start no more than reading its lines)."""

    lines: dict[str, tuple[str, ...]]  # folded form -> its rows as stored
    columns: tuple[int | None, ...] = ()  # where each field after the form stands in a row (None: not stored)

    def get(self, folded: str) -> tuple[WordForm, ...]:
        return tuple(self._form(line) for line in self.lines.get(folded, ()))

    def __iter__(self) -> Iterator[WordForm]:
        return (self._form(line) for lines in self.lines.values() for line in lines)

    def __len__(self) -> int:
        return sum(len(lines) for lines in self.lines.values())

    def _form(self, line: str) -> WordForm:
        row = line.split("\t")
        values = (tuple(v for v in row[at].split("|") if v) if at is not None and at < len(row) else () for at in self.columns)
        return WordForm(row[0], *values)


def read_form_table(path: Path) -> FormTable:
    """A table written by `write_word_forms`, indexed by folded form (its forms hold no tab or line break)."""
    text = path.read_text(encoding="utf-8").splitlines()
    header = text[0].split("\t") if text else []
    lines: dict[str, list[str]] = {}
    for line in text[1:]:
        lines.setdefault(fold(line.partition("\t")[0]), []).append(line)
    columns = tuple(header.index(name) if name in header else None for name in _FIELDS[1:])
    return FormTable({key: tuple(value) for key, value in lines.items()}, columns)


def joined_tables(tables: Iterable[FormTable]) -> FormTable:
    """Several documents' tables as one (a form in more than one keeps every row)."""
    lines: dict[str, tuple[str, ...]] = {}
    columns: tuple[int | None, ...] = ()
    for table in tables:
        if columns and table.columns != columns:
            raise ValueError("form tables of different columns cannot be joined")
        columns = table.columns
        for key, rows in table.lines.items():
            lines[key] = (*lines.get(key, ()), *rows)
    return FormTable(lines, columns)
