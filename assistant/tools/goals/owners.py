"""The owner tool: which goal of the goals grid a question means, and who is responsible for it.

Goals are matched by a hybrid score: lexical overlap of folded character 4-grams (robust to Finnish
inflection, compounds, missing ä/ö and typos) weighted by how rare each 4-gram is among the goals,
plus, when an embedding function is given, dense similarity. The reverse question ("mitä tavoitteita
koulutusjohtajalla on?") lists the goals of the owner it names; a job title the grid does not have is a
not_found answer. Questions the router does not send to the grid ("kuka järjestää X") get None.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from assistant.types import Answer, Citation
from assistant.routing.router import SIGNAL_TERMS, WHO, route
from assistant.language.vocabulary import find_areas, find_terms, pattern_score, tokenize
from corpus.records import Goal
from corpus.store import Corpus
from corpus.text import fold

Embed = Callable[[list[str]], np.ndarray]
_WORD = re.compile(r"\w+")
# Heads of job titles, folded, with the letters that complete the nominative ("kaupunginjohtajalla" -> "…johtaja").
_TITLE_HEADS = (("johtaj", "a"), ("paallik", "kö"), ("esimie", "s"))

MIN_SCORE = 0.45  # below this lexical+dense score no goal is claimed (the lead falls back to text search)
TIE_RATIO = 0.85  # goals scoring within this ratio of the best are answered together
MAX_GOALS = 3
DENSE_WEIGHT = 0.35
DECISIVE_SCORE = 0.7
DECISIVE_MARGIN = 0.25
LEXICAL_FLOOR = 0.35  # a claimed goal must share this much wording with the question
AREA_BONUS = 0.15
MAX_ENDING = 7  # letters after an area stem that are still only an inflection ("kirjasto|illemme")
AIM_SCORE = 0.45  # a strategic aim named this well lists every goal under it

# Words that ask *about* goals rather than say which goal: they carry no content for matching.
_QUESTION_WORDS = frozenset(
    """kuka ketka kenen kenelle kehen keta kutka mika mitka mita mista mihin milla mille miten millainen
    millaiset millaisia millaista minkalaisia minkalainen minka kuinka onko ovatko on ovat oli olivat ja tai
    seka se sen ne niiden sita siita tama tassa taman naiden nama ei en kun kuin myos vai jos etta eli esim
    kaikki kaikkia jotka joita joka jonka joilla siihen niihin niille niista hanen heidan han he kerro
    kertoa listaa luettele nimea nimi""".split()
)
_CUE_STEMS = (
    "vastaa", "vastuu", "vastuulla", "tavoit", "mittar", "mitar", "mitataan", "mittaa", "seura", "kayttosuunnitelm",
    "suunnitelm", "heinol", "kaupung", "palvelualue", "asetet", "liittyy", "liittyv", "koske", "kerro", "nimet",
    "henkilo", "vuonna", "vuode", "vuosi", "2024", "strategi", "paamaar", "tavoitetaso", "taso", "kuulu", "johta", "paatta", "paatos",
    # how goals are handled in general (set, approved, carried out), not which goal
    "toteut", "hyvaksy",
)
# Cue stems that end compounds: "palvelurakennetavoitteen" means the goal about "palvelurakenne".
_COMPOUND_CUES = ("tavoitetaso", "tavoit", "mittar", "mitari")
MIN_PART = 4  # letters a compound's first part needs to count as a word of its own


@dataclass(frozen=True)
class GoalMatch:
    """A goal with how well it matches a question (lexical, dense and combined scores)."""

    goal: Goal
    score: float
    lexical: float
    dense: float | None = None


# --- text features ----------------------------------------------------------------------------

def content_tokens(text: str) -> tuple[str, ...]:
    """Folded words that can say which goal is meant (question words and goal cues removed, typos too)."""
    words = (_before_cue(token) for token in tokenize(text))
    return tuple(
        token
        for token in words
        if token not in _QUESTION_WORDS and not token.isdigit() and len(token) > 2 and not _is_cue(token)
    )


def _is_cue(token: str) -> bool:
    return token.startswith(_CUE_STEMS) or any(pattern_score(stem, token) for stem in _CUE_STEMS if len(stem) >= 6)


def _before_cue(token: str) -> str:
    """The first part of a compound ending in a goal cue ('palvelurakennetavoitteen' -> 'palvelurakenne')."""
    for cue in _COMPOUND_CUES:
        at = token.find(cue, MIN_PART)
        if at >= MIN_PART:
            return token[:at]
    return token


# Case endings and plural marks, longest first: "talouteen" and "talous" share the stem "talou".
_ENDINGS = tuple(
    sorted(
        """isiin iksi ihin iden itten ista issa illa ilta ille ineen jen ien sta ssa lla lta lle ksi een aan oon uun
        iin seen siin tta ta na ne in en an on un ut et at ja ia t n a i s""".split(),
        key=len,
        reverse=True,
    )
)


def light_stem(word: str) -> str:
    """Strip one common Finnish ending (at least four letters stay): 'talouteen' -> 'talout'."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def char_grams(tokens: Sequence[str], n: int = 4) -> Counter[str]:
    """Character n-grams of each (lightly stemmed) word, marked at its start with '_'."""
    grams: Counter[str] = Counter()
    for token in tokens:
        padded = "_" + light_stem(token)
        if len(padded) <= n:
            grams[padded] += 1
            continue
        for i in range(len(padded) - n + 1):
            grams[padded[i : i + n]] += 1
    return grams


