"""Parsing a Finnish question into a typed figure query, or saying why it is not one or cannot exist.

The parser is corpus-free: it knows the plan's vocabulary, years and columns. Whether a table really
has a row for an area is checked later against the cells (assistant.tools.figures.execute) and reported as not_found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.routing.legacy_cues import QUANTITY, RECEIVE, SIGNAL_TERMS, SPEND_VERB, route
from assistant.language.vocabulary import (
    BOARD,
    BUDGET,
    COST_ROWS,
    COSTS,
    INVESTMENTS,
    KIND_BY_YEAR,
    NET,
    PLAN_YEAR,
    PLAN_YEARS,
    REVENUE,
    REVENUE_ROWS,
    SPEND,
    Mention,
    Term,
    YearMention,
    find_areas,
    find_items,
    find_kinds,
    find_outside,
    find_terms,
    find_years,
    tokenize,
    year_range_requested,
)
from corpus.records import Column

Operation = Literal["lookup", "change", "ranking", "sum", "share"]


@dataclass(frozen=True)
class AreaNote:
    """A sub-service the question named that the plan reports only as part of an area (Kirjasto → VIRE)."""

    name: str
    area: str
    plural: bool = False


@dataclass(frozen=True)
class FigureQuery:
    """What figure a question asks for, in the plan's terms."""

    operation: Operation
    areas: tuple[str, ...]  # area codes; (BOARD,) when the question names none
    items: tuple[str, ...]  # canonical rows or concepts (vocabulary.COSTS, …), in question order
    columns: tuple[Column, ...]  # the asked columns; a change goes from the first to the last
    investments: bool = False  # the investments table was asked for
    descending: bool = True  # ranking: largest first
    rank_scope: Literal["areas", "items"] = "areas"
    by_change: bool = False  # ranking of changes between two columns
    decrease: bool = False  # the question speaks of falling amounts ("vähenee eniten")
    by_percent: bool = False  # the question asks for percentages
    notes: tuple[AreaNote, ...] = ()
    area_defaulted: bool = False  # no area named: the whole board
    column_defaulted: bool = False  # no year named: the plan year


@dataclass(frozen=True)
class NotFigure:
    """The question is not about a figure (route it elsewhere)."""

    reason: str


@dataclass(frozen=True)
class Impossible:
    """A figure that cannot exist in the plan; `reason` is a code, `values` what was asked."""

    reason: Literal["year_outside_plan", "outside_board", "no_such_column", "personal_salary", "price", "not_itemised"]
    values: tuple[str, ...]


ParseResult = FigureQuery | NotFigure | Impossible


def _t(value: str, *patterns: str, exclude: tuple[str, ...] = ()) -> Term:
    return Term(value, tuple(patterns), exclude=exclude)


RANK = "rank"
RANK_LOW = "rank_low"
COMPARE = "compare"
CHANGE = "change"
SUM = "sum"
AREA_WORD = "area_word"
ROW_WORD = "row_word"
PERCENT = "percent"
SHARE = "share"
DECREASE = "decrease"

