"""Follow-ups of a figure answer: the follow-up's own slots (a year, an area, a row) replace those of the last
figure query; an operation word ("kuinka paljon se muuttuu", "ja yhteensä?") is read together with the earlier
slots, and an operation over two values takes the values the conversation named (the years of a change, the rows
or areas of a sum). The merged query is written out with `question_for`, so the answer is that question's answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from assistant.conversation.cues import Cues, cues_of
from assistant.conversation.resolution import Resolution, resolved
from assistant.conversation.state import ConversationState, FigureSlots
from assistant.language.analysis import QuestionAnalysis, Word
from assistant.language.years import step_from, steps_in
from assistant.tools.figures import FigureTool
from assistant.tools.figures.mentions import Found
from assistant.tools.figures.phrase import area_names, question_for
from assistant.tools.figures.query import AreaNote, FigureQuery, Impossible, Unsettled
from corpus.records import Column

Analyse = Callable[[str], QuestionAnalysis]

# Operations over two or more values: with none named, they take the values the conversation named.
OVER_VALUES = ("change", "sum", "difference", "average", "trend")
AGGREGATES = ("sum", "average")  # operations over the values in focus, whichever they are
COMPARING = ("difference", "share")  # operations that need the area in focus beside the one named
SHARE_WORDS = frozenset({"op:share", "op:percent"})  # operation words a share of a named whole may say
COMPARED = "vertailukohde"  # what an unsettled comparison lacks: the other side
NEGATION = "op:negation"  # "ilman": one row less another, or a row that is missing
WHOLE_WORDS = frozenset({"koko", "kaikki"})  # base forms before a whole: "koko toimialan", "kaikista kuluista"


class FigureFollowUps:
    """Resolves follow-ups of figure answers against one plan's figure tool."""

    def __init__(self, figures: FigureTool, analyse: Analyse) -> None:
        self.figures = figures
        self.plan = figures.plan
        self.analyse = analyse

    def resolve(self, analysis: QuestionAnalysis, cues: Cues, state: ConversationState) -> Resolution:
        """The follow-up of a figure answer as one whole figure question, or "clarify"."""
        slots = state.figure
        assert slots is not None
        previous = query_of(slots, self.plan)
        if previous is None:
            return Resolution("clarify", reason="unread")
        steps = steps_in(analysis.text)
        if len(steps) == 1 and len(previous.columns) > 1 and previous.operation in OVER_VALUES:
            # "entä seuraavana vuonna?" after a change over two years: the same span a year later
            shifted = [self.plan.column_of_year(column.year + steps[0]) for column in previous.columns]
            if None in shifted:
                return Resolution("clarify", reason="unread")
            return self._phrase(replace(previous, columns=tuple(c for c in shifted if c is not None)))
        if steps:  # "entä seuraavana vuonna?": the year after the one in focus
            analysis = self.analyse(step_from(analysis.text, [column.year for column in previous.columns]))
            cues = cues_of(analysis)
        outside = [year.year for year in analysis.years if self.plan.column_of_year(year.year) is None]
        if outside:  # a year past the plan's columns ("entä 2030?", a step past them) is asked as it is: outside the plan
            named = _slots_text(previous.areas, previous.rows, self.plan, previous.notes)
            return resolved(f"Paljonko on {named} vuonna {outside[0]}?")
        own_text = cues.own_text()
        own_found = self._own_mentions(cues)  # what the follow-up's own words name, read once
        kind_words, kind_columns = self._kind_columns(own_found, previous)
        # a word naming a column kind names the column, not the budget as a whole ("mikä se oli tilinpäätöksessä")
        kinds = {self.figures.slot_kind(word.folded) for word in cues.own if word.folded not in kind_words}
        names_area, names_row = "area" in kinds, "row" in kinds
        operations = {kind for kind in kinds if kind and kind.startswith("op:")}
        says_operation = bool(operations)
        asks_amount = analysis.frame in ("amount", "count")
        # "kuinka paljon se on koko toimialan menoista", "paljonko se on prosentteina kaikista menoista"
        whole = self._whole_named(cues, own_found) if cues.pronouns and operations <= SHARE_WORDS else ""
        if whole:  # "kuinka paljon se on koko toimialan menoista": the earlier figure as a share of that whole
            share = f"kuinka suuri osa {whole} on {_slots_text(previous.areas, previous.rows, self.plan, previous.notes)} "
            share += _columns_text(self._columns(analysis) or previous.columns)
            read = self._read(share)
            if read is not None and read.operation == "share":
                return self._phrase(read)
        own_columns = self._columns(analysis) or kind_columns
        if operations == {NEGATION} and cues.pronouns and not names_area:
            # "entä ilman niitä?" after a row's figure: its total (or the row the follow-up names) less that row
            return self._without(previous, cues, own_found, own_columns)
        if operations == {"op:percent"} and not (names_area or names_row):
            in_percent = _in_percent(previous)
            if in_percent is not None:  # "entä prosentteina?" after a change: that change, not a share of the board
                return self._phrase(replace(in_percent, columns=own_columns or in_percent.columns))
        if kind_words and not own_columns:
            return Resolution("clarify", reason="unread")  # "entä talousarviossa?" with two such columns and neither in focus
        if TOWN in kinds and not names_area:  # "entä koko kaupungin?": asked as such, the plan says it has only this board's
            town = f"Paljonko on koko kaupungin {_slots_text((), previous.rows, self.plan)} {_columns_text(own_columns or previous.columns)}?"
            return resolved(town)
        others = tuple(area for area in self.plan.areas if area not in previous.areas)
        if _asks_other_areas(cues, kinds) and others and previous.operation != "ranking" and self.plan.board not in previous.areas:
            # "entä muut alueet?": the same figure of the areas not in focus
            return self._phrase(replace(previous, areas=others, notes=(), columns=own_columns or previous.columns))
        direction = self._direction(cues.own)
        places = [int(item.value) for item in own_found if item.kind == "ordinal"]
        if previous.operation == "ranking" and (direction or places) and not (names_area or names_row):
            # "entä pienimmät?": the same ranking the other way round ("kolme suurinta" → the three smallest; after
            # "toiseksi suurin" the smallest itself: the follow-up names no place); "entä toiseksi eniten?": that place
            top = places[0] if places else None if previous.nth else previous.top
            order = direction or previous.order
            return self._phrase(replace(previous, order=order, columns=own_columns or previous.columns, top=top, nth=bool(places)))
        asks_figure = names_row or asks_amount or says_operation
        plural = any("ne" in word.lemmas for word in cues.pronouns)
        bare_amount = asks_amount and not cues.own_content  # "paljonko?" after a ranking: the figure of the place it answered
        if (cues.pronouns or bare_amount) and asks_figure and not direction and (previous.top or not plural):
            of_result = self._of_ranking(state, previous, own_text, own_columns, plural, names_area, names_row)
            if of_result is not None:
                return self._phrase(of_result)
        areas = previous.areas
        if set(areas) == set(self.plan.areas) and previous.operation == "ranking":
            areas = ()  # a ranking over every area: left to the reading's default
        areas = () if names_area else areas
        rows = () if names_row else previous.rows
        slots_text = _slots_text(areas, rows, self.plan, previous.notes)
        first = self.figures.read(self.analyse(f"{own_text} {slots_text}"))
        if isinstance(first, Unsettled) and COMPARED in first.missing and own_columns:
            # "onko se enemmän kuin 2024?" after 2025's figure: the year in focus set against the year named
            both = tuple(sorted({*previous.columns, *own_columns}))
            against = self.figures.read(self.analyse(f"{own_text} {slots_text} {_columns_text(both)}"))
            if isinstance(against, FigureQuery):
                return self._phrase(against)
        if isinstance(first, Impossible) and first.reason == "not_itemised" and cues.lead and not cues.pronouns:
            # "entä taidemuseon korjaus?" after a figure: the same figure of a thing the tables do not split out
            thing, row_names = own_text.strip(" ?!."), _slots_text((), previous.rows, self.plan)
            asked = f"{thing}: {row_names}" if row_names else thing
            return resolved(f"Paljonko on {asked} {_columns_text(own_columns or previous.columns)}?")
        read = _settled(first)
        adds = asks_figure or names_area or own_columns or cues.lead or cues.time
        if not adds:  # "mitä mieltä olet siitä?" after a figure names no slot, operation or amount: not that figure again
            return Resolution("clarify", reason="unread")
        if read is not None and read.operation == "lookup" and previous.operation == "identity" and asks_amount:
            # "paljonko se on?" after what a row is made of: the row's figure, in the year in focus
            return self._phrase(replace(read, columns=own_columns or previous.columns))
        if read is not None and (read.operation != "lookup" or previous.operation == "lookup"):
            complete = isinstance(first, FigureQuery)  # not only one of an unsettled reading's suggestions
            singular = bool(cues.pronouns) and not plural  # "se": the last figure alone
            return self._operation(read, own_text, areas, rows, previous, state, own_columns, says_operation, complete, singular)
        own = first if isinstance(first, FigureQuery) else read
        merged = previous
        if own is not None and names_area:
            areas = own.areas
            if previous.operation == "share" and previous.along == "areas" and len(areas) == 1:
                areas = (areas[0], *previous.areas[1:])  # "entä vakalla?" after opetus's share: the part, of the same whole
            merged = replace(merged, areas=areas, notes=own.notes)
        if own is not None and names_row and previous.along != "rows":
            merged = replace(merged, rows=own.rows)
        if own_columns:
            merged = replace(merged, columns=own_columns)
        if merged == previous and not cues.time:
            return Resolution("clarify", reason="unread")
        return self._phrase(merged)

    def _operation(
        self, first: FigureQuery, own_text: str, areas: tuple[str, ...], rows: tuple[str, ...], previous: FigureQuery,
        state: ConversationState, own_columns: tuple[Column, ...], says_operation: bool, complete: bool, singular: bool,
    ) -> Resolution:
        """An operation word of the follow-up read together with the earlier slots: an operation over values
        takes the values the conversation named (the years of a change, the rows of "ja yhteensä?"), a comparison
        with an area named takes the area in focus beside it."""
        operation = first.operation
        if operation in COMPARING and not areas and state.result_areas and state.result_areas[0] not in first.areas:
            areas = state.result_areas[:1]
        elif (operation == "difference" or (operation == "change" and self._asks_which_of_two(own_text))) and len(
            areas) == 1 and len(set(state.seen_areas)) >= 2 and len(first.areas) < 2:
            # "kumpi saa enemmän?", "kumpi kasvaa enemmän?" after two areas' figures (and another year of one)
            areas = tuple(dict.fromkeys(reversed(state.seen_areas)))[1::-1]
        elif operation == "difference" and previous.notes and len(first.areas) < 2:
            # "kumpi saa enemmän?" after the library's and the museum's figures: sub-services have no figures to set
            # against each other, and their area's rows are not what is compared
            return Resolution("clarify", reason="unread")
        if len(areas) < 2 and len(first.areas) < 2 and len(first.rows) < 2 and self._asks_which_of_two(own_text):
            return Resolution("clarify", reason="unread")  # "kumpi …?" with one thing in focus: of which two?
        columns: tuple[Column, ...] = ()
        if not own_columns and "columns" not in first.defaults:
            columns = self._conversation_columns(state) if operation in OVER_VALUES else previous.columns
        elif operation in OVER_VALUES and len(own_columns) == 1 and "columns" in first.defaults:
            # "paljonko ne muuttuvat 2026 mennessä" after 2024's figure: from the year in focus, not the year before;
            # "paljonko se muuttui edellisestä vuodesta" after 2025's: from the year named to the year in focus
            named = own_columns[0]
            earlier = [column for column in previous.columns if column < named]
            later = [column for column in previous.columns if column > named]
            columns = (earlier[-1], named) if earlier else (named, later[0]) if later else ()
        elif operation in AGGREGATES and "columns" in first.defaults and (
            len(previous.columns) > 1 or len(previous.areas) > 1 or len(previous.rows) > 1
        ):  # "entä keskimäärin vuodessa?" after a change over 2024–2026: over those years, not every column;
            columns = previous.columns  # "paljonko ne on keskimäärin?" after two areas' 2025 figures: over them in 2025
        tries = []
        over_seen = operation != "trend" and (operation != "lookup" or says_operation) and not singular
        # "ja yhteensä?", "miten ne muuttuvat?" after two rows', two areas' or two years' figures: the rows, areas or
        # years the conversation named ("se" is the last figure alone)
        if over_seen and rows and len(state.seen_rows) > len(rows):
            tries.append((areas, state.seen_rows, columns if own_columns else previous.columns, False))
        seen_areas = tuple(dict.fromkeys(state.seen_areas))
        if over_seen and areas == previous.areas and not previous.notes and len(seen_areas) > len(areas):
            tries.append((seen_areas, rows, columns if own_columns else previous.columns, False))
        seen_columns = tuple(sorted({column for label in state.seen_columns if (column := _column(label)) is not None}))
        if over_seen and not own_columns and len(seen_columns) > len(previous.columns):
            tries.append((areas, rows, seen_columns, False))
        tries.append((areas, rows, columns, operation == "lookup"))
        for try_areas, try_rows, try_columns, lookup_ok in tries:
            slots = _slots_text(try_areas, try_rows, self.plan, previous.notes)
            query = self._read(f"{own_text} {slots} {_columns_text(try_columns)}")
            if query is not None and (query.operation != "lookup" or lookup_ok):
                return self._phrase(query)
        return self._phrase(first) if complete else Resolution("clarify", reason="unread")

    def _asks_which_of_two(self, text: str) -> bool:
        """'kumpi', 'kummalla': the follow-up asks which of two."""
        return any(self.figures.slot_kind(word.folded) == "op:which_of_two" for word in self.analyse(text).words)

    def _of_ranking(
        self, state: ConversationState, previous: FigureQuery, own_text: str, own_columns: tuple[Column, ...],
        plural: bool, names_area: bool, names_row: bool,
    ) -> FigureQuery | None:
        """A pronoun after a ranking stands for what it answered: "paljonko sen tulot on?" after "mikä alue maksaa
        vähiten" for that area, "paljonko se kasvaa 2026?" after "mikä on suurin menoerä" for that row ("niiden"
        after "kaksi suurinta": the places listed; after a whole ranking "ne" are its figures, read as ever). An
        operation over values with one year of its own runs from the ranking's year, not from the year before."""
        if previous.operation != "ranking":
            return None
        if previous.along == "areas" and state.result_areas and not names_area:
            areas = state.result_areas if plural else state.result_areas[:1]
            named = _slots_text(areas, () if names_row else previous.rows, self.plan, ())
        elif previous.along == "rows" and state.result_rows and not names_row:
            rows = state.result_rows[: previous.top or 1] if plural else state.result_rows[:1]
            named = _slots_text(previous.areas, rows, self.plan, previous.notes)
        else:
            return None
        query = self._read(f"{own_text} {named} {_columns_text(own_columns or previous.columns)}")
        earlier = [column for column in previous.columns if own_columns and column < own_columns[0]]
        if query is not None and query.operation in OVER_VALUES and len(own_columns) == 1 and earlier:
            return self._read(f"{own_text} {named} {_columns_text((earlier[-1], own_columns[0]))}") or query
        return query

    def _without(
        self, previous: FigureQuery, cues: Cues, own_found: tuple[Found, ...], own_columns: tuple[Column, ...],
    ) -> Resolution:
        """'ilman' and a pronoun after one row's figure: what follows 'ilman' is left out of the other. "entä ilman
        niitä?": the total the row is part of, less the row ("paljonko kulut ovat ilman sitä": the row named, less
        it); "paljonko se on ilman henkilöstökuluja": the row in focus less the row named. A figure that is no part
        of a total has nothing to leave out ("clarify")."""
        if len(previous.rows) != 1 or len(previous.areas) != 1:
            return Resolution("clarify", reason="unread")
        without = [word for word in cues.own if self.figures.slot_kind(word.folded) == NEGATION]
        named = [item.value for item in own_found if item.kind == "row" and not item.concept]
        row = previous.rows[0]
        if any(pronoun.start > without[0].start for pronoun in cues.pronouns) or not named:
            whole, less = next((value for value in named if value != row), None) or self.plan.total_of(previous.areas[0], row), row
        else:
            whole, less = row, named[0]
        if whole is None or whole == less:
            return Resolution("clarify", reason="unread")
        slots = _slots_text(previous.areas, (whole,), self.plan, previous.notes)
        words = " ".join(word.text for word in without)
        read = self._read(f"{slots} {words} {less} {_columns_text(own_columns or previous.columns)}")
        return self._phrase(read) if read is not None and read.operation == "difference" else Resolution("clarify", reason="unread")

    def _phrase(self, query: FigureQuery) -> Resolution:
        """The whole question a merged query asks; a query that cannot be written out is no reading ("clarify")."""
        try:
            return resolved(question_for(query, self.plan))
        except (IndexError, KeyError):  # e.g. a comparison left with one area
            return Resolution("clarify", reason="unread")

    def _own_mentions(self, cues: Cues) -> tuple[Found, ...]:
        """What the follow-up's own words (its lead and pronouns left out) name: areas, rows, column kinds, …"""
        return self.figures.reader.finder.find(self.analyse(cues.own_text())).found

    def _whole_named(self, cues: Cues, own_found: tuple[Found, ...]) -> str:
        """The words of a whole the follow-up names in the elative ("koko toimialan menoista"), from the first
        area or row word (with a leading "koko"/"kaikki") to the last; "" when it names none."""
        own = cues.own
        rows = [item for item in own_found if item.kind == "row" and item.elative]
        if not rows:
            return ""
        slots = [i for i, word in enumerate(own) if self.figures.slot_kind(word.folded) in ("area", "row")]
        start = slots[0]
        if start > 0 and set(own[start - 1].lemmas) & WHOLE_WORDS:
            start -= 1
        return " ".join(word.text for word in own[start : slots[-1] + 1])

    def _direction(self, words: tuple[Word, ...]) -> Literal["desc", "asc", ""]:
        """The order a superlative of the follow-up asks for ("suurin" desc, "pienimmät" asc), '' for none."""
        found = {item.value for word in words for item in self.figures.reader.finder.find_tokens((word.folded,)) if item.kind == "op"}
        return "desc" if "most" in found and "least" not in found else "asc" if "least" in found and "most" not in found else ""

    def _conversation_columns(self, state: ConversationState) -> tuple[Column, ...]:
        columns = sorted({column for label in state.seen_columns if (column := _column(label)) is not None})
        return tuple(columns[:1] + columns[-1:]) if len(columns) > 1 else tuple(columns)

    def _kind_columns(self, own_found: tuple[Found, ...], previous: FigureQuery) -> tuple[frozenset[str], tuple[Column, ...]]:
        """The follow-up's words that name a column kind ("tilinpäätöksessä", "taloussuunnitelmassa") and the column
        they name: the kind's only column, or the one of the year in focus; none when that is not one column."""
        named = [item for item in own_found if item.kind == "column_kind"]
        words = frozenset(token for item in named for token in item.words.split())
        values = {item.value for item in named}
        if len(values) != 1:
            return words, ()
        columns = tuple(column for column in self.plan.columns if column.kind in values)
        in_focus = tuple(column for column in columns if column.year in {c.year for c in previous.columns})
        return words, columns if len(columns) == 1 else in_focus[:1]

    def _columns(self, analysis: QuestionAnalysis) -> tuple[Column, ...]:
        found = [self.plan.column_of_year(mention.year) for mention in analysis.years]
        return tuple(dict.fromkeys(column for column in found if column is not None))

    def _read(self, text: str) -> FigureQuery | None:
        reading = self.figures.read(self.analyse(text))
        return reading if isinstance(reading, FigureQuery) else None

    # --- goals ---------------------------------------------------------------------------------------------


