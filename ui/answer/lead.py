"""The answer's first line and what follows it: the assistant's own `headline` when it gives one, else
derived from today's answer text (the first line or sentence), with the rest split into body and notes.

A single budget figure gets a plain sentence ("Varhaiskasvatus: toimintakulut ovat vuoden 2024
talousarviossa 8 409 500 €."): costs are stated as positive euros there, because the plan's minus sign
would read as a negative expense; the printed, signed value stays in the details and the source card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.types import Answer, FigureRef
from corpus.records import Column
from ui import texts
from ui.labels import Labels, euros
from ui.signs import is_cost

MARKER = re.compile(r"\s*\[\d+\]")
# Lines of a figure answer after the figures: the table names, then notes on units, signs and readings.
TABLES_LINE = "Taulukot:"
LIST_LINE = re.compile(r"^\s*(\d+\.|[–-])\s")
# A sentence ends at ". " (or a citation marker) before a capital letter; "1.8.2024" never ends one.
SENTENCE_END = re.compile(r"(?:[.!?](?:\s*\[\d+\])*|\[\d+\])(?=\s+[A-ZÅÄÖ\"”])")


@dataclass(frozen=True)
class Lead:
    """The answer split for reading: the first line, what stays visible, and what is folded away."""

    headline: str
    body: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    reading: str = ""
    positive_costs: bool = False  # the headline states a printed negative cost as positive euros


def answer_lead(answer: Answer, labels: Labels = Labels()) -> Lead:
    """The lead of `answer`: the assistant's fields when present, else derived from its text."""
    first, body, notes = _split(answer)
    positive = False
    sentence = ""
    if answer.kind == "figure" and len(answer.figures) == 1:
        figure = answer.figures[0]
        sentence = figure_sentence(figure, labels)
        if sentence:  # with the citation numbers of the line that prints the figure
            numbers = dict.fromkeys(m.strip() for line in (first, *body) for m in MARKER.findall(line))
            # a caveat the assistant puts before the figure ("Lukio kuuluu palvelualueeseen …") stays before it
            caveats = tuple(line for line in body[: next((i for i, line in enumerate(body) if MARKER.search(line)), 0)])
            body = body[len(caveats):]
            first = " ".join((*caveats, sentence + (" " + " ".join(numbers) if numbers else "")))
            positive = isinstance(figure.value, int) and figure.value < 0 and is_cost(figure.item)
    # One printed figure reads best as the plain sentence; otherwise the assistant's own headline leads.
    given = "" if sentence else str(getattr(answer, "headline", "") or "")
    headline = given or first
    if given:  # the assistant's headline may already say what the text's next lines say: never twice
        kept = _not_in(body, given)
        if not MARKER.search(given):  # keep the citation numbers of what the headline now says
            dropped = " ".join((first, *body)).replace(" ".join(kept), "")
            markers = list(dict.fromkeys(m.strip() for m in MARKER.findall(dropped)))
            headline = f"{given} {' '.join(markers)}".strip()
        body = kept
    given_notes = tuple(str(note) for note in (getattr(answer, "notes", ()) or ()))
    # The assistant's reading line: `interpretation.text` ("Tulkinta: …"), or a plain `reading` string.
    reading = str(getattr(getattr(answer, "interpretation", None), "text", "") or getattr(answer, "reading", "") or "")
    if reading.startswith(f"{texts.READING_LABEL}:"):
        reading = reading.split(":", 1)[1].strip()
    positive = positive and not given
    suggestions = tuple(getattr(answer, "suggestions", ()) or ())
    if suggestions:  # offered as buttons below the answer: not listed in its text as well
        body = tuple(line for line in body if not _offers(line, suggestions))
    return Lead(headline=headline, body=body, notes=given_notes or notes, reading=reading, positive_costs=positive)


def _offers(line: str, suggestions: tuple[str, ...]) -> bool:
    """A line of the answer that lists one of its suggestions ("– Paljonko …?", "2. Paljonko …?") or introduces them."""
    return LIST_LINE.sub("", line, count=1).strip() in suggestions or line.strip() == texts.CLARIFY_TITLE


def figure_sentence(figure: FigureRef, labels: Labels = Labels()) -> str:
    """One printed figure as a sentence residents read at once ('' for computed figures and percentages)."""
    try:
        column = Column.parse(figure.column)
    except ValueError:
        return ""
    if figure.unit != "€" or not isinstance(figure.value, int):
        return ""
    item = figure.item if figure.item[:2].isupper() else figure.item[:1].lower() + figure.item[1:]
    verb = "ovat" if _plural(figure.item) else "on"
    where = texts.COLUMN_PHRASES[column.kind].format(year=column.year)
    lead = f"{labels.area(figure.area)}: {item} {verb} {where}"
    if figure.value < 0 and is_cost(figure.item):
        return f"{lead} {euros(-figure.value)}."
    if figure.value < 0:
        return f"{lead} {euros(figure.value)} {texts.NET_NEGATIVE}."
    return f"{lead} {euros(figure.value)}."


def first_sentence(text: str) -> tuple[str, str]:
    """(the first sentence with its citation markers, the rest)."""
    match = SENTENCE_END.search(text)
    if not match:
        return text.strip(), ""
    return text[: match.end()].strip(), text[match.end() :].strip()


def _split(answer: Answer) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    text = answer.answer.strip()
    resolved = str(getattr(answer, "resolved_question", "") or "")
    if resolved and text.startswith(f"{texts.RESOLVED_LABEL}: {resolved}"):  # shown on its own above the answer
        text = text[len(f"{texts.RESOLVED_LABEL}: {resolved}"):].strip()
    if answer.kind == "figure":
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        if not lines:
            return "", (), ()
        cut = next((i for i, line in enumerate(lines) if line.startswith(TABLES_LINE)), len(lines))
        main, notes = lines[:cut], lines[cut:]
        return main[0], tuple(main[1:]), tuple(notes)
    if answer.kind == "text":
        first, rest = first_sentence(" ".join(text.split()))
        return first, ((rest,) if rest else ()), ()
    if answer.kind == "not_found":
        first, rest = first_sentence(" ".join(text.split()))
        return first, (), ((rest,) if rest else ())
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return (lines[0] if lines else ""), tuple(lines[1:]), ()


def _not_in(lines: tuple[str, ...], headline: str) -> tuple[str, ...]:
    """`lines` without the sentences the headline already holds (citation markers and spacing ignored)."""
    said = _plain(headline)
    kept = []
    for line in lines:
        if LIST_LINE.match(line):  # a numbered or dashed item is one line: "2." is no sentence of its own
            if _plain(line) not in said:
                kept.append(line)
            continue
        sentences, rest = [], line
        while rest:
            sentence, rest = first_sentence(rest)
            if _plain(sentence) and _plain(sentence) not in said:
                sentences.append(sentence)
        if sentences:
            kept.append(" ".join(sentences))
    return tuple(kept)


def _plain(text: str) -> str:
    return " ".join(MARKER.sub("", text).split()).rstrip(".").lower()


def _plural(item: str) -> bool:
    # Finnish plural nominatives end in -t ("Toimintakulut", "Poistot ja arvonalentumiset").
    return item.rstrip().lower().endswith("t")
