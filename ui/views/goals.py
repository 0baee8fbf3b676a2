"""The goals tab's data: filtering the goals grid and rendering it as an accessible HTML table."""

from __future__ import annotations

import html
from collections.abc import Sequence

from corpus.records import Goal
from corpus.text import fold
from ui import texts
from ui.labels import Labels

ALL = "*"  # the filter value meaning "no filter"


def area_choices(goals: Sequence[Goal], labels: Labels) -> list[tuple[str, str]]:
    """(Finnish name, code) of every area with goals, 'Kaikki' first."""
    codes = list(dict.fromkeys(goal.area for goal in goals))
    return [(texts.GOALS_ALL, ALL), *((labels.area(code), code) for code in codes)]


def owner_choices(goals: Sequence[Goal]) -> list[tuple[str, str]]:
    owners = sorted({owner for goal in goals for owner in goal.owners}, key=fold)
    return [(texts.GOALS_ALL, ALL), *((owner, owner) for owner in owners)]


def aim_choices(goals: Sequence[Goal]) -> list[tuple[str, str]]:
    aims = list(dict.fromkeys(goal.strategic_aim for goal in goals))
    return [(texts.GOALS_ALL, ALL), *((aim, aim) for aim in aims)]


def filter_goals(
    goals: Sequence[Goal], area: str = ALL, owner: str = ALL, aim: str = ALL, search: str = ""
) -> list[Goal]:
    """Goals matching every given filter; `search` matches any text of the goal, ignoring case and ä/ö."""
    needle = fold(search.strip())
    return [
        goal
        for goal in goals
        if (area in (ALL, "") or goal.area == area)
        and (owner in (ALL, "") or owner in goal.owners)
        and (aim in (ALL, "") or goal.strategic_aim == aim)
        and (not needle or needle in fold(_searchable(goal)))
    ]


def render_goals(shown: Sequence[Goal], total: int, labels: Labels) -> str:
    """The goals as a table with area, aim, goal, metric, target level, owner and source lines."""
    caption = texts.GOALS_CAPTION.format(shown=len(shown), total=total)
    if not shown:
        return f'<p class="goals-empty" role="status">{html.escape(caption)}: {html.escape(texts.GOALS_EMPTY)}</p>'
    head = "".join(f'<th scope="col">{html.escape(header)}</th>' for header in texts.GOALS_HEADERS)
    rows = "".join(_row(goal, labels) for goal in shown)
    # On phones each row becomes a card (CSS), so nothing scrolls sideways.
    return (
        f'<table class="goals-table cards-on-phone"><caption role="status">{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _row(goal: Goal, labels: Labels) -> str:
    aim = html.escape(goal.strategic_aim)
    if goal.sub_aims:
        aim += "<ul>" + "".join(f"<li>{html.escape(sub)}</li>" for sub in goal.sub_aims) + "</ul>"
    lines = texts.lines_label(goal.lines.start, goal.lines.end)
    cells = (
        html.escape(labels.area(goal.area)),
        aim,
        html.escape(goal.goal),
        _list(goal.metrics),
        _list(goal.target_level),
        _list(goal.owners),
        f'<a class="source-jump" href="#lahde:{html.escape(goal.section_id, quote=True)}:{goal.lines.start}-{goal.lines.end}">'
        f"{html.escape(lines)}</a>",
    )
    # The hidden labels name each cell when a phone shows a goal as a card (see ui/assets/page.css).
    return "<tr>" + "".join(
        f'<td><span class="cell-label">{html.escape(header)}: </span>{cell}</td>' for header, cell in zip(texts.GOALS_HEADERS, cells, strict=True)
    ) + "</tr>"


def _list(values: Sequence[str]) -> str:
    if len(values) <= 1:
        return "".join(html.escape(value) for value in values)
    return "<ul>" + "".join(f"<li>{html.escape(value)}</li>" for value in values) + "</ul>"


def _searchable(goal: Goal) -> str:
    return " ".join((goal.strategic_aim, *goal.sub_aims, goal.goal, *goal.target_level, *goal.metrics, *goal.owners))
