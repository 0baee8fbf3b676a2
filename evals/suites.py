"""Suites to run: the built-in gold sets by name, or an evaluator's own JSONL file validated line by line."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from evals.gold import (
    ANSWER_SCHEMA,
    SECTION_IDS,
    AnswerItem,
    answer_item,
    RetrievalItem,
    answer_schema,
    load_answer_gold,
    load_retrieval_gold,
)

SUITE_NAMES: tuple[str, ...] = ("all", "answers", "retrieval")


@dataclass(frozen=True)
class SuiteProblem:
    """A line of a custom suite that was skipped: where, which field, and what is wrong."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: field '{self.field}': {self.message}"

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class Suite:
    """What one run evaluates: answer rows, retrieval rows, and the custom-suite lines that were skipped."""

    name: str
    answers: tuple[AnswerItem, ...] = ()
    retrieval: tuple[RetrievalItem, ...] = ()
    problems: tuple[SuiteProblem, ...] = ()

    @property
    def size(self) -> int:
        return len(self.answers) + len(self.retrieval)


class UnknownSuite(ValueError):
    """The suite is neither a built-in name nor an existing file."""


def load_suite(name_or_path: str) -> Suite:
    """A built-in suite ('all', 'answers', 'retrieval') or a custom answer suite from a JSONL file."""
    if name_or_path in SUITE_NAMES:
        answers = load_answer_gold() if name_or_path in ("all", "answers") else ()
        retrieval = load_retrieval_gold() if name_or_path in ("all", "retrieval") else ()
        return Suite(name_or_path, answers=answers, retrieval=retrieval)
    path = Path(name_or_path)
    if not path.is_file():
        raise UnknownSuite(
            f"suite {name_or_path!r} is not a built-in suite ({', '.join(SUITE_NAMES)}) nor an existing file; "
            f"a custom suite is a JSONL file whose lines follow {ANSWER_SCHEMA.name}"
        )
    answers, problems = load_custom_suite(path)
    return Suite(path.stem, answers=answers, problems=problems)


def load_custom_suite(
    path: Path, known_sections: Collection[str] = SECTION_IDS
) -> tuple[tuple[AnswerItem, ...], tuple[SuiteProblem, ...]]:
    """Valid rows of a custom answer suite, and one problem per malformed line (the rest still load)."""
    validator = Draft202012Validator(answer_schema())
    items: list[AnswerItem] = []
    problems: list[SuiteProblem] = []
    seen: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return (), (SuiteProblem(str(path), 0, "<file>", f"cannot read the suite: {exc}"),)
    # split on "\n" only: str.splitlines would also break at U+2028 inside JSON strings
    for line, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        problem, item = _parse_line(path, line, raw, validator, known_sections, seen)
        if problem is not None:
            problems.append(problem)
        elif item is not None:
            seen[item.id] = line
            items.append(item)
    return tuple(items), tuple(problems)


def _parse_line(
    path: Path,
    line: int,
    raw: str,
    validator: Draft202012Validator,
    known_sections: Collection[str],
    seen: dict[str, int],
) -> tuple[SuiteProblem | None, AnswerItem | None]:
    def problem(field: str, message: str) -> tuple[SuiteProblem, None]:
        return SuiteProblem(str(path), line, field, message), None

    try:
        row = json.loads(raw)
    except json.JSONDecodeError as exc:
        return problem("<json>", f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(row, dict):
        return problem("<row>", f"expected a JSON object, got {type(row).__name__}")
    errors = sorted(validator.iter_errors(row), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if errors:
        return problem(field_of(errors[0], row), errors[0].message)
    if row["id"] in seen:
        return problem("id", f"duplicate id {row['id']!r} (first on line {seen[row['id']]})")
    required: list[tuple[str, ...]] = []
    for i, entry in enumerate(row["sections"]):
        options = tuple(entry.split("|"))
        unknown = [option for option in options if option not in known_sections]
        if unknown:
            return problem(f"sections[{i}]", f"unknown section id {unknown[0]!r}; known: {', '.join(known_sections)}")
        required.append(options)
    return None, answer_item(row, tuple(required), path, line)


def field_of(error: ValidationError, row: dict[str, Any]) -> str:
    """The field a schema error is about: its path ('numbers[0]'), or the missing/unexpected property."""
    if error.absolute_path:
        return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in row]
        return missing[0] if missing else "<row>"
    if error.validator == "additionalProperties":
        extra = sorted(name for name in row if name not in error.schema.get("properties", {}))
        return extra[0] if extra else "<row>"
    return "<row>"
