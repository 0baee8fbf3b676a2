"""Splitting a question with several asks into its parts, each a question of its own.

A new ask starts after a question mark with more text behind it, at "entä", and at a joining word or a comma
("ja", "sekä", "mutta") that a question word follows ("paljonko …, ja kuka vastaa …"). "varhaiskasvatuksen ja
koulujen menot" is one ask: no question word follows "ja". A part that leans on the one before is completed
from it: "entä 2025?" takes the previous ask with its years replaced, and with a `slot_kind` (e.g.
`FigureTool.slot_kind`) also an area or row ("entä opetuksen?"), and "sen", "siitä" take what the previous
ask named. A part without a word of its own about a topic is never split off.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.language.analysis import QuestionAnalysis, Word, question_frame
from assistant.language.matching import find_terms
from assistant.language.operations import operation_words
from corpus.text import fold

SlotKind = Callable[[str], str | None]  # folded word -> "area" | "row" | … | None
_YEAR = re.compile(r"(?:\b(?:tp|ta|ts)\s*-?\s*)?\b(?:19|20)\d\d\b(?:\s*(?:-|–|—)\s*(?:19|20)?\d\d\b)?", re.IGNORECASE)


@dataclass(frozen=True)
class _Span:
    start: int  # word indices, end exclusive
    end: int
    leading: int = 0  # words at the start that only join ("ja", "entä")


def split_question(analysis: QuestionAnalysis, slot_kind: SlotKind | None = None) -> tuple[str, ...]:
    """The asks of a question in order (one element when it is a single ask)."""
    words = analysis.words
    if not words:
        return (analysis.text,)
    spans = _spans(analysis)
    if len(spans) == 1:
        return (analysis.text.strip(),)
    parts: list[str] = []
    previous: _Span | None = None
    for span in spans:
        text = _text(analysis, span)
        if previous is not None:
            text = _complete(analysis, previous, span, text, slot_kind)
        parts.append(text)
        previous = span if _has_own_frame(analysis, span) or previous is None else previous
    return tuple(parts)


def _kinds(words: tuple[Word, ...]) -> list[str]:
    """Each word's role in joining asks: join, next_ask, refer_back or ''."""
    terms = operation_words().asks
    kinds = [""] * len(words)
    for index, word in enumerate(words):
        found = find_terms((word.folded,), terms)
        if found:
            kinds[index] = found[0].value
    return kinds


def _starts_ask(words: tuple[Word, ...], index: int) -> bool:
    """Whether a question word (or a leading -ko verb) stands at `index`."""
    if index >= len(words):
        return False
    frame, frame_words = question_frame(words[index : index + 2])
    return frame != "statement" and bool(frame_words) and frame_words[0] == words[index].text


def _spans(analysis: QuestionAnalysis) -> list[_Span]:
    words, text = analysis.words, analysis.text
    kinds = _kinds(words)
    cuts: list[tuple[int, int]] = []  # (index where the new ask starts, words that only join)
    for index in range(1, len(words)):
        between = text[words[index - 1].end : words[index].start]
        if "?" in between:
            cuts.append((index, 1 if kinds[index] in ("join", "next_ask") else 0))
        elif kinds[index] == "next_ask":
            cuts.append((index, 1))
        elif kinds[index] == "join" and _starts_ask(words, index + 1):
            cuts.append((index, 1))
        elif ("," in between and _starts_ask(words, index) and not _correlative(words[index - 1])
              and _asks(words[cuts[-1][0] if cuts else 0 : index])):
            cuts.append((index, 0))  # "X, kuka vastaa?" with no ask in X: X is the topic, one question
    spans: list[_Span] = []
    start, leading = 0, 0
    for cut, joining in cuts:  # a cut stands only where both sides say something of their own
        if _has_content(words[start + leading : cut]) and _has_content(words[cut + joining :]):
            spans.append(_Span(start, cut, leading))
            start, leading = cut, joining
    spans.append(_Span(start, len(words), leading))
    return spans


def _correlative(word: Word) -> bool:
    """A pronoun before the comma that the question word's clause completes: "muutoksia siihen, miten …" is one
    ask whose object is the clause."""
    return word.reading.function and bool(set(word.lemmas) & {"se", "tama"})


def _asks(words: tuple[Word, ...]) -> bool:
    """Whether the words ask something of their own (a question word or a -ko verb), besides naming a topic."""
    return _has_content(words) and question_frame(words)[0] != "statement"


def _has_content(words: tuple[Word, ...]) -> bool:
    return any(word.content or word.number for word in words)


def _has_own_frame(analysis: QuestionAnalysis, span: _Span) -> bool:
    words = analysis.words[span.start + span.leading : span.end]
    return question_frame(words)[0] != "statement"


def _text(analysis: QuestionAnalysis, span: _Span) -> str:
    words = analysis.words
    first = words[span.start + span.leading] if span.start + span.leading < span.end else words[span.start]
    end = words[span.end - 1].end
    tail = analysis.text[end : words[span.end].start if span.end < len(words) else len(analysis.text)]
    text = analysis.text[first.start : end] + ("?" if "?" in tail or analysis.text.rstrip().endswith("?") else "")
    return text[:1].upper() + text[1:]


