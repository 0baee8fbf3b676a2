"""BEIR and RAGAS-style exports: file layout, field names and the relevance judgements."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from evals.export_beir import QRELS_HEADER, export_beir
from evals.export_ragas import NOT_FOUND_REFERENCE, export_ragas, reference_text
from evals.runner import System, run_suite
from tests.evals.fakes import (
    FIGURE_Q,
    NOT_FOUND_Q,
    ScriptedAnswerer,
    ScriptedSearch,
    chunk,
    good_answers,
    retrieval_item,
    search_rankings,
    small_suite,
)

CHUNKS = (
    chunk("kuvaus/vaka", "Kunnallinen varhaiskasvatus sisältää päiväkodin.", 0),
    chunk("palvelualuelaskelmat/vaka", "Henkilöstökulut −5 974 300", 1),
    chunk("palvelualuelaskelmat/vaka", "Toimintakulut −8 409 500", 2),
    chunk("talousarvio", "MENOT −32 611 450", 3),
)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_beir_layout_and_judgements(tmp_path: Path) -> None:
    items = (
        retrieval_item("r001", "päiväkotien palkat", ["palvelualuelaskelmat"], category="table"),
        retrieval_item("r002", "mitä varhaiskasvatus sisältää", ["kuvaus/vaka", "talousarvio"]),
    )
    written = export_beir(tmp_path / "beir", CHUNKS, items)
    corpus = read_jsonl(tmp_path / "beir" / "corpus.jsonl")
    queries = read_jsonl(tmp_path / "beir" / "queries.jsonl")
    with (tmp_path / "beir" / "qrels" / "test.tsv").open(encoding="utf-8") as handle:
        qrels = list(csv.reader(handle, delimiter="\t"))
    assert [row["_id"] for row in corpus] == [c.id for c in CHUNKS]
    assert corpus[1]["title"] == "palvelualuelaskelmat › vaka"
    assert corpus[1]["text"] == "Henkilöstökulut −5 974 300"
    assert corpus[1]["metadata"]["section_id"] == "palvelualuelaskelmat/vaka"
    assert queries == [
        {"_id": "r001", "text": "päiväkotien palkat", "metadata": {"category": "table", "sections": ["palvelualuelaskelmat"], "tags": []}},
        {"_id": "r002", "text": "mitä varhaiskasvatus sisältää", "metadata": {"category": "prose", "sections": ["kuvaus/vaka", "talousarvio"], "tags": []}},
    ]  # fmt: skip
    assert qrels[0] == QRELS_HEADER.split("\t")
    assert qrels[1:] == [
        ["r001", CHUNKS[1].id, "1"],  # a heading-only parent gold id makes every chunk of its children relevant
        ["r001", CHUNKS[2].id, "1"],
        ["r002", CHUNKS[0].id, "1"],
        ["r002", CHUNKS[3].id, "1"],
    ]
    assert (written.documents, written.query_count, written.judgements) == (4, 2, 4)


def test_ragas_rows_have_exactly_the_ragas_fields(tmp_path: Path) -> None:
    results = run_suite(small_suite(), System(ScriptedAnswerer(good_answers()), ScriptedSearch(search_rankings())), progress=False)
    written = export_ragas(tmp_path / "ragas", results, CHUNKS)
    rows = read_jsonl(written.rows_path)
    meta = read_jsonl(written.meta_path)
    assert written.rows == len(rows) == len(meta) == 5  # answer rows only, retrieval rows skipped
    assert {tuple(sorted(row)) for row in rows} == {
        ("reference", "reference_contexts", "response", "retrieved_contexts", "user_input")
    }
    figure = rows[0]
    assert figure["user_input"] == FIGURE_Q
    assert figure["response"].startswith("Toimialan menot ovat TA 2024")
    assert figure["retrieved_contexts"] == ["lainaus"]
    assert figure["reference"] == "Luvut: 32\u00a0611\u00a0450 €."
    assert figure["reference_contexts"] == ["MENOT −32 611 450"]
    not_found = rows[3]
    assert not_found["user_input"] == NOT_FOUND_Q
    assert not_found["reference"] == NOT_FOUND_REFERENCE
    assert not_found["retrieved_contexts"] == [] and not_found["reference_contexts"] == []
    assert [m["id"] for m in meta] == ["a001", "a002", "a003", "a004", "a005"]
    assert [m["passed"] for m in meta] == [True, False, True, True, False]


def test_reference_text_lists_owners_and_facts() -> None:
    expected = {"kind": "owner", "owners": ["Koulutusjohtaja"], "facts": ["digiagentit", "minuuttikyselyt"]}
    assert reference_text(expected) == "Vastuussa: Koulutusjohtaja. Keskeiset asiat: digiagentit; minuuttikyselyt."
