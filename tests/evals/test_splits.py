"""The dev/test split: valid files, no row or question on both sides, tuned-on rows in dev, and no test leak into tests/.

The test split is frozen: this file reads its questions only to prove that no file under tests/ contains one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from corpus.text import fold, squash_spaces
from evals.gold import (
    ANSWERS_DEV,
    ANSWERS_TEST,
    CONVERSATIONS_DEV,
    CONVERSATIONS_TEST,
    DATA_DIR,
    RETRIEVAL_DEV,
    RETRIEVAL_TEST,
    load_answer_gold,
    load_conversation_gold,
    load_retrieval_gold,
)
from evals.split import (
    TUNED_ON,
    are_twins,
    derived_retrieval,
    differences,
    pooled,
    question_key,
    split,
    standalone_questions,
)

TESTS_DIR = Path(__file__).resolve().parents[1]
SPLIT_FILES = (ANSWERS_DEV, ANSWERS_TEST, CONVERSATIONS_DEV, CONVERSATIONS_TEST, RETRIEVAL_DEV, RETRIEVAL_TEST)
MIN_LEAK_WORDS = 3  # shorter questions ("entä 2022?", "kippis?") would match ordinary test text by chance


def rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def side(name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(answer rows, conversation rows) of one split."""
    if name == "dev":
        return rows(ANSWERS_DEV), rows(CONVERSATIONS_DEV)
    return rows(ANSWERS_TEST), rows(CONVERSATIONS_TEST)


def test_every_split_file_loads_and_validates() -> None:
    assert len(load_answer_gold(ANSWERS_DEV)) >= 300
    assert len(load_answer_gold(ANSWERS_TEST)) >= 200
    assert len(load_conversation_gold(CONVERSATIONS_DEV)) >= 25
    assert len(load_conversation_gold(CONVERSATIONS_TEST)) >= 40
    assert len(load_retrieval_gold(RETRIEVAL_DEV)) >= 140
    assert len(load_retrieval_gold(RETRIEVAL_TEST)) >= 200


def test_the_split_files_are_the_only_gold_files() -> None:
    """One source of truth: no writer batch or pre-split file lies beside the split files."""
    assert sorted(p.name for p in DATA_DIR.glob("**/*.jsonl")) == sorted(p.name for p in SPLIT_FILES)


def test_the_committed_split_is_what_the_rule_gives() -> None:
    assert differences(split(*pooled())) == []


def test_no_row_is_on_both_sides() -> None:
    dev = {row["id"] for group in side("dev") for row in group}
    test = {row["id"] for group in side("test") for row in group}
    assert dev and test
    assert dev & test == set()


def test_no_question_is_on_both_sides() -> None:
    dev = [question_key(q) for _, q in standalone_questions(*side("dev"))]
    test = [question_key(q) for _, q in standalone_questions(*side("test"))]
    assert set(dev) & set(test) == set()
    twins = [(a, b) for a in set(test) for b in set(dev) if are_twins(a, b)]
    assert twins == []


def test_tuned_on_rows_are_all_in_dev() -> None:
    answers_dev, _ = side("dev")
    answers_test, _ = side("test")
    assert len([row for row in answers_dev if TUNED_ON.match(row["id"])]) == 178
    assert [row["id"] for row in answers_test if TUNED_ON.match(row["id"])] == []
    assert all(TUNED_ON.match(row["id"]) for row in rows(RETRIEVAL_DEV))


def test_new_rows_split_about_forty_sixty_in_every_category() -> None:
    answers_dev, conversations_dev = side("dev")
    answers_test, conversations_test = side("test")
    dev = Counter(row["category"] for row in answers_dev if not TUNED_ON.match(row["id"]))
    test = Counter(row["category"] for row in answers_test)
    for category in dev | test:
        share = dev[category] / (dev[category] + test[category])
        assert 0.25 <= share <= 0.55, category
    assert 0.35 <= len(conversations_dev) / (len(conversations_dev) + len(conversations_test)) <= 0.45


def test_retrieval_test_is_derived_from_the_answer_test_rows() -> None:
    assert rows(RETRIEVAL_TEST) == derived_retrieval(rows(ANSWERS_TEST))
    categories = {row["category"] for row in rows(RETRIEVAL_TEST)}
    assert categories == {"prose", "goal", "table"}


def normalized(text: str) -> str:
    return " " + squash_spaces(re.sub(r"[^\w\s]", " ", fold(text))) + " "


@cache
def texts_under_tests() -> dict[str, str]:
    """Every text file under tests/, normalized like the questions."""
    texts = {}
    for path in TESTS_DIR.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".json", ".jsonl", ".toml", ".txt", ".md", ".csv", ".yaml"}:
            texts[str(path.relative_to(TESTS_DIR))] = normalized(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def leaks(texts: dict[str, str], questions: set[str]) -> list[tuple[str, str]]:
    """(file, question) for every question of at least three words that a text contains (both normalized)."""
    keys = {normalized(q) for q in questions if len(normalized(q).split()) >= MIN_LEAK_WORDS}
    return sorted((name, key.strip()) for name, text in texts.items() for key in keys if key in text)


def test_no_test_question_appears_under_tests() -> None:
    """Never copy a test-split question into a unit test (a leak makes the test scores meaningless)."""
    answers, conversations = side("test")
    questions = {row["question"] for row in answers}
    questions |= {turn["question"] for row in conversations for turn in row["turns"]}
    questions |= {turn["resolved_question"] for row in conversations for turn in row["turns"] if "resolved_question" in turn}
    assert len(questions) >= 400
    assert leaks(texts_under_tests(), questions) == []


def test_the_leak_check_sees_through_case_accents_and_punctuation() -> None:
    texts = {"a.py": normalized('ASK = "PALJONKO KIRJASTON menot, on 2024?"  # copied'), "b.py": normalized("kirjaston")}
    assert leaks(texts, {"Paljonko kirjaston menot on 2024", "kirjaston remontti?"}) == [
        ("a.py", "paljonko kirjaston menot on 2024")
    ]
    assert leaks(texts, {"kirjaston"}) == []  # too short to count


@pytest.mark.parametrize("path", SPLIT_FILES, ids=lambda p: p.name)
def test_split_files_are_sorted_by_id_and_written_one_object_per_line(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(json.dumps(json.loads(line), ensure_ascii=False) == line for line in lines)
