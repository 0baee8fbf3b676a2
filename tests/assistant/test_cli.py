"""The `ask` command's stable contract: text, --json, --jsonl, bad input and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.types import Answer, Citation
from assistant.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, format_for_person, run_jsonl, run_single
from assistant.language.cleaning import clean_question

REPO = Path(__file__).resolve().parents[2]
KEYS = {
    "question", "kind", "answer", "citations", "figures", "owners", "elapsed_ms",  # the first contract
    "headline", "interpretation", "notes", "suggestions", "parts", "not_itemised", "resolved_question", "conversation",
}


def fake_answer(question: str) -> Answer:
    cleaned = clean_question(question)
    if "rikki" in cleaned:
        raise RuntimeError("boom")
    return Answer(
        question=cleaned, kind="text", answer=f"Vastaus: {cleaned} [1]",
        citations=(Citation(1, "kuvaus/vire", "Kuvaus › Virikkeellinen elämä", "Kirjasto sijaitsee Kauppakadulla.", (55, 55)),),
    )


def test_json_output_has_the_stable_keys() -> None:
    out = io.StringIO()
    assert run_single(fake_answer, "Missä kirjasto on?", as_json=True, out=out) == EXIT_OK
    payload = json.loads(out.getvalue())
    assert set(payload) == KEYS
    assert payload["citations"] == [
        {"n": 1, "section_id": "kuvaus/vire", "section": "Kuvaus › Virikkeellinen elämä",
         "quote": "Kirjasto sijaitsee Kauppakadulla.", "lines": [55, 55]}
    ]


@pytest.mark.parametrize("question", ["", "   ", "\t\n\x00"])
def test_empty_question_is_refused_with_exit_2(question: str) -> None:
    out = io.StringIO()
    assert run_single(fake_answer, question, as_json=True, out=out) == EXIT_BAD_INPUT
    assert json.loads(out.getvalue())["error_type"] == "EmptyQuestion"


def test_too_long_question_is_refused() -> None:
    out = io.StringIO()
    assert run_single(fake_answer, "a" * 2001, as_json=True, out=out) == EXIT_BAD_INPUT
    payload = json.loads(out.getvalue())
    assert payload["error_type"] == "QuestionTooLong" and "2000" in payload["error"]


def test_control_characters_are_stripped_and_markup_stays_text() -> None:
    out = io.StringIO()
    run_single(fake_answer, "<b>kirjasto</b>\x07\x1b[31m?", as_json=True, out=out)
    assert json.loads(out.getvalue())["question"] == "<b>kirjasto</b> [31m?"


def test_jsonl_answers_every_line_in_order_and_goes_on_after_errors() -> None:
    out = io.StringIO()
    status = run_jsonl(fake_answer, ["eka\n", "\n", "rikki\n", "toka\n"], out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row.get("kind") or row["error_type"] for row in rows] == ["text", "EmptyQuestion", "RuntimeError", "text"]
    assert rows[3]["question"] == "toka"
    assert status == EXIT_BAD_INPUT


def test_unexpected_failure_is_a_finnish_message_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_single(fake_answer, "rikki", as_json=False, out=io.StringIO()) == EXIT_FAILURE
    assert "Traceback" not in capsys.readouterr().err


def test_person_format_lists_citations() -> None:
    text = format_for_person(fake_answer("kirjasto"))
    assert "Lähteet:" in text and "[1] Kuvaus › Virikkeellinen elämä (rivit 55–55)" in text


@pytest.mark.slow
def test_real_command_answers_in_json(real_index_settings) -> None:
    env = {**os.environ, "KAYTTO_DATA_DIR": str(real_index_settings.data_dir), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "--json", "Missä kirjasto sijaitsee?"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=300,
    )
    assert done.returncode == EXIT_OK, done.stderr
    payload = json.loads(done.stdout)
    assert payload["kind"] == "text"
    assert "Kauppakadulla" in payload["answer"]
    assert payload["citations"][0]["section_id"] == "kuvaus/vire"


@pytest.mark.slow
def test_real_jsonl_from_stdin(real_index_settings) -> None:
    env = {**os.environ, "KAYTTO_DATA_DIR": str(real_index_settings.data_dir), "PYTHONPATH": str(REPO)}
    questions = "Paljonko varhaiskasvatuksen henkilöstökulut ovat 2024?\n\nkuka vastaa harrastemallista\n"
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "--jsonl", "-"],
        input=questions, capture_output=True, text=True, env=env, cwd=REPO, timeout=300,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row.get("kind", row.get("error_type")) for row in rows] == ["figure", "EmptyQuestion", "owner"]
    assert rows[0]["figures"][0]["value"] == -5974300
    assert "Liikuntapalvelujohtaja" in rows[2]["owners"]
    assert done.returncode == EXIT_BAD_INPUT