def goal_text(goal: Goal) -> str:
    """The searchable text of a goal: goal, target levels and metrics (aims count less, see goal_grams)."""
    return " ".join((goal.goal, *goal.target_level, *goal.metrics))


class GoalIndex:
    """Character 4-gram index over the goals, with per-gram rarity weights."""

    def __init__(self, goals: Sequence[Goal]) -> None:
        self.goals = tuple(goals)
        self._aims = [self._aim_grams(g) for g in self.goals]
        self._texts = [set(char_grams(tokenize(goal_text(g)))) for g in self.goals]
        self._grams = [text | aims for text, aims in zip(self._texts, self._aims)]
        df: Counter[str] = Counter(gram for grams in self._grams for gram in grams)
        total = len(self.goals)
        self._idf = {gram: math.log((total + 1) / (count + 0.5)) for gram, count in df.items()}
        self._unseen_idf = math.log((total + 1) / 0.5)

    @staticmethod
    def _aim_grams(goal: Goal) -> set[str]:
        return set(char_grams(tokenize(" ".join((goal.strategic_aim, *goal.sub_aims)))))

    def lexical_scores(self, tokens: Sequence[str], part: str = "all") -> list[float]:
        """For each goal, the mean over the question's content words of the (rarity-weighted) share of the
        word's 4-grams found in the goal (`part`: "all", only its "aims" or only its "text"): a word the grid
        never uses counts as a miss for every goal."""
        targets = {"all": self._grams, "aims": self._aims, "text": self._texts}[part]
        words = [set(char_grams([token])) for token in dict.fromkeys(tokens)]
        if not words:
            return [0.0] * len(self.goals)
        scores = [0.0] * len(self.goals)
        for grams in words:
            weights = {gram: self._idf.get(gram, self._unseen_idf) for gram in grams}
            mass = sum(weights.values())
            for i, goal_grams in enumerate(targets):
                scores[i] += sum(w for gram, w in weights.items() if gram in goal_grams) / mass
        return [score / len(words) for score in scores]


_INDEXES: dict[tuple[str, ...], GoalIndex] = {}
# Keyed by the embed callable itself (bound methods compare equal by instance), never by id(), which
# a new object may reuse after the old one is gone.
_DENSE: dict[tuple[Embed, tuple[str, ...]], np.ndarray] = {}


def _index(goals: Sequence[Goal]) -> GoalIndex:
    key = tuple(goal.id for goal in goals)
    if key not in _INDEXES:
        _INDEXES[key] = GoalIndex(goals)
    return _INDEXES[key]


def _dense_scores(question: str, goals: Sequence[Goal], embed: Embed) -> list[float]:
    key = (embed, tuple(goal.id for goal in goals))
    if key not in _DENSE:
        _DENSE[key] = _normalise(np.asarray(embed([goal_text(g) for g in goals]), dtype=np.float32))
    query = _normalise(np.asarray(embed([question]), dtype=np.float32))[0]
    return [float(x) for x in _DENSE[key] @ query]


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


