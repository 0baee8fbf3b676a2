"""The assistant: loads the corpus and the search index once and answers questions."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from assistant.answer_types import Answer, Citation
from assistant.calibration import (
    AnswerabilityFeatures,
    Calibration,
    answerability,
    asks_count,
    load_calibration,
    states_number,
)
from assistant.composer import compose_not_found, compose_text_answer, select_sentences
from assistant.errors import AssistantError
from assistant.figure_answer import answer_figure, figures_for
from assistant.owners import answer_owner, goals_of
from assistant.passages import Candidate, SentenceIndex
from assistant.query_terms import content_terms
from assistant.question import clean_question
from assistant.routing import Route, route
from assistant.settings import LLMSettings, Settings, load_settings
from corpus.store import Corpus, load_corpus
from index.hits import Hit

if TYPE_CHECKING:
    from assistant.llm_backend import LLMBackend
    from index.search import HybridSearcher

EVIDENCE_HITS = 5

NOT_FOUND_REASONS_FI = {
    "year_outside_plan": "Suunnitelman luvut kattavat vain vuodet 2022–2026 (TP 2022, TA 2023–2024, TS 2025–2026).",
    "outside_board": "Kysymys koskee toimialaa, joka ei kuulu hyvinvointilautakunnalle; tämä suunnitelma kattaa vain hyvinvointilautakunnan toimialan.",
    "personal_salary": "Suunnitelmassa ei ole yksittäisten henkilöiden tai ammattiryhmien palkkoja; se kertoo vain palvelualueiden henkilöstökulut yhteensä.",
    "price": "Suunnitelmassa ei ole palvelujen hintoja tai asiakasmaksujen suuruuksia; se kertoo vain maksutuotot yhteensä.",
    "opening_hours": "Suunnitelmassa ei ole aukioloaikoja.",
    "person_contact": "Suunnitelmassa ei mainita henkilöiden nimiä eikä yhteystietoja; siinä on vain tavoitteiden vastuuhenkilöiden tehtävänimikkeet (esim. Koulutusjohtaja).",
    "headcount": "Suunnitelmassa ei ole henkilöstö-, oppilas- tai lapsimääriä; sen taulukoissa on vain euromääräisiä lukuja.",
}


class Assistant:
    """Answers Finnish questions about the plan; build once, call `answer` many times (thread-safe)."""

    def __init__(
        self,
        settings: Settings | None = None,
        corpus: Corpus | None = None,
        searcher: HybridSearcher | None = None,
        calibration: Calibration | None = None,
        build_missing_index: bool = False,
        notify: Callable[[str], None] = lambda text: None,
    ) -> None:
        self.settings = settings or load_settings()
        self.corpus = corpus or load_corpus()
        self.figures = figures_for(self.corpus)
        self.sentences = SentenceIndex(self.corpus)
        self.calibration = calibration or load_calibration()
        self.llm = _llm_backend(self.settings.llm)
        self.build_missing_index = build_missing_index
        self.notify = notify
        self._searcher = searcher
        self._lock = threading.Lock()
        self._embed = self._embed_passages  # one bound method, so the owner tool's vector cache hits

    @property
    def searcher(self) -> HybridSearcher:
        """The hybrid searcher, opened on first use (raises IndexNotBuilt etc. with the fix)."""
        with self._lock:
            if self._searcher is None:
                self._searcher = _open_index(self.settings, self.corpus, self.build_missing_index, self.notify)
            return self._searcher

    def answer(self, question: str) -> Answer:
        """Answer one question (raises AssistantError subclasses for bad input)."""
        started = time.perf_counter()
        cleaned = clean_question(question)
        result = self._answer(cleaned)
        return replace(result, elapsed_ms=(time.perf_counter() - started) * 1000)

    def needs_retrieval(self, question: str) -> bool:
        """Whether answering `question` will use the search index or the LLM (servers queue those apart)."""
        try:
            cleaned = clean_question(question)
        except AssistantError:
            return False  # answer() refuses it at once
        return self.llm is not None or route(cleaned).kind == "text"

    def _answer(self, question: str) -> Answer:
        routed = route(question)
        if routed.kind == "not_found":
            return compose_not_found(question, NOT_FOUND_REASONS_FI.get(routed.reason, ""))
        if routed.kind == "figure":
            figure = answer_figure(question, self.corpus, self.figures)
            if figure is not None:
                return figure
        if routed.kind == "owner":
            owner = answer_owner(question, self.corpus, embed=self._embed)
            if owner is not None:
                return owner
        return self.answer_from_text(question, routed)

    def answer_from_text(self, question: str, routed: Route | None = None) -> Answer:
        """The extractive answer from retrieved passages, or not_found when the evidence does not cover it."""
        features, hits, candidates = self._evidence(question)
        retrieved = tuple(dict.fromkeys(hit.section_id for hit in hits))
        if not candidates or not self.calibration.answerable(features):
            return compose_not_found(question, retrieved_ids=retrieved)
        extractive = compose_text_answer(question, select_sentences(candidates), retrieved)
        if self.llm is None:
            return extractive
        evidence = list(extractive.citations) + _more_evidence(hits, extractive)
        return self.llm.answer(question, self.llm_tools(), evidence, extractive)

    def features(self, question: str) -> AnswerabilityFeatures:
        """The answerability features of a question's evidence (used to fit the calibration)."""
        return self._evidence(clean_question(question))[0]

    def _evidence(self, question: str) -> tuple[AnswerabilityFeatures, list[Hit], list[Candidate]]:
        searcher = self.searcher
        hits = searcher.search(question, k=self.settings.top_k)
        lemmatiser = searcher.lexical.tokenizer.lemmatiser
        terms = content_terms(question)
        candidates = self.sentences.candidates(hits[:EVIDENCE_HITS], terms, lemmatiser.query_lemmas, lemmatiser.known_lemmas)
        if asks_count(question):
            candidates = self.sentences.prefer_numbers(candidates, states_number)
        features = answerability(question, terms, hits, candidates, self.sentences, lemmatiser.query_lemmas, lemmatiser.known_lemmas)
        return features, hits, candidates

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

    def _embed_passages(self, texts: list[str]):  # noqa: ANN202 - numpy array
        return self.searcher.dense.embedder.embed_passages(texts)


