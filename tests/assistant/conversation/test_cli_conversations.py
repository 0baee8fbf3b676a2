"""`ask --jsonl` with conversation ids (interleaved, each answered with its own state) and the `--chat` REPL."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from assistant.chat import run_chat
from assistant.cli import EXIT_BAD_INPUT, run_jsonl
from assistant.language.cleaning import clean_question
from assistant.types import Answer


class Recorder:
    """Answers with the turn number its state says, and remembers which state each question came with."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, object]] = []

    def __call__(self, question: str, conversation: object = None) -> Answer:
        cleaned = clean_question(question)
        if "rikki" in cleaned:
            raise RuntimeError("boom")
        self.seen.append((cleaned, conversation))
        turn = (conversation or {}).get("turn", 0) + 1  # type: ignore[union-attr]
        return Answer(question=cleaned, kind="text", answer=f"vuoro {turn}: {cleaned}", conversation={"turn": turn, "last": cleaned})


def line(question: str, conversation: str | int | None = None) -> str:
    data: dict[str, object] = {"question": question}
    if conversation is not None:
        data["conversation"] = conversation
    return json.dumps(data, ensure_ascii=False) + "\n"


def test_interleaved_conversations_are_each_answered_in_order_with_their_own_state() -> None:
    answer = Recorder()
    out = io.StringIO()
    lines = [line("a1", "A"), line("b1", "B"), "yksin\n", line("a2", "A"), line("b2", "B"), line("a3", "A")]
    run_jsonl(answer, lines, out)
    rows = [json.loads(text) for text in out.getvalue().splitlines()]
    assert [(row.get("conversation_id"), row["answer"]) for row in rows] == [
        ("A", "vuoro 1: a1"), ("B", "vuoro 1: b1"), (None, "vuoro 1: yksin"),
        ("A", "vuoro 2: a2"), ("B", "vuoro 2: b2"), ("A", "vuoro 3: a3"),
    ]
    states = dict(answer.seen)
    assert states["a3"] == {"turn": 2, "last": "a2"} and states["b2"] == {"turn": 1, "last": "b1"}
    assert states["yksin"] is None and "conversation_id" not in rows[2]  # a plain line stands alone, as ever


def test_a_failing_turn_keeps_its_conversation_and_bad_lines_are_reported_on_their_line() -> None:
    answer = Recorder()
    out = io.StringIO()
    lines: list[bytes | str] = [
        line("a1", 7), line("rikki", 7), b'{"question": "a2", "conversation": 7}', b"{ei json", b'{"kysymys": "x"}',
        b'{"question": "z", "conversation": ["lista"]}', "kirjasto \u20ac".encode() + b"\xff",
    ]
    status = run_jsonl(answer, lines, out)
    rows = [json.loads(text) for text in out.getvalue().splitlines()]
    assert rows[1]["error_type"] == "RuntimeError" and rows[1]["conversation_id"] == "7"
    assert rows[2]["answer"] == "vuoro 2: a2"  # the failed turn lost nothing of the conversation
    assert [row["error_type"] for row in rows[3:6]] == ["InvalidQuestionLine"] * 3
    assert all(row["error"].startswith("Rivi alkaa merkillä {") for row in rows[3:6])
    assert rows[6]["error_type"] == "InvalidEncoding" and status == EXIT_BAD_INPUT


def scripted(*typed: str) -> Iterator[str]:
    yield from typed


def test_chat_keeps_the_conversation_starts_over_on_command_and_quits() -> None:
    answer = Recorder()
    typed = scripted("eka", "toka", "  ", ":uusi", "kolmas", "rikki", "neljäs", ":lopeta", "ei enää")
    out = io.StringIO()
    assert run_chat(answer, read=lambda prompt: next(typed), out=out) == 0
    text = out.getvalue()
    assert "vuoro 2: toka" in text and "vuoro 1: kolmas" in text and "vuoro 2: neljäs" in text
    assert "Uusi keskustelu" in text and "Virhe: " in text and "Traceback" not in text
    assert "ei enää" not in [question for question, _ in answer.seen]


def test_chat_ends_at_end_of_input() -> None:
    def read(prompt: str) -> str:
        raise EOFError

    assert run_chat(Recorder(), read=read, out=io.StringIO()) == 0
