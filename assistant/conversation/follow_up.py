"""Answering a turn of a conversation: resolve it against the state, answer the whole question, keep the state.

The façade (`Assistant.answer`) asks `answer` first; None means the question is read on its own, exactly as a
single question is. `record` gives every answer the state after its turn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.conversation.clarify import compose_clarify
from assistant.conversation.cues import cues_of
from assistant.conversation.inflect import Inflector
from assistant.conversation.resolve import Resolver
from assistant.conversation.state import MAX_TEXT, ConversationState, state_of
from assistant.conversation.turns import next_state, plan_says_no
from assistant.language.analysis import QuestionAnalysis
from assistant.routing.route import Route
from assistant.tools.goals.answer import compose_owner_answer
from assistant.types import Answer
from corpus.units import SemanticUnit

if TYPE_CHECKING:
    from assistant.service import Assistant

RESOLVED_PREFIX = "Tulkitsin: "
Alone = Callable[[QuestionAnalysis], "tuple[Answer, Route | None]"]
CONTEXT_WORDS = "jatkoa kysymykseen:"  # how a follow-up read together with the question before it is shown
NEIGHBOURS = 1  # sentences either side of an earlier answer's sentence that a bare "miksi?" may be answered from


class FollowUps:
    """Follow-up questions over one assistant's plan (built once, with the assistant)."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        corpus = assistant.corpus
        self.goals = {goal.id: goal for goal in corpus.goals}
        self.units = {unit.id: unit for unit in corpus.units if unit.kind == "sentence"}
        # the state names sections as the answers do (bare ids); the router's prior is keyed by section keys
        self._section_keys: dict[str, tuple[str, ...]] = {}
        for section in corpus.sections:
            self._section_keys[section.id] = (*self._section_keys.get(section.id, ()), section.key)
        self.resolver = Resolver(
            assistant.figure_tool, assistant.analyser.analyse, self.goals, assistant.router.grid_columns,
            Inflector(corpus.word_forms, assistant.morphology), assistant.router.titles_named,
        )

    @staticmethod
    def state_of(conversation: Any) -> ConversationState | None:
        return state_of(conversation)

    def answer(
        self, analysis: QuestionAnalysis, state: ConversationState | None, alone: Alone, deadline: float | None = None,
    ) -> tuple[Answer, Route | None]:
        """The answer of a turn and the route it took; `alone` answers a question that stands on its own (every
        first turn, exactly as a single question)."""
        resolution = self.resolver.resolve(analysis, state)
        if resolution.how == "fresh":
            cues = cues_of(analysis)
            if state is None and cues.pronouns and not self.resolver.topic(cues.own):
                # a first question whose only topic is a pronoun ("koska se valmistuu?", "paljonko se maksaa?")
                # names nothing to answer about: whatever the tools would find is another question's answer
                return compose_clarify(analysis.text, "no_topic", analysis.frame), None
            answer, route = alone(analysis)
            if state is not None and answer.kind == "not_found" and cues.refers_back and (
                route is None or not plan_says_no(answer, route)
            ):
                # it leans on the conversation but found nothing to lean on: never a false "not in the plan"
                return compose_clarify(analysis.text, "no_antecedent", analysis.frame), None
            return answer, route
        if resolution.how == "clarify":
            in_context = self._in_context(analysis, state, deadline) if resolution.reason == "no_antecedent" else None
            return in_context or (compose_clarify(analysis.text, resolution.reason, analysis.frame), None)
        assistant = self.assistant
        resolved = assistant.analyser.analyse(resolution.question)
        if resolution.goals:
            goals = tuple(self.goals[goal_id] for goal_id in resolution.goals)
            answer = compose_owner_answer(resolution.question, goals, assistant.corpus, resolved.frame, resolution.focus)
            route = Route("owner", resolved, focus=resolution.focus)
        else:
            near = tuple(key for section in (state.sections if state is not None else ())
                         for key in self._section_keys.get(section, (section,)))
            route = assistant.router.route(resolved, deadline, near=near)
            answer = assistant.answer_route(route)
            repeats = state is not None and resolution.bare and _repeats(route, state)
            if (answer.kind == "not_found" or repeats) and state is not None and resolution.bare:
                beside = self._beside(route, state)  # "miksi?": the sentence beside the earlier answer's
                if beside is not None and not _repeats(beside, state):
                    route, answer = beside, assistant.answer_route(beside)
                elif repeats or beside is not None:  # the earlier answer again is no answer to "miksi?": say so
                    return compose_clarify(analysis.text, "repeats", analysis.frame), None
            figures_before = state is not None and state.route == "figure"
            if answer.kind == "not_found" and not plan_says_no(answer, route) and (route.kind != "figure" or not figures_before):
                # the resolution may be wrong (a figure refusal after talk of something else included): read the
                # question together with the one before it, or ask
                in_context = self._in_context(analysis, state, deadline)
                return in_context or (compose_clarify(analysis.text, "no_evidence", analysis.frame), None)
        text = f"{RESOLVED_PREFIX}{resolution.question}\n{answer.answer}"
        return replace(answer, question=analysis.text, answer=text, resolved_question=resolution.question), route

    def record(self, answer: Answer, route: Route | None, state: ConversationState | None) -> Answer:
        """The answer carrying the conversation's state after it."""
        reason = answer.interpretation.reason if answer.interpretation else ""
        follow_up = bool(answer.resolved_question) or reason.startswith("follow_up_")
        question = answer.resolved_question or answer.question
        plan = self.assistant.figure_tool.plan
        unanswered = answer.kind in ("clarify", "not_found") and bool(cues_of(
            route.analysis if route is not None else self.assistant.analyser.analyse(answer.question)).pronouns)
        new = next_state(state, answer, route, question, self._focus, plan.name, follow_up)
        if unanswered:  # "koska se valmistuu?" with nothing to refer to: the next turn may name it
            new = replace(new, pending=question[:MAX_TEXT])
        return replace(answer, conversation=new)

    def _in_context(
        self, analysis: QuestionAnalysis, state: ConversationState | None, deadline: float | None,
    ) -> tuple[Answer, Route] | None:
        """A follow-up about the prose that names no topic of its own to substitute ("riittääkö niillä resurssit"),
        read together with the question before it: its words and meaning join the new question's, asked the way
        the new one asks (its frame), near the sections the conversation was about. Only a prose or goals answer
        that passes the answerability model counts; None otherwise."""
        if state is None or not state.question or state.route == "figure" or self._names_a_figure(analysis):
            return None
        assistant = self.assistant
        joined = assistant.analyser.analyse(f"{state.question.rstrip('?!. ')}. {analysis.text}")
        joined = replace(joined, frame=analysis.frame, frame_words=analysis.frame_words)
        near = tuple(key for section in state.sections for key in self._section_keys.get(section, (section,)))
        route = assistant.router.route(joined, deadline, near=near)
        if route.kind not in ("text", "owner"):
            return None
        cues = cues_of(analysis)
        own = cues.own_text() if cues.lead else analysis.text  # "entä mitä muuta …": the ask without its lead word
        question = f"{own.rstrip('?!. ')} ({CONTEXT_WORDS} {state.question.rstrip('?!. ')})?"
        answer = assistant.answer_route(route)
        text = f"{RESOLVED_PREFIX}{question}\n{answer.answer}"
        return replace(answer, question=analysis.text, answer=text, resolved_question=question), route

    def _names_a_figure(self, analysis: QuestionAnalysis) -> bool:
        """A question that names a budget row or a figure operation ("menoja", "pienin"): a figure follow-up that
        lost its figure is no prose question."""
        slot_kind = self.assistant.figure_tool.slot_kind
        # a question word ("mihin") or a verb ("menee") names no figure of its own
        kinds = {slot_kind(word.folded) for word in analysis.words if not (word.reading.function or word.verb)}
        return "row" in kinds or any(kind and kind.startswith("op:") for kind in kinds)

    def _beside(self, route: Route, state: ConversationState) -> Route | None:
        """A text route to the best sentence within NEIGHBOURS of the earlier answer's sentences that has what the
        question's frame asks for (a reason for "miksi", a date for "milloin"); None when there is none."""
        earlier = [self.units[unit_id] for unit_id in state.sentences if unit_id in self.units]

        def distance(unit: SemanticUnit) -> int:
            return min((abs(unit.index - e.index) for e in earlier if e.section_id == unit.section_id), default=NEIGHBOURS + 1)

        # the earlier sentence itself may hold the answer ("… remontin valmistuttua" to "milloin?")
        beside = [e for e in route.evidence if distance(e.unit) == 0 or (e.frame_ok and distance(e.unit) <= NEIGHBOURS)]
        if not beside:
            return None
        best = max(beside, key=lambda evidence: evidence.score)
        return replace(route, kind="text", reason="", evidence=(best,))

    def _focus(self, route: Route) -> str:
        return self.resolver.focus_of(route.analysis)


def _repeats(route: Route, state: ConversationState) -> bool:
    """A prose answer whose sentence is the earlier answer's own and lacks what the bare question asks for."""
    if route.kind != "text" or not route.evidence:
        return False
    best = route.evidence[0]
    return best.unit.id in state.sentences and not best.frame_ok
