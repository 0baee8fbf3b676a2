"""Questions one per line, from a file or standard input, read as bytes so that one bad line spoils only itself.

`read_lines` splits a byte stream into lines (bounded: a huge line is skipped to its end and reported);
`parse_line` turns one line into a question or a `LineError`; `parse_request` reads a decoded line that is a
JSON object, `{"question": "...", "conversation": "c1"}`, as a question of a conversation.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from assistant.errors import AssistantError, InputUnreadable, InvalidEncoding, InvalidQuestionLine, QuestionTooLong
from assistant.language.cleaning import MAX_QUESTION_CHARS

# A question is at most MAX_QUESTION_CHARS characters before cleaning (times four) of up to four UTF-8 bytes.
MAX_LINE_BYTES = 4 * 4 * MAX_QUESTION_CHARS
SHOWN_CHARS = 200  # how much of a bad line its error object repeats
MAX_CONVERSATION_ID = 200  # characters


@dataclass(frozen=True)
class LineError:
    """An input line that is no question: the line as far as it can be shown, and why."""

    text: str
    error: AssistantError


@dataclass(frozen=True)
class QuestionLine:
    """A question read from a line; `conversation` names the conversation it belongs to (None: on its own)."""

    question: str
    conversation: str | None = None


def open_questions(path: str) -> BinaryIO:
    """A questions file opened for reading bytes; InputUnreadable (with a Finnish message) when it cannot be."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputUnreadable(path, "missing") from None
    except IsADirectoryError:
        raise InputUnreadable(path, "directory") from None
    except PermissionError:
        raise InputUnreadable(path, "permission") from None
    except OSError as exc:
        raise InputUnreadable(path, exc.strerror or "other") from None


def read_lines(stream: BinaryIO, max_bytes: int = MAX_LINE_BYTES) -> Iterator[bytes | LineError]:
    """The lines of a byte stream without their line breaks; an over-long line becomes a LineError."""
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 16)) and not rest.endswith(b"\n"):
                pass  # the rest of the huge line, read in pieces and dropped
            shown = raw[: 4 * SHOWN_CHARS].decode("utf-8", "replace")[:SHOWN_CHARS]
            yield LineError(shown, QuestionTooLong(len(raw), MAX_QUESTION_CHARS))
            continue
        yield raw.removesuffix(b"\n").removesuffix(b"\r")


def parse_line(raw: bytes) -> str | LineError:
    """One input line (without its line break) as a question, or the reason it is none.

    Lines are plain questions in UTF-8 (a byte-order mark is ignored); an invalid byte spoils only its line.
    """
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return LineError(raw.decode("utf-8", "replace"), InvalidEncoding(exc.start, raw[exc.start]))


def parse_request(text: str) -> QuestionLine | LineError:
    """A decoded line as a question: a JSON object with "question" (and optionally "conversation", an id) when
    the line starts with "{", else the line itself as a plain question."""
    if not text.lstrip().startswith("{"):
        return QuestionLine(text)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return LineError(text[:SHOWN_CHARS], InvalidQuestionLine("the line starts with '{' but is not a JSON object"))
    question = data.get("question") if isinstance(data, dict) else None
    if not isinstance(question, str):
        return LineError(text[:SHOWN_CHARS], InvalidQuestionLine('the JSON object has no text field "question"'))
    conversation = data.get("conversation")
    if isinstance(conversation, int) and not isinstance(conversation, bool):
        conversation = str(conversation)
    if conversation is not None and (not isinstance(conversation, str) or len(conversation) > MAX_CONVERSATION_ID):
        return LineError(question[:SHOWN_CHARS], InvalidQuestionLine(
            f'"conversation" must be an id (text of at most {MAX_CONVERSATION_ID} characters)'))
    return QuestionLine(question, conversation or None)
