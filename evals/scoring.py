"""Exact scoring of one answer against one answer-gold row, check by check (conventions: the gold schema).

The Answer type grows (parts, interpretation, not_itemised, conversation state); every newer attribute is read
with getattr and a default, so that scoring works with the answers the product returns today.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.language.numbers import numbers_in
from assistant.types import Answer
from corpus.text import fold, squash_spaces
from evals.gold import HEADING_ONLY_IDS, AnswerItem, AnswerPart
from evals.numbers_fi import format_number

CHECKS: tuple[str, ...] = ("kind", "numbers", "owners", "facts", "citations", "operation", "not_itemised", "parts")
Expected = AnswerItem | AnswerPart
UNIT_PREFIX = 5  # letters of a unit's first word that must match ("Kippis" ~ "Kippiksen")


@dataclass(frozen=True)
class Check:
    """One check of an answer: what was expected, what is missing, and whether it passed."""

    name: str  # one of CHECKS (retrieval rows: "recall@5")
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


def answer_parts(answer: Any) -> tuple[Any, ...]:
    """The parts of a multi answer (none before the Answer type has them)."""
    return tuple(getattr(answer, "parts", None) or ())


def answer_operation(answer: Any) -> str | None:
    """The operation of the answer's interpretation (`.operation` or `["operation"]`), if it shows one."""
    interpretation = getattr(answer, "interpretation", None)
    if interpretation is None:
        return None
    operation = getattr(interpretation, "operation", None)
    if operation is None and isinstance(interpretation, Mapping):
        operation = interpretation.get("operation")
    if operation is None:
        return None
    return str(getattr(operation, "value", operation))  # an enum member counts by its value


def answer_units(answer: Any) -> tuple[str, ...]:
    """The named units the answer says the plan does not itemise (strings, or objects with a name)."""
    units = getattr(answer, "not_itemised", None) or ()
    return tuple(unit if isinstance(unit, str) else str(getattr(unit, "name", unit)) for unit in units)


def unit_key(name: str) -> str:
    """A unit's name reduced to the first letters of its first word, folded ('Kippiksen' -> 'kippi')."""
    keys = word_keys(name)
    return keys[0] if keys else ""


def word_keys(name: str) -> tuple[str, ...]:
    """The first letters of every word of a unit's name, folded ('Aschanin talon' -> ('ascha', 'talon'))."""
    return tuple(word[:UNIT_PREFIX] for word in fold(name).split())


def check_kind(item: Expected, answer: Any) -> Check:
    """The answer kind equals the expected kind."""
    ok = answer.kind == item.kind
    return Check("kind", ok, (item.kind,), () if ok else (item.kind,))


def check_numbers(item: Expected, answer: Any) -> Check:
    """Every required whole number appears in the answer text (absolute values, any Finnish grouping)."""
    stated = numbers_in(answer.answer)
    missing = tuple(format_number(n) for n in item.numbers if abs(n) not in stated)
    return Check("numbers", not missing, tuple(format_number(n) for n in item.numbers), missing)


def check_owners(item: Expected, answer: Any) -> Check:
    """Every expected owner title is contained, case-insensitively, in one of the answer's owners."""
    owners = [owner.casefold() for owner in answer.owners]
    missing = tuple(title for title in item.owners if not any(title.casefold() in owner for owner in owners))
    return Check("owners", not missing, item.owners, missing)


def check_facts(item: Expected, answer: Any) -> Check:
    """Every key fact occurs in the answer text, compared case- and diacritic-insensitively."""
    text = normalize_fact(answer.answer)
    missing = tuple(fact for fact in item.facts if normalize_fact(fact) not in text)
    return Check("facts", not missing, item.facts, missing)


def check_citations(item: Expected, answer: Any) -> Check:
    """Every required section ('a|b' = either) is among the answer's citations."""
    missing = item.unmet_sections(cited_sections(c.section_id for c in answer.citations))
    return Check("citations", not missing, tuple("|".join(options) for options in item.sections), missing)


def check_operation(item: Expected, answer: Any) -> Check:
    """The answer's interpretation shows the operation the question asks (lookup, change, share, ...)."""
    ok = answer_operation(answer) == item.operation
    expected = (str(item.operation),)
    return Check("operation", ok, expected, () if ok else expected)


def check_not_itemised(item: Expected, answer: Any) -> Check:
    """The answer names every unit the plan gives no figure of: by the first five letters of its first word, or
    by every word of it inside a longer name ("Aschanin talo" in "Lääninkivalteri Aschanin talo")."""
    named = answer_units(answer)
    keys = {unit_key(unit) for unit in named}
    missing = tuple(
        unit for unit in item.not_itemised
        if unit_key(unit) not in keys and not any(set(word_keys(unit)) <= set(word_keys(name)) for name in named)
    )
    return Check("not_itemised", not missing, item.not_itemised, missing)


def expectation_checks(item: Expected, answer: Any) -> tuple[Check, ...]:
    """Kind always, and each other check where the row (or part) expects something."""
    checks = [check_kind(item, answer)]
    if item.numbers:
        checks.append(check_numbers(item, answer))
    if item.owners:
        checks.append(check_owners(item, answer))
    if item.facts:
        checks.append(check_facts(item, answer))
    if item.sections:
        checks.append(check_citations(item, answer))
    if item.operation is not None:
        checks.append(check_operation(item, answer))
    if item.not_itemised:
        checks.append(check_not_itemised(item, answer))
    return tuple(checks)


def match_parts(parts: Sequence[AnswerPart], answered: Sequence[Any]) -> list[tuple[int, tuple[Check, ...]]]:
    """Each expected part with the answer part it is scored against, and its checks.

    A part passes against the first unused answer part that meets all of its checks (the positional one is
    tried first); a part that none meets is reported against its positional part.
    """
    unused = list(range(len(answered)))
    matched = []
    for n, part in enumerate(parts):
        order = sorted(unused, key=lambda i: (i != n, i))
        chosen = next((i for i in order if all(c.passed for c in expectation_checks(part, answered[i]))), None)
        if chosen is not None:
            unused.remove(chosen)
        target = chosen if chosen is not None else (n if n < len(answered) else -1)
        matched.append((target, expectation_checks(part, answered[target]) if target >= 0 else ()))
    return matched


def check_parts(item: AnswerItem, answer: Answer) -> Check:
    """A multi answer: every expected part is met by one of the answer's parts, with all the checks of its kind."""
    answered = answer_parts(answer)
    expected = tuple(f"{n}. {part.kind}" for n, part in enumerate(item.parts, start=1))
    missing: list[str] = []
    for n, (target, checks) in enumerate(match_parts(item.parts, answered), start=1):
        if target < 0:
            missing.append(f"{n}. {item.parts[n - 1].kind}: vastauksessa ei ole tätä osaa")
        missing += [f"{n}. {check.name}: {'; '.join(check.missing) or '—'}" for check in checks if not check.passed]
    return Check("parts", not missing, expected, tuple(missing))


def score_answer(item: AnswerItem, answer: Answer) -> AnswerScore:
    """Score an answer: a multi row by its kind and its parts, any other row by the checks it expects."""
    if item.kind == "multi":
        return AnswerScore(item.id, (check_kind(item, answer), check_parts(item, answer)))
    return AnswerScore(item.id, expectation_checks(item, answer))
