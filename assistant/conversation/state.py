"""The state of a conversation: what the earlier turns resolved to, small, frozen and JSON-serialisable.

The state travels with each request (the server keeps none), so `from_json` trusts nothing: every field is
checked for its type and length, and anything else is a `ConversationStateInvalid` with a Finnish message at the
edge. A state never grows past a few kilobytes: the histories keep only the latest values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any

from assistant.errors import ConversationStateInvalid

VERSION = 1
MAX_VALUES = 8  # values kept per slot and history
MAX_TEXT = 400  # characters of a stored question or focus
MAX_JSON_CHARS = 40_000  # the largest state to_json can write fits
ROUTES = ("", "figure", "owner", "text", "not_found", "multi", "clarify")
ORDERS = ("desc", "asc")
MEASURES = ("amount", "change", "percent")
ALONG = ("", "rows", "areas", "columns")


@dataclass(frozen=True)
class FigureSlots:
    """The slots of the last settled figure query, in the plan's own names, codes and column labels."""

    operation: str
    rows: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # column labels, e.g. ("TA 2024",)
    along: str = ""
    order: str = "desc"
    top: int | None = None
    nth: bool = False
    measure: str = "amount"
    notes: tuple[str, ...] = ()  # sub-services the question named ("Lukio"): a follow-up asks of them again


@dataclass(frozen=True)
class ConversationState:
    """What the previous turns resolved to; `question` is the last question as resolved (whole)."""

    route: str = ""  # the last turn's route kind
    question: str = ""
    figure: FigureSlots | None = None
    seen_columns: tuple[str, ...] = ()  # every column the figure turns named, oldest first
    seen_rows: tuple[str, ...] = ()
    seen_areas: tuple[str, ...] = ()  # every area code the figure turns named, oldest first
    result_areas: tuple[str, ...] = ()  # the areas a figure answer came out at (a ranking's leader first)
    result_rows: tuple[str, ...] = ()  # the rows a ranking of rows came out at, its leader first
    goals: tuple[str, ...] = ()  # goal ids in focus
    owners: tuple[str, ...] = ()  # the people in focus ("hän")
    sections: tuple[str, ...] = ()  # a text answer's sections
    sentences: tuple[str, ...] = ()  # a text answer's sentence unit ids
    focus: str = ""  # the named unit or topic in focus ("taidemuseo", "Varhaiskasvatus")
    pending: str = ""  # a follow-up that could not be resolved: the next turn may complete it
    turn: int = 0

    def to_json(self) -> dict[str, Any]:
        """A plain JSON object (what the answer's `conversation` field carries)."""
        data: dict[str, Any] = {"version": VERSION}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, FigureSlots):
                value = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
            data[item.name] = _plain(value)
        return data

    @classmethod
    def from_json(cls, data: Any) -> ConversationState:
        """A state from `to_json`'s object (or its JSON text); ConversationStateInvalid for anything else."""
        if isinstance(data, (str, bytes)):
            if len(data) > MAX_JSON_CHARS:
                raise ConversationStateInvalid(f"conversation state is {len(data)} characters; the limit is {MAX_JSON_CHARS}")
            try:
                data = json.loads(data)
            except (ValueError, RecursionError) as exc:
                raise ConversationStateInvalid(f"conversation state is not JSON: {exc}") from None
        if not isinstance(data, dict):
            raise ConversationStateInvalid(f"conversation state must be an object, not {type(data).__name__}")
        if data.get("version") != VERSION:
            raise ConversationStateInvalid(f"conversation state version {data.get('version')!r} is not {VERSION}")
        known = {item.name for item in fields(cls)} | {"version"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConversationStateInvalid(f"conversation state has unknown fields: {', '.join(map(str, unknown[:5]))}")
        figure = data.get("figure")
        return cls(
            route=_choice(data, "route", ROUTES),
            question=_text(data, "question"),
            figure=None if figure is None else _figure(figure),
            seen_columns=_texts(data, "seen_columns"),
            seen_rows=_texts(data, "seen_rows"),
            seen_areas=_texts(data, "seen_areas"),
            result_areas=_texts(data, "result_areas"),
            result_rows=_texts(data, "result_rows"),
            goals=_texts(data, "goals"),
            owners=_texts(data, "owners"),
            sections=_texts(data, "sections"),
            sentences=_texts(data, "sentences"),
            focus=_text(data, "focus"),
            pending=_text(data, "pending"),
            turn=_count(data.get("turn", 0), "turn"),
        )


def bounded(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The latest MAX_VALUES distinct values, oldest first (how histories stay small)."""
    unique = tuple(dict.fromkeys(values))
    return unique[-MAX_VALUES:]


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _figure(data: Any) -> FigureSlots:
    if not isinstance(data, dict):
        raise ConversationStateInvalid("conversation state field 'figure' must be an object")
    unknown = sorted(set(data) - {item.name for item in fields(FigureSlots)})
    if unknown:
        raise ConversationStateInvalid(f"conversation state field 'figure' has unknown fields: {', '.join(map(str, unknown[:5]))}")
    top = data.get("top")
    return FigureSlots(
        operation=_text(data, "operation"),
        rows=_texts(data, "rows"),
        areas=_texts(data, "areas"),
        columns=_texts(data, "columns"),
        along=_choice(data, "along", ALONG),
        order=_choice(data, "order", ORDERS, "desc"),
        top=None if top is None else _count(top, "top"),
        nth=_flag(data, "nth"),
        measure=_choice(data, "measure", MEASURES, "amount"),
        notes=_texts(data, "notes"),
    )


def _text(data: dict[str, Any], name: str, default: str = "") -> str:
    value = data.get(name, default)
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise ConversationStateInvalid(f"conversation state field {name!r} must be text of at most {MAX_TEXT} characters")
    return value


def _choice(data: dict[str, Any], name: str, allowed: tuple[str, ...], default: str = "") -> str:
    value = _text(data, name, default)
    if value not in allowed:
        raise ConversationStateInvalid(f"conversation state field {name!r} is {value!r}, not one of {', '.join(allowed)}")
    return value


def _texts(data: dict[str, Any], name: str) -> tuple[str, ...]:
    value = data.get(name, [])
    if not isinstance(value, list) or len(value) > MAX_VALUES:
        raise ConversationStateInvalid(f"conversation state field {name!r} must be a list of at most {MAX_VALUES} texts")
    if not all(isinstance(item, str) and len(item) <= MAX_TEXT for item in value):
        raise ConversationStateInvalid(f"conversation state field {name!r} must hold only short texts")
    return tuple(value)


def _flag(data: dict[str, Any], name: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise ConversationStateInvalid(f"conversation state field {name!r} must be true or false")
    return value


def _count(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000:
        raise ConversationStateInvalid(f"conversation state field {name!r} must be a whole number 0–10000")
    return value


def state_of(value: Any) -> ConversationState | None:
    """The state a caller passed: none, a state, its JSON object or its JSON text (ConversationStateInvalid else)."""
    if value is None or isinstance(value, ConversationState):
        return value
    if isinstance(value, (dict, str, bytes)):
        return ConversationState.from_json(value)
    raise ConversationStateInvalid(f"conversation state must be a JSON object, not {type(value).__name__}")
