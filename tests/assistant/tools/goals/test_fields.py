"""What a question asks of a goal: its owner, or the first field of the grid it names."""

from __future__ import annotations

import pytest

from assistant.tools.goals.fields import FIELDS, asked_field, field_values
from corpus.store import load_corpus


@pytest.mark.parametrize(
    ("grid", "frame", "asked"),
    [
        ({"metric", "owner"}, "what", "metric"),
        ({"metric"}, "who", "owner"),  # "kuka seuraa mittaria": a person
        ({"aim", "goal"}, "what", "aim"),
        ({"owner"}, "statement", "owner"),
        (set(), "what", "owner"),
    ],
)
def test_the_field_asked_is_named_by_the_grid_columns_and_a_who_question_asks_a_person(grid: set[str], frame: str, asked: str) -> None:
    assert asked_field(grid, frame) == asked


def test_without_a_field_or_owner_word_the_default_is_asked() -> None:
    assert asked_field({"goal"}, "what", default="") == ""


def test_every_field_reads_the_goal_s_own_entries() -> None:
    goal = next(goal for goal in load_corpus().goals if goal.metrics and goal.target_level and goal.sub_aims)
    entries = {field: field_values(goal, field) for field in FIELDS}
    assert entries == {"metric": goal.metrics, "target": goal.target_level, "aim": (goal.strategic_aim,), "sub_aim": goal.sub_aims}
    assert field_values(goal, "owner") == ()
