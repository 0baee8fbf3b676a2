"""Errors raised while reading documents and building or loading corpus artifacts."""

from __future__ import annotations


class CorpusError(Exception):
    """Base class for every corpus failure; messages name the file (and line) and the fix."""


class ManifestError(CorpusError):
    """A document manifest is missing, malformed or incomplete."""


class SourceError(CorpusError):
    """A source text is missing, unreadable or not in the expected shape."""


class ArtifactsMissing(CorpusError):
    """Derived artifacts have not been built; run `python -m corpus build`."""
