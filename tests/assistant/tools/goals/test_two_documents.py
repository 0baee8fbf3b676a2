"""Goals of two plans share ids ("hyvinvoinnin-kasvu/vaka"): each goal field still belongs to its own plan's goal,
and an owner answer cites the goal's own document."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.language.analysis import Analyser
from assistant.language.lemmas import LemmaIndex
from assistant.language.morphology import Morphology
from assistant.tools.goals.answer import compose_owner_answer
from assistant.tools.goals.match import GoalMatcher
from corpus.records import qualified
from corpus.store import Corpus
from corpus.units import GOAL_FIELDS, WORDED_KINDS

SHARED_ID = "hyvinvoinnin-kasvu/vaka"
DOCUMENTS = ("hyvinvointilautakunta-2024", "sivistyslautakunta-2025")


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_a_goal_field_scores_its_own_documents_goal(two_document_corpus: Corpus, doc_id: str) -> None:
    morphology = Morphology.of(two_document_corpus)
    fields = [unit for unit in two_document_corpus.units if unit.kind in GOAL_FIELDS]
    lemmas = LemmaIndex(morphology, [unit.text for unit in two_document_corpus.units if unit.kind in WORDED_KINDS])
    matcher = GoalMatcher(two_document_corpus.goals, fields, lemmas)
    similarities = np.zeros(len(fields), dtype=np.float32)
    (row,) = [i for i, u in enumerate(fields) if (u.doc_id, u.kind, u.ref) == (doc_id, "goal", SHARED_ID)]
    similarities[row] = 5.0  # the question means exactly this plan's goal text
    analysis = Analyser(morphology, (), 2024).analyse("kuka vastaa tavoitteesta")
    best = matcher.match(analysis, similarities)[0]
    assert (best.goal.key, best.dense) == (qualified(doc_id, SHARED_ID), pytest.approx(5.0))


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_an_owner_answer_cites_the_goals_own_document(two_document_corpus: Corpus, doc_id: str) -> None:
    goal = next(g for g in two_document_corpus.goals if g.key == qualified(doc_id, SHARED_ID))
    answer = compose_owner_answer("kuka vastaa?", [goal], two_document_corpus)
    (citation,) = answer.citations
    section = two_document_corpus.document(doc_id).section(goal.section_id)
    assert (citation.doc_id, citation.section_id, citation.section) == (doc_id, goal.section_id, section.path_text)
    assert citation.to_json()["doc_id"] == doc_id
    assert citation.lines == (goal.lines.start, goal.lines.end)
