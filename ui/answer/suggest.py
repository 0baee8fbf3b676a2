"""Related questions and plan topics for an answer the plan cannot give: ranked by shared words, at most a few."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ui.answer.context import AnswerContext
from ui.highlight import WORD, matches, question_terms


@dataclass(frozen=True)
class Suggestion:
    """A question to ask (`section_id` empty) or a plan topic to open in the Lähde tab."""

    text: str
    section_id: str = ""


def related(question: str, context: AnswerContext, limit: int = 3, given: Sequence[object] = ()) -> list[Suggestion]:
    """The assistant's own suggestions when given, else example questions and topics sharing the most words."""
    if given:
        return [Suggestion(str(text), context.section_ids.get(str(text), "")) for text in list(given)[:limit]]
    terms = question_terms(question)
    candidates = [Suggestion(example) for example in context.examples] + [
        Suggestion(title, section_id) for title, section_id in zip(context.labels.topics, context.labels.topic_ids, strict=True)
    ]
    scored = [(-_shared(candidate.text, terms), position, candidate) for position, candidate in enumerate(candidates)]
    if all(score == 0 for score, _, _ in scored):
        # Nothing in common: a couple of example questions and the plan's first topic to read.
        examples = [c for c in candidates if not c.section_id][: max(0, limit - 1)]
        topics = [c for c in candidates if c.section_id][: limit - len(examples)]
        return examples + topics
    return [candidate for _, _, candidate in sorted(scored, key=lambda entry: entry[:2])[:limit]]


def _shared(text: str, terms: frozenset[str]) -> int:
    return sum(1 for term in terms if any(matches(word, frozenset({term})) for word in WORD.findall(text)))
