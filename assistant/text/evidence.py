"""Text evidence by sentence meaning: every sentence of the plan scored against a question by dense similarity
(vectors stored with the index), lemma coverage of the question's content words (a sentence is read under its
section's headings: "painopisteet" is covered by every sentence of a "Painopisteet" section), the retrieval rank
of its section (a prior), and whether it has what the question's frame asks for (a date for "milloin", …)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.language.analysis import QuestionAnalysis
from assistant.language.evidence_words import frame_demands, refers_back, satisfies
from assistant.language.lemmas import Coverage, LemmaIndex, TextLemmas
from assistant.language.morphology import Morphology
from corpus.units import SemanticUnit

DENSE_WEIGHT = 0.7
LEXICAL_WEIGHT = 1.0
PRIOR_WEIGHT = 0.4
FRAME_WEIGHT = 0.2
AREA_WEIGHT = 0.2  # the question names the service area of the sentence's section
YEAR_WEIGHT = 0.3  # a sentence naming the year the question asks about


@dataclass(frozen=True)
class Evidence:
    """A sentence as evidence for a question, with every part of its score."""

    unit: SemanticUnit
    score: float
    dense: float  # cosine similarity to the question
    dense_z: float  # the same relative to all sentences
    coverage: Coverage
    prior: float  # 1 / retrieval rank of its section (0 when not retrieved)
    frame_ok: bool
    context: SemanticUnit | None = None  # the sentence before, when this one refers back to it
    follow: SemanticUnit | None = None  # the sentence after, when it refers back to this one

    @property
    def quoted(self) -> tuple[SemanticUnit, ...]:
        """The sentences to quote, in document order."""
        return tuple(unit for unit in (self.context, self.unit, self.follow) if unit is not None)


class SentenceEvidence:
    """The plan's sentences with their lemmas and neighbours, scored against questions."""

    def __init__(
        self,
        sentences: Sequence[SemanticUnit],
        lemmas: LemmaIndex,
        morphology: Morphology,
        names_agent: Callable[[str], bool] = lambda text: True,
        headings: Mapping[tuple[str, str], str] | None = None,
    ) -> None:
        """`headings`: (doc id, section id) -> the section's path of titles, read together with its sentences."""
        self.names_agent = names_agent
        self.sentences = tuple(sentences)
        self.lemmas = lemmas
        self.morphology = morphology
        headings = headings or {}
        self._texts: list[TextLemmas] = [
            _joined(lemmas.text_lemmas(unit.text), lemmas.text_lemmas(headings.get((unit.doc_id, unit.section_id), "")))
            for unit in self.sentences
        ]
        position = {(u.doc_id, u.section_id, u.index): i for i, u in enumerate(self.sentences)}
        self._previous = [position.get((u.doc_id, u.section_id, u.index - 1)) for u in self.sentences]
        self._next = [position.get((u.doc_id, u.section_id, u.index + 1)) for u in self.sentences]
        self._leans_back = [refers_back(u.text, morphology) for u in self.sentences]
        self._frame_cache: dict[tuple[str, int], bool] = {}

    def rank(
        self,
        analysis: QuestionAnalysis,
        similarities: np.ndarray,
        section_prior: Mapping[str, float],
        limit: int = 8,
        z_scores: np.ndarray | None = None,
        areas: frozenset[str] = frozenset(),
    ) -> tuple[Evidence, ...]:
        """The best sentences for the question, best first (`similarities` aligned with `self.sentences`;
        `z_scores` the same relative to all the plan's units, when the caller has them)."""
        if not self.sentences:
            return ()
        words = list(analysis.content)
        sims = np.asarray(similarities, dtype=np.float32)
        if z_scores is None:
            z = (sims - float(sims.mean())) / (float(sims.std()) or 1.0)
        else:
            z = np.asarray(z_scores, dtype=np.float32)
        demands = frame_demands(analysis.frame)
        years = {str(mention.year) for mention in analysis.years}
        scored: list[Evidence] = []
        for i, unit in enumerate(self.sentences):
            coverage = self.lemmas.coverage(words, self._texts[i])
            frame_ok = self._satisfies(analysis.frame, i) if demands else True
            prior = section_prior.get(unit.section_key, 0.0)
            score = (
                DENSE_WEIGHT * float(z[i]) / 2.0
                + LEXICAL_WEIGHT * coverage.weight
                + PRIOR_WEIGHT * prior
                + ((FRAME_WEIGHT if frame_ok else -FRAME_WEIGHT) if demands else 0.0)
                + (YEAR_WEIGHT if years and any(year in unit.text for year in years) else 0.0)
                + (AREA_WEIGHT if unit.section_id.rpartition("/")[2].upper() in areas else 0.0)
            )
            scored.append(Evidence(unit, score, float(sims[i]), float(z[i]), coverage, prior, frame_ok))
        scored.sort(key=lambda evidence: (-evidence.score, evidence.unit.lines.start))
        return tuple(self._with_neighbours(evidence) for evidence in scored[:limit])

    def _satisfies(self, frame: str, i: int) -> bool:
        key = (frame, i)
        if key not in self._frame_cache:
            self._frame_cache[key] = satisfies(frame, self.sentences[i].text, self.morphology, self.names_agent)
        return self._frame_cache[key]

    def _with_neighbours(self, evidence: Evidence) -> Evidence:
        i = self.sentences.index(evidence.unit)
        previous = self._previous[i]
        context = self.sentences[previous] if self._leans_back[i] and previous is not None else None
        following = self._next[i]
        follow = self.sentences[following] if following is not None and self._leans_back[following] else None
        return Evidence(
            evidence.unit, evidence.score, evidence.dense, evidence.dense_z, evidence.coverage, evidence.prior,
            evidence.frame_ok, context, follow,
        )


def _joined(text: TextLemmas, heading: TextLemmas) -> TextLemmas:
    """A sentence's base forms together with its headings' ones."""
    if not (heading.lemmas or heading.parts):
        return text
    lemmas = text.lemmas | heading.lemmas
    return TextLemmas(lemmas, (text.parts | heading.parts) - lemmas, text.stems | heading.stems)
