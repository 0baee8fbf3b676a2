"""One answer from the answers to each part of a multi-part question: numbered parts, citations renumbered.

Every part appears, in the order asked; a part the plan cannot answer says so in its own place, so no part is
ever dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.types import Answer, Citation, Interpretation

_MARK = re.compile(r"\[(\d+)\]")
DECLINED = "Tähän osaan ei löydy vastausta käyttösuunnitelmasta."
UNSETTLED = "Tähän osaan tarvitaan tarkennus."


def compose_parts(question: str, parts: Sequence[Answer]) -> Answer:
    """A "multi" answer: each part numbered with its question, its own answer, and one citation list."""
    if len(parts) == 1:
        return parts[0]
    citations: list[Citation] = []
    renumbered: list[Answer] = []
    blocks: list[str] = [f"Kysymyksessä on {len(parts)} osaa."]
    for number, part in enumerate(parts, start=1):
        mapping: dict[int, int] = {}
        own: list[Citation] = []
        for citation in part.citations:
            mapping[citation.n] = len(citations) + 1
            own.append(replace(citation, n=len(citations) + 1))
            citations.append(own[-1])
        text = _renumbered(part.answer, mapping)
        status = DECLINED if part.kind == "not_found" else UNSETTLED if part.kind == "clarify" else ""
        blocks.append("\n".join(line for line in (f"{number}. {part.question}", status, text) if line))
        renumbered.append(replace(part, answer=text, citations=tuple(own)))
    headline = " ".join(f"{n}) {part.headline or _first_line(part.answer)}" for n, part in enumerate(parts, start=1))
    readings = [part.interpretation.text for part in parts if part.interpretation and part.interpretation.text]
    return Answer(
        question=question,
        kind="multi",
        answer="\n\n".join(blocks),
        citations=tuple(citations),
        figures=tuple(figure for part in parts for figure in part.figures),
        owners=tuple(dict.fromkeys(owner for part in parts for owner in part.owners)),
        retrieved_ids=tuple(dict.fromkeys(s for part in parts for s in part.retrieved_ids)),
        headline=headline,
        interpretation=Interpretation(route="multi", text=" | ".join(readings),
                                      operation=",".join(p.interpretation.operation for p in parts if p.interpretation)),
        notes=tuple(dict.fromkeys(note for part in parts for note in part.notes)),
        suggestions=tuple(dict.fromkeys(s for part in parts for s in part.suggestions)),
        parts=tuple(renumbered),
        not_itemised=tuple(dict.fromkeys(n for part in parts for n in part.not_itemised)),
    )


def _renumbered(text: str, mapping: dict[int, int]) -> str:
    """`text` with each citation mark [n] renumbered by `mapping` (marks it does not map are kept)."""
    return _MARK.sub(lambda m: f"[{mapping.get(int(m.group(1)), int(m.group(1)))}]", text)


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""
