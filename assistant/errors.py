"""Errors of the assistant layer: one base class, one subclass per failure (Finnish text only at the edge)."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class for assistant failures; the message says what failed, the value, and the fix."""


class EmptyQuestion(AssistantError):
    """The question is empty or only whitespace/control characters."""


class QuestionTooLong(AssistantError):
    """The question is longer than the limit."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(f"question is {length} characters long; the limit is {limit}")
        self.length = length
        self.limit = limit


class FigureNotFound(AssistantError):
    """No budget cell matches the requested table, area, item and column."""


class GoalNotFound(AssistantError):
    """No goal in the goals grid matches the question."""


class LLMUnavailable(AssistantError):
    """The configured language-model endpoint could not be reached or answered badly."""


class ConfigError(AssistantError):
    """A setting (environment variable or config file) has an invalid value."""


class LLMTimeout(LLMUnavailable):
    """The language model did not finish within the question's deadline."""


class InvalidEncoding(AssistantError):
    """An input line is not valid UTF-8."""

    def __init__(self, position: int, byte: int) -> None:
        super().__init__(f"the line is not valid UTF-8: byte 0x{byte:02x} at offset {position}; save the file as UTF-8")
        self.position = position
        self.byte = byte


class InvalidQuestionLine(AssistantError):
    """A line of a questions file that starts as a JSON object but is not a valid question object."""


class ConversationStateInvalid(AssistantError):
    """A conversation state that is not one this assistant wrote: tampered, foreign, too large or malformed."""


class InputUnreadable(AssistantError):
    """The file of questions cannot be read: missing, a directory, or not permitted."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot read questions from {path!r}: {reason}")
        self.path = path
        self.reason = reason  # "missing" | "directory" | "permission" | "other"

    def finnish(self) -> str:
        what = {
            "missing": "tiedostoa ei ole",
            "directory": "se on kansio, ei tiedosto",
            "permission": "lukuoikeus puuttuu",
        }.get(self.reason, "tiedostoa ei voitu lukea")
        return f"Kysymystiedostoa {self.path} ei voi lukea: {what}. Anna tiedosto, jossa on yksi kysymys rivillä, tai - (vakiosyöte)."
