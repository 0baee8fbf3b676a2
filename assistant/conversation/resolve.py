"""Reading a follow-up against what the conversation resolved so far, as one whole question.

- A question that names its own topic and leans on nothing starts fresh.
- Figures: the follow-up's own slots (a year, an area, a row) replace those of the last figure query; an
  operation word ("kuinka paljon se muuttuu", "ja yhteensä?") is read together with the earlier slots, and an
  operation over two values takes the two values the conversation named (the years of a change, the rows of a
  sum). The merged query is written out with `question_for`, so the answer is that question's answer.
- Goals: a grid column ("millä sitä mitataan", "kuka siitä vastaa", "entä tavoitetaso?") is asked of the goal
  in focus; a person pronoun stands for the owner in focus.
- Text: a pronoun is replaced by the topic in focus (put into the pronoun's case when the plan has that form);
  a bare question word ("miksi?", "milloin?") asks it of the previous question; "entä X?" puts X in the place of
  the topic in focus.
When none of this gives a question, the resolution says so ("clarify") rather than guessing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from assistant.conversation.cues import Cues, cues_of
from assistant.conversation.inflect import Inflector
from assistant.conversation.state import ConversationState, FigureSlots
from assistant.language.analysis import QuestionAnalysis, Word, verb_like
from assistant.language.years import step_from, steps_in
from assistant.tools.figures import FigureTool
from assistant.tools.figures.mentions import Found
from assistant.tools.figures.phrase import area_names, question_for
from assistant.tools.figures.query import AreaNote, FigureQuery, Unsettled
from assistant.tools.goals.fields import asked_field
from corpus.records import Column, Goal

Analyse = Callable[[str], QuestionAnalysis]
GridColumns = Callable[[QuestionAnalysis], frozenset[str]]
How = Literal["fresh", "resolved", "clarify"]

# The question word a bare ask ("miksi?", "koska?") puts in front of the previous question, by frame.
QUESTION_WORDS = {"why": "Miksi", "when": "Milloin", "clock": "Mihin aikaan", "who": "Kuka", "whose": "Kenen", "whom": "Kenelle", "where": "Missä",
                  "how": "Miten"}
# Operations over two or more values: with none named, they take the values the conversation named.
OVER_VALUES = ("change", "sum", "difference", "average", "trend")
COMPARING = ("difference", "share")  # operations that need the area in focus beside the one named
SHARE_WORDS = frozenset({"op:share", "op:percent"})  # operation words a share of a named whole may say
NOUN_CLASSES = frozenset({"nimisana", "erisnimi", "nimisana_laatusana", "laatusana"})
WHOLE_WORDS = frozenset({"koko", "kaikki"})  # base forms before a whole: "koko toimialan", "kaikista kuluista"
GOAL_WORD = "tavoite"  # how a goal in focus is named ("tavoitetta ”…”")
GOAL_TEXT_CHARS = 80


@dataclass(frozen=True)
class Resolution:
    """How a question reads in its conversation: fresh, a whole question (with the goals to ask it of), or unclear."""

    how: How
    question: str = ""  # the resolved question ("Tulkitsin: …")
    goals: tuple[str, ...] = ()  # ask the goals grid of these goals directly
    focus: str = ""  # what is asked of them: owner or a field (assistant.tools.goals.fields)
    reason: str = ""  # clarify: why (no_antecedent, no_person, unread)
    bare: bool = False  # a bare question word ("miksi?"): answered from beside the earlier answer if need be


FRESH = Resolution("fresh")


class Resolver:
    """Resolves follow-ups against one plan (its figure tool, goals and word forms)."""

    def __init__(
        self, figures: FigureTool, analyse: Analyse, goals: Mapping[str, Goal], grid_columns: GridColumns, inflector: Inflector,
    ) -> None:
        self.figures = figures
        self.plan = figures.plan
        self.analyse = analyse
        self.goals = goals
        self.grid_columns = grid_columns
        self.inflector = inflector

    def resolve(self, analysis: QuestionAnalysis, state: ConversationState | None) -> Resolution:
        """The question as it reads after the turns `state` records (FRESH without a state or an anchor)."""
        if state is None or not state.question:
            return FRESH
        cues = cues_of(analysis)
        if state.pending and analysis.frame == "statement" and self.topic(cues.own):
            completed = self._complete(state, cues)
            if completed is not None:
                return completed
        leans = self._leans(analysis, cues, state)
        if leans == "no":
            return FRESH
        if leans == "own":  # "entä mitä kunnallisia vaihtoehtoja on?": a whole question after its lead word
            return self._resolved(cues.own_text())
        if cues.persons and not state.owners:
            return Resolution("clarify", reason="no_person")
        if cues.persons:
            return self._resolved(_substitute(analysis, (*cues.persons, *cues.lead), state.owners[0]))
        if state.figure is not None and state.route == "figure":
            return self._figure(analysis, cues, state)
        if state.goals and state.route == "owner":
            return self._goal(analysis, cues, state)
        return self._text(analysis, cues, state)

    # --- is it a follow-up at all --------------------------------------------------------------------------

    def _leans(self, analysis: QuestionAnalysis, cues: Cues, state: ConversationState) -> Literal["no", "yes", "own"]:
        """Whether the question leans on the earlier turns ("yes"), stands alone ("no"), or stands alone once its
        leading "entä"/"ja" is left out ("own")."""
        if cues.pronouns or cues.persons or cues.time:
            return "yes"
        topic = self.topic(cues.own)
        if cues.lead:  # "entä X?" leans on the earlier ask unless it is a whole question of its own
            asks_by_lead = set(analysis.frame_words) <= {word.text for word in cues.lead}  # "mites X?" is "entä X?"
            if analysis.frame == "statement" or asks_by_lead or not topic:
                return "yes"
            whole = self.figures.read(self.analyse(cues.own_text()))
            # "entä mitä kirjastolle tapahtuu?": a question word and a verb of its own (not "on": "entä mikä on X:n?")
            asks_itself = any(word.verb and "olla" not in word.lemmas for word in cues.own)
            return "own" if state.figure is None or asks_itself or isinstance(whole, FigureQuery) else "yes"
        if not topic:  # "miksi?", "mikä on tavoitetaso?", "montako prosenttia kasvua"
            return "yes"
        if state.figure is not None and state.route == "figure":
            reading = self.figures.read(analysis)
            if isinstance(reading, Unsettled) and "rivi" in reading.missing:
                return "yes"  # an operation without its figure: "montako prosenttia kasvua"
            kinds = {self.figures.slot_kind(word.folded) for word in cues.own}
            if analysis.frame in ("amount", "count") and "row" not in kinds:
                return "yes"  # an amount of no row of its own: "paljonko enemmän kuin opetuksella"
        return "no"

    def topic(self, words: tuple[Word, ...]) -> tuple[Word, ...]:
        """The words that name a thing (nouns and names, not verbs, grid headings or operation words)."""
        found = []
        for word in words:
            if not word.content:
                continue
            classes = set(word.reading.form.classes)
            guessed = not word.reading.as_typed  # a form the plan lacks, related by its beginning
            verb = "teonsana" in classes or ((guessed or not classes) and verb_like(word.folded))
            if verb or (classes and not classes & NOUN_CLASSES):
                continue
            kind = self.figures.slot_kind(word.folded)
            if kind is not None and kind.startswith("op:") or self._grid_word(word):
                continue
            found.append(word)
        return tuple(found)

    def _grid_word(self, word: Word) -> bool:
        one = QuestionAnalysis(word.text, (word,), "statement", (), ())
        return bool(self.grid_columns(one))

    # --- figures -------------------------------------------------------------------------------------------

    def _figure(self, analysis: QuestionAnalysis, cues: Cues, state: ConversationState) -> Resolution:
        slots = state.figure
        assert slots is not None
        if analysis.frame in ("who", "whose"):  # "kuka siitä vastaa": the area in focus
            return self._resolved(_substitute(analysis, (*cues.pronouns, *cues.lead), state.focus))
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
            return self._resolved(f"Paljonko on {named} vuonna {outside[0]}?")
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
        if operations == {"op:percent"} and not (names_area or names_row):
            in_percent = _in_percent(previous)
            if in_percent is not None:  # "entä prosentteina?" after a change: that change, not a share of the board
                return self._phrase(replace(in_percent, columns=own_columns or in_percent.columns))
        if kind_words and not own_columns:
            return Resolution("clarify", reason="unread")  # "entä talousarviossa?" with two such columns and neither in focus
        if TOWN in kinds and not names_area:  # "entä koko kaupungin?": asked as such, the plan says it has only this board's
            town = f"Paljonko on koko kaupungin {_slots_text((), previous.rows, self.plan)} {_columns_text(own_columns or previous.columns)}?"
            return self._resolved(town)
        others = tuple(area for area in self.plan.areas if area not in previous.areas)
        if _asks_other_areas(cues, kinds) and others and previous.operation != "ranking" and self.plan.board not in previous.areas:
            # "entä muut alueet?": the same figure of the areas not in focus
            return self._phrase(replace(previous, areas=others, notes=(), columns=own_columns or previous.columns))
        direction = self._direction(cues.own)
        if previous.operation == "ranking" and direction and not (names_area or names_row):
            # "entä pienimmät?": the same ranking the other way round ("kolme suurinta" → the three smallest; after
            # "toiseksi suurin" the smallest itself: the follow-up names no place)
            top = None if previous.nth else previous.top
            return self._phrase(replace(previous, order=direction, columns=own_columns or previous.columns, top=top, nth=False))
        ranked = state.result_areas if previous.operation == "ranking" and previous.along == "areas" else ()
        asks_figure = names_row or asks_amount or says_operation
        plural = any("ne" in word.lemmas for word in cues.pronouns)
        if ranked and cues.pronouns and not (names_area or direction) and asks_figure and (previous.top or not plural):
            # "paljonko sen tulot on?" after "mikä alue maksaa vähiten": the area the ranking answered ("niiden"
            # after "kaksi suurinta": the areas it listed; after a whole ranking "ne" are its figures, read below)
            referent = ranked if plural else ranked[:1]
            named = _slots_text(referent, () if names_row else previous.rows, self.plan, ())
            query = self._read(f"{own_text} {named} {_columns_text(own_columns or previous.columns)}")
            if query is not None:
                return self._phrase(query)
        areas = previous.areas
        if set(areas) == set(self.plan.areas) and previous.operation == "ranking":
            areas = ()  # a ranking over every area: left to the reading's default
        areas = () if names_area else areas
        rows = () if names_row else previous.rows
        first = self.figures.read(self.analyse(f"{own_text} {_slots_text(areas, rows, self.plan, previous.notes)}"))
        read = _settled(first)
        adds = asks_figure or names_area or own_columns or cues.lead or cues.time
        if not adds:  # "mitä se tarkoittaa?" after a figure names no slot, operation or amount: not that figure again
            return Resolution("clarify", reason="unread")
        if read is not None and (read.operation != "lookup" or previous.operation == "lookup"):
            complete = isinstance(first, FigureQuery)  # not only one of an unsettled reading's suggestions
            singular = bool(cues.pronouns) and not plural  # "se": the last figure alone
            return self._operation(read, own_text, areas, rows, previous, state, own_columns, says_operation, complete, singular)
        own = first if isinstance(first, FigureQuery) else read
        merged = previous
        if own is not None and names_area:
            merged = replace(merged, areas=own.areas, notes=own.notes)
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
        elif operation == "difference" and len(areas) == 1 and len(state.seen_areas) >= 2 and len(first.areas) < 2:
            areas = state.seen_areas[-2:]  # "kumpi saa enemmän?" after two areas' figures: those two
        elif operation == "difference" and previous.notes and len(first.areas) < 2:
            # "kumpi saa enemmän?" after the library's and the museum's figures: sub-services have no figures to set
            # against each other, and their area's rows are not what is compared
            return Resolution("clarify", reason="unread")
        columns: tuple[Column, ...] = ()
        if not own_columns and "columns" not in first.defaults:
            columns = self._conversation_columns(state) if operation in OVER_VALUES else previous.columns
        elif operation in OVER_VALUES and len(own_columns) == 1 and "columns" in first.defaults:
            # "paljonko ne muuttuvat 2026 mennessä" after 2024's figure: from the year in focus, not the year before
            earlier = [column for column in previous.columns if column < own_columns[0]]
            columns = (earlier[-1], own_columns[0]) if earlier else ()
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

    def _phrase(self, query: FigureQuery) -> Resolution:
        """The whole question a merged query asks; a query that cannot be written out is no reading ("clarify")."""
        try:
            return self._resolved(question_for(query, self.plan))
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

    def _goal(self, analysis: QuestionAnalysis, cues: Cues, state: ConversationState) -> Resolution:
        goals = [self.goals[goal_id] for goal_id in state.goals if goal_id in self.goals]
        if not goals:
            return Resolution("clarify", reason="unread")
        focus = asked_field(self.grid_columns(analysis), analysis.frame, default="")
        if focus and not self.topic(cues.own):
            question = _goal_question(focus, *(goal.goal for goal in goals))
            return Resolution("resolved", question, goals=tuple(g.id for g in goals), focus=focus)
        if cues.pronouns:
            return self._resolved(_substitute(analysis, (*cues.pronouns, *cues.lead), self._goal_phrase(goals[0], cues.pronouns[0])))
        areas = [word for word in cues.own if self.figures.slot_kind(word.folded) == "area"]
        if cues.lead and areas:  # "entä kouluissa?": the goal of the same kind in the area named
            other = self._other_area(state.question, goals[0], areas)
            if set(other.goals) == {goal.id for goal in goals} and self._sub_services_only(areas):
                # "entä museossa?" after a goal of the museum's own area: the grid sets goals per area, none of a
                # sub-service's own, and the goal in focus again answers nothing new; "entä kirjaston tavoitteet?"
                # is asked as it is
                asks_goals = any(self._grid_word(word) for word in cues.own)
                return self._resolved(cues.own_text()) if asks_goals else Resolution("clarify", reason="unread")
            return other
        if cues.lead and self.topic(cues.own):  # "entä yksinäisyyden vähentämisestä?": the same ask of that topic
            previous = [word for word in self.analyse(state.question).content if not self._grid_word(word)]
            if previous:
                start, end = previous[0].start, previous[-1].end
                return self._resolved(state.question[:start] + cues.own_text() + state.question[end:])
        return self._text(analysis, cues, state)

    def _sub_services_only(self, words: list[Word]) -> bool:
        """Whether the area words name sub-services of an area ("kirjaston"), not an area itself ("koulujen")."""
        found = [item for word in words for item in self.figures.reader.finder.find_tokens((word.folded,)) if item.kind == "area"]
        return bool(found) and all(item.note for item in found)

    def _other_area(self, question: str, goal: Goal, words: list[Word]) -> Resolution:
        """The goal under the same strategic aim in the areas named, asked what the earlier turn asked."""
        codes = {found.value for word in words for found in self.figures.reader.finder.find_tokens((word.folded,))
                 if found.kind == "area"}
        same = [other for other in self.goals.values() if other.area in codes and other.strategic_aim == goal.strategic_aim]
        if not same:
            return Resolution("clarify", reason="no_antecedent")
        earlier = self.analyse(question)
        focus = asked_field(self.grid_columns(earlier), earlier.frame)
        return Resolution("resolved", _goal_question(focus, same[0].goal), goals=tuple(g.id for g in same), focus=focus)

    def _goal_phrase(self, goal: Goal, pronoun: Word) -> str:
        case = next(iter(pronoun.reading.form.cases), "")
        return f"{self.inflector.inflect(GOAL_WORD, case)} ”{_short(goal.goal)}”"

    # --- text ----------------------------------------------------------------------------------------------

    def _text(self, analysis: QuestionAnalysis, cues: Cues, state: ConversationState) -> Resolution:
        if cues.pronouns and state.focus:
            return self._resolved(self._refer(analysis, (*cues.pronouns, *cues.lead), state.focus))
        if not self.topic(cues.own) and analysis.frame in QUESTION_WORDS and not cues.lead:
            previous = self.analyse(state.question)
            rest = " ".join(w.text for w in previous.words if w.text not in previous.frame_words)
            return replace(self._resolved(f"{QUESTION_WORDS[analysis.frame]} {rest}?"), bare=True)
        if cues.lead and state.focus:
            topic = self.topic(cues.own)
            if topic and state.focus in state.question:
                case = _case_of(self.analyse(state.focus))
                new = " ".join(word.text for word in cues.own if word.content or word.number)
                return self._resolved(state.question.replace(state.focus, self.inflector.inflect_phrase(new, case), 1))
        return Resolution("clarify", reason="no_antecedent")

    def _refer(self, analysis: QuestionAnalysis, pronouns: tuple[Word, ...], focus: str) -> str:
        """The question with its first pronoun standing for `focus`: in the pronoun's case ("sitä" → "taidemuseota"),
        or, before a noun ("sen koulun"), as the focus's words in front of that noun ("Kirkkiksen koulun")."""
        pronoun = pronouns[0]
        position = analysis.words.index(pronoun)
        following = analysis.words[position + 1] if position + 1 < len(analysis.words) else None
        cases = set(pronoun.reading.form.cases)
        if following is not None and cases & set(following.reading.form.cases) and following in self.topic((following,)):
            focus_words = self.analyse(focus).words
            same = [i for i, word in enumerate(focus_words) if set(word.lemmas) & set(following.lemmas)]
            before = focus[: focus_words[same[0]].start].strip() if same else ""
            return _substitute(analysis, pronouns[:1], before, drop=pronouns[1:])
        case = next(iter(pronoun.reading.form.cases), "")
        return _substitute(analysis, pronouns[:1], self.inflector.inflect_phrase(focus, case), drop=pronouns[1:])

    def _complete(self, state: ConversationState, cues: Cues) -> Resolution | None:
        """The turn after a clarification: its words stand for the pronoun the unresolved question had (None
        when that question had none)."""
        pending = self.analyse(state.pending)
        pronouns = cues_of(pending).pronouns
        if not pronouns:
            return None
        topic = self.topic(cues.own)
        phrase = " ".join(word.text for word in cues.own[cues.own.index(topic[0]) : cues.own.index(topic[-1]) + 1])
        case = next(iter(pronouns[0].reading.form.cases), "")
        return self._resolved(_substitute(pending, pronouns[:1], self.inflector.inflect_phrase(phrase, case)))

    def focus_of(self, analysis: QuestionAnalysis) -> str:
        """The topic a question names: its longest run of adjacent topic words, as typed ("kirjaston remontti")."""
        topic = set(self.topic(analysis.content))  # not the verb that asks a yes/no question
        runs: list[list[Word]] = [[]]
        for word in analysis.words:
            if word in topic:
                runs[-1].append(word)
            elif runs[-1]:
                runs.append([])
        best = max(runs, key=len)
        return analysis.text[best[0].start : best[-1].end] if best else ""

    @staticmethod
    def _resolved(question: str) -> Resolution:
        question = " ".join(question.split())
        if not question:
            return Resolution("clarify", reason="unread")
        if not question.endswith("?"):
            question = question.rstrip(".!") + "?"
        return Resolution("resolved", question[:1].upper() + question[1:])


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


