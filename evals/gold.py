"""Gold sets for the evaluations: typed, validated loading of the answer, conversation and retrieval files.

Every gold set comes in two splits (see `evals/data/README.md`): *dev*, which the product may be tuned on,
and a frozen *test*. All files are JSON Lines. Every row is checked against its JSON Schema (the answer and
conversation schemas live in `evals/schemas/` so evaluators can reuse them for their own suites), then for
ids that are unique and section ids that exist. Any problem raises `GoldError` naming file, line and field.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

EVALS_DIR = Path(__file__).resolve().parent
DATA_DIR = EVALS_DIR / "data"
SCHEMAS_DIR = EVALS_DIR / "schemas"
ANSWERS_DEV = DATA_DIR / "answers_dev.jsonl"
ANSWERS_TEST = DATA_DIR / "answers_test.jsonl"
CONVERSATIONS_DEV = DATA_DIR / "conversations_dev.jsonl"
CONVERSATIONS_TEST = DATA_DIR / "conversations_test.jsonl"
RETRIEVAL_DEV = DATA_DIR / "retrieval_dev.jsonl"
RETRIEVAL_TEST = DATA_DIR / "retrieval_test.jsonl"
ANSWER_SCHEMA = SCHEMAS_DIR / "answer_gold.schema.json"
CONVERSATION_SCHEMA = SCHEMAS_DIR / "conversation_gold.schema.json"

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

TAGS: tuple[str, ...] = (
    "no-diacritics",
    "typo",
    "colloquial",
    "resident-vocabulary",
    "paraphrase",
    "everyday-words",
    "lowercase-name",
    "staff",
    "follow-up",
)
AnswerKind = Literal["figure", "owner", "text", "not_found", "multi", "clarify"]
RetrievalCategory = Literal["prose", "table", "goal"]

RETRIEVAL_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Retrieval gold row",
    "description": "A Finnish question and the section ids whose passages answer it (any of them is relevant).",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "question", "sections", "category"],
    "properties": {
        # "-2": the second part of a multi question (rows derived from the answer test split)
        "id": {"type": "string", "pattern": "^[a-z]+[0-9]{3,}(-[0-9]+)?$"},
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


def unmet(required: Sequence[tuple[str, ...]], cited: Iterable[str]) -> tuple[str, ...]:
    """The required citations (as 'a|b') that `cited` section ids do not satisfy."""
    cited_set = set(cited)
    return tuple("|".join(options) for options in required if not cited_set.intersection(options))


@dataclass(frozen=True)
class AnswerPart:
    """One part of a multi question: what the answer's matching part must contain (scored like a row)."""

    kind: str  # figure, owner, text or not_found
    numbers: tuple[int, ...]
    owners: tuple[str, ...]
    facts: tuple[str, ...]
    sections: tuple[tuple[str, ...], ...]
    operation: str | None = None
    not_itemised: tuple[str, ...] = ()

    def unmet_sections(self, cited: Iterable[str]) -> tuple[str, ...]:
        return unmet(self.sections, cited)


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
    operation: str | None = None  # figure rows: lookup, change, trend, sum, ... (the interpretation must agree)
    parts: tuple[AnswerPart, ...] = ()  # multi rows, in the order the question asks them
    not_itemised: tuple[str, ...] = ()  # unit-not-itemised rows: the units the answer must name
    oos: str | None = None  # not_found rows: what kind of out-of-scope question it is
    resolved_question: str | None = None  # conversation turns: the turn as a standalone question

    @property
    def section_ids(self) -> frozenset[str]:
        """Every section id the row (or one of its parts) mentions, alternatives included."""
        groups = [*self.sections, *(options for part in self.parts for options in part.sections)]
        return frozenset(s for options in groups for s in options)

    def unmet_sections(self, cited: Iterable[str]) -> tuple[str, ...]:
        """The required citations (as 'a|b') that `cited` section ids do not satisfy."""
        return unmet(self.sections, cited)

    @property
    def expectations(self) -> tuple[AnswerItem | AnswerPart, ...]:
        """What is scored: the parts of a multi row, else the row itself."""
        return self.parts if self.kind == "multi" else (self,)


