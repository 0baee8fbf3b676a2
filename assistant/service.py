"""The assistant's façade: clean the question, read it once, route it once, let one tool answer.

Everything the answer is compared against (analyses of the plan's words, goal fields, sentences, rows) is
built once here; the search index (Chroma, the embedding model) opens on the first question that needs it, so a
figure question answers quickly from a cold start.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from assistant.conversation.clarify import compose_social
from assistant.conversation.cues import cues_of
from assistant.conversation.follow_up import FollowUps
from assistant.conversation.resolve import AREA_GOAL_QUESTIONS
from assistant.conversation.state import ConversationState
from assistant.conversation.turns import PLAN_SAYS_NO
from assistant.errors import AssistantError
from assistant.language.agents import AgentFinder
from assistant.language.analysis import Analyser, QuestionAnalysis
from assistant.language.cleaning import clean_question, reading_window
from assistant.language.lemmas import LemmaIndex
from assistant.language.morphology import Morphology
from assistant.language.social import social_turn
from assistant.messages_fi import finnish_message
from assistant.multipart import compose_parts
from assistant.routing.route import Route
from assistant.routing.router import Meaning, Router
from assistant.routing.scope import outside_years
from assistant.routing.spelt_out import EverydayNames
from assistant.routing.split import split_question
from assistant.settings import LLMSettings, Settings, load_settings
from assistant.text.answerability import AnswerabilityModel, load_model
from assistant.text.composer import compose_not_found, compose_text_answer, nearest_topics, select_evidence
from assistant.text.evidence import SentenceEvidence
from assistant.tools.figures import FigureQuery, FigureTool
from assistant.tools.figures.tools import Figures
from assistant.tools.goals.answer import compose_owner_answer
from assistant.tools.goals.match import GoalMatcher, goals_of
from assistant.types import Answer
from corpus.lexicon import COSTS
from corpus.morphology import words_of
from corpus.store import Corpus, load_corpus
from corpus.units import GOAL_FIELDS, WORDED_KINDS, SemanticUnit
from index.errors import IndexStoreError

if TYPE_CHECKING:
    from assistant.llm.backend import LLMBackend
    from index.reloading import ReloadingSearcher
    from index.search import HybridSearcher

    Searcher = HybridSearcher | ReloadingSearcher  # the app's follows rebuilds; evals pass a fixed one


class Assistant:
    """Answers Finnish questions about the plan; build once, call `answer` many times (thread-safe)."""

    def __init__(
        self,
        settings: Settings | None = None,
        corpus: Corpus | None = None,
        searcher: Searcher | None = None,
        model: AnswerabilityModel | None = None,
        build_missing_index: bool = False,
        notify: Callable[[str], None] = lambda text: None,
    ) -> None:
        self.settings = settings or load_settings()
        self.corpus = corpus or load_corpus()
        self.build_missing_index = build_missing_index
        self.notify = notify
        self._searcher = searcher
        self._lock = threading.Lock()
        self.model = model or load_model()
        self.morphology = Morphology.of(self.corpus)
        manifests = [document.manifest for document in self.corpus.documents]
        self.plan_years = tuple(sorted({year for manifest in manifests for year in manifest.years}))
        self.analyser = Analyser(self.morphology, _document_words(self.corpus), manifests[0].year if manifests else 0)
        units = self.corpus.units
        self._goal_rows = np.array([i for i, u in enumerate(units) if u.kind in GOAL_FIELDS], dtype=np.int64)
        self._sentence_rows = np.array([i for i, u in enumerate(units) if u.kind == "sentence"], dtype=np.int64)
        self._window_rows = _windows_of(units, self._sentence_rows)
        self.lemmas = LemmaIndex(self.morphology, [u.text for u in units if u.kind in WORDED_KINDS])
        area_names = {area.code: area.name for m in manifests for area in (m.board, *m.areas)}
        self.goal_matcher = GoalMatcher(self.corpus.goals, [units[i] for i in self._goal_rows], self.lemmas, area_names)
        headings = {(section.doc_id, section.id): section.path_text for section in self.corpus.sections}
        self.sentences = SentenceEvidence(
            [units[i] for i in self._sentence_rows], self.lemmas, self.morphology, AgentFinder.from_corpus(self.corpus),
            headings,
        )
        self.figure_tool = FigureTool(self.corpus)
        self.figures = Figures.from_corpus(self.corpus)  # the typed tools an LLM may call
        lexicons = [document.lexicon for document in self.corpus.documents]
        everyday = EverydayNames([term for lexicon in lexicons for term in lexicon.areas], self.lemmas.known, self.analyser.analyse)
        self.router = Router(
            self.figure_tool, self.goal_matcher, self.sentences, self.lemmas, self.model, lexicons, self.plan_years,
            self._meaning, everyday.spell_out,
        )
        self.llm = _llm_backend(self.settings.llm)
        # The job titles an LLM answer may name: the owners of the goals grid.
        self.owner_titles = tuple(dict.fromkeys(owner for goal in self.corpus.goals for owner in goal.owners))
        self.follow_ups = FollowUps(self)

    @property
    def searcher(self) -> Searcher:
        """The hybrid searcher, opened on first use (raises IndexNotBuilt etc. with the fix)."""
        with self._lock:
            if self._searcher is None:
                self._searcher = _open_index(self.settings, self.corpus, self.build_missing_index, self.notify)
            return self._searcher

    # --- answering ----------------------------------------------------------------------------

    def answer(self, question: str, conversation: ConversationState | dict | str | None = None) -> Answer:
        """Answer one question (raises AssistantError subclasses for bad input; StoreTimeout when the search
        index has not answered within the settings' answer deadline). A question that asks two or three things
        is split, each part routed on its own and answered in its place. `conversation` is the state the previous
        answer carried (`Answer.conversation`): a follow-up is read against it ("Tulkitsin: …"); the answer
        carries the state after this turn."""
        started = time.perf_counter()
        cleaned = clean_question(question)
        state = self.follow_ups.state_of(conversation)  # ConversationStateInvalid for a tampered state
        deadline = time.monotonic() + self.settings.answer_deadline_s
        analysis = self.analyser.analyse(reading_window(cleaned))  # bounded work, whatever the length
        social = social_turn(analysis)
        if social is not None:  # "hei", "kiitos", "mitä osaat?": answered in kind; the conversation goes on as it was
            answer = compose_social(cleaned, social.reply.format(plan=self._plan_name), self.suggested_questions)
            return replace(answer, conversation=state, elapsed_ms=(time.perf_counter() - started) * 1000)
        alone = lambda analysis: self._answer_alone(cleaned, analysis, deadline)  # noqa: E731
        result, route = self.follow_ups.answer(analysis, state, alone, deadline)
        if result.question != cleaned:
            result = replace(result, question=cleaned)  # a long question was read in part, but is shown whole
        result = self.follow_ups.record(result, route, state)
        return replace(result, elapsed_ms=(time.perf_counter() - started) * 1000)

    def _answer_alone(self, cleaned: str, analysis: QuestionAnalysis, deadline: float) -> tuple[Answer, Route | None]:
        """A question read on its own (as every first turn is): split, routed once, answered."""
        parts = split_question(analysis, self.figure_tool.slot_kind)
        if len(parts) > 1:
            answers: list[Answer] = []
            state: ConversationState | None = None
            for part in parts:  # the parts are a short conversation: a later part may lean on an earlier one
                answer, part_route = self._answer_part(part, deadline, state)
                answers.append(answer)
                state = self.follow_ups.record(answer, part_route, state).conversation
            return compose_parts(cleaned, answers), None
        return self._routed(analysis, deadline)

    def _answer_part(self, part: str, deadline: float, before: ConversationState | None) -> tuple[Answer, Route | None]:
        """One part of a multi-part question, answered on its own, or (when that finds nothing or lacks a slot) as a
        follow-up of the parts before it ("… ja millä sitä mitataan"); a part that fails says so in its place."""
        try:
            analysis = self.analyser.analyse(part)
            if before is not None and cues_of(analysis).pronouns:
                # "kuka vastaa markkinoinnista ja millä sitä mitataan": "sitä" is the earlier part's goal, first of all
                leaning, leaning_route = self.follow_ups.answer(analysis, before, lambda own: self._routed(own, deadline), deadline)
                if leaning.kind not in ("not_found", "clarify"):
                    return leaning, leaning_route
            answer, route = self._routed(analysis, deadline)
            if answer.kind in ("not_found", "clarify") and before is not None and route.reason not in PLAN_SAYS_NO:
                leaning, leaning_route = self.follow_ups.answer(analysis, before, lambda _: (answer, route), deadline)
                if leaning.kind not in ("not_found", "clarify"):
                    return leaning, leaning_route
            return answer, route
        except (AssistantError, IndexStoreError) as error:
            return compose_not_found(part, finnish_message(error), reason=type(error).__name__), None

    def _routed(self, analysis: QuestionAnalysis, deadline: float) -> tuple[Answer, Route]:
        route = self.router.route(analysis, deadline)
        return self.answer_route(route), route

    @property
    def _plan_name(self) -> str:
        return self.corpus.documents[0].manifest.title if self.corpus.documents else ""

    @cached_property
    def suggested_questions(self) -> tuple[str, ...]:
        """Questions to offer a new user, made from the plan itself: an area's costs this year and its goals."""
        plan = self.figure_tool.plan
        if not plan.areas:
            return ()
        area = plan.areas[0]
        costs = [row for row in plan.lexicon.concept_rows(COSTS, "area") if row in plan.rows_of.get(area, ())]
        questions = []
        if costs:
            lookup = FigureQuery("lookup", (costs[0],), (area,), (plan.plan_column,))
            questions.append(self.figure_tool.question_for(lookup))
        questions.append(AREA_GOAL_QUESTIONS["goal"].format(area=plan.name(area)))
        return tuple(questions)

    def analyse(self, question: str) -> QuestionAnalysis:
        """The question cleaned and read once (words, frame, years, content)."""
        return self.analyser.analyse(reading_window(clean_question(question)))  # bounded work, whatever the length

    def route(self, question: str, deadline: float | None = None) -> Route:
        """How the question is read and where it goes (for answering, evaluation and fitting); `deadline` (a
        `time.monotonic()` instant) bounds the search index's calls."""
        return self.router.route(self.analyse(question), deadline)

    def needs_retrieval(self, question: str) -> bool:
        """Whether answering will need the search index or a language model (figure and scope answers do not);
        servers queue the two kinds apart."""
        try:
            analysis = self.analyse(question)
        except AssistantError:
            return False  # answer() refuses it at once
        if outside_years(analysis, self.plan_years):
            return False
        return not getattr(self.figure_tool.read(analysis), "is_figure", False) or self.llm is not None

    def answer_route(self, route: Route) -> Answer:
        """The answer of the tool the route names."""
        analysis = route.analysis
        question = analysis.text
        if route.kind == "figure":
            return self.figure_tool.answer(analysis, route.figure)
        if route.kind == "owner":
            goals = tuple(match.goal for match in route.goals)
            return compose_owner_answer(question, goals, self.corpus, analysis.frame, route.focus, route.owner, route.area)
        if route.kind == "text":
            chosen = select_evidence(route.evidence)
            extractive = compose_text_answer(question, chosen, self.corpus, analysis.frame)
            if self.llm is None:
                return extractive
            return self.llm.answer(question, self.llm_tools(), list(extractive.citations), extractive, owners=self.owner_titles)
        return self._not_found(route)

    def _not_found(self, route: Route) -> Answer:
        analysis = route.analysis
        if route.reason == "year_outside_plan":
            years = ", ".join(str(year) for year in route.detail.get("years", ()))
            why = f"sen luvut ja tavoitteet koskevat vuosia {self.plan_years[0]}–{self.plan_years[-1]}, ei vuotta {years}."
        else:
            missing = [  # topics the plan never names: not the words that ask how ("eniten", "kasvaa") nor verbs
                word.text for word in analysis.content  # (whose forms the plan may lack), nor its own names ("vakan")
                if not (self.lemmas.known(word) or word.verb or self.figure_tool.slot_kind(word.folded))
            ]
            why = (
                f"siinä ei puhuta aiheesta ”{', '.join(missing)}”." if missing
                else "sen tekstistä ei löydy kohtaa, joka vastaisi kysymykseen."
            )
        topics: tuple[str, ...] = ()
        if route.evidence:
            topics = nearest_topics([e.unit for e in route.evidence], [e.dense for e in route.evidence], self.corpus)
        return compose_not_found(analysis.text, why, topics, route.reason, analysis.frame)

    # --- what the index gives the router --------------------------------------------------------

    def _meaning(self, question: str, deadline: float | None = None) -> Meaning:
        """The question's similarity to every goal field and sentence, and the retrieval prior of each section."""
        searcher = self.searcher
        vector = searcher.embed_query(question)
        similarities = searcher.units.similarities(vector)
        if len(similarities) != len(self.corpus.units):
            similarities = np.zeros(len(self.corpus.units), dtype=np.float32)
        # z-scores over every unit of the plan, so that a goal's match can be weighed against a sentence's
        z = (similarities - float(similarities.mean())) / (float(similarities.std()) or 1.0)
        prior: dict[str, float] = {}
        for hit in searcher.search(question, k=self.settings.top_k, deadline=deadline, vector=vector):
            prior[hit.section_key] = max(prior.get(hit.section_key, 0.0), 1.0 / hit.rank)
        rows, sentences, windows = self._goal_rows, self._sentence_rows, self._window_rows
        # a sentence means what it says and what it says in its context: its own vector and its window's, equally
        sentence_sims = (similarities[sentences] + similarities[windows]) / 2.0
        return Meaning(z[rows], sentence_sims, (z[sentences] + z[windows]) / 2.0, prior)

    def llm_tools(self) -> list[Callable[..., object]]:
        """The typed tools offered to a language model."""
        goals = self.corpus.goals

        def goals_of_owner(owner: str) -> object:
            """Käyttösuunnitelman tavoitteet, joiden vastuuhenkilö on `owner` (esim. 'Koulutusjohtaja')."""
            return goals_of(owner, goals)

        return [
            self.figures.lookup_figure,
            self.figures.figure_change,
            self.figures.rank_areas,
            self.figures.sum_figures,
            goals_of_owner,
        ]


def _windows_of(units: Sequence[SemanticUnit], sentence_rows: np.ndarray) -> np.ndarray:
    """For each sentence row, the row of its window (the sentence itself where a corpus has no windows)."""
    window_at = {(u.doc_id, u.section_id, u.index): i for i, u in enumerate(units) if u.kind == "window"}
    rows = [window_at.get((units[i].doc_id, units[i].section_id, units[i].index), int(i)) for i in sentence_rows]
    return np.array(rows, dtype=np.int64)


def _document_words(corpus: Corpus) -> list[str]:
    """The town's name and the document's own name ('käyttösuunnitelma'): they say nothing about a topic."""
    words: list[str] = []
    for document in corpus.documents:
        manifest = document.manifest
        words += [manifest.municipality, *words_of(manifest.municipality)]
        title_words = words_of(manifest.title)
        if title_words:
            words.append(title_words[-1])  # "käyttösuunnitelma"
        words += ["suunnitelma"]
    return words


def _open_index(settings: Settings, corpus: Corpus, build_missing: bool, notify: Callable[[str], None]) -> Searcher:
    # chromadb, the embedding model and the index load here, when a question first needs them.
    # The reloading searcher follows rebuilds: a running app serves a new index generation without a restart.
    from index.build import build_index
    from index.errors import IndexNotBuilt, StaleIndex
    from index.reloading import open_reloading_searcher

    try:
        return open_reloading_searcher(settings.index, source=corpus)
    except (IndexNotBuilt, StaleIndex):
        if not build_missing:
            raise
        notify("Rakennetaan hakuhakemistoa (kerran, alle minuutti)…")
        build_index(settings.index, corpus)
        return open_reloading_searcher(settings.index, source=corpus)


def _llm_backend(settings: LLMSettings) -> LLMBackend | None:
    # llama-index takes seconds to import: only an enabled LLM backend pays for it.
    if not settings.enabled:
        return None
    from assistant.llm.backend import create_llm_backend

    return create_llm_backend(settings)