# --- matching ---------------------------------------------------------------------------------

def match_goals(
    question: str,
    goals: Sequence[Goal],
    embed: Embed | None = None,
    areas: Sequence[str] = (),
    tokens: Sequence[str] | None = None,
) -> tuple[GoalMatch, ...]:
    """Goals ranked by how well the question's content words (or the given `tokens`) match them, best first."""
    if not goals:
        return ()
    if tokens is None:
        area_words = _area_words(question)
        tokens = [token for token in content_tokens(question) if token not in area_words]
    lexical = _index(goals).lexical_scores(tokens)
    dense: list[float | None] = [None] * len(goals)
    combined = list(lexical)
    if embed is not None and tokens:
        raw = _dense_scores(question, goals, embed)
        low, high = min(raw), max(raw)
        spread = (high - low) or 1.0
        dense = list(raw)
        combined = [lex + DENSE_WEIGHT * (d - low) / spread for lex, d in zip(lexical, raw)]
    # The area named breaks ties between goals that match anyway; it cannot make a weak match strong.
    bonus = [AREA_BONUS if areas and g.area in areas and c >= MIN_SCORE else 0.0 for c, g in zip(combined, goals)]
    ranked = sorted(
        (GoalMatch(goal, score + extra, lex, d) for goal, score, extra, lex, d in zip(goals, combined, bonus, lexical, dense)),
        key=lambda match: -match.score,
    )
    return tuple(ranked)


def _area_words(question: str) -> set[str]:
    """Words that only name a service area ('varhaiskasvatuksen'), not compounds that say more ('uimakoulujen')."""
    words: set[str] = set()
    for mention in find_areas(question):
        if mention.end - mention.start > 1 or len(mention.words) - mention.score <= MAX_ENDING:
            words.update(mention.words.split())
    return words


def owner_titles(goals: Sequence[Goal]) -> tuple[str, ...]:
    """Every distinct owner title in the goals grid, in grid order."""
    return tuple(dict.fromkeys(owner for goal in goals for owner in goal.owners))


def owners_named(question: str, goals: Sequence[Goal]) -> tuple[str, ...]:
    """Owner titles the question names, in any inflection ('koulutusjohtajalla' → 'Koulutusjohtaja')."""
    tokens = tokenize(question)
    named: list[str] = []
    for title in owner_titles(goals):
        head = fold(title).split(",")[0].split()[0]
        stem = head[:-2] if len(head) > 8 else head  # consonant gradation: päällikkö → päällikön
        if any(pattern_score(stem, token) for token in tokens):
            named.append(title)
    # "Palvelualuejohtaja, Virikkeellinen elämä" is named by its head word alone
    return tuple(named)


def goals_of(owner: str, goals: Sequence[Goal]) -> tuple[Goal, ...]:
    """The goals an owner is responsible for."""
    return tuple(goal for goal in goals if owner in goal.owners)


# --- answering --------------------------------------------------------------------------------

def answer_owner(question: str, corpus: Corpus, embed: Embed | None = None) -> Answer | None:
    """An owner answer (owners, goal, metric, target level, citing the goals grid); a not_found answer for a
    job title the grid does not have; None when the question does not clearly mean a goal or an owner."""
    try:
        goals = corpus.goals
        if not goals or route(question).kind != "owner":
            return None  # "kuka järjestää X", "kuka on rehtori": not the goals grid
        foreign = foreign_titles(question, goals)
        if foreign and not owners_named(question, goals):
            return _title_not_in_grid(question, foreign, goals)
        chosen, heading = _choose(question, goals, embed)
    except Exception:  # a tool failure must not take the answer down: the caller falls back to text
        return None
    if not chosen:
        return None
    return _compose(question, heading, chosen, corpus)


