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
    suite = load_custom_suite(path)
    items, problems = suite.answers, suite.problems
    assert [item.id for item in items] == ["oma001", "oma003"]
    assert [(p.line, p.field) for p in problems] == [(2, field)]
    assert message in problems[0].message
    assert str(problems[0]).startswith(f"{path}:2: field '{field}':")


def test_several_bad_lines_are_each_reported(tmp_path: Path) -> None:
    path = write_suite(tmp_path / "oma.jsonl", ["{", row(), "", row(id="oma002", facts="x"), "nope", row(id="oma003")])
    suite = load_custom_suite(path)
    items, problems = suite.answers, suite.problems
    assert [item.id for item in items] == ["oma001", "oma003"]
    assert [(p.line, p.field) for p in problems] == [(1, "<json>"), (4, "facts"), (5, "<json>")]


def test_custom_suite_items_keep_their_line_and_alternatives(tmp_path: Path) -> None:
    path = write_suite(tmp_path / "oma.jsonl", [row(sections=["talousarvio|tuloslaskelma"], tags=["resident-vocabulary"])])
    suite = load_suite(str(path))
    assert suite.name == "oma"
    assert suite.retrieval == () and suite.conversations == ()
    assert [part.label for part in suite.parts] == ["oma"]
    (item,) = suite.answers
    assert item.sections == (("talousarvio", "tuloslaskelma"),)
    assert item.line == 1
    assert item.numbers == (6059200,)


def test_built_in_suites_by_name() -> None:
    dev, test = load_suite("dev"), load_suite("test")
    assert [part.label for part in dev.parts] == ["answers-dev", "conversations-dev", "retrieval-dev"]
    assert [part.label for part in test.parts] == ["answers-test", "conversations-test", "retrieval-test"]
    assert len(test.answers) >= 200 and len(test.conversations) >= 40 and len(test.retrieval) >= 200
    assert len(dev.answers) >= 300 and len(dev.retrieval) >= 140
    assert [part.label for part in load_suite("all").parts] == [*(p.label for p in dev.parts), *(p.label for p in test.parts)]
    only = load_suite("conversations-test")
    assert only.answers == () and only.retrieval == () and only.conversations == test.conversations
    assert load_suite("retrieval-dev").answers == ()
    assert dev.size == len(dev.answers) + len(dev.retrieval) + sum(len(c.turns) for c in dev.conversations)


def test_unknown_suite_names_the_choices(tmp_path: Path) -> None:
    with pytest.raises(UnknownSuite, match="dev, test, all, answers-dev, answers-test"):
        load_suite(str(tmp_path / "missing.jsonl"))


def conversation(**changes: object) -> dict[str, object]:
    turn = {key: value for key, value in row().items() if key != "id"}
    base: dict[str, object] = {"id": "kesk001", "turns": [turn, {**turn, "question": "entä 2026?", "numbers": [6246500]}]}
    base.update(changes)
    return base


def test_a_custom_suite_holds_answer_rows_and_conversations(tmp_path: Path) -> None:
    path = write_suite(tmp_path / "oma.jsonl", [row(), conversation(), conversation(id="kesk002", turns=[])])
    suite = load_suite(str(path))
    assert [item.id for item in suite.answers] == ["oma001"]
    assert [c.id for c in suite.conversations] == ["kesk001"]
    assert [turn.id for turn in suite.conversations[0].turns] == ["kesk001.1", "kesk001.2"]
    assert [(p.line, p.field) for p in suite.problems] == [(3, "turns")]
    assert suite.size == 3


def test_unreadable_suite_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "binary.jsonl"
    path.write_bytes(b"\xff\xfe\x00")
    suite = load_custom_suite(path)
    assert suite.answers == ()
    assert suite.problems[0].field == "<file>"