OPERATION_TERMS: tuple[Term, ...] = (
    _t(RANK, "=eniten|suurin|suurimmat|suurimman|suurimpana|suurimpia|suurimpien|suurimmalla|suurimmalle"),
    _t(RANK, "=kallein|kalleimmat|kalleimman|kalleimpana|korkein|korkeimmat|korkeimman|isoin|isoimmat|isoimman"),
    _t(RANK, "*jarjesty"),
    _t(RANK, "jarjest"),
    _t(RANK, "=suurimmasta|enimmat|enimman"),
    _t(RANK_LOW, "=vahiten|pienin|pienimmat|pienimman|pienimpana|halvin|halvimmat|halvimman|matalin|alhaisin"),
    _t(RANK_LOW, "=pienimmalla|pienimmalle|vahaisin|vahaisimmat"),
    _t(COMPARE, "=enemman|vahemman|suurempi|suuremmat|pienempi|pienemmat|kumpi|kummalla|kummalle|kumman|kummassa"),
    _t(COMPARE, "=isompi|isommat|korkeampi|korkeammat|matalampi|kalliimpi|halvempi|vertaile|vertailu|vertaa"),
    _t(CHANGE, "muutos"),
    _t(CHANGE, "muuttu"),
    _t(CHANGE, "=muuttuu|muuttuvat|muuttui|muuttuivat|muutokset|muutosta|muutoksen"),
    _t(CHANGE, "kasva"),
    _t(CHANGE, "kasvo"),
    _t(CHANGE, "kasvu"),
    _t(CHANGE, "nous"),
    _t(CHANGE, "lisaanty"),
    _t(CHANGE, "=lisaantyy|lisaantyvat|lisaantyi|lisaantyivat"),
    _t(CHANGE, "vahene"),
    _t(CHANGE, "vaheni"),
    _t(CHANGE, "vahenty"),
    _t(CHANGE, "laske", exclude=("laskelm", "laskettu", "laskea", "laskettun")),
    _t(CHANGE, "=laski|laskivat|lasku|laskua|laskun|laskevat|laskee|laskenut|laskeneet"),
    _t(CHANGE, "pienene"),
    _t(CHANGE, "pieneni"),
    _t(CHANGE, "suurene"),
    _t(CHANGE, "suureni"),
    _t(CHANGE, "=ero|eroa|eron|erotus|erotusta|eroaa|eroavat"),
    _t(CHANGE, "verrattu"),
    _t(CHANGE, "=verraten|verrattaessa|vs|versus"),
    _t(CHANGE, "kehity"),
    _t(CHANGE, "kehitty"),
    _t(CHANGE, "=heikkenee|heikkenevat|paranee|paranevat|kohenee"),
    _t(PERCENT, "prosent"),
    _t(SHARE, "=osuus|osuuden|osuutta|osuudet|osuus|osa|osan|osaa|prosenttiosuus|prosenttiosuuden|osuudeksi"),
    _t(SUM, "yhteen"),
    _t(SUM, "=yhteensa|summa|summan|summaa|kaikkiaan|kokonaissumma|yhdessa|yht"),
    _t(AREA_WORD, "*palvelualue"),
    _t(AREA_WORD, "*palvelualuei"),
    _t(ROW_WORD, "*kulueri"),
    _t(ROW_WORD, "*kuluera"),
    _t(ROW_WORD, "*menoera"),
    _t(ROW_WORD, "*menoeri"),
    _t(ROW_WORD, "=rivi|rivit|erat|era|menolaji|kululaji|kulula|kuluryhma"),
)

# Matched apart from OPERATION_TERMS: a word such as "vähenee" is both a change and a decrease.
DECREASE_TERMS: tuple[Term, ...] = (
    _t(DECREASE, "vahene"),
    _t(DECREASE, "vaheni"),
    _t(DECREASE, "vahenty"),
    _t(DECREASE, "pienene"),
    _t(DECREASE, "pieneni"),
    _t(DECREASE, "=laski|laskivat|laskevat|laskee|laskenut|laskeneet|heikkenee|heikkenevat|lasku|laskua"),
)


# Things narrower than a table row: the plan has no separate figure for them (never answer with the area's).
SPECIFIC = "specific"
SPECIFIC_TERMS: tuple[Term, ...] = tuple(
    _t(SPECIFIC, "*" + stem)
    for stem in (
        "remont", "peruskorja", "korjau", "saneera", "rakennu", "rakentam", "rakennetaan", "hanke", "hankkee",
        "ruokailu", "ruoka", "ateri", "siivou", "kiinteisto", "vuokra", "sahko", "lammity", "kuljetu", "koulukyyd",
        "laitteisiin", "laitteet", "tietokonee", "tabletti", "kalust", "kirjahankin", "kokoelm", "leiri", "tapahtum",
        "festivaal", "konsert", "nayttely", "skeitti", "pukutil", "pinnoit", "valaistu", "kunnossapi", "vahtimestar",
        "kentan", "kentta", "lahiliikuntapaik", "kirjastoauto", "seikkailukesku", "bandikamp",
    )
) + (_t(SPECIFIC, "=kohden|kohti|per|yksi|yhden|yhta|yhdelle|kappale|kpl|lasta|oppilasta|asukasta|asukas"),)
_KNOWN_PROPER = ("heinola", "hyte", "vaka", "opkou", "vire", "ta", "tp", "ts", "eur", "elam", "suomi", "suome")


def _specific_words(question: str, tokens: tuple[str, ...], known: set[str]) -> tuple[str, ...]:
    """Words naming something narrower than a table row: a project, a unit by name, a per-head figure."""
    found = [m.words for m in find_terms(tokens, SPECIFIC_TERMS)]
    words = question.split()
    for word in words[1:]:  # a capitalised word inside the sentence is a name ("Rainion päiväkoti")
        bare = word.strip("?!.,:;()\"'”“")
        folded = tokenize(bare)
        if bare[:1].isupper() and folded and not any(f in known or f.startswith(_KNOWN_PROPER) for f in folded):
            found.append(bare)
    return tuple(dict.fromkeys(found))


def parse_figure_query(question: str) -> ParseResult:
    """Parse one question; never raises (arbitrary text gives NotFigure)."""
    try:
        return _parse(question)
    except Exception as exc:  # a parser must not take the answer down
        return NotFigure(f"parser error: {type(exc).__name__}")