@dataclass(frozen=True)
class ConversationItem:
    """A conversation: turns asked in order, each scored with the earlier turns as its context."""

    id: str
    turns: tuple[AnswerItem, ...]  # each turn's id is "<conversation id>.<position>", e.g. "c001.2"
    tags: tuple[str, ...]
    notes: str | None
    path: str
    line: int


def load_retrieval_gold(
    path: Path | str = RETRIEVAL_DEV, known_sections: Collection[str] = SECTION_IDS
) -> tuple[RetrievalItem, ...]:
    """Read and validate a retrieval gold file (the dev split unless told otherwise)."""
    validator = Draft202012Validator(RETRIEVAL_SCHEMA)
    items = []
    for line, row in checked_rows(Path(path), validator):
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


def load_answer_gold(
    path: Path | str = ANSWERS_DEV, known_sections: Collection[str] = SECTION_IDS
) -> tuple[AnswerItem, ...]:
    """Read and validate an answer gold file (the dev split unless told otherwise, or an evaluator's suite)."""
    validator = answer_validator()
    return tuple(answer_item(row, path, line, known_sections) for line, row in checked_rows(Path(path), validator))


def load_conversation_gold(
    path: Path | str = CONVERSATIONS_DEV, known_sections: Collection[str] = SECTION_IDS
) -> tuple[ConversationItem, ...]:
    """Read and validate a conversation gold file (the dev split unless told otherwise)."""
    validator = conversation_validator()
    return tuple(conversation_item(row, path, line, known_sections) for line, row in checked_rows(Path(path), validator))


def answer_item(
    row: Mapping[str, Any],
    path: Path | str,
    line: int,
    known_sections: Collection[str] = SECTION_IDS,
    row_id: str | None = None,
    field: str = "",
) -> AnswerItem:
    """A schema-valid answer row (or conversation turn, given its id and field prefix) as a typed item.

    Raises GoldError for a section id the plan does not have.
    """
    parts = tuple(
        AnswerPart(
            kind=part["kind"],
            numbers=tuple(part["numbers"]),
            owners=tuple(part["owners"]),
            facts=tuple(part["facts"]),
            sections=_sections(part["sections"], path, line, f"{field}parts[{i}].", known_sections),
            operation=part.get("operation"),
            not_itemised=tuple(part.get("not_itemised", ())),
        )
        for i, part in enumerate(row.get("parts", ()))
    )
    return AnswerItem(
        id=row_id if row_id is not None else row["id"],
        question=row["question"],
        kind=row["kind"],
        category=row["category"],
        numbers=tuple(row["numbers"]),
        owners=tuple(row["owners"]),
        facts=tuple(row["facts"]),
        sections=_sections(row["sections"], path, line, field, known_sections),
        tags=tuple(row.get("tags", ())),
        notes=row.get("notes"),
        path=str(path),
        line=line,
        operation=row.get("operation"),
        parts=parts,
        not_itemised=tuple(row.get("not_itemised", ())),
        oos=row.get("oos"),
        resolved_question=row.get("resolved_question"),
    )


def conversation_item(
    row: Mapping[str, Any], path: Path | str, line: int, known_sections: Collection[str] = SECTION_IDS
) -> ConversationItem:
    """A schema-valid conversation row as a typed item (turn ids: 'c001.1', 'c001.2', ...)."""
    turns = tuple(
        answer_item(turn, path, line, known_sections, row_id=f"{row['id']}.{n}", field=f"turns[{n - 1}].")
        for n, turn in enumerate(row["turns"], start=1)
    )
    return ConversationItem(row["id"], turns, tuple(row.get("tags", ())), row.get("notes"), str(path), line)


def _sections(
    entries: Sequence[str], path: Path | str, line: int, field: str, known: Collection[str]
) -> tuple[tuple[str, ...], ...]:
    """Required citations as tuples of alternatives ('a|b' -> ('a', 'b')), every id checked."""
    required = []
    for i, entry in enumerate(entries):
        options = tuple(entry.split("|"))
        for option in options:
            _check_section(path, line, f"{field}sections[{i}]", option, known)
        required.append(options)
    return tuple(required)


