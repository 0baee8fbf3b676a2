"""A document's lexicon: the words people use for its areas, rows, column kinds and outside bodies (lexicon.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from corpus.errors import ManifestError
from corpus.manifest import Manifest, discover_manifests, read_toml

LEXICON_NAME = "lexicon.toml"
CONCEPT_PREFIX = "@"
COSTS = "@COSTS"
REVENUE = "@REVENUE"
NET = "@NET"
BUDGET = "@BUDGET"
SPEND = "@SPEND"
INVESTMENTS = "@INVESTMENTS"
TABLE_SCOPES = ("board", "area", "investments")


@dataclass(frozen=True)
class Term:
    """A value (area code, row, concept, body) and the word patterns that name it, one per consecutive word.

    Pattern syntax (see lexicon.toml): ``stem`` prefix, ``*stem`` also inside a compound, ``=a|b`` exact words.
    """

    value: str
    patterns: tuple[str, ...]
    note: str = ""  # a sub-service the words name, reported only as part of its area
    plural: bool = False  # grammatical number of `note`
    exclude: tuple[str, ...] = ()  # word beginnings that never match


@dataclass(frozen=True)
class Lexicon:
    """Every term of one document, by what it names, with the rows each concept stands for per table scope."""

    doc_id: str
    areas: tuple[Term, ...]
    rows: tuple[Term, ...]  # rows of the tables and concepts (values starting with "@")
    outside: tuple[Term, ...]
    column_kinds: tuple[Term, ...]
    concepts: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]  # concept -> ((scope, rows), ...)
    goals_grid: tuple[tuple[str, tuple[str, ...]], ...] = ()  # grid column (goal, owner, metric, target, aim, …) -> base forms

    def concept_rows(self, concept: str, scope: str) -> tuple[str, ...]:
        """The rows a concept means in a table scope ("board", "area" or "investments"), in preference order."""
        for name, scopes in self.concepts:
            if name == concept:
                return dict(scopes).get(scope, ())
        return ()


    def grid_words(self, column: str) -> tuple[str, ...]:
        """Base forms that ask for one column of the goals grid ("metric": mittari, mitata, …)."""
        return dict(self.goals_grid).get(column, ())


EMPTY_LEXICON = Lexicon("", (), (), (), (), ())


def load_lexicon(manifest: Manifest) -> Lexicon:
    """The lexicon beside a manifest (an empty one when the document has none)."""
    path = manifest.folder / LEXICON_NAME
    if not path.is_file():
        return Lexicon(manifest.id, (), (), (), (), ())
    data = read_toml(path)
    known = {manifest.board.code, *(area.code for area in manifest.areas)}
    areas = _terms(path, data.get("areas", {}), "areas")
    unknown = sorted({term.value for term in areas} - known)
    if unknown:
        raise ManifestError(f"{path}: [areas] names codes the manifest does not have: {unknown}")
    concepts = data.get("concepts", {})
    if not isinstance(concepts, dict):
        raise ManifestError(f"{path}: [concepts] must be a table")
    return Lexicon(
        doc_id=manifest.id,
        areas=areas,
        rows=_terms(path, data.get("rows", {}), "rows"),
        outside=_terms(path, data.get("outside", {}), "outside"),
        column_kinds=_terms(path, data.get("column_kinds", {}), "column_kinds"),
        concepts=tuple((name, _scopes(path, name, scopes)) for name, scopes in concepts.items()),
        goals_grid=tuple((column, tuple(str(w) for w in words)) for column, words in data.get("goals_grid", {}).items()),
    )


def _terms(path: Path, table: Any, name: str) -> tuple[Term, ...]:
    if not isinstance(table, dict):
        raise ManifestError(f"{path}: [{name}] must be a table of value = [terms]")
    terms: list[Term] = []
    for value, entries in table.items():
        if not isinstance(entries, list):
            raise ManifestError(f"{path}: [{name}] {value!r} must be a list of terms")
        terms.extend(_term(path, name, value, entry) for entry in entries)
    return tuple(terms)


def _term(path: Path, name: str, value: str, entry: Any) -> Term:
    if isinstance(entry, (str, list)):
        entry = {"match": entry}
    if not isinstance(entry, dict) or "match" not in entry:
        raise ManifestError(f"{path}: [{name}] {value!r}: a term is a pattern, a list of patterns or {{ match = ... }}")
    match = entry["match"]
    patterns = (match,) if isinstance(match, str) else tuple(match)
    if not patterns or not all(isinstance(p, str) and p.strip("=*") for p in patterns):
        raise ManifestError(f"{path}: [{name}] {value!r}: empty pattern in {entry!r}")
    return Term(
        value=value,
        patterns=patterns,
        note=str(entry.get("note", "")),
        plural=bool(entry.get("plural", False)),
        exclude=tuple(str(e) for e in entry.get("exclude", ())),
    )


def _scopes(path: Path, concept: str, data: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(data, dict) or set(data) - set(TABLE_SCOPES):
        raise ManifestError(f"{path}: [concepts.{concept!r}] takes only {', '.join(TABLE_SCOPES)}")
    return tuple((scope, tuple(str(row) for row in data[scope])) for scope in TABLE_SCOPES if scope in data)


@lru_cache(maxsize=1)
def corpus_area_terms() -> tuple[Term, ...]:
    """The area terms of every document's lexicon (for readers that see text, not a corpus: the LLM guard)."""
    return tuple(term for manifest in discover_manifests() for term in load_lexicon(manifest).areas)