def _parse(question: str) -> ParseResult:
    routed = route(question)
    outside = find_outside(question)
    item_mentions = find_items(question)
    item_values = [m.value for m in item_mentions]
    tokens = tokenize(question)
    cues = {m.value for terms in (OPERATION_TERMS, SIGNAL_TERMS, DECREASE_TERMS) for m in find_terms(tokens, terms)}
    figure_like = routed.kind == "figure" or (routed.kind == "not_found" and "money" in routed.signals)
    if not figure_like:
        return NotFigure(f"routed to {routed.kind}")
    if routed.reason in ("personal_salary", "price"):
        return Impossible(routed.reason, ())  # type: ignore[arg-type]
    if outside:
        return Impossible("outside_board", tuple(dict.fromkeys(m.value for m in outside)))
    years = find_years(question)
    bad = [str(y.year) for y in years if y.year not in PLAN_YEARS]
    if bad:
        return Impossible("year_outside_plan", tuple(dict.fromkeys(bad)))

    investments = INVESTMENTS in item_values
    items = [value for value in dict.fromkeys(item_values) if value != INVESTMENTS]
    if (SPEND in items and BUDGET in items) or (items == [BUDGET] and SPEND_VERB in cues):
        # "rahaa menee", "käytetään rahaa": money spent is the costs
        items = list(dict.fromkeys(COSTS if item in (SPEND, BUDGET) else item for item in items))
    for vague in (SPEND, BUDGET):
        if vague in items and len(items) > 1:
            items.remove(vague)  # "budjetoidut henkilöstökulut", "palkkoihin menee": the row is what was asked
    items = _named_rows_win([COSTS if item == SPEND else item for item in items])
    labelled = any(year.kind for year in years)  # "TA 2025" alone asks for the column's figures
    if not items:
        if not (investments or labelled or cues & {QUANTITY, SPEND_VERB, RECEIVE}):
            return NotFigure("no line item or money word")
        items = [COSTS] if investments or SPEND_VERB in cues else [BUDGET]

    area_mentions = find_areas(question)
    known = {word for m in (*area_mentions, *item_mentions) for word in m.words.split()}
    specific = _specific_words(question, tokens, known)
    if specific:
        return Impossible("not_itemised", specific)
    areas = list(dict.fromkeys(m.value for m in area_mentions))
    if BOARD in areas and len(areas) > 1:
        areas.remove(BOARD)  # "hyvinvointilautakunnan varhaiskasvatus" means the area
    area_defaulted = not areas
    if area_defaulted and any(token.startswith(("kaupung", "kaupunk", "heinola")) for token in tokens):
        return Impossible("outside_board", ("koko kaupunki",))  # the town's budget, not this board's
    if area_defaulted:
        areas = [BOARD]
    notes = _notes(area_mentions)

    columns, impossible = _columns(question, years)
    if impossible:
        return impossible
    column_defaulted = not years and not find_kinds(question)

    operation, rank_scope, by_change = _operation(cues, areas, columns, area_defaulted, items)
    if operation == "change":
        columns = _change_columns(columns) if len(columns) < 2 else sorted(columns)
    if operation in ("share",) or (operation == "ranking" and not by_change):
        columns = columns[:1]
    if operation == "ranking" and by_change:
        columns = _change_columns(columns) if len(columns) < 2 else sorted(columns)
    if operation in ("lookup", "sum") and year_range_requested(question) and len(columns) == 2:
        first, last = sorted(c.year for c in columns)
        columns = [_column(year) for year in range(first, last + 1)]
    return FigureQuery(
        operation=operation,
        areas=tuple(areas),
        items=tuple(items),
        columns=tuple(columns),
        investments=investments,
        descending=RANK_LOW not in cues,
        rank_scope=rank_scope,
        by_change=by_change,
        decrease=DECREASE in cues,
        by_percent=PERCENT in cues,
        notes=notes,
        area_defaulted=area_defaulted,
        column_defaulted=column_defaulted,
    )


# The rows each concept stands for: a row the question names wins over its concept ("tuotti myyntituottoja").
CONCEPT_ROWS: dict[str, frozenset[str]] = {
    REVENUE: frozenset((*REVENUE_ROWS, "Toimintatuotot", "Tulot", "Rahoitustuotot ja -kulut")),
    COSTS: frozenset((*COST_ROWS, "Toimintakulut", "Menot", "Rahoitustuotot ja -kulut", "Poistot ja arvonalentumiset")),
    NET: frozenset(("Toimintakate", "Vuosikate", "Tilikauden tulos", "Netto")),
}


