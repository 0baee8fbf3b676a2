"""Reading a question as a figure query: the parse steps composed, each a small function of its own module.

    mentions  → gate (figure at all? possible?) → columns → targets → operation → assemble → leftovers → check

`FigureReader.read` never raises: a failure inside a step reads as NotFigure, so the router can go on.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.language.analysis import QuestionAnalysis
from assistant.language.operations import OperationWords, operation_words
from assistant.tools.figures.assemble import Context, assemble
from assistant.tools.figures.columns import read_columns
from assistant.tools.figures.gate import NO_ROW, ONLY_BUDGET_WORD, asks_amount, asks_price, impossible, not_figure
from assistant.tools.figures.leftovers import Narrower, area_telling, genitive, narrower_things
from assistant.tools.figures.mentions import Found, MentionFinder, Mentions
from assistant.tools.figures.operation import Choice, choose
from assistant.tools.figures.plan import Plan
from assistant.tools.figures.projects import project_asked
from assistant.tools.figures.query import FigureQuery, FigureReading, Impossible, NotFigure, Unsettled
from assistant.tools.figures.targets import TargetsRead, parts_of, read_targets
from corpus.lexicon import BUDGET, COSTS, INVESTMENTS, NET, REVENUE, SPEND

# Operations that report which areas lack a row instead of refusing the question.
REPORTS_MISSING = ("ranking", "existence")
OVER_ALL_AREAS = ("lookup", "sum", "average", "trend", "change")


class FigureReader:
    """Reads questions against one plan (terms built once)."""

    def __init__(self, plan: Plan, words: OperationWords | None = None) -> None:
        self.plan = plan
        self.words = words or operation_words()
        self.finder = MentionFinder(plan, self.words)

    def read(self, analysis: QuestionAnalysis) -> FigureReading:
        """The reading of one analysed question; never raises."""
        try:
            return self._read(analysis)
        except Exception as exc:  # a parser must not take the answer down
            return NotFigure(f"parser error: {type(exc).__name__}: {exc}")

    def _read(self, analysis: QuestionAnalysis) -> FigureReading:
        mentions = _without_excluded_investments(self.finder.find(analysis))
        reason = not_figure(mentions)
        # "paljonko se kasvaa?": a figure question without its figure (a reason asked is none: "miksi X vähenee")
        if reason == NO_ROW and analysis.frame != "why" and _only_operation(mentions):
            return self._which_row(mentions)
        if reason == ONLY_BUDGET_WORD and self._priced_things(mentions):
            reason = ""  # "skeittipaikan rakentamisen hinta": the price of a thing the tables do not itemise
        if reason and not (mentions.of("outside") and asks_amount(mentions)):
            return NotFigure(reason)
        refused = impossible(mentions, self.plan)
        if refused is not None:
            return refused
        columns = read_columns(mentions, self.plan)
        targets = read_targets(mentions, self.plan)
        choice = choose(mentions, targets, columns)
        inside = _set_against_own_area(mentions)
        if inside and _compares_areas(choice, targets):
            # "kumpi saa enemmän, kirjasto vai museo": both are one area's total, which answers no comparison of them
            return Impossible("not_itemised", inside, None)
        context = Context(mentions, targets, columns, choice, self.plan)
        project = project_asked(analysis, self.plan.projects)
        if project is not None:  # "paljonko kirjaston uudistaminen maksaa": the board's investments, labelled so
            return Impossible("not_itemised", (project.name,), _settled(assemble(_board_investments(context))))
        result = assemble(context)
        if isinstance(result, Impossible):
            return result
        if _asks_unitemised_parts(mentions, result, self.plan):
            return NotFigure("asks what a row is made of, which the tables do not itemise")  # told in prose
        narrower = narrower_things(mentions, self.plan, self.words, self.finder.names_area_or_row)
        if narrower and _about_something_else(narrower, mentions, targets):
            return NotFigure("content words the tables do not cover: " + ", ".join(t.name for t in narrower))
        if narrower:
            return self._not_itemised(narrower, context, result)
        if targets.investments is not None and isinstance(result, FigureQuery) and any(
            area != self.plan.board for area in result.areas
        ):  # the plan shows investments only for the whole board
            board = _with_areas(context, (self.plan.board,))
            return Impossible("not_itemised", (_investments_of(result, self.plan),), _settled(assemble(board)))
        return result if isinstance(result, Unsettled) else check_exists(result, self.plan)

    def units_asked(self, analysis: QuestionAnalysis) -> tuple[str, ...]:
        """The plan's named units (its gazetteer) a question asks an amount or money of ("paljonko tommola-talon vuokra
        on", "onko aschanin talolle rahaa"): the tables have no figure of their own; () when it asks neither."""
        try:
            mentions = self.finder.find(analysis)
        except Exception:  # a parser must not take the answer down
            return ()
        if not (analysis.frame == "amount" or mentions.of("row") or "€" in analysis.text):
            return ()
        narrower = narrower_things(mentions, self.plan, self.words, self.finder.names_area_or_row)
        return tuple(dict.fromkeys(thing.name for thing in narrower if thing.kind == "unit"))

    def _priced_things(self, mentions: Mentions) -> bool:
        """Whether a money word is asked of a thing the tables do not cover, named in the genitive before it."""
        narrower = narrower_things(mentions, self.plan, self.words, self.finder.names_area_or_row)
        return bool(narrower) and _whose_figure(narrower, mentions, read_targets(mentions, self.plan))

    def _which_row(self, mentions: Mentions) -> Unsettled:
        """The operation on each headline figure of the board, as complete questions to choose from."""
        columns = read_columns(mentions, self.plan)
        suggestions: list[FigureQuery] = []
        missing = ["rivi"]
        for concept in HEADLINE_CONCEPTS:
            targets = replace(read_targets(mentions, self.plan), rows=(Found("row", concept, 0, 0, ""),))
            choice = choose(mentions, targets, columns)
            if choice.operation == "lookup" and mentions.op("versus", "difference"):  # "vertaa näitä kahta vuotta"
                choice = Choice("change", along="columns")
            result = assemble(Context(mentions, targets, columns, choice, self.plan))
            if isinstance(result, Unsettled):
                missing += [name for name in result.missing if name not in missing]
                suggestions.extend(result.suggestions[:1])
            elif isinstance(result, FigureQuery):
                suggestions.append(result)
        return Unsettled(tuple(missing), tuple(suggestions))

    def _not_itemised(self, narrower: tuple[Narrower, ...], context: Context, result: FigureQuery | Unsettled) -> Impossible:
        """Narrower than a row: the plan has no figure of its own; the area's figure is offered, labelled as such."""
        fallback = result if isinstance(result, FigureQuery) else None  # an unsettled reading is no figure to offer
        # the unit's area: the gazetteer's, or for a word of the prose the one area that tells of it ("bändikämppä")
        told = [thing.area or (area_telling(thing.name, self.plan) if thing.kind == "word" else None) for thing in narrower]
        units = tuple(dict.fromkeys(area for area in told if area))
        if units and not context.targets.areas:  # "paljonko tommola-talo maksaa": the unit's area
            fallback = _settled(assemble(_with_areas(context, units)))
        if fallback is not None and check_exists(fallback, self.plan) is not fallback:
            fallback = None
        names = [thing.name for thing in narrower]  # "liikuntapaikkojen kunnossapito": its genitive is no second thing
        named = tuple(dict.fromkeys(name for name in names if not any(other.startswith(f"{name} ") for other in names)))
        return Impossible("not_itemised", named, fallback)


