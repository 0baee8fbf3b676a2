"""Exact scoring of one answer against one answer-gold row, check by check (conventions: the gold schema)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.types import Answer
from corpus.text import fold, squash_spaces
from evals.gold import HEADING_ONLY_IDS, AnswerItem
from evals.numbers_fi import format_number, numbers_in

CHECKS: tuple[str, ...] = ("kind", "numbers", "owners", "facts", "citations")


@dataclass(frozen=True)
class Check:
    """One check of an answer: what was expected, what is missing, and whether it passed."""

    name: str  # one of CHECKS
    passed: bool
    expected: tuple[str, ...]
    missing: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "passed": self.passed, "expected": list(self.expected), "missing": list(self.missing)}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Check:
        return cls(
            name=str(data["name"]),
            passed=bool(data["passed"]),
            expected=tuple(map(str, data.get("expected", ()))),  # type: ignore[call-overload]
            missing=tuple(map(str, data.get("missing", ()))),  # type: ignore[call-overload]
        )


@dataclass(frozen=True)
class AnswerScore:
    """Every applicable check of one answer; the answer passes when all of them pass."""

    item_id: str
    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failed(self) -> tuple[str, ...]:
        return tuple(check.name for check in self.checks if not check.passed)


def normalize_fact(text: str) -> str:
    """Case- and diacritic-folded text with whitespace (no-break and narrow spaces included) squashed."""
    return squash_spaces(fold(text))


def cited_sections(section_ids: Iterable[str]) -> frozenset[str]:
    """Cited section ids plus their heading-only parents (citing a child cites the heading above it).

    A parent with text of its own ("tavoitteet") is not added: a citation of its table does not quote that text.
    """
    cited = set(section_ids)
    expanded = set(cited)
    for section_id in cited:
        parent = section_id.rpartition("/")[0]
        if parent in HEADING_ONLY_IDS:
            expanded.add(parent)
    return frozenset(expanded)


def check_kind(item: AnswerItem, answer: Answer) -> Check:
    """The answer kind equals the expected kind."""
    return Check("kind", answer.kind == item.kind, (item.kind,), () if answer.kind == item.kind else (item.kind,))


def check_numbers(item: AnswerItem, answer: Answer) -> Check:
    """Every required whole number appears in the answer text (absolute values, any Finnish grouping)."""
    stated = numbers_in(answer.answer)
    missing = tuple(format_number(n) for n in item.numbers if abs(n) not in stated)
    return Check("numbers", not missing, tuple(format_number(n) for n in item.numbers), missing)


def check_owners(item: AnswerItem, answer: Answer) -> Check:
    """Every expected owner title is contained, case-insensitively, in one of the answer's owners."""
    owners = [owner.casefold() for owner in answer.owners]
    missing = tuple(title for title in item.owners if not any(title.casefold() in owner for owner in owners))
    return Check("owners", not missing, item.owners, missing)


def check_facts(item: AnswerItem, answer: Answer) -> Check:
    """Every key fact occurs in the answer text, compared case- and diacritic-insensitively."""
    text = normalize_fact(answer.answer)
    missing = tuple(fact for fact in item.facts if normalize_fact(fact) not in text)
    return Check("facts", not missing, item.facts, missing)


def check_citations(item: AnswerItem, answer: Answer) -> Check:
    """Every required section ('a|b' = either) is among the answer's citations."""
    missing = item.unmet_sections(cited_sections(c.section_id for c in answer.citations))
    return Check("citations", not missing, tuple("|".join(options) for options in item.sections), missing)


def score_answer(item: AnswerItem, answer: Answer) -> AnswerScore:
    """Score an answer: kind always, and numbers, owners, facts and citations where the row expects any."""
    checks = [check_kind(item, answer)]
    if item.numbers:
        checks.append(check_numbers(item, answer))
    if item.owners:
        checks.append(check_owners(item, answer))
    if item.facts:
        checks.append(check_facts(item, answer))
    if item.sections:
        checks.append(check_citations(item, answer))
    return AnswerScore(item.id, tuple(checks))