def _named_rows_win(items: list[str]) -> list[str]:
    """Drop a concept (tulot, kulut, netto) when the question also names one of its rows."""
    named = set(items)
    return [item for item in items if not CONCEPT_ROWS.get(item, frozenset()) & named]


def _operation(
    cues: set[str], areas: list[str], columns: list[Column], area_defaulted: bool, items: list[str]
) -> tuple[Operation, Literal["areas", "items"], bool]:
    ranks = bool(cues & {RANK, RANK_LOW})
    changes = CHANGE in cues or PERCENT in cues
    named_areas = 0 if area_defaulted else len(areas)
    if SHARE in cues and named_areas and BOARD not in areas and not ranks:
        return "share", "areas", False  # "kuinka suuri osa toimialan menoista on varhaiskasvatusta"
    if ranks:
        specific_row = any(not item.startswith("@") for item in items)
        if ROW_WORD in cues or (named_areas == 1 and AREA_WORD not in cues and not specific_row):
            return "ranking", "items", False
        return "ranking", "areas", changes
    if COMPARE in cues and named_areas >= 2 and len(columns) <= 1:
        return "ranking", "areas", False
    if changes and named_areas >= 2 and len(columns) <= 1 and CHANGE in cues and not (cues & {PERCENT}):
        return "ranking", "areas", False  # "ero opetuksen ja varhaiskasvatuksen välillä"
    if changes or (COMPARE in cues and len(columns) >= 2):
        return "change", "areas", False
    if SUM in cues and (len(areas) > 1 or len(columns) > 1 or len(items) > 1):
        return "sum", "areas", False
    return "lookup", "areas", False


def _columns(question: str, years: tuple[YearMention, ...]) -> tuple[list[Column], Impossible | None]:
    kinds = find_kinds(question)
    absolute = [y for y in years if not y.relative]
    resolved: list[YearMention] = []
    for mention in years:
        if mention.relative and absolute and mention.offset in (-1, 1):
            # "edellisvuoteen verrattuna" next to an explicit year is relative to that year
            anchor = absolute[0].year
            resolved.append(YearMention(anchor + mention.offset, offset=mention.offset))
        else:
            resolved.append(mention)
    columns: list[Column] = []
    for mention in resolved:
        if mention.year not in PLAN_YEARS:
            return [], Impossible("year_outside_plan", (str(mention.year),))
        natural = KIND_BY_YEAR[mention.year]
        kind = mention.kind or natural
        if mention.kind is None and "TP" in kinds and len(kinds) == 1:
            kind = "TP"  # "tilinpäätös 2024": only a closed year has one
        if kind != natural:
            return [], Impossible("no_such_column", (f"{kind} {mention.year}",))
        column = Column(year=mention.year, kind=kind)  # type: ignore[arg-type]
        if column not in columns:
            columns.append(column)
    if not columns:
        columns = [Column(year=2022, kind="TP")] if kinds == ("TP",) else [_column(PLAN_YEAR)]
    return columns, None


def _change_columns(columns: list[Column]) -> list[Column]:
    """A change with one year or none: from the year before (the plan year when none)."""
    year = columns[0].year if columns else PLAN_YEAR
    if year - 1 in PLAN_YEARS:
        return [_column(year - 1), _column(year)]
    return [_column(year), _column(year + 1)]


def _column(year: int) -> Column:
    return Column(year=year, kind=KIND_BY_YEAR[year])  # type: ignore[arg-type]


def _notes(mentions: tuple[Mention, ...]) -> tuple[AreaNote, ...]:
    notes = [AreaNote(m.note, m.value, m.plural) for m in mentions if m.note]
    return tuple(dict.fromkeys(notes))


def candidate_rows(value: str, area: str, investments: bool) -> tuple[str, ...]:
    """The table rows a row or concept can mean for an area, in order of preference.

    The board's approved budget (talousarvio) has rows Tulot/Menot/Netto; the income statements have
    Toimintatuotot/Toimintakulut/Toimintakate; the investments table has Menot/Netto.
    """
    board = area == BOARD
    if investments:
        return {COSTS: ("Menot",), NET: ("Netto",), REVENUE: ("Tulot",), BUDGET: ("Menot",)}.get(value, (value,))
    if value == COSTS:
        return ("Menot", "Toimintakulut") if board else ("Toimintakulut",)
    if value == REVENUE:
        return ("Tulot", "Toimintatuotot") if board else ("Toimintatuotot",)
    if value == NET:
        return ("Netto", "Toimintakate") if board else ("Toimintakate",)
    if value == BUDGET:
        return ("Menot", "Tulot", "Netto") if board else ("Toimintakulut", "Toimintatuotot", "Toimintakate")
    return (value,)
