"""The `ask` command's stable contract: text, --json, --jsonl, bad input and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, format_for_person, run_jsonl, run_single
from assistant.language.cleaning import clean_question
from assistant.question_lines import LineError, parse_line, read_lines
from assistant.types import Answer, Citation

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
        citations=(Citation(1, "kuvaus/vire", "Kuvaus › Virikkeellinen elämä", "Kirjasto sijaitsee Kauppakadulla.", (55, 55),
                            "hyvinvointilautakunta-2024"),),
    )


def test_json_output_has_the_stable_keys() -> None:
    out = io.StringIO()
    assert run_single(fake_answer, "Missä kirjasto on?", as_json=True, out=out) == EXIT_OK
    payload = json.loads(out.getvalue())
    assert set(payload) == KEYS
    assert payload["citations"] == [
        {"n": 1, "doc_id": "hyvinvointilautakunta-2024", "section_id": "kuvaus/vire", "section": "Kuvaus › Virikkeellinen elämä",
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


def test_jsonl_decodes_per_line_and_reports_a_bad_byte_on_its_line() -> None:
    out = io.StringIO()
    lines = [b"eka", "kirjasto \u20ac".encode() + b"\xff rikkin\xe4inen", "toka ä".encode(), b"\xef\xbb\xbfkolmas\r"]
    status = run_jsonl(fake_answer, lines, out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row.get("kind") or row["error_type"] for row in rows] == ["text", "InvalidEncoding", "text", "text"]
    assert rows[1]["question"] == "kirjasto \u20ac\ufffd rikkin\ufffdinen"  # the line, bad bytes replaced
    assert "UTF-8" in rows[1]["error"] and rows[1]["error"].startswith("Rivillä")
    assert [rows[2]["question"], rows[3]["question"]] == ["toka ä", "kolmas"]  # BOM and CR dropped
    assert status == EXIT_BAD_INPUT


def test_a_huge_line_is_reported_and_skipped_without_reading_it_whole() -> None:
    stream = io.BytesIO(b"eka\n" + b"x" * 100_000 + b"\ntoka\n")
    lines = list(read_lines(stream, max_bytes=1000))
    assert lines[0] == b"eka" and lines[2] == b"toka"
    assert isinstance(lines[1], LineError) and type(lines[1].error).__name__ == "QuestionTooLong"

    bad = parse_line(b"ab\x80c")
    assert isinstance(bad, LineError) and bad.text == "ab\ufffdc"
    assert (type(bad.error).__name__, bad.error.position, bad.error.byte) == ("InvalidEncoding", 2, 0x80)  # type: ignore[attr-defined]


# A subprocess running the real command with a stand-in answerer: the locale, the encodings and the exit
# codes are the real ones, without building an index.
FAKE_COMMAND = """
import sys
import assistant.cli as cli
from tests.assistant.test_cli import fake_answer
cli._load_answerer = lambda: fake_answer
sys.exit(cli.main(sys.argv[1:]))
"""


def run_command(args: list[str], env: dict[str, str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    full_env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG", "PYTHONIO"))}
    return subprocess.run(
        [sys.executable, "-c", FAKE_COMMAND, *args], input=stdin, capture_output=True,
        env={**full_env, "PYTHONPATH": str(REPO), **env}, cwd=REPO, timeout=120,
    )  # fmt: skip


LOCALES = [
    {"LC_ALL": "C"},
    {"LC_ALL": "fi_FI.UTF-8", "LANG": "fi_FI.UTF-8"},
    {"LANG": "C.UTF-8"},
    {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "latin-1"},  # a terminal that is not UTF-8
]


@pytest.mark.parametrize("env", LOCALES, ids=lambda env: ",".join(f"{k}={v}" for k, v in env.items()))
def test_jsonl_output_is_utf8_json_in_every_locale(tmp_path: Path, env: dict[str, str]) -> None:
    questions = tmp_path / "q.txt"
    questions.write_bytes("menot 2024 €\n".encode() + b"rikki\xff\xfe\n" + "mitä päiväkodille tapahtuu\n".encode())
    done = run_command(["ask", "--jsonl", str(questions)], env)
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]  # strict UTF-8
    assert [row.get("kind") or row["error_type"] for row in rows] == ["text", "InvalidEncoding", "text"]
    assert rows[0]["question"] == "menot 2024 €" and rows[2]["question"] == "mitä päiväkodille tapahtuu"
    assert rows[1]["question"] == "rikki\ufffd\ufffd"
    assert done.returncode == EXIT_BAD_INPUT and b"Traceback" not in done.stderr
    piped = run_command(["ask", "--jsonl", "-"], env, stdin=questions.read_bytes())
    assert piped.stdout == done.stdout


@pytest.mark.parametrize("env", LOCALES[:2], ids=["C", "fi_FI.UTF-8"])
def test_single_question_output_is_utf8_in_every_locale(env: dict[str, str]) -> None:
    done = run_command(["ask", "--json", "paljonko päiväkodit maksavat €"], env)
    assert json.loads(done.stdout.decode("utf-8"))["question"] == "paljonko päiväkodit maksavat €"


@pytest.mark.parametrize(("make", "what"), [(lambda p: p / "puuttuu.txt", "tiedostoa ei ole"), (lambda p: p, "kansio")])
def test_a_missing_file_or_a_directory_is_a_finnish_message_and_exit_2(tmp_path: Path, make, what: str) -> None:
    done = run_command(["ask", "--jsonl", str(make(tmp_path))], {"LC_ALL": "C"})
    message = done.stderr.decode("utf-8")
    assert done.returncode == EXIT_BAD_INPUT
    assert message.startswith("Virhe: Kysymystiedostoa") and what in message and "Traceback" not in message
    assert done.stdout == b""


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