OTHER = "muu"  # "muut alueet", "muille palvelualueille"
TOWN = "op:town"  # "kaupungin": the whole town, not this board
AREA_WORDS = frozenset({"op:each_area", "op:along_areas"})


def _asks_other_areas(cues: Cues, kinds: set[str | None]) -> bool:
    """'entä muut alueet?', 'entä muilla palvelualueilla?': the other areas, named by a word for areas and 'muu'."""
    return bool(kinds & AREA_WORDS) and "area" not in kinds and any(OTHER in word.lemmas for word in cues.own)


def query_of(slots: FigureSlots, plan: object) -> FigureQuery | None:
    """The FigureQuery a state's figure slots stand for (None when a column label is not the plan's)."""
    columns = tuple(column for label in slots.columns if (column := _column(label)) is not None)
    if len(columns) != len(slots.columns) or not slots.rows or not slots.areas or not columns:
        return None
    return FigureQuery(
        operation=slots.operation,  # type: ignore[arg-type]
        rows=slots.rows, areas=slots.areas, columns=columns, along=slots.along,  # type: ignore[arg-type]
        order=slots.order, top=slots.top, nth=slots.nth, measure=slots.measure,  # type: ignore[arg-type]
        notes=tuple(AreaNote(name, slots.areas[0]) for name in slots.notes) if len(slots.areas) == 1 else (),
    )


