"""Fuzzing the real assistant: no input crashes it, and invisible characters change no answer."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import EmptyQuestion, QuestionTooLong
from assistant.types import ANSWER_KINDS

GOLD = Path(__file__).resolve().parents[2] / "evals" / "data" / "answers_dev.jsonl"  # the split tuned on, not the frozen test
QUESTIONS = tuple(json.loads(line)["question"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip())
# Soft hyphen, zero-width space / non-joiner / joiner, word joiner, BOM, bidi marks and isolates.
INVISIBLE = ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202c",
             "\u2066", "\u2069")  # fmt: skip
WORDS = ("paljonko", "varhaiskasvatus", "menot", "2024", "TA 2025", "kuka vastaa", "koulutusjohtaja", "kirjasto",
         "−32 611 450 €", "1.8.2024", "?", "<script>", "'; DROP TABLE", "Rainion päiväkoti", "ﬁ", "２０２４")  # fmt: skip

pytestmark = pytest.mark.slow

questions = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(INVISIBLE),
        st.text(alphabet=st.characters(codec=None), max_size=12),  # anything, surrogates and controls included
        st.integers(-(10**15), 10**15).map(str),
    ),
    max_size=25,
).map(" ".join)


@pytest.mark.timeout(2400)  # 5 000 real answers: a few minutes on two cores, more when they are shared
@settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(question=questions)
def test_no_question_crashes_the_assistant(real_assistant, question: str) -> None:
    try:
        answer = real_assistant.answer(question)
    except (EmptyQuestion, QuestionTooLong):
        return
    assert answer.kind in ANSWER_KINDS and answer.answer
    assert all(1 <= citation.n <= len(answer.citations) for citation in answer.citations)
    json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")  # printable as the CLI prints it


@cache
def _plain_answer(assistant, question: str) -> tuple[object, ...]:
    answer = assistant.answer(question)
    return answer.kind, answer.answer, answer.citations


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(data=st.data())
def test_invisible_characters_change_no_gold_answer(real_assistant, data: st.DataObject) -> None:
    question = data.draw(st.sampled_from(QUESTIONS), label="question")
    positions = data.draw(st.lists(st.integers(0, len(question)), min_size=1, max_size=6), label="positions")
    marks = data.draw(st.lists(st.sampled_from(INVISIBLE), min_size=len(positions), max_size=len(positions)))
    changed = question
    for position, mark in sorted(zip(positions, marks, strict=True), reverse=True):
        changed = changed[:position] + mark + changed[position:]

    assert _plain_answer(real_assistant, changed) == _plain_answer(real_assistant, question)


@pytest.mark.parametrize("mark", ["\u00ad", "\u200b", "\ufeff"])
def test_every_gold_question_with_a_mark_in_every_long_word_keeps_its_answer(real_assistant, mark: str) -> None:
    def marked(question: str) -> str:
        words = [word[: len(word) // 2] + mark + word[len(word) // 2 :] if len(word) > 5 else word for word in question.split(" ")]
        return mark + " ".join(words)

    changed = [q for q in QUESTIONS if _plain_answer(real_assistant, marked(q)) != _plain_answer(real_assistant, q)]
    assert changed == []
