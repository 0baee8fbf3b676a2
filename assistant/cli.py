"""`python -m assistant ask`: a thin command over `Assistant.answer`, with a stable JSON contract."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from typing import BinaryIO, TextIO

from assistant.chat import run_chat
from assistant.cli_format import format_for_person
from assistant.errors import EmptyQuestion, InputUnreadable, QuestionTooLong
from assistant.messages_fi import finnish_message
from assistant.question_lines import LineError, QuestionLine, open_questions, parse_line, parse_request, read_lines
from assistant.settings import apply_offline_environment
from assistant.types import Answer

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2

EXAMPLES = """examples:
  python -m assistant ask "Paljonko varhaiskasvatuksen henkilöstökulut ovat vuonna 2024?"
  python -m assistant ask --json "kuka vastaa harrastemallista"
  printf 'mita rainion paivakodille tapahtuu\\nkoulujen budjetti 2025\\n' | python -m assistant ask --jsonl -
  printf '{"question": "varhaiskasvatuksen henkilöstökulut 2024", "conversation": "k1"}\\n{"question": "entä 2026?", "conversation": "k1"}\\n' | python -m assistant ask --jsonl -
  python -m assistant ask --chat
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="Kysy hyvinvointilautakunnan käyttösuunnitelmasta suomeksi.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer a question", epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    ask.add_argument("question", nargs="?", help="the question in Finnish")
    output = ask.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object")
    output.add_argument(
        "--jsonl", metavar="FILE",
        help='read one UTF-8 question per line from FILE (- for stdin), print JSON lines; a line may be a JSON '
             'object {"question": "...", "conversation": "c1"}: lines of one conversation are answered in order, '
             'each with the state the previous one left',
    )
    output.add_argument("--chat", action="store_true", help="an interactive conversation (:uusi starts over, :lopeta quits)")
    return parser


def main(argv: list[str] | None = None, stdin: BinaryIO | None = None, stdout: TextIO | None = None) -> int:
    apply_offline_environment()
    args = build_parser().parse_args(argv)
    out = stdout or _utf8_stdout()
    if args.jsonl is None and args.question is None and not args.chat:
        print("Anna kysymys, esimerkiksi: python -m assistant ask \"Mitä Rainion päiväkodille tapahtuu?\"", file=sys.stderr)
        return EXIT_BAD_INPUT
    source: BinaryIO | None = None
    if args.jsonl is not None:
        try:  # before the assistant loads: a wrong path is answered at once
            source = (stdin or sys.stdin.buffer) if args.jsonl == "-" else open_questions(args.jsonl)
        except InputUnreadable as exc:
            print(f"Virhe: {finnish_message(exc)}", file=sys.stderr)
            return EXIT_BAD_INPUT
    try:
        answer = _load_answerer()
    except Exception as exc:  # edge: every failure becomes a Finnish message, never a traceback
        print(f"Virhe: {finnish_message(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    if source is not None:
        with source:
            return run_jsonl(answer, read_lines(source), out)
    if args.chat:
        return run_chat(answer, out=out)
    return run_single(answer, args.question, as_json=args.json, out=out)


def _utf8_stdout() -> TextIO:
    """Standard output as UTF-8 whatever the locale (LC_ALL=C, fi_FI.ISO-8859-15…): JSON is always UTF-8."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if callable(reconfigure):
        reconfigure(encoding="utf-8", errors="strict")
    return sys.stdout


def _load_answerer() -> Callable[..., Answer]:
    from assistant.service import Assistant  # heavy imports only after argument parsing

    assistant = Assistant(build_missing_index=True, notify=lambda text: print(text, file=sys.stderr))
    return assistant.answer


def run_single(answer: Callable[[str], Answer], question: str, as_json: bool, out: TextIO) -> int:
    try:
        result = answer(question)
    except (EmptyQuestion, QuestionTooLong) as exc:
        _report_error(question, exc, as_json, out)
        return EXIT_BAD_INPUT
    except Exception as exc:  # edge: any failure (index, corpus, assistant) becomes a Finnish message
        _report_error(question, exc, as_json, out)
        return EXIT_FAILURE
    if as_json:
        out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    else:
        out.write(format_for_person(result) + "\n")
    return EXIT_OK


def run_jsonl(answer: Callable[..., Answer], lines: Iterable[bytes | str | LineError], out: TextIO) -> int:
    """One JSON object per input line, in order; a bad line yields an error object and the run goes on.

    A line that is a JSON object with a "conversation" id is answered with the state the previous line of that
    conversation left (`answer(question, conversation=state)`); its output carries "conversation_id".
    """
    status = EXIT_OK
    states: dict[str, object] = {}  # conversation id -> the state its last answer carried
    for line in lines:
        if isinstance(line, str):  # already decoded (by a text stream, surrogateescape keeps bad bytes)
            line = line.removesuffix("\n").removesuffix("\r").encode("utf-8", "surrogateescape")
        parsed = parse_line(line) if isinstance(line, bytes) else line
        request = parse_request(parsed) if isinstance(parsed, str) else parsed
        if isinstance(request, LineError):
            payload, status = error_object(request.text, request.error), EXIT_BAD_INPUT
        else:
            try:
                payload = _answer_line(answer, request, states)
            except (EmptyQuestion, QuestionTooLong) as exc:
                payload = error_object(request.question, exc)
                status = EXIT_BAD_INPUT
            except Exception as exc:  # one failing line must not stop the batch
                payload = error_object(request.question, exc)
                status = status or EXIT_FAILURE
            if request.conversation is not None:
                payload["conversation_id"] = request.conversation
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        out.flush()
    return status


def _answer_line(answer: Callable[..., Answer], request: QuestionLine, states: dict[str, object]) -> dict[str, object]:
    """A plain line is answered alone, exactly as ever; a conversation's line with its conversation's state."""
    if request.conversation is None:
        return answer(request.question).to_json()
    result = answer(request.question, conversation=states.get(request.conversation))
    states[request.conversation] = result.conversation
    return result.to_json()


def error_object(question: str, error: Exception) -> dict[str, object]:
    """The error line of `--json`/`--jsonl`: the question (printable), a Finnish message and the error type."""
    return {"question": printable(question[:200]), "error": finnish_message(error), "error_type": type(error).__name__}


def printable(text: str) -> str:
    """Text that encodes as UTF-8: undecodable bytes and lone surrogates become U+FFFD."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _report_error(question: str, error: Exception, as_json: bool, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(error_object(question, error), ensure_ascii=False) + "\n")
    else:
        print(finnish_message(error), file=sys.stderr)
