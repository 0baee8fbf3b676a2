"""Errors of the ui layer: one base class, one subclass per failure (Finnish text in ui.texts)."""

from __future__ import annotations


class UIError(Exception):
    """Base class for failures of the web page's own parts (feedback, downloads)."""


class FeedbackStoreUnavailable(UIError):
    """The feedback database could not be opened or written (check KAYTTO_FEEDBACK_DB)."""


class FeedbackNotFound(UIError):
    """A comment or a changed verdict names a feedback row that does not exist."""
