"""The state after a turn: what the answered question resolved to, folded into what the conversation had."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assistant.conversation.figure_follow_ups import slots_of
from assistant.conversation.state import MAX_TEXT, MAX_VALUES, ConversationState, bounded
from assistant.routing.route import Route
from assistant.text.composer import select_evidence
from assistant.tools.figures.query import FigureQuery
from assistant.types import Answer

# Not-found reasons that are the plan's own answer to a resolved follow-up (it has no such year, no other board's
# figures); any other not-found after a resolution means the resolution may be wrong.
PLAN_SAYS_NO = ("year_outside_plan", "outside_board")
Focus = Callable[[Route], str]  # the topic a route names ("taidemuseolle", a goal's text)
Name = Callable[[str], str]  # an area code's printed name


def plan_says_no(answer: Answer, route: Route | None = None) -> bool:
    """A refusal that is the plan's own answer (no such year, not this board's), by the route or the answer."""
    reason = (route.reason if route is not None else "") or (answer.interpretation.reason if answer.interpretation else "")
    return reason in PLAN_SAYS_NO


def next_state(
    previous: ConversationState | None, answer: Answer, route: Route | None, question: str, focus: Focus,
    area_name: Name, follow_up: bool,
) -> ConversationState:
    """The state a turn leaves: its route and slots; a follow-up's figure histories reach back one turn."""
    turn = (previous.turn if previous else 0) + 1
    if answer.kind == "clarify" and previous is not None and follow_up:
        return replace(previous, pending=question[:MAX_TEXT], turn=turn)
    if answer.kind == "not_found" and plan_says_no(answer, route) and follow_up and previous is not None and previous.figure:
        return replace(previous, turn=turn)  # "entä koko kaupungin?" refused: the figure in focus stays for "entä opetuksen?"
    state = ConversationState(route=answer.kind, question=question[:MAX_TEXT], turn=turn)
    if route is None:
        return state
    figure = route.figure if isinstance(route.figure, FigureQuery) else None
    if route.kind == "figure" and figure is not None and answer.kind == "figure":
        earlier = previous if follow_up and previous is not None and previous.figure is not None else None
        last_columns = earlier.figure.columns if earlier and earlier.figure else ()
        last_rows = earlier.figure.rows if earlier and earlier.figure else ()
        last_areas = earlier.figure.areas if earlier and earlier.figure else ()
        # a ranking's result: the place it answered first ("Pienin: …", "Kolmanneksi suurin: …"), then the others listed
        leader = tuple(dict.fromkeys(ref.area for ref in answer.figures)) if figure.operation == "ranking" else ()
        rows = tuple(dict.fromkeys(ref.item for ref in answer.figures)) if figure.along == "rows" and leader else ()
        if figure.nth and leader:
            leader = (leader[-1], *leader[:-1])
        if figure.nth and rows:
            rows = (rows[-1], *rows[:-1])
        state = replace(
            state, figure=slots_of(figure), seen_columns=bounded([*last_columns, *figure.column_labels]),
            seen_rows=bounded([*last_rows, *figure.rows]), seen_areas=bounded([*last_areas, *figure.areas]), result_areas=leader or bounded(list(figure.areas)),
            result_rows=rows[:MAX_VALUES],
            focus=area_name((leader or figure.areas)[0]),
        )
    elif route.kind == "owner":
        goals = answer.interpretation.goals if answer.interpretation else ()
        state = replace(state, goals=bounded(list(goals)), owners=bounded(list(answer.owners)),
                      sections=bounded(list(answer.retrieved_ids or ())), focus=focus(route)[:MAX_TEXT])
    elif route.kind == "text":
        chosen = select_evidence(route.evidence)
        state = replace(state, sentences=bounded([e.unit.id for e in chosen]),
                      sections=bounded([e.unit.section_id for e in chosen]), focus=focus(route)[:MAX_TEXT])
    else:
        state = replace(state, focus=focus(route)[:MAX_TEXT])
    return state