def foreign_titles(question: str, goals: Sequence[Goal]) -> tuple[str, ...]:
    """Job titles in the question ('kaupunginjohtajan') that no goal of the grid has as its owner."""
    stems = [_owner_stem(title) for title in owner_titles(goals)]
    found: list[str] = []
    for word in _WORD.findall(question):
        token = fold(word)
        if any(pattern_score(stem, token) for stem in stems):
            continue  # a grid title is not foreign
        for head, nominative in _TITLE_HEADS:
            at = token.find(head)
            if at >= MIN_PART:  # a bare "johtaja" names no title
                # fold keeps one letter per letter, so the word's own spelling can be cut at the same place
                found.append(word[0].upper() + word[1 : at + len(head)] + nominative)
                break
    return tuple(dict.fromkeys(found))


def _title_not_in_grid(question: str, titles: Sequence[str], goals: Sequence[Goal]) -> Answer:
    named = ", ".join(f"”{title}”" for title in titles)
    return Answer(
        question=question,
        kind="not_found",
        answer=(
            f"Käyttösuunnitelmassa ei mainita nimikettä {named}. Suunnitelma ei nimeä henkilöitä; sen tavoitetaulukossa "
            f"on vain tavoitteiden vastuuhenkilöiden tehtävänimikkeet: {'; '.join(owner_titles(goals))}."
        ),
    )


def _choose(question: str, goals: Sequence[Goal], embed: Embed | None) -> tuple[tuple[Goal, ...], str]:
    named = owners_named(question, goals)
    areas = tuple(dict.fromkeys(m.value for m in find_areas(question)))
    content = _goal_words(question, named)
    pool = tuple(dict.fromkeys(goal for owner in named for goal in goals_of(owner, goals))) if named else tuple(goals)
    if named:
        return _owner_goals(question, named, content, pool, embed)
    area_pool = tuple(goal for goal in pool if goal.area in areas)
    if areas and not content and area_pool:
        return area_pool, "Palvelualueen tavoitteet ja niiden vastuuhenkilöt käyttösuunnitelman tavoitetaulukossa:"
    if not content:
        if WHO in _signals(question):
            return (), ""  # "kenelle tavoitteet on vastuutettu?": told in the prose intro, not one goal
        return pool, "Käyttösuunnitelman tavoitteet ja niiden vastuuhenkilöt:"  # "Mitkä ovat toimialan tavoitteet?"
    return _best_goals(question, content, pool, areas, embed)


def _goal_words(question: str, named: Sequence[str]) -> list[str]:
    """Content words left once area names and the named owners' titles (with their area) are removed."""
    area_words = _area_words(question)
    title_words = {word for owner in named for word in tokenize(owner)}
    content = [token for token in content_tokens(question) if token not in area_words]
    return [
        token
        for token in content
        if not any(pattern_score(_owner_stem(o), token) for o in named)
        and not any(pattern_score(light_stem(word), token) for word in title_words if len(word) > 3)
    ]


def _owner_goals(
    question: str, named: Sequence[str], content: Sequence[str], pool: tuple[Goal, ...], embed: Embed | None
) -> tuple[tuple[Goal, ...], str]:
    """The named owners' goals: those the other words pick out, else all of them."""
    heading = f"Vastuuhenkilön {', '.join(named)} tavoitteet käyttösuunnitelman tavoitetaulukossa:"
    if content:
        picked, picked_heading = _best_goals(question, content, pool, (), embed)
        if picked:
            return picked, picked_heading
    return pool, heading


def _signals(question: str) -> set[str]:
    return {mention.value for mention in find_terms(tokenize(question), SIGNAL_TERMS)}


def _best_goals(
    question: str, content: Sequence[str], pool: tuple[Goal, ...], areas: Sequence[str], embed: Embed | None
) -> tuple[tuple[Goal, ...], str]:
    """The goals whose wording the question's content words match, or () when none matches well."""
    matches = match_goals(question, pool, None, areas, content)
    if embed is not None and not _decisive(matches):
        matches = match_goals(question, pool, embed, areas, content)  # embedding costs time: only when wording is unclear
    # Dense similarity is relative (some goal is always nearest), so it may reorder but never carry a match alone.
    if not matches or matches[0].score < MIN_SCORE or matches[0].lexical < LEXICAL_FLOOR:
        return (), ""
    by_aim = _aim_goals(content, pool)
    if by_aim:
        return by_aim, f"Strategisen päämäärän {by_aim[0].strategic_aim} tavoitteet käyttösuunnitelman tavoitetaulukossa:"
    best = matches[0].score
    close = tuple(m.goal for m in matches[:MAX_GOALS] if m.score >= best * TIE_RATIO)
    in_area = tuple(goal for goal in close if goal.area in areas)
    close = in_area or close  # "markkinointitavoite opetuksessa": the named area's goal, not its twin elsewhere
    heading = "Kysymystä vastaava tavoite käyttösuunnitelman tavoitetaulukossa:" if len(close) == 1 else (
        "Kysymystä vastaavat tavoitteet käyttösuunnitelman tavoitetaulukossa:"
    )
    return close, heading


