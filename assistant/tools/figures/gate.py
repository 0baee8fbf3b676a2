"""Parse step 2: is the question about the budget tables at all, and can the plan have the figure it asks for.

A figure question names a row or a budget concept (or a column such as "TA 2024", or euros). Who/why questions
go elsewhere unless they rank figures ("kuka saa eniten rahaa"). A figure the plan cannot have is said so:
a year outside its columns, a column kind the year lacks ("TP 2024"), another body's or the whole town's money.
"""

from __future__ import annotations

from assistant.tools.figures.leftovers import named_units
from assistant.tools.figures.mentions import Found, Mentions
from assistant.tools.figures.plan import Plan
from assistant.tools.figures.query import Impossible
from corpus.lexicon import BUDGET, INVESTMENTS, SPEND

RANKING_WORDS = ("most", "least", "order")
COMPARING_WORDS = ("more", "less")
PARTITIVE = "osanto"  # Voikko's name of the case
PLACE_OR_TIME_WORDS = ("along_years", "along_areas", *RANKING_WORDS)
TOWN = "koko kaupunki"
NO_ROW = "no row, concept or column named"  # the town's own budget, as a not-this-board answer names it
ONLY_BUDGET_WORD = "only a budget or investments word"


def not_figure(mentions: Mentions) -> str:
    """Why the question is not a figure question ('' when it is one)."""
    analysis = mentions.analysis
    rows = mentions.of("row")
    # a typo'd concept word, or a spending verb that also means something else ("mihin eskari menee": goes),
    # names the tables only with support (a year, "paljonko", an operation)
    strong = [row for row in rows if not (row.typo and row.concept) and not _spending_verb(mentions, row)]
    # ranking or comparing says an amount is meant ("kumpi maksaa enemmän": costs, not what something costs to do)
    supported = (
        bool(analysis.years) or analysis.frame in ("amount", "count") or asks_price(mentions)
        or mentions.op("spend", "sum", *RANKING_WORDS, *COMPARING_WORDS)
    )
    labelled = any(year.kind for year in analysis.years)  # "TA 2025" alone asks for that column's figures
    euros = "€" in analysis.text
    row_groups = mentions.op("cost_rows", "revenue_rows")  # "kuluerät": an area's cost rows
    asks_money = bool(strong) or (bool(rows) and supported) or labelled or euros or row_groups
    if not asks_money and mentions.op("spend", "cut") and (mentions.of("area") or analysis.frame == "amount"):
        asks_money = True  # "paljonko varhaiskasvatukseen käytetään": spending is the costs
    if not asks_money:
        return NO_ROW
    if analysis.frame == "why":
        return "asks why"
    if mentions.op("membership") and analysis.frame in ("yesno", "what") and not euros:
        return "asks what something includes"  # "kuuluvatko X:n määrärahat Y:hyn": told in prose
    if analysis.frame in ("who", "whose", "whom", "when", "clock", "where") and not mentions.op(*PLACE_OR_TIME_WORDS):
        return f"asks {analysis.frame}"
    if analysis.frame == "how" and not (mentions.ops - {"neutral", "spend"}) and not analysis.years:
        return "asks how"  # "miten oppimateriaalit suhteutetaan": a manner, not a figure (unless "miten X kehittyy")
    if analysis.frame == "count" and not mentions.op("percent") and not strong:
        return "asks a count"
    vague = {row.value for row in strong} <= {BUDGET, INVESTMENTS}
    if vague and not (supported or labelled or euros or mentions.of("area")):
        return ONLY_BUDGET_WORD  # "mitä investointeja suunnitelmassa on": told in prose
    return ""


def asks_amount(mentions: Mentions) -> bool:
    """An amount is asked for ("paljonko", "kuinka paljon", a year, euros), whatever it is of."""
    analysis = mentions.analysis
    return analysis.frame == "amount" or bool(analysis.years) or "€" in analysis.text or mentions.op("spend")


def impossible(mentions: Mentions, plan: Plan) -> Impossible | None:
    """The reason the plan cannot have the figure, or None."""
    outside = mentions.of("outside")
    if outside:
        return Impossible("outside_board", tuple(dict.fromkeys(item.value for item in outside)))
    years = [year.year for year in mentions.analysis.years]
    bad = [str(year) for year in years if plan.column_of_year(year) is None]
    if bad:
        return Impossible("year_outside_plan", tuple(dict.fromkeys(bad)))
    for year in mentions.analysis.years:
        column = plan.column_of_year(year.year)
        if year.kind and column is not None and year.kind != column.kind:
            return Impossible("no_such_column", (f"{year.kind} {year.year}",))
    kinds = {item.value for item in mentions.of("column_kind")}
    if len(kinds) == 1 and years and not any(year.kind for year in mentions.analysis.years):
        (kind,) = kinds
        wrong = [y for y in years if (c := plan.column_of_year(y)) is not None and c.kind != kind]
        if wrong and len(years) == 1:  # "tilinpäätös 2024": only a closed year has one
            return Impossible("no_such_column", (f"{kind} {wrong[0]}",))
    if mentions.op("town") and not (mentions.of("area") or named_units(mentions, plan)):
        return Impossible("outside_board", (TOWN,))  # (a unit of the plan is the board's: "maksaa kaupungille")
    return None


def asks_price(mentions: Mentions) -> bool:
    """'mitä X maksaa': the partitive 'mitä' as the object of a verb of spending asks what it costs."""
    analysis = mentions.analysis
    asked = [word for word in analysis.words if word.text in analysis.frame_words]
    partitive = analysis.frame == "what" and any(PARTITIVE in word.reading.form.cases for word in asked)
    return partitive and any(_spending_verb(mentions, row) for row in mentions.of("row"))


def _spending_verb(mentions: Mentions, row: Found) -> bool:
    """A row mention that is only a verb of spending ("menee", "kuluu", "maksaa")."""
    words = {mentions.word_of_token[token] for token in range(row.start, row.end)}
    return row.value == SPEND and all(mentions.analysis.words[index].verb for index in words)