FIGURE_OPERATIONS = frozenset({
    "change", "change_up", "change_down", "cut", "trend", "sum", "average", "share", "percent", "difference", "more", "less",
    "which_of_two", "versus", "most", "least", "order",
})
HEADLINE_CONCEPTS = (COSTS, REVENUE, NET)


def _compares_areas(choice: Choice, targets: TargetsRead) -> bool:
    """An operation that sets the things named against each other (a difference, a ranking over areas, a share of
    one row: "kirjaston osuus virikkeellisen elämän menoista"; a share of one row in another compares rows)."""
    if choice.operation == "share":
        return len(targets.rows) <= 1
    return choice.operation == "difference" or (choice.operation == "ranking" and choice.along == "areas")


def _set_against_own_area(mentions: Mentions) -> tuple[str, ...]:
    """The sub-services the question names beside another thing of the same area (another of its sub-services, or
    the area itself): a comparison of them has only the area's one figure to go on."""
    named: dict[str, set[str]] = {}
    areas = mentions.of("area")
    for item in areas:
        if not item.note and any(other.value == item.value and other.note and other.start == item.end for other in areas):
            continue  # "varhaiskasvatuksen päiväkodit": the area's sub-service, one thing
        named.setdefault(item.value, set()).add(item.note)
    return tuple(sorted(note for notes in named.values() if len(notes) > 1 for note in notes if note))


def _asks_unitemised_parts(mentions: Mentions, result: FigureReading, plan: Plan) -> bool:
    """'mihin investoinnit menevät?': which things a figure goes to, for a row the tables give no parts of (the
    answer is in the prose; its total would answer another question)."""
    if not isinstance(result, FigureQuery) or result.operation != "lookup" or mentions.analysis.frame == "amount":
        return False
    if not mentions.op("along_rows") or mentions.op("most", "least"):
        return False
    return not any(parts_of(plan, area, row) for area in result.areas for row in result.rows)