def _known(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))



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


def _substitute(analysis: QuestionAnalysis, words: tuple[Word, ...], phrase: str, drop: tuple[Word, ...] = ()) -> str:
    """The question with `words` replaced by `phrase` (the first) or dropped (the rest and `drop`)."""
    text = analysis.text
    for index, word in sorted(enumerate((*words, *drop)), key=lambda pair: -pair[1].start):
        text = text[: word.start] + (phrase if index == 0 else "") + text[word.end :]
    return text


def _case_of(analysis: QuestionAnalysis) -> str:
    last = analysis.words[-1] if analysis.words else None
    return next(iter(last.reading.form.cases), "") if last is not None else ""


def _goal_question(focus: str, *goal_texts: str) -> str:
    """The question asked of the goals in focus, naming every one of them ("kuka niistä vastaa": of each)."""
    quoted = [f"”{_short(text)}”" for text in goal_texts]
    goals = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ja " + quoted[-1]
    one = len(quoted) == 1
    if focus == "metric":
        return f"Millä mitataan {'tavoitetta' if one else 'tavoitteita'} {goals}?"
    if focus == "target":
        return f"Mikä on {'tavoitteen' if one else 'tavoitteiden'} {goals} tavoitetaso?"
    if focus == "aim":
        return f"Mihin strategiseen päämäärään {'tavoite' if one else 'tavoitteet'} {goals} {'kuuluu' if one else 'kuuluvat'}?"
    if focus == "sub_aim":
        return f"Mitkä ovat {'tavoitteen' if one else 'tavoitteiden'} {goals} strategisen päämäärän alatavoitteet?"
    return f"Kuka vastaa {'tavoitteesta' if one else 'tavoitteista'} {goals}?"


def _short(text: str) -> str:
    return text if len(text) <= GOAL_TEXT_CHARS else text[: GOAL_TEXT_CHARS - 1].rstrip() + "…"
