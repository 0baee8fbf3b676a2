"""The extractive composer: picks the best evidence sentences and writes a short cited Finnish answer.

Pure: evidence in, `Answer` out. It only ever quotes the repaired plan text, so it cannot state a
number or a name that is not in its cited evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from assistant.types import Answer, Citation
from assistant.text.passages import Candidate

MAX_SENTENCES = 3
MAX_ANSWER_CHARS = 700
SUPPORT_RATIO = 0.6  # a further sentence must score at least this share of the best one

PLAN_COVERS_FI = (
    "Käyttösuunnitelma kertoo hyvinvointilautakunnan palvelualueista (hyvinvoinnin ja terveyden edistäminen, "
    "opetus- ja koulutuspalvelut, varhaiskasvatus sekä virikkeellinen elämä: kirjasto, museo, liikunta ja nuoriso), "
    "toimintaympäristön muutoksista, vuoden 2024 painopisteistä, talousarviosta ja taloussuunnitelmasta "
    "vuosille 2022–2026, investoinneista sekä palvelualueiden tavoitteista ja niiden vastuuhenkilöistä."
)


@dataclass(frozen=True)
class Selection:
    """The sentences chosen for an answer, in citation order."""

    sentences: tuple[Candidate, ...]


def select_sentences(candidates: Sequence[Candidate]) -> Selection:
    """The best sentence, plus up to two more that add question words or continue it."""
    if not candidates:
        return Selection(())
    best = candidates[0]
    chosen = [best]
    covered = set(best.matched)
    for candidate in candidates[1:]:
        if len(chosen) == MAX_SENTENCES:
            break
        quoted = {c.text for c in chosen} | {c.context for c in chosen if c.context}
        if candidate.text in quoted or candidate.score < SUPPORT_RATIO * best.score:
            continue
        if candidate.context in quoted:
            candidate = replace(candidate, context="", context_start=0)
        adds_terms = bool(set(candidate.matched) - covered)
        adjacent = any(
            c.chunk.section_id == candidate.chunk.section_id and abs(c.lines.start - candidate.lines.start) <= 3
            for c in chosen
        )
        if not (adds_terms or adjacent):
            continue
        if sum(len(c.text) for c in chosen) + len(candidate.text) > MAX_ANSWER_CHARS:
            continue
        chosen.append(candidate)
        covered |= set(candidate.matched)
    # Read in document order within the answer; the best sentence's section comes first.
    chosen.sort(key=lambda c: (c.chunk.section_id != best.chunk.section_id, c.chunk.doc_id, c.lines.start))
    return Selection(tuple(chosen))


def compose_text_answer(question: str, selection: Selection, retrieved_ids: tuple[str, ...] = ()) -> Answer:
    """A short Finnish answer quoting the selected sentences, one numbered citation per section."""
    citations: list[Citation] = []
    parts: list[str] = []
    for candidate in selection.sentences:
        existing = next((c for c in citations if c.section_id == candidate.chunk.section_id), None)
        lines = candidate.quote_lines
        if existing is None:
            existing = Citation(
                n=len(citations) + 1,
                section_id=candidate.chunk.section_id,
                section=candidate.chunk.section_path_text,
                quote=candidate.quote,
                lines=(lines.start, lines.end),
            )
            citations.append(existing)
        else:
            merged = Citation(
                n=existing.n,
                section_id=existing.section_id,
                section=existing.section,
                quote=f"{existing.quote} … {candidate.quote}",
                lines=(min(existing.lines[0], lines.start), max(existing.lines[1], lines.end)),
            )
            citations[existing.n - 1] = merged
        parts.append(f"{candidate.quote} [{existing.n}]")
    lead = "Käyttösuunnitelman mukaan:" if parts else ""
    return Answer(
        question=question,
        kind="text",
        answer=" ".join([lead, *parts]).strip(),
        citations=tuple(citations),
        retrieved_ids=retrieved_ids,
    )


def compose_not_found(question: str, reason: str = "", retrieved_ids: tuple[str, ...] = ()) -> Answer:
    """A helpful Finnish 'not in the plan' answer that says what the plan does cover."""
    opening = "Tähän kysymykseen ei löydy vastausta käyttösuunnitelmasta."
    text = " ".join(part for part in (opening, reason, PLAN_COVERS_FI) if part)
    return Answer(question=question, kind="not_found", answer=text, retrieved_ids=retrieved_ids)
