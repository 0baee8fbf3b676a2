"""`python -m assistant ask --chat`: a conversation in the terminal, with line editing and history (readline)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from assistant.cli_format import format_for_person
from assistant.messages_fi import finnish_message
from assistant.types import Answer

NEW = (":uusi", ":u")
QUIT = (":lopeta", ":q", ":exit")
PROMPT = "kysy> "
HISTORY_LENGTH = 500
GREETING = (
    "Kysy hyvinvointilautakunnan käyttösuunnitelmasta. Voit jatkaa edellisestä (”entä 2025?”, ”kuka siitä vastaa?”).\n"
    f"{NEW[0]} aloittaa uuden keskustelun, {QUIT[0]} (tai Ctrl-D) lopettaa."
)


def history_path() -> Path:
    """Where the questions asked are remembered between sessions (XDG state folder)."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "kayttosuunnitelma" / "chat_history"


def run_chat(answer: Callable[..., Answer], read: Callable[[str], str] = input, out: TextIO | None = None,
             history: Path | None = None) -> int:
    """Ask, answer, ask again with the state the answer carried, until :lopeta or end of input."""
    out = out or sys.stdout
    saved = _open_history(history or history_path()) if read is input else None
    out.write(GREETING + "\n")
    state: Any = None
    try:
        while True:
            try:
                line = read(PROMPT).strip()
            except (EOFError, KeyboardInterrupt):
                out.write("\n")
                break
            if not line:
                continue
            if line.lower() in QUIT:
                break
            if line.lower() in NEW:
                state = None
                out.write("Uusi keskustelu: aiemmat kysymykset on unohdettu.\n")
                continue
            try:
                result = answer(line, conversation=state)
            except Exception as exc:  # edge: a Finnish message, and the conversation goes on as it was
                out.write(f"Virhe: {finnish_message(exc)}\n")
                continue
            state = result.conversation
            out.write(format_for_person(result) + "\n\n")
    finally:
        if saved is not None:
            _save_history(saved)
    return 0


def _open_history(path: Path) -> Path | None:
    try:
        import readline
    except ImportError:  # no readline (Windows): plain input still works
        return None
    readline.set_history_length(HISTORY_LENGTH)
    try:
        readline.read_history_file(path)
    except OSError:
        pass  # no history yet
    return path


def _save_history(path: Path) -> None:
    import readline

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(path)
    except OSError:
        pass  # history is a convenience: a read-only home must not fail the session
