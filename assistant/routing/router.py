"""One route per question, decided once by meaning.

1. Principled scope rules only: a year outside the plan's columns (when used as a year).
2. The budget tables: the figure tool reads the question against the tables' own rows, areas and columns.
3. Otherwise the question's vector (the only thing embedded) is compared with the vectors of every goal field
   and every sentence stored with the index; lemma coverage and the question's frame join in. A who/whose
   question, one naming a column of the goals grid (mittari, tavoitetaso, vastuu…) or an owner's title goes to
   the grid when a goal matches it at least as well as any sentence does; everything else to the prose.
4. The answerability model decides whether the chosen evidence answers the question at all.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant.language.analysis import QuestionAnalysis, Word
from assistant.language.evidence_words import asks_how_known, frame_demands
from assistant.language.lemmas import LemmaIndex, topic_share
from assistant.language.matching import find_terms, tokenize
from assistant.language.operations import operation_words
from assistant.routing.route import Route
from assistant.routing.scope import outside_years
from assistant.text.answerability import AnswerabilityFeatures, AnswerabilityModel
from assistant.text.evidence import Evidence, SentenceEvidence
from assistant.tools.figures.query import Impossible
from assistant.tools.goals.fields import FIELDS, PERSON_FRAMES, asked_field
from assistant.tools.goals.match import GoalMatch, GoalMatcher
from assistant.tools.goals.titles import NamedTitles, OwnerTitles
from corpus.lexicon import Lexicon
from corpus.text import fold
from corpus.units import SemanticUnit

THING_STEM = 5  # letters that tell one sub-service from another ("kirja" of Kirjasto and Kirjastopalvelut)
WHO_BONUS = 0.5  # a who/whose question leans to the goals grid, which names who is responsible
GRID_BONUS = 0.4  # so does one naming a column of the grid (mittari, tavoitetaso, vastuu)
TIE_RATIO = 0.9  # goals scoring within this share of the best are answered together
MAX_GOALS = 3
AREA_WORDS = ("op:along_areas", "op:each_area")  # the figure tool's readings of "palvelualue", "alueella"


@dataclass(frozen=True)
class Meaning:
    """A question's similarities to the plan's goal fields and sentences, and the retrieval prior of sections."""

    goal_z: np.ndarray  # z-scores (over all units) of every goal field unit
    sentence_sims: np.ndarray  # cosine similarities of every sentence
    sentence_z: np.ndarray  # their z-scores over all units
    prior: dict[str, float]  # by section key ("<doc_id>#<section id>")


class Router:
    """Routes analysed questions; everything it compares against is precomputed once."""

    def __init__(
        self,
        figures: object,
        goals: GoalMatcher,
        evidence: SentenceEvidence,
        lemmas: LemmaIndex,
        model: AnswerabilityModel,
        lexicons: Sequence[Lexicon],
        plan_years: Sequence[int],
        meaning: Callable[[str, float | None], Meaning],
        spell_out: Callable[[QuestionAnalysis], QuestionAnalysis] = lambda analysis: analysis,
    ) -> None:
        """`spell_out`: the question as the prose and the grid are searched with (everyday names in the plan's)."""
        self.figures = figures
        self.goals = goals
        self.evidence = evidence
        self.lemmas = lemmas
        self.model = model
        self.plan_years = tuple(plan_years)
        self.meaning = meaning
        self.spell_out = spell_out
        self._areas = tuple(term for lexicon in lexicons for term in lexicon.areas)
        self._titles = OwnerTitles(goals.goals, self._areas)
        self._grid_words = {
            column: frozenset(word for lexicon in lexicons for word in _folded(lexicon.grid_words(column)))
            for column in ("goal", "owner", *FIELDS)
        }
        self._all_grid_words = frozenset().union(*self._grid_words.values())
        self._service_heads = frozenset(operation_words().service_heads)  # "toiminta", "palvelut": a service as such

    def route(self, analysis: QuestionAnalysis, deadline: float | None = None, near: Sequence[str] = ()) -> Route:
        """The one route of a question; `deadline` bounds the search index's calls (StoreTimeout past it).
        `near` names sections the question is known to be about (a follow-up's earlier answer): they count as
        retrieved first."""
        years = outside_years(analysis, self.plan_years)
        if years:
            return Route("not_found", analysis, reason="year_outside_plan", detail={"years": years})
        reading = self.figures.read(analysis)  # type: ignore[attr-defined]
        if getattr(reading, "is_figure", False):
            return Route("figure", analysis, figure=reading)
        analysis = self.spell_out(analysis)
        meaning = self.meaning(analysis.written_text, deadline)  # spoken forms in writing: "toi" is "tuo"
        if near:
            meaning = replace(meaning, prior={**meaning.prior, **{section: 1.0 for section in near}})
        route = self._by_meaning(analysis, meaning)
        if route.kind == "not_found":
            # nothing in the plan answers it, and it asks money of a unit the tables do not itemise: say that instead
            units = self.figures.units_asked(analysis)  # type: ignore[attr-defined]
            if units:
                return Route("figure", analysis, reason="not_itemised", figure=Impossible("not_itemised", units))
        return route

    def _by_meaning(self, analysis: QuestionAnalysis, meaning: Meaning) -> Route:
        goals = self.goals.goals
        titles = self._titles.named(analysis)
        named = titles.titles
        areas = frozenset(mention.value for mention in find_terms(analysis.tokens, self._areas))
        pool = tuple(goal for goal in goals if set(goal.owners) & set(named)) if named else None
        topic = self._without_grid_words(analysis)  # "vastaa", "mittari": what is asked of a goal, not which goal
        matches = self.goals.match(topic, meaning.goal_z, pool, areas)
        evidence = self.evidence.rank(analysis, meaning.sentence_sims, meaning.prior, z_scores=meaning.sentence_z, areas=areas)
        grid = self._grid_columns(analysis)
        focus = asked_field(grid, analysis.frame)
        if named and (not analysis.content or _only_title(analysis, titles, self._all_grid_words)):
            return self._owner(analysis, matches, focus, owner=named[0], reverse=True)  # "mitä tavoitteita X:llä on"
        # "mitä tavoitteita varhaiskasvatuksella on", "kuka vastaa virikkeellisestä elämästä": the area's goals
        # … and "mitä mittareita vireellä on": a column of the grid asked of an area alone is asked of its goals
        asks_area = "goal" in grid or bool(grid & set(FIELDS)) or ("owner" in grid and analysis.frame in PERSON_FRAMES)
        own_areas = self._only_areas(analysis) if asks_area and not named else frozenset()
        area_goals = self.goals.match(topic, meaning.goal_z, tuple(g for g in goals if g.area in own_areas)) if own_areas else ()
        if area_goals:  # the area's goals, as the grid lists them
            in_grid_order = sorted(area_goals, key=lambda match: goals.index(match.goal))
            route = self._owner(analysis, in_grid_order, focus, reverse=True)
            return replace(route, area=next(iter(own_areas))) if len(own_areas) == 1 else route
        if not named and grid & {"goal", *FIELDS} and self._grid_only(analysis):
            # "mitkä ovat tavoitteet", "mitä mittareita on": the whole grid, in its order
            return self._owner(analysis, sorted(matches, key=lambda match: goals.index(match.goal)), focus, reverse=True)
        best_goal = matches[0] if matches else None
        best_text = evidence[0] if evidence else None
        lean = (WHO_BONUS if analysis.frame in PERSON_FRAMES or named else 0.0) + (GRID_BONUS if grid else 0.0)
        asks_grid = bool(grid & set(FIELDS)) or bool(named and "goal" in grid)  # the grid's own columns
        if best_goal is not None and lean and (asks_grid or best_text is None or best_goal.score + lean >= best_text.score):
            close = tuple(m for m in matches[:MAX_GOALS] if m.score >= TIE_RATIO * best_goal.score and m.score > 0)
            return self._owner(topic, close or (best_goal,), focus)
        return self._text(analysis, evidence)

    def _owner(self, analysis: QuestionAnalysis, matches: Sequence[GoalMatch], focus: str, owner: str = "", reverse: bool = False) -> Route:
        best = matches[0]
        runner = matches[1].score if len(matches) > 1 and not reverse else best.score - 1.0
        features = self._features(
            analysis, dense=best.dense, dense_z=best.dense, margin=best.score - runner, coverage=best.coverage.weight,
            missing=best.coverage.missing, owner=True, frame_ok=True,
        )
        if reverse:
            return Route("owner", analysis, goals=tuple(matches), owner=owner, focus=focus, features=features, probability=1.0)
        probability = self.model.probability(features)
        if probability < self.model.threshold:
            return Route("not_found", analysis, reason="no_evidence", goals=tuple(matches), features=features,
                         probability=probability, detail={"missing": best.coverage.missing})
        return Route("owner", analysis, goals=tuple(matches), focus=focus, features=features, probability=probability)

    def _text(self, analysis: QuestionAnalysis, evidence: Sequence[Evidence]) -> Route:
        if not evidence:
            return Route("not_found", analysis, reason="no_evidence")
        things = self._things_named(analysis.tokens)
        if things and not self._names(things, evidence[0]):
            # "milloin uusi uimahalli rakennetaan": a sentence that never names the swimming hall is about another thing
            return Route("not_found", analysis, reason="no_evidence", evidence=tuple(evidence))
        best = evidence[0]
        runner = evidence[1].score if len(evidence) > 1 else 0.0
        features = self._features(
            analysis, dense=best.dense, dense_z=best.dense_z, margin=best.score - runner, coverage=best.coverage.weight,
            missing=best.coverage.missing, owner=False, frame_ok=best.frame_ok,
        )
        probability = self.model.probability(features)
        if probability < self.model.threshold:
            return Route("not_found", analysis, reason="no_evidence", evidence=tuple(evidence), features=features,
                         probability=probability, detail={"missing": best.coverage.missing})
        return Route("text", analysis, evidence=tuple(evidence), features=features, probability=probability)

    def _names(self, things: frozenset[str], evidence: Evidence) -> bool:
        return bool(things & self._things_named(tokenize(" ".join(unit.text for unit in evidence.quoted))))

    def _things_named(self, tokens: tuple[str, ...]) -> frozenset[str]:
        """The sub-services of the plan's areas a text names ("uimahallin": Uimahalli), each by the start of its
        name ("Kirjasto" and "Kirjastopalvelut" are one)."""
        return frozenset(fold(mention.note)[:THING_STEM] for mention in find_terms(tokens, self._areas) if mention.note)

    def _features(
        self, analysis: QuestionAnalysis, *, dense: float, dense_z: float, margin: float, coverage: float,
        missing: tuple[str, ...], owner: bool, frame_ok: bool,
    ) -> AnswerabilityFeatures:
        content = analysis.content
        unknown = sum(topic_share(word) for word in content if not self.lemmas.known(word))
        count = len(content)
        weight = sum(topic_share(word) for word in content)
        missing_weight = sum(topic_share(word) for word in content if word.text in missing)
        return AnswerabilityFeatures(
            dense=dense,
            dense_z=dense_z,
            margin=margin,
            coverage=coverage,
            missing_share=missing_weight / weight if weight else 0.0,
            unknown_share=unknown / weight if weight else 0.0,
            frame_demand=1.0 if frame_demands(analysis.frame) else 0.0,
            frame_ok=1.0 if frame_ok else 0.0,
            content_words=math.log1p(count),
            owner_route=1.0 if owner else 0.0,
        )

    def titles_named(self, analysis: QuestionAnalysis) -> tuple[str, ...]:
        """The owner titles of the goals grid the question names ("varhaiskasvatusjohtajan")."""
        return self._titles.named(analysis).titles

    def grid_columns(self, analysis: QuestionAnalysis) -> frozenset[str]:
        """Columns of the goals grid the question names (its headings or the verbs that ask for them)."""
        return self._grid_columns(analysis)

    def _grid_columns(self, analysis: QuestionAnalysis) -> frozenset[str]:
        named = frozenset(column for word in analysis.words for column in self._columns_of(word))
        return named | {"metric"} if asks_how_known(analysis) else named  # "mistä näkee, toimiiko …"

    def _columns_of(self, word: Word) -> frozenset[str]:
        """The grid columns one word asks for: a base form, or a verb form the tables lack that starts with the
        infinitive ("mitataan")."""
        forms = {*word.lemmas, word.folded, *word.reading.form.parts}
        return frozenset(
            column for column, words in self._grid_words.items()
            if forms & words or any(len(w) >= 5 and w.endswith("a") and word.folded.startswith(w) for w in words)
        )

    def _only_areas(self, analysis: QuestionAnalysis) -> frozenset[str]:
        """The service areas a question names when its content words name only them (the areas themselves, not a
        sub-service of one) and the grid's columns, or are verbs; else none."""
        mentions = [mention for mention in find_terms(analysis.tokens, self._areas) if not mention.note]
        word_of = analysis.word_of_token
        area_words = {analysis.words[word_of[token]].start for m in mentions for token in range(m.start, m.end)}
        rest = [word for word in analysis.content if word.start not in area_words and not self._area_word(word)]
        if not mentions or not all(self._columns_of(word) or word.verb for word in rest):
            return frozenset()
        return frozenset(mention.value for mention in mentions)

    def _area_word(self, word: Word) -> bool:
        """A word for a service area as such ("hyten palvelualueella", "hyten toimintaa"): no topic of its own."""
        if (self.figures.slot_kind(word.folded) or "") in AREA_WORDS:  # type: ignore[attr-defined]
            return True
        return word.folded in self._service_heads or any(lemma in self._service_heads for lemma in word.lemmas)

    def _grid_only(self, analysis: QuestionAnalysis) -> bool:
        """Whether every content word names a column of the goals grid ("mitkä ovat tavoitteet", "kuka vastaa
        tavoitteista"): the question asks of no goal in particular."""
        return bool(analysis.content) and all(self._columns_of(word) for word in analysis.content)

    def _without_grid_words(self, analysis: QuestionAnalysis) -> QuestionAnalysis:
        """The question without the words that name a column of the goals grid (its topic, for goal matching)."""
        kept = tuple(word for word in analysis.words if not self._columns_of(word))
        return analysis if len(kept) == len(analysis.words) else replace(analysis, words=kept)


def _only_title(analysis: QuestionAnalysis, named: NamedTitles, grid_words: frozenset[str]) -> bool:
    """Whether the content words only name the owner and perhaps the grid's columns (its headings, 'vastata',
    'tavoite') or verbs: 'mitä tavoitteita koulutusjohtajalla on', 'mistä koulutusjohtaja vastaa'."""
    title_words = {word for title in named.titles for word in fold(title).replace(",", " ").split()}
    rest = [
        w for w in analysis.content
        if w.start not in named.word_starts and not any(w.folded.startswith(t[: max(4, len(t) - 3)]) or t.startswith(w.folded) for t in title_words)
    ]
    return all(set(w.lemmas) & grid_words or w.verb for w in rest)  # "mitä X:ltä odotetaan": a verb names no topic


def _folded(words: Sequence[str]) -> list[str]:
    return [fold(word) for word in words]


def sentence_units(units: Sequence[SemanticUnit]) -> tuple[SemanticUnit, ...]:
    return tuple(unit for unit in units if unit.kind == "sentence")
