"""Gold sets for the evaluations: typed, validated loading of the retrieval and answer gold files.

Both files are JSON Lines. Every row is checked against its JSON Schema (the answer schema lives in
`evals/schemas/answer_gold.schema.json` so evaluators can reuse it for their own suites), then for ids
that are unique and section ids that exist. Any problem raises `GoldError` naming file, line and field.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

EVALS_DIR = Path(__file__).resolve().parent
RETRIEVAL_GOLD = EVALS_DIR / "data" / "retrieval_gold.jsonl"
ANSWER_GOLD = EVALS_DIR / "data" / "answer_gold.jsonl"
ANSWER_SCHEMA = EVALS_DIR / "schemas" / "answer_gold.schema.json"

# The stable section ids of the plan (the lead's contract); a parent id covers its children.
SECTION_IDS: tuple[str, ...] = (
    "otsikko",
    "kuvaus",
    "kuvaus/toimiala",
    "kuvaus/hyte",
    "kuvaus/opkou",
    "kuvaus/vaka",
    "kuvaus/vire",
    "toimintaymparisto",
    "toimintaymparisto/hyte",
    "toimintaymparisto/opkou",
    "toimintaymparisto/vaka",
    "toimintaymparisto/vire",
    "painopisteet",
    "painopisteet/hyte",
    "painopisteet/opkou",
    "painopisteet/vaka",
    "painopisteet/vire",
    "talousarvio",
    "tuloslaskelma",
    "palvelualuelaskelmat",
    "palvelualuelaskelmat/hyte",
    "palvelualuelaskelmat/opkou",
    "palvelualuelaskelmat/vaka",
    "palvelualuelaskelmat/vire",
    "investoinnit",
    "investoinnit/taulukko",
    "tavoitteet",
    "tavoitteet/taulukko",
)
# Sections that hold text of their own: every id that is not only a heading over children.
HEADING_ONLY_IDS: frozenset[str] = frozenset({"kuvaus", "toimintaymparisto", "painopisteet", "palvelualuelaskelmat"})
CONTENT_SECTION_IDS: tuple[str, ...] = tuple(s for s in SECTION_IDS if s not in HEADING_ONLY_IDS)

TAGS: tuple[str, ...] = ("no-diacritics", "typo", "colloquial", "resident-vocabulary")
AnswerKind = Literal["figure", "owner", "text", "not_found"]
RetrievalCategory = Literal["prose", "table", "goal"]

RETRIEVAL_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Retrieval gold row",
    "description": "A Finnish question and the section ids whose passages answer it (any of them is relevant).",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "question", "sections", "category"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z]+[0-9]{3,}$"},
        "question": {"type": "string", "minLength": 2, "maxLength": 2000, "pattern": r"\S"},
        "sections": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "pattern": "^[a-z]+(/[a-z]+)?$"},
        },
        "category": {"enum": ["prose", "table", "goal"]},
        "tags": {"type": "array", "uniqueItems": True, "items": {"enum": list(TAGS)}},
        "notes": {"type": "string"},
    },
}


class GoldError(ValueError):
    """A gold file or one of its rows is malformed; the message names file, line and field."""

    def __init__(self, path: Path | str, line: int, field: str, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.problem = problem
        super().__init__(f"{self.path}:{line}: field '{field}': {problem}")


@dataclass(frozen=True)
class RetrievalItem:
    """A retrieval question and the sections that answer it, with the gold line it came from."""

    id: str
    question: str
    sections: tuple[str, ...]
    category: RetrievalCategory
    tags: tuple[str, ...]
    notes: str | None
    path: str
    line: int

    @property
    def relevant(self) -> frozenset[str]:
        return frozenset(self.sections)


@dataclass(frozen=True)
class AnswerItem:
    """An answer expectation: kind, required numbers, owners, facts and citations, with its gold line."""

    id: str
    question: str
    kind: AnswerKind
    category: str
    numbers: tuple[int, ...]
    owners: tuple[str, ...]
    facts: tuple[str, ...]
    sections: tuple[tuple[str, ...], ...]  # each required citation as its accepted alternatives
    tags: tuple[str, ...]
    notes: str | None
    path: str
    line: int

    @property
    def section_ids(self) -> frozenset[str]:
        """Every section id the row mentions, alternatives included."""
        return frozenset(s for options in self.sections for s in options)

    def unmet_sections(self, cited: Iterable[str]) -> tuple[str, ...]:
        """The required citations (as 'a|b') that `cited` section ids do not satisfy."""
        cited_set = set(cited)
        return tuple("|".join(options) for options in self.sections if not cited_set.intersection(options))


def load_retrieval_gold(
    path: Path | str = RETRIEVAL_GOLD, known_sections: Collection[str] = SECTION_IDS
) -> tuple[RetrievalItem, ...]:
    """Read and validate a retrieval gold file."""
    validator = Draft202012Validator(RETRIEVAL_SCHEMA)
    items = []
    for line, row in _checked_rows(Path(path), validator):
        for i, section in enumerate(row["sections"]):
            _check_section(path, line, f"sections[{i}]", section, known_sections)
        items.append(
            RetrievalItem(
                id=row["id"],
                question=row["question"],
                sections=tuple(row["sections"]),
                category=row["category"],
                tags=tuple(row.get("tags", ())),
                notes=row.get("notes"),
                path=str(path),
                line=line,
            )
        )
    return tuple(items)


def answer_item(row: Mapping[str, Any], sections: tuple[tuple[str, ...], ...], path: Path | str, line: int) -> AnswerItem:
    """An answer-gold row (already validated) as a typed item; `sections` holds the parsed 'a|b' options."""
    return AnswerItem(
        id=row["id"],
        question=row["question"],
        kind=row["kind"],
        category=row["category"],
        numbers=tuple(row["numbers"]),
        owners=tuple(row["owners"]),
        facts=tuple(row["facts"]),
        sections=sections,
        tags=tuple(row.get("tags", ())),
        notes=row.get("notes"),
        path=str(path),
        line=line,
    )


def load_answer_gold(
    path: Path | str = ANSWER_GOLD, known_sections: Collection[str] = SECTION_IDS
) -> tuple[AnswerItem, ...]:
    """Read and validate an answer gold file (ours or an evaluator's custom suite)."""
    validator = Draft202012Validator(answer_schema())
    items = []
    for line, row in _checked_rows(Path(path), validator):
        required: list[tuple[str, ...]] = []
        for i, entry in enumerate(row["sections"]):
            options = tuple(entry.split("|"))
            for option in options:
                _check_section(path, line, f"sections[{i}]", option, known_sections)
            required.append(options)
        items.append(answer_item(row, tuple(required), path, line))
    return tuple(items)


@lru_cache(maxsize=1)
def answer_schema() -> dict[str, Any]:
    """The JSON Schema of one answer gold row."""
    schema: dict[str, Any] = json.loads(ANSWER_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


def _checked_rows(path: Path, validator: Draft202012Validator) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Yield (line number, row) for each schema-valid row; ids must be unique across the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(path, 0, "<file>", f"cannot read the gold file ({exc}); check the path") from exc
    first_seen: dict[str, int] = {}
    # split on "\n" only: str.splitlines would also break at U+2028 and friends inside JSON strings
    for line, raw in enumerate(text.split("\n"), start=1):
        raw = raw.removesuffix("\r")
        if not raw.strip():
            continue  # a trailing blank line is harmless
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise GoldError(path, line, "<json>", f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
        if not isinstance(row, dict):
            raise GoldError(path, line, "<row>", f"expected a JSON object, got {type(row).__name__}")
        errors = sorted(validator.iter_errors(row), key=lambda e: (list(map(str, e.absolute_path)), e.message))
        if errors:
            error = errors[0]
            raise GoldError(path, line, _field_of(error, row), error.message)
        row_id = row["id"]
        if row_id in first_seen:
            raise GoldError(path, line, "id", f"duplicate id {row_id!r} (first on line {first_seen[row_id]})")
        first_seen[row_id] = line
        yield line, row


def _field_of(error: ValidationError, row: Mapping[str, Any]) -> str:
    """The dotted field a schema error is about (a missing or unexpected property by its name)."""
    if error.absolute_path:
        parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path]
        return "".join(parts).lstrip(".")
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in row]
        return missing[0] if missing else "<row>"
    if error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(name for name in row if name not in allowed)
        return extra[0] if extra else "<row>"
    return "<row>"


def _check_section(path: Path | str, line: int, field: str, section: str, known: Collection[str]) -> None:
    if section not in known:
        raise GoldError(path, line, field, f"unknown section id {section!r}; known ids: {', '.join(sorted(known))}")