@lru_cache(maxsize=1)
def answer_schema() -> dict[str, Any]:
    """The JSON Schema of one answer gold row."""
    schema: dict[str, Any] = json.loads(ANSWER_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


@lru_cache(maxsize=1)
def conversation_schema() -> dict[str, Any]:
    """The JSON Schema of one conversation gold row (its turns refer to the answer schema)."""
    schema: dict[str, Any] = json.loads(CONVERSATION_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


def _registry() -> Registry:
    """Both schemas by their ids, so that a turn's "answer_gold.schema.json#/$defs/turn" resolves offline."""
    resources = [Resource.from_contents(schema) for schema in (answer_schema(), conversation_schema())]
    return Registry().with_resources((resource.id(), resource) for resource in resources)  # type: ignore[misc]


def answer_validator() -> Draft202012Validator:
    """A validator of answer rows."""
    return Draft202012Validator(answer_schema(), registry=_registry())


def conversation_validator() -> Draft202012Validator:
    """A validator of conversation rows."""
    return Draft202012Validator(conversation_schema(), registry=_registry())


def first_error(validator: Draft202012Validator, row: Mapping[str, Any]) -> tuple[str, str] | None:
    """(field, message) of the first schema error of a row (errors in a fixed order), or None when valid."""
    errors = sorted(validator.iter_errors(row), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if not errors:
        return None
    error = errors[0]
    if error.validator is None:  # a false schema: the key is not allowed for this kind or category
        return field_of(error, row), "must not be written for this kind or category"
    return field_of(error, row), error.message


def checked_rows(path: Path, validator: Draft202012Validator) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Yield (line number, row) for each schema-valid row; ids must be unique across the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(path, 0, "<file>", f"cannot read the gold file ({exc}); check the path") from exc
    first_seen: dict[str, int] = {}
    for line, raw in jsonl_lines(text):
        row = parse_json_row(path, line, raw)
        error = first_error(validator, row)
        if error is not None:
            raise GoldError(path, line, *error)
        row_id = row["id"]
        if row_id in first_seen:
            raise GoldError(path, line, "id", f"duplicate id {row_id!r} (first on line {first_seen[row_id]})")
        first_seen[row_id] = line
        yield line, row


def jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of each non-blank line."""
    # split on "\n" only: str.splitlines would also break at U+2028 and friends inside JSON strings
    for line, raw in enumerate(text.split("\n"), start=1):
        raw = raw.removesuffix("\r")
        if raw.strip():  # a trailing blank line is harmless
            yield line, raw


def parse_json_row(path: Path | str, line: int, raw: str) -> dict[str, Any]:
    """One line as a JSON object, or GoldError."""
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoldError(path, line, "<json>", f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(row, dict):
        raise GoldError(path, line, "<row>", f"expected a JSON object, got {type(row).__name__}")
    return row


def field_of(error: ValidationError, row: Mapping[str, Any]) -> str:
    """The field a schema error is about: its path ('numbers[0]'), or the missing/unexpected property."""
    prefix = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
    if error.validator is None:
        # jsonschema leaves the property's own name off the path of a false schema: find it by identity
        container: Any = row
        for step in error.absolute_path:
            container = container[step]
        names = [k for k, v in container.items() if v is error.instance] if isinstance(container, Mapping) else []
        return ".".join(filter(None, [prefix, names[0] if names else ""])) or "<row>"
    instance = error.instance if isinstance(error.instance, Mapping) else row
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in instance]
        return ".".join(filter(None, [prefix, missing[0] if missing else ""])) or "<row>"
    if error.validator == "additionalProperties":
        extra = sorted(name for name in instance if name not in error.schema.get("properties", {}))
        return ".".join(filter(None, [prefix, extra[0] if extra else ""])) or "<row>"
    return prefix or "<row>"


def _check_section(path: Path | str, line: int, field: str, section: str, known: Collection[str]) -> None:
    if section not in known:
        raise GoldError(path, line, field, f"unknown section id {section!r}; known ids: {', '.join(sorted(known))}")