def slots_of(query: FigureQuery) -> FigureSlots:
    """A settled query's slots as the state keeps them."""
    return FigureSlots(
        operation=query.operation, rows=query.rows, areas=query.areas, columns=query.column_labels, along=query.along,
        order=query.order, top=query.top, nth=query.nth, measure=query.measure, notes=tuple(note.name for note in query.notes),
    )


def _settled(reading: object) -> FigureQuery | None:
    """A reading's query: itself, or an unsettled reading's first complete one (its operation is what counts)."""
    if isinstance(reading, FigureQuery):
        return reading
    if isinstance(reading, Unsettled):
        return reading.partial or (reading.suggestions[0] if reading.suggestions else None)
    return None


def _column(label: str) -> Column | None:
    try:
        return Column.parse(label)
    except ValueError:
        return None


def _in_percent(previous: FigureQuery) -> FigureQuery | None:
    """The earlier figure in percent, when it has a change to give in percent: a change itself (its answer gives the
    percent), a ranking by change (by percent change instead), or one row's figures of two years (their change)."""
    if previous.operation == "change":
        return previous
    if previous.operation == "ranking" and previous.measure == "change":
        return replace(previous, measure="percent")
    if previous.operation == "lookup" and len(previous.columns) == 2 and len(previous.rows) == 1 and len(previous.areas) == 1:
        return replace(previous, operation="change")
    return None


def _slots_text(areas: tuple[str, ...], rows: tuple[str, ...], plan: object, notes: tuple[AreaNote, ...] = ()) -> str:
    """Areas and rows in the plan's printed names, as `question_for` writes them ("Varhaiskasvatus: Henkilöstökulut");
    an area the earlier question named by a sub-service by that name ("Lukio"), as it asked."""
    names = area_names(areas, plan, notes)  # type: ignore[arg-type]
    area_text = _and(names)
    row_text = _and(list(rows))
    return f"{area_text}: {row_text}" if area_text and row_text else area_text or row_text


def _columns_text(columns: tuple[Column, ...]) -> str:
    return _and([column.label for column in columns])


def _and(names: list[str]) -> str:
    if not names:
        return ""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} ja {names[-1]}"
