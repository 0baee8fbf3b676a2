"""Parse step 5: which operation the question asks for, along which dimension, in which order.

Decided from the operation words (language data) and from the shape of what was named: a comparison word with
two areas or two rows in one column is a difference, with one thing in two columns a change; "osuus" or a
percentage without a change word is a share; "eniten" ranks areas, or an area's rows when one area is named
and only a concept ("mihin varhaiskasvatus käyttää eniten"), or the columns ("minä vuonna").
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.language.analysis import QuestionAnalysis
from assistant.tools.figures.columns import ColumnsRead
from assistant.tools.figures.mentions import Found, Mentions
from assistant.tools.figures.query import Along, Measure, Operation, Order
from assistant.tools.figures.targets import TargetsRead

CHANGE_WORDS = ("change", "change_up", "change_down", "cut")
COMPARE_WORDS = ("difference", "more", "less", "which_of_two", "than", "versus")
RANK_WORDS = ("most", "least", "order")
NEGATION_CLASS = "kieltosana"


@dataclass(frozen=True)
class Choice:
    """The operation and how it runs."""

    operation: Operation
    along: Along = ""
    order: Order = "desc"
    top: int | None = None
    nth: bool = False  # ranking: the question asks for place `top` alone ("kolmanneksi suurin")
    measure: Measure = "amount"
    negated: bool = False
    words: str = ""  # the question words that set it


def negated(mentions: Mentions) -> bool:
    """A negation word (Voikko's class kieltosana: ei, eivät, eikö) or 'ilman'."""
    return any(NEGATION_CLASS in word.reading.form.classes for word in mentions.analysis.words) or mentions.op("negation")


def choose(mentions: Mentions, targets: TargetsRead, columns: ColumnsRead) -> Choice:
    """The operation a question asks for."""
    n_rows, n_areas, n_columns = len(targets.rows), len(targets.areas), len(columns.named)
    ops = mentions.ops
    words = " ".join(item.words for item in mentions.found if item.kind == "op" and item.value not in ("neutral", "spend"))
    changes = bool(ops & set(CHANGE_WORDS))
    # "kumpi kasvaa enemmän, opetus vai vaka": which of the two named changes more is a ranking of them by change
    ranks = bool(ops & set(RANK_WORDS)) or (changes and "which_of_two" in ops and n_areas >= 2)
    compares = bool(ops & set(COMPARE_WORDS))
    if "identity" in ops and n_rows:
        return Choice("identity", words=words)
    if _without(mentions) and n_rows >= 2 and n_columns <= 1:  # "toimintakulut ilman henkilöstökuluja": A − B
        return Choice("difference", along="rows", words=words)
    if _asks_existence(mentions) and not (ranks or changes or compares or ops & {"sum", "average", "share", "trend"}):
        # which areas: a word for areas, or several named; one area or none ("investoitiinko 2022?"): that one
        along: Along = "areas" if (n_areas >= 2 or ops & {"along_areas", "each_area"}) else ""
        return Choice("existence", along=along, negated=negated(mentions), words=words)
    if "share" in ops or ("percent" in ops and not changes and not ranks and "trend" not in ops):
        return Choice("share", words=words)
    if ranks:
        return _ranking(mentions, targets, changes, words)
    if compares and n_columns <= 1 and (n_rows >= 2 or n_areas >= 2):
        return Choice("difference", along="rows" if n_rows >= 2 else "areas", words=words)
    if compares and n_columns <= 1 and ops & {"more", "less", "which_of_two", "difference"} and not changes:
        return Choice("difference", along="areas" if n_areas else "rows", words=words)  # the other side is missing
    if "trend" in ops or ("each_year" in ops and not ops & {"sum", "average"}):
        return Choice("trend", along="columns", words=words)
    if changes or (compares and n_columns >= 2):
        return Choice("change", along="columns", words=words)
    if "average" in ops:
        # over the areas when a word for areas says so, or several are named with one year ("vakan ja opkoun menot
        # keskimäärin 2024"); else over the years
        by_area = ops & {"along_areas", "each_area"} or (n_areas >= 2 and n_columns == 1)
        along = "areas" if by_area and n_columns <= 1 else "columns"
        return Choice("average", along=along, words=words)
    if "sum" in ops:
        return Choice("sum", words=words)
    if "along_rows" in ops and mentions.analysis.frame in ("what", "where") and n_areas <= 1:
        # "mihin varhaiskasvatuksen menot menevät": what the figure is made of, its parts largest first
        return Choice("ranking", along="rows", words=words)
    return Choice("lookup", words=words)


def _without(mentions: Mentions) -> bool:
    """'ilman' and no negation verb: one row less another, not a row that is missing."""
    return mentions.op("negation") and not any(NEGATION_CLASS in w.reading.form.classes for w in mentions.analysis.words)


def _asks_existence(mentions: Mentions) -> bool:
    """'millä palvelualueella ei ole …', 'onko … lainkaan …', 'onko X:llä Y:tä?'."""
    if negated(mentions) or mentions.op("existence"):
        return True
    analysis = mentions.analysis
    others = ("sum", "average", "share", "trend", "percent", *CHANGE_WORDS, *COMPARE_WORDS, *RANK_WORDS)
    if analysis.frame == "yesno":  # "onko X:llä Y:tä?", "investoitiinko 2022 mitään?"
        return not mentions.op(*others)
    if analysis.frame == "what" and mentions.op("along_areas", "each_area") and not mentions.op(*others):
        return _asks_which_areas(analysis)  # "millä palvelualueilla on vuosikate-rivi"
    return False


def _asks_which_areas(analysis: QuestionAnalysis) -> bool:
    """The question word asks where, in the adessive or inessive ("millä", "missä"), or which ("mitkä …")."""
    word = next((w for w in analysis.words if w.text == analysis.frame_words[0]), None) if analysis.frame_words else None
    return word is not None and bool(set(word.reading.form.cases) & {"ulkoolento", "sisaolento"})


def _ranking(mentions: Mentions, targets: TargetsRead, changes: bool, words: str) -> Choice:
    ops = mentions.ops
    first = mentions.first_op("most", "least") or mentions.first_op("more", "less")
    ascending = first is not None and first.value in ("least", "less")
    measure: Measure = "amount"
    if changes:
        measure = "percent" if "percent" in ops else "change"
        down = mentions.first_op("change_down", "cut") is not None and mentions.first_op("change_up") is None
        ascending = ascending != down  # "vähenee eniten": the most negative change first
    specific_row = any(not item.concept for item in targets.rows)
    if "along_years" in ops or (first is not None and _year_ranked(mentions, first)):
        along: Along = "columns"
    elif ops & {"along_rows", "cost_rows", "revenue_rows"} and not ops & {"along_areas", "each_area"}:  # "isoin kuluerä"
        along = "rows"
    elif len(targets.areas) == 1 and not ops & {"along_areas", "each_area"} and not specific_row:
        along = "rows"
    else:
        along = "areas"
    numbers = [int(item.value) for item in mentions.of("number")]
    places = [int(item.value) for item in mentions.of("ordinal")]
    top = places[0] if places else numbers[0] if numbers else _digit_top(mentions)
    return Choice("ranking", along=along, order="asc" if ascending else "desc", top=top, measure=measure, words=words,
                  nth=bool(places))


def _year_ranked(mentions: Mentions, superlative: Found) -> bool:
    """'kallein vuosi', 'suurin vuosi': the superlative's noun is the year itself."""
    if superlative.end >= len(mentions.tokens):
        return False
    word = mentions.analysis.words[mentions.word_of_token[superlative.end]]
    # the noun ranked is in the nominative ("kallein vuosi"); "eniten vuonna 2025" names the year of the figures
    return "vuosi" in word.lemmas and (not word.reading.form.cases or "nimento" in word.reading.form.cases)


def _digit_top(mentions: Mentions) -> int | None:
    """'3 suurinta': a small number that is not a year."""
    for word in mentions.analysis.words:
        if word.folded.isdigit() and 1 < int(word.folded) < 10:
            return int(word.folded)
    return None
