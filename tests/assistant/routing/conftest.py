"""The figure tool and analyser fixtures, shared with the figure tests."""

from tests.assistant.tools.figures.conftest import analyser, tool  # noqa: F401
