"""What a question asks of a goal of the grid: who owns it, or one of its fields (its metrics, target levels,
strategic aim or that aim's sub-aims), read from the grid's columns the question names."""

from __future__ import annotations

from collections.abc import Set

from corpus.records import Goal

FIELDS = ("metric", "target", "aim", "sub_aim")  # the first one named is what is asked
PERSON_FRAMES = frozenset({"who", "whose"})
# A field as an answer names it, and in the partitive for "… ei ole taulukossa".
FIELD_NAMES = {
    "metric": ("mittari", "mittaria"),
    "target": ("tavoitetaso", "tavoitetasoa"),
    "aim": ("strateginen päämäärä", "strategista päämäärää"),
    "sub_aim": ("strategisen päämäärän alatavoitteet", "alatavoitteita"),
}


def asked_field(grid: Set[str], frame: str, default: str = "owner") -> str:
    """The field a question asks for, from the grid columns it names: a who-question asks for a person whatever
    else it names ("kuka seuraa …"); `default` when it names no field and no owner word."""
    if frame in PERSON_FRAMES:
        return "owner"
    field = next((field for field in FIELDS if field in grid), "")
    return field or ("owner" if "owner" in grid else default)


def field_values(goal: Goal, field: str) -> tuple[str, ...]:
    """The goal's entries of one field (empty when the grid leaves it blank)."""
    if field == "metric":
        return goal.metrics
    if field == "target":
        return goal.target_level
    if field == "aim":
        return (goal.strategic_aim,) if goal.strategic_aim else ()
    if field == "sub_aim":
        return goal.sub_aims
    return ()


def not_in_grid(field: str) -> str:
    """What is said of a goal whose row leaves the field blank ("mittaria ei ole taulukossa")."""
    return f"{FIELD_NAMES[field][1]} ei ole taulukossa"
