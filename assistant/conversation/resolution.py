"""What reading a follow-up comes to: a whole question, a fresh start, or a question to ask back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.language.analysis import QuestionAnalysis, Word

How = Literal["fresh", "resolved", "clarify"]


@dataclass(frozen=True)
class Resolution:
    """How a question reads in its conversation: fresh, a whole question (with the goals to ask it of), or unclear."""

    how: How
    question: str = ""  # the resolved question ("Tulkitsin: …")
    goals: tuple[str, ...] = ()  # ask the goals grid of these goals directly
    focus: str = ""  # what is asked of them: owner or a field (assistant.tools.goals.fields)
    reason: str = ""  # clarify: why (no_antecedent, no_person, unread)
    bare: bool = False  # a bare question word ("miksi?"): answered from beside the earlier answer if need be


FRESH = Resolution("fresh")


def resolved(question: str) -> Resolution:
    """A whole question, tidied (one space, a capital, a question mark); an empty one is no reading."""
    question = " ".join(question.split())
    if not question:
        return Resolution("clarify", reason="unread")
    if not question.endswith("?"):
        question = question.rstrip(".!") + "?"
    return Resolution("resolved", question[:1].upper() + question[1:])


def substitute(analysis: QuestionAnalysis, words: tuple[Word, ...], phrase: str, drop: tuple[Word, ...] = ()) -> str:
    """The question with `words` replaced by `phrase` (the first) or dropped (the rest and `drop`)."""
    text = analysis.text
    for index, word in sorted(enumerate((*words, *drop)), key=lambda pair: -pair[1].start):
        text = text[: word.start] + (phrase if index == 0 else "") + text[word.end :]
    return text
