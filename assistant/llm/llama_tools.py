"""The plan's typed tools as llama-index `FunctionTool`s: for our LLM backend and for your own llama-index app.

`plan_tools(corpus)` gives the figure tools (lookup_figure, figure_change, rank_areas, sum_figures) and the
goals tool (goals_of_owner). Each tool's description is its method's docstring and its parameters come from
the signature; calling one returns the typed result (`ToolOutput.raw_output`: the cells or goals with their
provenance) and, for the model, the same result as JSON (`ToolOutput.content`).
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from llama_index.core.tools import FunctionTool, ToolMetadata

from assistant.errors import GoalNotFound
from assistant.tools.figures.tools import Figures
from assistant.tools.goals.match import goals_of
from corpus.records import Goal
from corpus.store import Corpus
from corpus.text import fold

MAX_TOOL_OUTPUT_CHARS = 6000  # a tool result longer than this would crowd the passages out of a small context


class GoalTools:
    """The goals tool, bound to one goals grid."""

    def __init__(self, goals: Sequence[Goal]) -> None:
        self.goals = tuple(goals)
        self.owner_titles = tuple(dict.fromkeys(owner for goal in self.goals for owner in goal.owners))

    def goals_of_owner(self, owner: str) -> tuple[Goal, ...]:
        """The goals in the plan's goals grid that a job title (e.g. 'Koulutusjohtaja') is responsible for, each
        with its area, strategic aim, target levels, metrics, owners and source lines; case and ä/ö do not matter."""
        wanted = fold(owner).strip()
        title = next((title for title in self.owner_titles if fold(title) == wanted), None)
        if title is None:
            raise GoalNotFound(f"no goal has the owner {owner!r}; owners: {'; '.join(self.owner_titles)}")
        return goals_of(title, self.goals)


def figure_tools(figures: Figures) -> list[FunctionTool]:
    """lookup_figure, figure_change, rank_areas and sum_figures over one set of budget cells."""
    methods = (figures.lookup_figure, figures.figure_change, figures.rank_areas, figures.sum_figures)
    return [function_tool(method) for method in methods]


def goals_tool(goals: Sequence[Goal]) -> FunctionTool:
    """goals_of_owner over one goals grid; its description also lists the grid's owner titles."""
    bound = GoalTools(goals)
    doc = inspect.getdoc(bound.goals_of_owner) or ""
    return function_tool(bound.goals_of_owner, description=f"{doc}\nOwner titles: {'; '.join(bound.owner_titles)}.")


def plan_tools(corpus: Corpus) -> list[FunctionTool]:
    """Every tool over a corpus: the four figure tools, then the goals tool."""
    return [*figure_tools(Figures.from_corpus(corpus)), goals_tool(corpus.goals)]


class _CachedToolMetadata(ToolMetadata):
    """Tool metadata that builds its JSON schema once; pydantic spends tens of ms on it per tool and request."""

    def get_parameters_dict(self) -> dict:
        cached = self.__dict__.get("_parameters")
        if cached is None:
            cached = self.__dict__["_parameters"] = super().get_parameters_dict()
        return copy.deepcopy(cached)  # llama-index edits the dict it is given (strict, additionalProperties)


def function_tool(fn: Callable[..., Any], description: str | None = None) -> FunctionTool:
    """A llama-index tool from a plain typed function or bound method: its name, docstring and signature.

    Its output's `raw_output` is what the function returned and its `content` that result as JSON.
    """
    description = description or inspect.getdoc(fn) or fn.__name__
    draft = FunctionTool.from_defaults(fn=fn, name=fn.__name__, description=description)
    schema = draft.metadata.fn_schema
    if schema is not None:
        # Under `from __future__ import annotations` the hints are strings ("str | Column"); resolve them in
        # the function's own module, which llama-index does not do.
        schema.model_rebuild(_types_namespace=dict(getattr(fn, "__globals__", {})))
    metadata = _CachedToolMetadata(description=draft.metadata.description, name=draft.metadata.name, fn_schema=schema)
    return FunctionTool(fn=fn, metadata=metadata, callback=render_tool_result)


def render_tool_result(value: Any) -> str:
    """A tool's typed result as compact JSON for the model (dataclasses in full, including provenance)."""
    text = json.dumps(_plain(value), ensure_ascii=False, default=str)
    return text if len(text) <= MAX_TOOL_OUTPUT_CHARS else text[:MAX_TOOL_OUTPUT_CHARS] + " …"


def _plain(value: Any, depth: int = 0) -> Any:
    if depth > 8:
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _plain(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value)}
        # Public properties too: the model should read ChangeResult.percent (-4.2), not derive it from tenths.
        for name, _ in inspect.getmembers(type(value), lambda member: isinstance(member, property)):
            if not name.startswith("_") and name not in data:
                try:
                    data[name] = _plain(getattr(value, name), depth + 1)
                except Exception:  # noqa: BLE001 - a property that cannot be computed is simply not shown
                    continue
        return data
    if isinstance(value, Mapping):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
