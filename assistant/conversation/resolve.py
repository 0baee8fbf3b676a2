"""Reading a follow-up against what the conversation resolved so far, as one whole question.

- A question that names its own topic and leans on nothing starts fresh.
- Figures: the follow-up's slots merged into the last figure query (`figure_follow_ups`).
- Goals: a grid column ("millä sitä mitataan", "kuka siitä vastaa", "entä tavoitetaso?") is asked of the goal
  in focus; a person pronoun stands for the owner in focus.
- Text: a pronoun is replaced by the topic in focus (put into the pronoun's case when the plan has that form);
  a bare question word ("miksi?", "milloin?") asks it of the previous question; "entä X?" puts X in the place of
  the topic in focus.
When none of this gives a question, the resolution says so ("clarify") rather than guessing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Literal

from assistant.conversation.cues import Cues, cues_of
from assistant.conversation.figure_follow_ups import FigureFollowUps
from assistant.conversation.inflect import Inflector
from assistant.conversation.resolution import FRESH, Resolution, resolved, substitute
from assistant.conversation.state import ConversationState
from assistant.language.analysis import NOUN_CLASSES, QuestionAnalysis, Word, verb_like
from assistant.tools.figures import FigureTool
from assistant.tools.figures.query import FigureQuery, Unsettled
from assistant.tools.goals.fields import PERSON_FRAMES, asked_field
from corpus.records import Goal

Analyse = Callable[[str], QuestionAnalysis]
GridColumns = Callable[[QuestionAnalysis], frozenset[str]]

# The question word a bare ask ("miksi?", "koska?") puts in front of the previous question, by frame.
QUESTION_WORDS = {"why": "Miksi", "when": "Milloin", "clock": "Mihin aikaan", "who": "Kuka", "whose": "Kenen", "whom": "Kenelle", "where": "Missä",
                  "how": "Miten"}
GOAL_WORD = "tavoite"  # how a goal in focus is named ("tavoitetta ”…”")
# What a follow-up asks of the goals of another area, by the field asked ("entä opetuksen?" after a listing).
AREA_GOAL_QUESTIONS = {
    "goal": "Mitä tavoitteita palvelualueella {area} on?",
    "owner": "Kuka vastaa palvelualueen {area} tavoitteista?",
    "metric": "Millä mitataan palvelualueen {area} tavoitteita?",
    "target": "Mitkä ovat palvelualueen {area} tavoitteiden tavoitetasot?",
    "aim": "Mihin strategisiin päämääriin palvelualueen {area} tavoitteet kuuluvat?",
    "sub_aim": "Mitkä ovat palvelualueen {area} tavoitteiden strategisten päämäärien alatavoitteet?",
}
NOMINATIVE = "nimento"
GOAL_TEXT_CHARS = 80


class Resolver:
    """Resolves follow-ups against one plan (its figure tool, goals and word forms)."""

    def __init__(
        self, figures: FigureTool, analyse: Analyse, goals: Mapping[str, Goal], grid_columns: GridColumns, inflector: Inflector,
        titles_named: Callable[[QuestionAnalysis], tuple[str, ...]] = lambda analysis: (),
    ) -> None:
        """`titles_named`: the owner titles of the grid a question names."""
        self.figures = figures
        self.titles_named = titles_named
        self.plan = figures.plan
        self.analyse = analyse
        self.goals = goals
        self.grid_columns = grid_columns
        self.inflector = inflector
        self.figure_follow_ups = FigureFollowUps(figures, analyse)

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
            return resolved(cues.own_text())
        if cues.persons and not state.owners:
            return Resolution("clarify", reason="no_person")
        if cues.persons:
            return resolved(substitute(analysis, (*cues.persons, *cues.lead), state.owners[0]))
        if state.figure is not None and state.route == "figure":
            if analysis.frame in ("who", "whose"):  # "kuka siitä vastaa": the area in focus, in the pronoun's case
                words = (*cues.pronouns, *cues.lead)
                referred = self._refer(analysis, words, state.focus, named_after=True) if cues.pronouns else None
                return resolved(referred or substitute(analysis, words, state.focus))
            return self.figure_follow_ups.resolve(analysis, cues, state)
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

    def _goal(self, analysis: QuestionAnalysis, cues: Cues, state: ConversationState) -> Resolution:
        goals = [self.goals[goal_id] for goal_id in state.goals if goal_id in self.goals]
        if not goals:
            return Resolution("clarify", reason="unread")
        focus = asked_field(self.grid_columns(analysis), analysis.frame, default="")
        if focus and not self.topic(cues.own):
            area = self._listed_area(goals)  # "millä niitä mitataan?" after an area's goals: named by the area
            question = (AREA_GOAL_QUESTIONS[focus].format(area=self.plan.name(area)) if area and focus in AREA_GOAL_QUESTIONS
                        else _goal_question(focus, *(goal.goal for goal in goals)))
            return Resolution("resolved", question, goals=tuple(g.id for g in goals), focus=focus)
        if cues.pronouns:
            return resolved(substitute(analysis, (*cues.pronouns, *cues.lead), self._goal_phrase(goals[0], cues.pronouns[0])))
        listing = self._listing(analysis, cues, state, goals)
        if listing is not None:
            return listing
        areas = [word for word in cues.own if self.figures.slot_kind(word.folded) == "area"]
        if cues.lead and areas:  # "entä kouluissa?": the goal of the same kind in the area named
            other = self._other_area(state.question, goals[0], areas)
            if set(other.goals) == {goal.id for goal in goals} and self._sub_services_only(areas):
                # "entä museossa?" after a goal of the museum's own area: the grid sets goals per area, none of a
                # sub-service's own, and the goal in focus again answers nothing new; "entä kirjaston tavoitteet?"
                # is asked as it is
                asks_goals = any(self._grid_word(word) for word in cues.own)
                return resolved(cues.own_text()) if asks_goals else Resolution("clarify", reason="unread")
            return other
        if cues.lead and self.topic(cues.own):  # "entä yksinäisyyden vähentämisestä?": the same ask of that topic
            previous = [word for word in self.analyse(state.question).content if not self._grid_word(word)]
            if previous:
                start, end = previous[0].start, previous[-1].end
                return resolved(state.question[:start] + cues.own_text() + state.question[end:])
        return self._text(analysis, cues, state)

    def _listed_area(self, goals: list[Goal]) -> str:
        """The area whose goals these are, all of them and more than one (an area's listing); "" otherwise."""
        areas = {goal.area for goal in goals}
        if len(goals) < 2 or len(areas) != 1:
            return ""
        (area,) = areas
        return area if {goal.id for goal in goals} == {g.id for g in self.goals.values() if g.area == area} else ""

    def _listing(self, analysis: QuestionAnalysis, cues: Cues, state: ConversationState, goals: list[Goal]) -> Resolution | None:
        """After the goals of an owner or of an area were listed, "entä X?" lists X's goals the same way
        ("entä varhaiskasvatusjohtaja?" after "mistä koulutusjohtaja vastaa"); None when they were not a listing."""
        if not cues.lead or len(goals) < 2:
            return None
        in_focus = {goal.id for goal in goals}
        everyone = self.goals.values()
        titles = self.titles_named(analysis)
        shared = set.intersection(*(set(goal.owners) for goal in goals))
        if titles and any(in_focus == {g.id for g in everyone if owner in g.owners} for owner in shared):
            listed = tuple(g.id for g in everyone if titles[0] in g.owners)
            return Resolution("resolved", f"Mistä {titles[0]} vastaa?", goals=listed, focus="owner") if listed else None
        area = self._listed_area(goals)
        if not area:
            return None
        codes = {found.value for word in cues.own for found in self.figures.reader.finder.find_tokens((word.folded,))
                 if found.kind == "area" and not found.note}
        listed_goals = [g for g in everyone if g.area in codes]
        if not listed_goals or codes == {area}:
            return None
        earlier = self.analyse(state.question)
        grid = self.grid_columns(earlier)
        focus = asked_field(grid, earlier.frame)
        names = " ja ".join(self.plan.name(code) for code in sorted(codes))
        if focus == "owner" and earlier.frame not in PERSON_FRAMES:  # "mitä tavoitteita X:llä on"
            question = AREA_GOAL_QUESTIONS["goal"].format(area=names)
        else:  # the area's goals asked what the earlier turn asked, named by the area, not goal by goal
            question = AREA_GOAL_QUESTIONS.get(focus, AREA_GOAL_QUESTIONS["owner"]).format(area=names)
        return Resolution("resolved", question, goals=tuple(g.id for g in listed_goals), focus=focus)

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
            return resolved(self._refer(analysis, (*cues.pronouns, *cues.lead), state.focus))
        if not self.topic(cues.own) and analysis.frame in QUESTION_WORDS and not cues.lead:
            previous = self.analyse(state.question)
            rest = " ".join(w.text for w in previous.words if w.text not in previous.frame_words)
            return replace(resolved(f"{QUESTION_WORDS[analysis.frame]} {rest}?"), bare=True)
        if analysis.years and not self.topic(cues.own) and not cues.pronouns:
            # "entä 2025?" after a prose answer: the same question of that year (in place of the year it named)
            return resolved(_with_years(self.analyse(state.question), analysis))
        if cues.lead and state.focus:
            topic = self.topic(cues.own)
            if topic and state.focus in state.question:
                case = _case_of(self.analyse(state.focus))
                new = " ".join(word.text for word in cues.own if word.content or word.number)
                return resolved(state.question.replace(state.focus, self.inflector.inflect_phrase(new, case), 1))
        return Resolution("clarify", reason="no_antecedent")

    def _refer(self, analysis: QuestionAnalysis, pronouns: tuple[Word, ...], focus: str, named_after: bool = False) -> str:
        """The question with its first pronoun standing for `focus`: in the pronoun's case ("sitä" → "taidemuseota"),
        or, before a noun ("sen koulun"), as the focus's words in front of that noun ("Kirkkiksen koulun"). With
        `named_after`, a name the plan has no such form of is named after the ask ("Kuka vastaa (Varhaiskasvatus)?")."""
        pronoun = pronouns[0]
        position = analysis.words.index(pronoun)
        following = analysis.words[position + 1] if position + 1 < len(analysis.words) else None
        cases = set(pronoun.reading.form.cases)
        if following is not None and cases & set(following.reading.form.cases) and following in self.topic((following,)):
            focus_words = self.analyse(focus).words
            same = [i for i, word in enumerate(focus_words) if set(word.lemmas) & set(following.lemmas)]
            before = focus[: focus_words[same[0]].start].strip() if same else ""
            return substitute(analysis, pronouns[:1], before, drop=pronouns[1:])
        case = next(iter(pronoun.reading.form.cases), "")
        inflected = self.inflector.inflect_phrase(focus, case)
        if inflected == focus and case not in ("", NOMINATIVE) and named_after:
            # the plan has no such form of the name ("siitä" for "Varhaiskasvatus"): named after the ask, as it is
            asked = " ".join(substitute(analysis, pronouns, "").split()).rstrip("?!. ")
            return f"{asked} ({focus})?"
        return substitute(analysis, pronouns[:1], inflected, drop=pronouns[1:])

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
        return resolved(substitute(pending, pronouns[:1], self.inflector.inflect_phrase(phrase, case)))

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



def _with_years(previous: QuestionAnalysis, follow_up: QuestionAnalysis) -> str:
    """The earlier question asked of the follow-up's years: its own years replaced, or the new ones added."""
    years = " ja ".join(str(mention.year) for mention in follow_up.years)
    named = [word for word in previous.words if word.number and any(str(m.year) in word.text for m in previous.years)]
    if not named:
        return f"{previous.text.rstrip('?!. ')} vuonna {years}?"
    text = previous.text
    for index, word in sorted(enumerate(named), key=lambda pair: -pair[1].start):
        text = text[: word.start] + (years if index == 0 else "") + text[word.end :]
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
