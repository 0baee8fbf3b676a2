"""Suites to run: the built-in gold splits by name, or an evaluator's own JSONL file validated line by line."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from evals.gold import (
    ANSWER_SCHEMA,
    ANSWERS_DEV,
    ANSWERS_TEST,
    CONVERSATIONS_DEV,
    CONVERSATIONS_TEST,
    RETRIEVAL_DEV,
    RETRIEVAL_TEST,
    SECTION_IDS,
    AnswerItem,
    ConversationItem,
    GoldError,
    RetrievalItem,
    answer_item,
    answer_validator,
    conversation_item,
    conversation_validator,
    first_error,
    jsonl_lines,
    load_answer_gold,
    load_conversation_gold,
    load_retrieval_gold,
    parse_json_row,
)


@dataclass(frozen=True)
class SuitePart:
    """One gold file of a suite and the suite name its results carry (e.g. "answers-test")."""

    label: str
    answers: tuple[AnswerItem, ...] = ()
    retrieval: tuple[RetrievalItem, ...] = ()
    conversations: tuple[ConversationItem, ...] = ()

    @property
    def size(self) -> int:
        """Questions to ask: answer rows, retrieval rows and every conversation turn."""
        return len(self.answers) + len(self.retrieval) + sum(len(c.turns) for c in self.conversations)


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
    """What one run evaluates: its parts (answer, conversation and retrieval files) and the skipped lines."""

    name: str
    parts: tuple[SuitePart, ...] = ()
    problems: tuple[SuiteProblem, ...] = ()

    @property
    def answers(self) -> tuple[AnswerItem, ...]:
        return tuple(item for part in self.parts for item in part.answers)

    @property
    def retrieval(self) -> tuple[RetrievalItem, ...]:
        return tuple(item for part in self.parts for item in part.retrieval)

    @property
    def conversations(self) -> tuple[ConversationItem, ...]:
        return tuple(item for part in self.parts for item in part.conversations)

    @property
    def size(self) -> int:
        return sum(part.size for part in self.parts)


class UnknownSuite(ValueError):
    """The suite is neither a built-in name nor an existing file."""


# Each built-in gold file, by the suite name its results carry.
PART_LOADERS: dict[str, Callable[[], SuitePart]] = {
    "answers-dev": lambda: SuitePart("answers-dev", answers=load_answer_gold(ANSWERS_DEV)),
    "answers-test": lambda: SuitePart("answers-test", answers=load_answer_gold(ANSWERS_TEST)),
    "conversations-dev": lambda: SuitePart("conversations-dev", conversations=load_conversation_gold(CONVERSATIONS_DEV)),
    "conversations-test": lambda: SuitePart("conversations-test", conversations=load_conversation_gold(CONVERSATIONS_TEST)),
    "retrieval-dev": lambda: SuitePart("retrieval-dev", retrieval=load_retrieval_gold(RETRIEVAL_DEV)),
    "retrieval-test": lambda: SuitePart("retrieval-test", retrieval=load_retrieval_gold(RETRIEVAL_TEST)),
}
DEV: tuple[str, ...] = ("answers-dev", "conversations-dev", "retrieval-dev")
TEST: tuple[str, ...] = ("answers-test", "conversations-test", "retrieval-test")
BUILT_IN: dict[str, tuple[str, ...]] = {"dev": DEV, "test": TEST, "all": DEV + TEST} | {name: (name,) for name in PART_LOADERS}
SUITE_NAMES: tuple[str, ...] = tuple(BUILT_IN)


def load_suite(name_or_path: str) -> Suite:
    """A built-in suite (`SUITE_NAMES`: dev, test, all, or one gold file) or a custom suite from a JSONL file."""
    if name_or_path in BUILT_IN:
        return Suite(name_or_path, parts=tuple(PART_LOADERS[label]() for label in BUILT_IN[name_or_path]))
    path = Path(name_or_path)
    if not path.is_file():
        raise UnknownSuite(
            f"suite {name_or_path!r} is not a built-in suite ({', '.join(SUITE_NAMES)}) nor an existing file; "
            f"a custom suite is a JSONL file whose lines follow {ANSWER_SCHEMA.name} (or, with a \"turns\" list, "
            "conversation_gold.schema.json)"
        )
    return load_custom_suite(path)


def load_custom_suite(path: Path, known_sections: Collection[str] = SECTION_IDS) -> Suite:
    """A custom suite: its valid answer and conversation rows, and one problem per malformed line."""
    answers: list[AnswerItem] = []
    conversations: list[ConversationItem] = []
    problems: list[SuiteProblem] = []
    seen: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Suite(path.stem, problems=(SuiteProblem(str(path), 0, "<file>", f"cannot read the suite: {exc}"),))
    validators = {False: answer_validator(), True: conversation_validator()}
    for line, raw in jsonl_lines(text):
        try:
            row = parse_json_row(path, line, raw)
            is_conversation = "turns" in row
            error = first_error(validators[is_conversation], row)
            if error is not None:
                raise GoldError(path, line, *error)
            if row["id"] in seen:
                raise GoldError(path, line, "id", f"duplicate id {row['id']!r} (first on line {seen[row['id']]})")
            if is_conversation:
                conversations.append(conversation_item(row, path, line, known_sections))
            else:
                answers.append(answer_item(row, path, line, known_sections))
        except GoldError as error:
            problems.append(SuiteProblem(str(path), line, error.field, error.problem))
            continue
        seen[row["id"]] = line
    part = SuitePart(path.stem, answers=tuple(answers), conversations=tuple(conversations))
    return Suite(path.stem, parts=(part,), problems=tuple(problems))