def _without_excluded_investments(mentions: Mentions) -> Mentions:
    """'menot ilman investointeja': the investments are a table of their own, so the figure asked is the other
    one as it stands; the investments and the 'ilman' before them say nothing more to the reading. (Two rows of one table,
    'toimintakulut ilman henkilöstökuluja', stay: that is one less the other.)"""
    without = next((item for item in mentions.found if item.kind == "op" and item.value == "negation"), None)
    if without is None:
        return mentions
    after = next((item for item in mentions.found if item.start == without.end), None)
    others = [item for item in mentions.of("row") if item is not after]
    if after is None or after.kind != "row" or after.value != INVESTMENTS or not others:
        return mentions
    neutral = {id(after), id(without)}  # still accounted for: nothing left over, nothing read
    return replace(mentions, found=tuple(
        replace(item, kind="op", value="neutral") if id(item) in neutral else item for item in mentions.found
    ))


def _only_operation(mentions: Mentions) -> bool:
    """Only operation words, pronouns and years: 'paljonko se kasvaa', 'vertaa näitä kahta vuotta'."""
    if not mentions.ops & FIGURE_OPERATIONS or mentions.of("area") or mentions.of("outside"):
        return False
    covered = {mentions.word_of_token[i] for i in mentions.covered}
    words = mentions.analysis.words
    return all(i in covered or not word.content for i, word in enumerate(words))


def _about_something_else(narrower: tuple[Narrower, ...], mentions: Mentions, targets: TargetsRead) -> bool:
    """Ordinary words the tables do not cover, in a question that does not ask for an amount ("onko … riittävästi
    väkeä ja rahaa", "mitä kaikkea hyten rahoilla katetaan"): a question for the text, not a narrower figure —
    unless the word says whose figure it is ("skeittihallin kulut")."""
    if any(thing.kind != "word" for thing in narrower) or _whose_figure(narrower, mentions, targets):
        return False
    frame = mentions.analysis.frame
    if frame in ("amount", "count") or asks_price(mentions):  # "mitä bändikämppä maksaa": its price
        return False
    vague = all(item.value in (BUDGET, SPEND, COSTS) and not item.elative for item in targets.rows) and (
        targets.investments is None)
    return frame == "yesno" or vague


def _whose_figure(narrower: tuple[Narrower, ...], mentions: Mentions, targets: TargetsRead) -> bool:
    """'skeittihallin kulut', 'kentän pinnoitteen uusimisen kustannukset': a thing among the genitives right
    before the row says whose figure is asked."""
    words = mentions.analysis.words
    attributes: set[int] = set()
    for row in targets.rows:
        if row.end > row.start:
            before = mentions.word_of_token[row.start]
            while before > 0 and genitive(words[before - 1]):
                before -= 1
                attributes.add(before)
    return any(thing.word in attributes for thing in narrower)


def _board_investments(context: Context) -> Context:
    """The same reading of the board's investments (what the table gives for the projects it does not split out)."""
    investments = Found("row", INVESTMENTS, 0, 0, "")
    targets = replace(context.targets, rows=(), investments=investments, notes=())
    return _with_areas(replace(context, targets=targets), (context.plan.board,))


def _with_areas(context: Context, areas: tuple[str, ...]) -> Context:
    """The same reading with other areas named (a unit's area, the board for investments)."""
    found = tuple(Found("area", area, 0, 0, "") for area in areas)
    targets = replace(context.targets, areas=found, notes=())
    return replace(context, targets=targets)


def _settled(result: object) -> FigureQuery | None:
    return result if isinstance(result, FigureQuery) else None


def check_exists(query: FigureQuery, plan: Plan) -> FigureQuery | Impossible:
    """A row an area's table lacks, or a column a row lacks, cannot be looked up (rankings report it instead)."""
    if query.operation in REPORTS_MISSING:
        return query
    if query.areas == plan.areas and query.operation in OVER_ALL_AREAS:
        having = tuple(a for a in query.areas if all(plan.has(a, row) for row in query.rows))
        if having and having != query.areas:  # "kaikkien palvelualueiden poistot": the areas that have them
            query = replace(query, areas=having, defaults=(*query.defaults, "areas_with_row"))
    for area in query.areas:
        for row in query.rows:
            if not plan.has(area, row):
                return Impossible("row_missing", (row, area))
            for column in query.columns:
                if not plan.has(area, row, column):
                    return Impossible("no_such_column", (column.label, row, area))
    return query


def _investments_of(query: FigureQuery, plan: Plan) -> str:
    names = [plan.name(area) for area in query.areas if area != plan.board]
    return f"{', '.join(names)}: investoinnit"


