"""Owner answers from the goals grid: the owner and the goal in one sentence first, then target levels and
metrics, each goal cited with its grid lines."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.tools.goals.fields import FIELD_NAMES, field_values, not_in_grid
from assistant.types import Answer, Citation, Interpretation
from corpus.records import Goal
from corpus.store import Corpus

LIST_LEADS = {
    "owner": "Kysymystä vastaavat tavoitteet ja niiden vastuuhenkilöt:",
    "metric": "Kysymystä vastaavat tavoitteet ja niiden mittarit:",
    "target": "Kysymystä vastaavat tavoitteet ja niiden tavoitetasot:",
    "aim": "Kysymystä vastaavat tavoitteet ja niiden strategiset päämäärät:",
    "sub_aim": "Kysymystä vastaavat tavoitteet ja niiden strategisten päämäärien alatavoitteet:",
}


def compose_owner_answer(
    question: str, goals: Sequence[Goal], corpus: Corpus, frame: str = "", focus: str = "owner", owner: str = "",
    area: str = "",
) -> Answer:
    """One goal: "Tavoitteesta ”…” vastaa X."; several (an owner's goals, an area's goals, an aim's goals): a
    numbered list.

    `focus` is what the question asked of the goal: "owner" or a field (`fields.FIELDS`); it leads the headline.
    """
    names = _area_names(corpus)
    citations = tuple(_citation(n, goal, corpus) for n, goal in enumerate(goals, start=1))
    owners = tuple(dict.fromkeys(o for goal in goals for o in goal.owners))
    if len(goals) == 1:
        goal = goals[0]
        headline = _one_goal_headline(goal, focus)
        details = _details(goal, names)
        body = [f"{headline} [1]", *details]
    else:
        lead = (
            f"{owner} vastaa {len(goals)} tavoitteesta:" if owner
            else f"Palvelualueen {names.get(area, area)} tavoitteet ({len(goals)}):" if area
            else LIST_LEADS.get(focus, LIST_LEADS["owner"])
        )
        headline = lead
        body = [lead]
        for n, goal in enumerate(goals, start=1):
            asked = _asked_of(goal, focus)  # "miten niitä mitataan": each goal's metric
            body.append(f"{n}. {goal.goal}{asked} ({names.get(goal.area, goal.area)}; vastuu: {_join(goal.owners)}) [{n}]")
    reading = Interpretation(
        route="owner",
        frame=frame,
        text="Tulkinta: tavoitetaulukko · " + " · ".join(f"{names.get(g.area, g.area)}: ”{_short(g.goal)}”" for g in goals),
        areas=tuple(dict.fromkeys(goal.area for goal in goals)),
        goals=tuple(goal.id for goal in goals),
        sections=tuple(dict.fromkeys(goal.section_id for goal in goals)),
        focus=focus,
    )
    return Answer(
        question=question,
        kind="owner",
        answer="\n".join([reading.text, *body]),
        citations=citations,
        owners=owners,
        retrieved_ids=tuple(dict.fromkeys(goal.section_id for goal in goals)),
        headline=headline,
        interpretation=reading,
    )


def _one_goal_headline(goal: Goal, focus: str) -> str:
    owners = _join(goal.owners)
    if focus in FIELD_NAMES:
        name, partitive = FIELD_NAMES[focus]
        values = field_values(goal, focus)
        if not values:
            return f"Tavoitteelle ”{goal.goal}” ei ole taulukossa {partitive}; vastuu: {owners}."
        return f"Tavoitteen ”{goal.goal}” {name}: {_listing(values)}; vastuu: {owners}."
    verb = "vastaavat" if len(goal.owners) > 1 else "vastaa"
    return f"Tavoitteesta ”{goal.goal}” {verb} {owners}."


def _asked_of(goal: Goal, focus: str) -> str:
    """What a question asked of each goal of a list, when that is not its owner: " — mittari: …"."""
    if focus not in FIELD_NAMES:
        return ""
    values = field_values(goal, focus)
    return f" — {FIELD_NAMES[focus][0]}: {_listing(values)}" if values else f" — {not_in_grid(focus)}"


def _details(goal: Goal, names: dict[str, str]) -> list[str]:
    lines = [f"Palvelualue: {names.get(goal.area, goal.area)}; strateginen päämäärä: {goal.strategic_aim}."]
    if goal.target_level:
        lines.append("Tavoitetaso: " + _listing(goal.target_level))
    if goal.metrics:
        lines.append("Mittari: " + _listing(goal.metrics))
    return lines


def _join(owners: Sequence[str]) -> str:
    return " ja ".join(owners)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _listing(texts: Sequence[str]) -> str:
    if len(texts) == 1:
        return texts[0]
    return " ".join(f"{i}) {text}" for i, text in enumerate(texts, start=1))


def _citation(n: int, goal: Goal, corpus: Corpus) -> Citation:
    parts = [f"Strateginen päämäärä: {goal.strategic_aim}"]
    if goal.sub_aims:
        parts.append("; ".join(goal.sub_aims))
    parts.append(f"Tavoite 2024 ({goal.area}): {goal.goal}")
    parts += [f"Tavoitetaso: {text}" for text in goal.target_level]
    parts += [f"Mittari: {text}" for text in goal.metrics]
    parts.append("Vastuu: " + "; ".join(goal.owners))
    return Citation(
        n=n,
        section_id=goal.section_id,
        section=corpus.section(goal.section_id, goal.doc_id).path_text,
        quote="\n".join(parts),
        lines=(goal.lines.start, goal.lines.end),
        doc_id=goal.doc_id,
    )


def _area_names(corpus: Corpus) -> dict[str, str]:
    names: dict[str, str] = {}
    for document in corpus.documents:
        for area in (document.manifest.board, *document.manifest.areas):
            names.setdefault(area.code, area.name)
    return names
