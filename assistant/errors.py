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
