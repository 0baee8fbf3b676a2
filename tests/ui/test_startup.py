"""First start: the index is built when missing or stale, with progress shown, and left alone when ready."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.settings import load_settings
from corpus.records import Chunk, LineRange
from index.settings import IndexSettings
from tests.ui.fakes import DOC, fake_corpus
from ui import texts
from ui.startup import ensure_index, index_ready

pytestmark = pytest.mark.slow


def test_index_is_built_once_then_reused(tmp_path: Path) -> None:
    settings = replace(load_settings(env={}), index=IndexSettings(data_dir=tmp_path / "data", embedder="hash"))
    corpus = fake_corpus()
    corpus = replace(corpus, documents=(replace(corpus.documents[0], chunks=_chunks()),))
    assert not index_ready(settings, corpus)
    out = io.StringIO()
    assert ensure_index(settings, corpus, out=out) is True
    assert out.getvalue().startswith(texts.INDEX_BUILDING) and "Hakuindeksi on valmis (2 tekstiä" in out.getvalue()
    assert index_ready(settings, corpus)
    again = io.StringIO()
    assert ensure_index(settings, corpus, out=again) is False and again.getvalue() == ""
    changed = replace(corpus, documents=(replace(corpus.documents[0], chunks=_chunks("muuttunut")),))
    assert not index_ready(settings, changed)  # a stale index is rebuilt too
    assert ensure_index(settings, changed, out=io.StringIO()) is True


def _chunks(extra: str = "") -> tuple[Chunk, ...]:
    """Two small chunks; `extra` changes their text and ids (as a corpus rebuild would)."""
    passages = ("Heinolassa on viisi varhaiskasvatusaluetta.", f"Kirjasto sijaitsee Kauppakadulla. {extra}".strip())
    return tuple(
        Chunk(DOC, f"c{i}{extra}", "kuvaus/vaka", ("Kuvaus", "Varhaiskasvatus"), "prose", text, LineRange(4, 5))
        for i, text in enumerate(passages)
    )
