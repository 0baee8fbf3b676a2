"""The extractive composer: the sentence that answers first, then what continues it, each cited; and the short
"not in the plan" answer. Pure: evidence in, `Answer` out; it only quotes the plan, so it cannot state a number
or a name that is not in its cited evidence."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.text.evidence import Evidence
from assistant.types import Answer, Citation, Interpretation
from corpus.store import Corpus
from corpus.units import SemanticUnit

MAX_EXTRA = 1  # at most one more sentence from elsewhere, when it adds what the best one lacks
EXTRA_RATIO = 0.85  # and scores nearly as well
MAX_ANSWER_CHARS = 700
SAME_SECTION = 3  # sentences of the best one's section quoted at most, when they score nearly as well as it
SAME_SECTION_RATIO = 0.8  # (the plan says several things of what was asked: "mitä liikuntatoimi tekee")


def select_evidence(evidence: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """The best evidence, plus a near-equal sentence that covers question words the best one misses, and near-equal
    sentences of the best one's section."""
    if not evidence:
        return ()
    best = evidence[0]
    chosen = [best]
    quoted = {unit.id for unit in best.quoted}
    covered = set(best.coverage.matched)
    for candidate in evidence[1:]:
        if len(chosen) > MAX_EXTRA:
            break
        if candidate.unit.id in quoted or candidate.score < EXTRA_RATIO * best.score:
            continue
        if not set(candidate.coverage.matched) - covered:
            continue
        if _quoted_length(chosen) + len(candidate.unit.text) > MAX_ANSWER_CHARS:
            continue
        chosen.append(candidate)
        quoted |= {unit.id for unit in candidate.quoted}
        covered |= set(candidate.coverage.matched)
    return tuple(chosen) + _same_section(evidence, chosen, quoted)


def _same_section(evidence: Sequence[Evidence], chosen: Sequence[Evidence], quoted: set[str]) -> tuple[Evidence, ...]:
    """Sentences of the best one's section that score nearly as well as it, up to SAME_SECTION in all."""
    best = chosen[0]
    taken = list(chosen)
    seen = set(quoted)
    for candidate in evidence[1:]:
        if len(taken) >= SAME_SECTION:
            break
        if candidate.unit.id in seen or candidate.unit.section_key != best.unit.section_key:
            continue
        if candidate.score < SAME_SECTION_RATIO * best.score or _quoted_length(taken) + len(candidate.unit.text) > MAX_ANSWER_CHARS:
            continue
        taken.append(candidate)
        seen |= {unit.id for unit in candidate.quoted}
    return tuple(taken[len(chosen):])


def _quoted_length(evidence: Sequence[Evidence]) -> int:
    return sum(len(unit.text) for item in evidence for unit in item.quoted)


def compose_text_answer(question: str, evidence: Sequence[Evidence], corpus: Corpus, frame: str = "") -> Answer:
    """The chosen sentences quoted in order of relevance (each with its neighbours in document order), one
    numbered citation per section."""
    citations: list[Citation] = []
    parts: list[str] = []
    for item in evidence:
        units = item.quoted
        text = " ".join(unit.text for unit in units)
        doc_id, section_id = item.unit.doc_id, item.unit.section_id
        existing = next((c for c in citations if (c.doc_id, c.section_id) == (doc_id, section_id)), None)
        lines = (min(u.lines.start for u in units), max(u.lines.end for u in units))
        if existing is None:
            path = corpus.section(section_id, doc_id).path_text
            existing = Citation(len(citations) + 1, section_id, path, text, lines, doc_id)
            citations.append(existing)
        else:
            citations[existing.n - 1] = Citation(
                existing.n, section_id, existing.section, f"{existing.quote} … {text}",
                (min(existing.lines[0], lines[0]), max(existing.lines[1], lines[1])), doc_id,
            )
        parts.append(f"{text} [{existing.n}]")
    sections = tuple(dict.fromkeys(item.unit.section_id for item in evidence))
    places = dict.fromkeys((item.unit.doc_id, item.unit.section_id) for item in evidence)
    reading = Interpretation(
        route="text",
        frame=frame,
        text="Tulkinta: " + "; ".join(corpus.section(s, doc_id).path_text for doc_id, s in places),
        sections=sections,
    )
    headline = " ".join(unit.text for unit in evidence[0].quoted) if evidence else ""
    return Answer(
        question=question,
        kind="text",
        answer=" ".join(parts),
        citations=tuple(citations),
        retrieved_ids=sections,
        headline=headline,
        interpretation=reading,
    )


def compose_not_found(
    question: str,
    why: str,
    topics: Sequence[str] = (),
    reason: str = "no_evidence",
    frame: str = "",
    retrieved_ids: tuple[str, ...] = (),
) -> Answer:
    """One sentence why the plan does not answer, then at most three topics it does cover near the question."""
    headline = f"Tähän ei löydy vastausta käyttösuunnitelmasta: {why}" if why else "Tähän ei löydy vastausta käyttösuunnitelmasta."
    topics = tuple(dict.fromkeys(topics))[:3]
    text = headline if not topics else f"{headline}\nLähimmät aiheet, joista suunnitelma kertoo: {'; '.join(topics)}."
    return Answer(
        question=question,
        kind="not_found",
        answer=text,
        retrieved_ids=retrieved_ids,
        headline=headline,
        interpretation=Interpretation(route="not_found", frame=frame, text=f"Tulkinta: ei suunnitelmassa ({reason})", reason=reason),
        suggestions=topics,
    )


def nearest_topics(units: Sequence[SemanticUnit], scores: Sequence[float], corpus: Corpus, limit: int = 3) -> tuple[str, ...]:
    """The sections whose sentences come nearest the question (by meaning), as short titles."""
    best: dict[str, float] = {}
    for unit, score in zip(units, scores, strict=True):
        best[unit.section_key] = max(best.get(unit.section_key, -1.0), float(score))
    ranked = sorted(best, key=lambda key: -best[key])[:limit]
    return tuple(" › ".join(corpus.section(key).path[-2:]) for key in ranked)
