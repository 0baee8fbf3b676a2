"""The calibrated 'is this in the plan?' decision for text questions, fitted on the gold set.

`python -m evals calibrate` fits the thresholds and writes `calibration.json` beside this module;
the assistant only reads it. The features are computed here so that fitting and answering agree.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from assistant.text.passages import Candidate, SentenceIndex
from assistant.language.coverage import Lemmas, coverage
from corpus.text import fold
from index.hits import Hit

CALIBRATION_FILE = Path(__file__).resolve().parent / "answerability.json"
EVIDENCE_HITS = 3
_COUNT_QUESTION = re.compile(r"\b(montako|monta|moneenko|lukumaara\w*)\b")
_NUMBER_WORDS = re.compile(
    r"\b(\d+|yksi|yhden|kaksi|kahden|kolme|kolmen|nelja|neljan|viisi|viiden|kuusi|kuuden|seitseman|kahdeksan|yhdeksan|kymmenen)\b"
)


def asks_count(question: str) -> bool:
    """True for 'montako / kuinka monta' questions, whose answer must be a number."""
    return bool(_COUNT_QUESTION.search(fold(question)))


def states_number(text: str) -> bool:
    """True when a sentence states a number, in digits or as a Finnish number word."""
    return bool(_NUMBER_WORDS.search(fold(text)))


@dataclass(frozen=True)
class AnswerabilityFeatures:
    """How well the retrieved evidence covers the question."""

    term_weight: float  # rarity-weighted share of question words found in the best of the top chunks
    sentence_weight: float  # the same for the best single sentence
    dense_score: float  # cosine similarity of the best dense hit
    terms: int  # number of content words in the question
    asks_count: bool = False  # "montako", "kuinka monta": the answer must contain a number
    best_has_number: bool = True  # the best evidence sentence states a number (digits or a number word)


@dataclass(frozen=True)
class Calibration:
    """Thresholds: a text question is answerable when the evidence clears them."""

    min_term_weight: float = 0.5
    min_dense_score: float = 0.0
    fitted_on: str = "default (not fitted)"
    precision: float = 0.0
    recall: float = 0.0

    def answerable(self, features: AnswerabilityFeatures) -> bool:
        if features.asks_count and not features.best_has_number:
            return False
        if features.terms == 0:
            return features.dense_score >= self.min_dense_score and features.sentence_weight > 0
        return features.term_weight >= self.min_term_weight and features.dense_score >= self.min_dense_score

    def save(self, path: Path = CALIBRATION_FILE) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load_calibration(path: Path = CALIBRATION_FILE) -> Calibration:
    """The committed calibration, or conservative defaults when none has been fitted."""
    if not path.is_file():
        return Calibration()
    data = json.loads(path.read_text(encoding="utf-8"))
    return Calibration(**{key: data[key] for key in Calibration.__dataclass_fields__ if key in data})


def answerability(
    question: str,
    terms: tuple[str, ...],
    hits: Sequence[Hit],
    candidates: Sequence[Candidate],
    sentences: SentenceIndex,
    query_lemmas: Lemmas | None = None,
    text_lemmas: Lemmas | None = None,
) -> AnswerabilityFeatures:
    """Features of the evidence for one question."""
    chunk_weights = []
    for hit in hits[:EVIDENCE_HITS]:
        text = hit.chunk.text + " " + " ".join(hit.chunk.section_path)
        cover = coverage(terms, text, query_lemmas, sentences.text_lemmas(text, text_lemmas))
        chunk_weights.append(sentences.term_weight(terms, cover.matched, cover.partial))
    best_sentence = max((sentences.term_weight(terms, c.matched, c.partial) for c in candidates), default=0.0)
    dense = max((hit.retriever_scores.get("dense", 0.0) for hit in hits), default=0.0)
    return AnswerabilityFeatures(
        term_weight=max(chunk_weights, default=0.0),
        sentence_weight=best_sentence,
        dense_score=float(dense),
        terms=len(terms),
        asks_count=asks_count(question),
        best_has_number=bool(candidates) and states_number(candidates[0].text),
    )