def _complete(analysis: QuestionAnalysis, previous: _Span, span: _Span, text: str, slot_kind: SlotKind | None) -> str:
    """A part that leans on the previous ask, written out whole."""
    words = analysis.words
    own = words[span.start + span.leading : span.end]
    before = _text(analysis, previous)
    if not _has_own_frame(analysis, span) or _only_slots(own, slot_kind):  # "entä 2025?", "ja millä vähiten?"
        replaced = _replace_slots(before, own, slot_kind)
        if replaced and _keeps_operations(replaced, own, slot_kind):
            return replaced
        if not _has_own_frame(analysis, span):
            return replaced or text
    return _resolve_pronouns(text, own, words[previous.start : previous.end], slot_kind)


def _keeps_operations(replaced: str, own: tuple[Word, ...], slot_kind: SlotKind | None) -> bool:
    """Whether every operation the part names is still asked by the rewritten previous ask ("ja kuinka paljon ne
    kasvavat 2026" is no lookup of 2026: its change word has nothing to replace)."""
    if slot_kind is None:
        return True
    asked = {slot_kind(fold(word)) for word in re.findall(r"[^\W\d_]+", replaced)}
    return all(kind in asked for word in own if (kind := slot_kind(word.folded)) is not None and kind.startswith("op:"))


def _only_slots(own: tuple[Word, ...], slot_kind: SlotKind | None) -> bool:
    """Every content word of the part only changes a slot of the previous ask (a year, an order word), none names
    an area or a row of its own."""
    if slot_kind is None:
        return False
    kinds = [slot_kind(word.folded) for word in own if word.content]
    return all(kind is not None and kind.startswith("op:") for kind in kinds)


def _replace_slots(before: str, own: tuple[Word, ...], slot_kind: SlotKind | None) -> str:
    """The previous ask with its years (and areas and rows, given slot kinds) replaced by this part's."""
    result = before
    changed = False
    own_text = " ".join(word.text for word in own)
    years = _YEAR.findall(own_text)
    if years and not _YEAR.search(result):  # the previous ask named no year: this part adds one
        result = result.rstrip("?").rstrip() + " " + " ja ".join(years) + ("?" if result.endswith("?") else "")
        changed = True
    elif years:
        first = True

        def swap(match: re.Match[str]) -> str:
            nonlocal first
            if first:
                first = False
                return " ja ".join(years)
            return ""

        result = re.sub(r"\s{2,}", " ", _YEAR.sub(swap, result)).replace(" ?", "?")
        changed = True
    if slot_kind is not None:
        for word in own:
            kind = slot_kind(word.folded)
            if kind is None:
                continue
            for old in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", result):
                if slot_kind(old.lower()) == kind and old.lower() != word.text.lower():
                    result = re.sub(rf"\b{re.escape(old)}\b", word.text, result, count=1)
                    changed = True
                    break
    return result if changed else ""


CHANGE_KINDS = frozenset({"op:change", "op:percent"})  # slot kinds fold rising and falling into "change"


def _from_earlier_year(text: str, own: tuple[Word, ...], before: tuple[Word, ...], slot_kind: SlotKind | None) -> str:
    """'… ja paljonko ne muuttuvat 2026 mennessä' after an ask about 2024: the change is from the earlier ask's
    year, so the part says so ("(vuodesta 2024)"), not from the year before 2026."""
    if slot_kind is None or not any(slot_kind(word.folded) in CHANGE_KINDS for word in own):
        return text
    years = [int(match.group()) for word in own if (match := _YEAR.fullmatch(word.text))]
    earlier = [int(match.group()) for word in before if (match := _YEAR.fullmatch(word.text))]
    if len(years) != 1 or not earlier or max(earlier) >= years[0]:
        return text
    end = "?" if text.endswith("?") else ""
    return f"{text.rstrip('?').rstrip()} (vuodesta {max(earlier)}){end}"


def _resolve_pronouns(text: str, own: tuple[Word, ...], before: tuple[Word, ...], slot_kind: SlotKind | None) -> str:
    """'kuka vastaa siitä' after 'paljonko varhaiskasvatus maksaa': the pronoun is followed by what it stands for
    (the previous ask's words from its first to its last area or row word), 'silloin' by its years."""
    kinds = _kinds(own)
    text = _from_earlier_year(text, own, before, slot_kind)
    if "refer_time" in kinds:
        years = [match.group() for word in before if (match := _YEAR.fullmatch(word.text))]
        if years:
            when = own[kinds.index("refer_time")].text
            text = re.sub(rf"\b{re.escape(when)}\b", " ja ".join(years), text, count=1)
    if slot_kind is None or "refer_back" not in kinds:
        return text
    slots = [i for i, word in enumerate(before) if slot_kind(word.folded) in ("area", "row")]
    if not slots:
        return text
    antecedent = " ".join(word.text for word in before[slots[0] : slots[-1] + 1])
    pronoun = own[kinds.index("refer_back")].text
    return re.sub(rf"\b{re.escape(pronoun)}\b", f"{pronoun} ({antecedent})", text, count=1)