def _open_index(settings: Settings, corpus: Corpus, build_missing: bool, notify: Callable[[str], None]) -> HybridSearcher:
    # chromadb, the embedding model and Voikko load here, when a question first needs retrieval, so that a
    # figure or owner question answers quickly from a cold start.
    from index.build import build_index
    from index.errors import IndexNotBuilt, StaleIndex
    from index.search import open_searcher

    try:
        return open_searcher(settings.index, source=corpus)
    except (IndexNotBuilt, StaleIndex):
        if not build_missing:
            raise
        notify("Rakennetaan hakuhakemistoa (kerran, alle minuutti)…")
        build_index(settings.index, corpus)
        return open_searcher(settings.index, source=corpus)


def _llm_backend(settings: LLMSettings) -> LLMBackend | None:
    # llama-index takes seconds to import: only an enabled LLM backend pays for it.
    if not settings.enabled:
        return None
    from assistant.llm_backend import create_llm_backend

    return create_llm_backend(settings)


def _more_evidence(hits: list[Hit], extractive: Answer) -> list[Citation]:
    cited = {citation.section_id for citation in extractive.citations}
    extra: list[Citation] = []
    for hit in hits[:EVIDENCE_HITS]:
        if hit.section_id in cited:
            continue
        cited.add(hit.section_id)
        extra.append(
            Citation(
                n=len(extractive.citations) + len(extra) + 1,
                section_id=hit.section_id,
                section=hit.chunk.section_path_text,
                quote=hit.chunk.text,
                lines=(hit.chunk.lines.start, hit.chunk.lines.end),
            )
        )
    return extra
