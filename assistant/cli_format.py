"""An answer as a person reads it in a terminal (the `ask` command and the chat)."""

from __future__ import annotations

from assistant.types import Answer


def format_for_person(answer: Answer) -> str:
    """The answer followed by its numbered citations, for a terminal."""
    lines = [answer.answer]
    if answer.citations:
        lines.append("")
        lines.append("Lähteet:")
        for citation in answer.citations:
            lines.append(f"[{citation.n}] {citation.section} (rivit {citation.lines[0]}–{citation.lines[1]})")
            lines.append(f"    \u201c{citation.quote}\u201d")
    return "\n".join(lines)
