"""Suites: built-in names, and custom JSONL suites validated line by line (bad lines named, the rest kept)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.suites import UnknownSuite, load_custom_suite, load_suite


def row(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "oma001",
        "question": "Paljonko päiväkotien palkkoihin menee vuonna 2025?",
        "kind": "figure",
        "category": "figure-lookup",
        "numbers": [6059200],
        "owners": [],
        "facts": [],
        "sections": ["palvelualuelaskelmat/vaka"],
    }
    base.update(changes)
    return base


def write_suite(path: Path, lines: list[object]) -> Path:
    text = "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        ('{"id": "oma002", "question": ', "<json>", "not valid JSON"),
        ("[1, 2]", "<row>", "expected a JSON object"),
        (row(id="oma002", numbers=["6 059 200"]), "numbers[0]", "is not of type 'integer'"),
        ({k: v for k, v in row(id="oma002").items() if k != "kind"}, "kind", "'kind' is a required property"),
        (row(id="oma002", kind="luku"), "kind", "is not one of"),
        (row(id="oma002", vastaus="x"), "vastaus", "Additional properties"),
        (row(id="oma002", sections=["talousarvio|kirjasto"]), "sections[0]", "unknown section id 'kirjasto'"),
        (row(id="oma002", kind="owner", category="owner", numbers=[]), "owners", "should be non-empty"),
        (row(), "id", "duplicate id 'oma001' (first on line 1)"),
        (row(id="2"), "id", "does not match"),
    ],
)
def test_a_malformed_line_is_named_and_the_rest_still_loads(tmp_path: Path, bad: object, field: str, message: str) -> None:
    path = write_suite(tmp_path / "oma.jsonl", [row(), bad, row(id="oma003", question="koulujen menot 2025")])
    items, problems = load_custom_suite(path)
    assert [item.id for item in items] == ["oma001", "oma003"]
    assert [(p.line, p.field) for p in problems] == [(2, field)]
    assert message in problems[0].message
    assert str(problems[0]).startswith(f"{path}:2: field '{field}':")


def test_several_bad_lines_are_each_reported(tmp_path: Path) -> None:
    path = write_suite(tmp_path / "oma.jsonl", ["{", row(), "", row(id="oma002", facts="x"), "nope", row(id="oma003")])
    items, problems = load_custom_suite(path)
    assert [item.id for item in items] == ["oma001", "oma003"]
    assert [(p.line, p.field) for p in problems] == [(1, "<json>"), (4, "facts"), (5, "<json>")]


def test_custom_suite_items_keep_their_line_and_alternatives(tmp_path: Path) -> None:
    path = write_suite(tmp_path / "oma.jsonl", [row(sections=["talousarvio|tuloslaskelma"], tags=["resident-vocabulary"])])
    suite = load_suite(str(path))
    assert suite.name == "oma"
    assert suite.retrieval == ()
    (item,) = suite.answers
    assert item.sections == (("talousarvio", "tuloslaskelma"),)
    assert item.line == 1
    assert item.numbers == (6059200,)


def test_built_in_suites_by_name() -> None:
    every = load_suite("all")
    assert len(every.answers) >= 120 and len(every.retrieval) >= 80
    assert load_suite("answers").retrieval == ()
    assert load_suite("retrieval").answers == ()


def test_unknown_suite_names_the_choices(tmp_path: Path) -> None:
    with pytest.raises(UnknownSuite, match="all, answers, retrieval"):
        load_suite(str(tmp_path / "missing.jsonl"))


def test_unreadable_suite_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "binary.jsonl"
    path.write_bytes(b"\xff\xfe\x00")
    items, problems = load_custom_suite(path)
    assert items == ()
    assert problems[0].field == "<file>"
