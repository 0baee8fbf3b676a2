"""Questions one per line, from a file or standard input, read as bytes so that one bad line spoils only itself.

`read_lines` splits a byte stream into lines (bounded: a huge line is skipped to its end and reported);
`parse_line` turns one line into a question or a `LineError`. A later line format (say, JSON objects with
a conversation id) is a change to `parse_line` alone.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from assistant.errors import AssistantError, InputUnreadable, InvalidEncoding, QuestionTooLong
from assistant.language.cleaning import MAX_QUESTION_CHARS

# A question is at most MAX_QUESTION_CHARS characters before cleaning (times four) of up to four UTF-8 bytes.
MAX_LINE_BYTES = 4 * 4 * MAX_QUESTION_CHARS
SHOWN_CHARS = 200  # how much of a bad line its error object repeats


@dataclass(frozen=True)
class LineError:
    """An input line that is no question: the line as far as it can be shown, and why."""

    text: str
    error: AssistantError


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