def _decisive(matches: Sequence[GoalMatch]) -> bool:
    """Whether the wording alone settles the goal: a strong best match well ahead of the next."""
    if not matches:
        return False
    runner_up = matches[1].score if len(matches) > 1 else 0.0
    return matches[0].lexical >= DECISIVE_SCORE and matches[0].score - runner_up >= DECISIVE_MARGIN


def _aim_goals(content: Sequence[str], pool: Sequence[Goal]) -> tuple[Goal, ...]:
    """All goals under one strategic aim, when the question names the aim (or a sub-aim) better than any goal."""
    index = _index(pool)
    scores = index.lexical_scores(content, part="aims")
    best = max(scores, default=0.0)
    if best < AIM_SCORE or best <= max(index.lexical_scores(content, part="text"), default=0.0):
        return ()
    top = [goal for goal, score in zip(pool, scores) if score >= best * TIE_RATIO]
    aims = {goal.strategic_aim for goal in top}
    return tuple(top) if len(aims) == 1 else ()


def _owner_stem(owner: str) -> str:
    head = fold(owner).split(",")[0].split()[0]
    return head[:-2] if len(head) > 8 else head


def _compose(question: str, heading: str, goals: Sequence[Goal], corpus: Corpus) -> Answer:
    names = _area_names(corpus)
    lines = [heading]
    citations: list[Citation] = []
    for n, goal in enumerate(goals, start=1):
        area = names.get(goal.area, goal.area)
        block = [f"{n}. Tavoite ({area}; strateginen päämäärä: {goal.strategic_aim}): {goal.goal} [{n}]"]
        if goal.target_level:
            block.append("   Tavoitetaso: " + _listing(goal.target_level))
        if goal.metrics:
            block.append("   Mittari: " + _listing(goal.metrics))
        block.append("   Vastuu: " + "; ".join(goal.owners))
        lines.extend(block)
        citations.append(_citation(n, goal, corpus))
    owners = tuple(dict.fromkeys(owner for goal in goals for owner in goal.owners))
    lines.append("Vastuuhenkilöt: " + "; ".join(owners) + ".")
    return Answer(
        question=question,
        kind="owner",
        answer="\n".join(lines),
        citations=tuple(citations),
        owners=owners,
        retrieved_ids=tuple(dict.fromkeys(goal.section_id for goal in goals)),
    )


def _listing(texts: Sequence[str]) -> str:
    if len(texts) == 1:
        return texts[0]
    return " ".join(f"{i}) {text}" for i, text in enumerate(texts, start=1))


def _citation(n: int, goal: Goal, corpus: Corpus) -> Citation:
    parts = [f"Strateginen päämäärä: {goal.strategic_aim}"]
    if goal.sub_aims:
        parts.append("; ".join(goal.sub_aims))
    parts.append(f"Tavoite 2024 ({goal.area}): {goal.goal}")
    parts += [f"Tavoitetaso: {text}" for text in goal.target_level]
    parts += [f"Mittari: {text}" for text in goal.metrics]
    parts.append("Vastuu: " + "; ".join(goal.owners))
    return Citation(
        n=n,
        section_id=goal.section_id,
        section=corpus.section(goal.section_id).path_text,
        quote="\n".join(parts),
        lines=(goal.lines.start, goal.lines.end),
    )


def _area_names(corpus: Corpus) -> dict[str, str]:
    names: dict[str, str] = {}
    for document in corpus.documents:
        for area in (document.manifest.board, *document.manifest.areas):
            names.setdefault(area.code, area.name)
    return names

