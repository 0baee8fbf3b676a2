"""The owner tool: matching the goal a question means, owners, the reverse question, citations."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.tools.goals.owners import (
    GoalIndex,
    answer_owner,
    char_grams,
    content_tokens,
    foreign_titles,
    goals_of,
    match_goals,
    owner_titles,
    owners_named,
)
from corpus.records import Goal
from corpus.store import Corpus


@pytest.mark.parametrize(
    ("question", "goal_id"),
    [
        ("Kuka vastaa uimakouluista?", "a/vire"),
        ("kuka vastaa uimakoulujen tarjonnasta", "a/vire"),
        ("Mikä on kolmasluokkalaisten uimataidon mittari?", "a/vire"),
        ("Kenen vastuulla on lukudiplomi?", "a/opkou"),
        ("kenen vastuulla on lukudiplomien maara", "a/opkou"),
        ("Kuka vastaa koulukiusaamisen vähentämisestä?", "b/opkou"),
        ("kuka vastaa koulukiusaamisen vahentamisesta", "b/opkou"),
        ("kuka vastaa koulukiusamisen vahentamisesta", "b/opkou"),  # typo
        ("Mikä on ruokahävikin tavoitetaso?", "b/vaka"),
        ("mika on ruokahavikin tavoitetaso paivakodeissa", "b/vaka"),
    ],
)
def test_match_goals_finds_the_goal(sample_goals: list[Goal], question: str, goal_id: str) -> None:
    assert match_goals(question, sample_goals)[0].goal.id == goal_id


def test_unrelated_question_scores_low(sample_goals: list[Goal]) -> None:
    assert match_goals("Kuka vastaa kirjaston remontista?", sample_goals)[0].score < 0.3


def test_area_named_breaks_ties(sample_goals: list[Goal]) -> None:
    twins = [replace(sample_goals[0], id="x/vaka", area="VAKA"), replace(sample_goals[0], id="x/vire", area="VIRE")]
    for area in ("VAKA", "VIRE"):
        assert match_goals("Kuka vastaa uimakouluista?", twins, areas=(area,))[0].goal.area == area


def test_area_named_cannot_make_a_weak_match_strong(sample_goals: list[Goal]) -> None:
    plain = match_goals("Kuka vastaa kirjaston remontista?", sample_goals)
    with_area = match_goals("Kuka vastaa kirjaston remontista?", sample_goals, areas=("VIRE",))
    assert [m.score for m in plain] == [m.score for m in with_area]


def _fake_embed(texts: list[str]) -> np.ndarray:
    """A deterministic stand-in for a sentence embedder: hashed character trigrams."""
    vectors = np.zeros((len(texts), 64), dtype=np.float32)
    for row, text in enumerate(texts):
        for gram in char_grams(text.lower().split(), 3):
            vectors[row, sum(map(ord, gram)) % 64] += 1.0
    return vectors


def test_dense_scores_join_the_lexical_ones(sample_goals: list[Goal]) -> None:
    matches = match_goals("Kuka vastaa uimakouluista?", sample_goals, embed=_fake_embed)
    assert matches[0].goal.id == "a/vire"
    assert all(m.dense is not None for m in matches)
    assert matches[0].score >= matches[0].lexical


def _random_embed(texts: list[str]) -> np.ndarray:
    """An embedder whose similarities mean nothing: dense scores alone must never claim a goal."""
    rng = np.random.default_rng(len(texts))
    return rng.normal(size=(len(texts), 16)).astype(np.float32)


@pytest.mark.parametrize("question", ["Kuka vastaa kirjaston remontista?", "Kuka vastaa liikuntapaikkojen kunnossapidosta?"])
def test_dense_similarity_alone_claims_no_goal(corpus: Corpus, question: str) -> None:
    assert answer_owner(question, corpus, embed=_random_embed) is None


def test_owners_named_in_any_inflection(sample_goals: list[Goal]) -> None:
    assert owners_named("Mitä tavoitteita koulutusjohtajalla on?", sample_goals) == ("Koulutusjohtaja",)
    assert owners_named("mista uintipaallikko vastaa", sample_goals) == ("Uintipäällikkö",)
    assert owners_named("Mistä uintipäällikön vastuu koostuu?", sample_goals) == ("Uintipäällikkö",)
    assert owners_named("Kuka vastaa uimakouluista?", sample_goals) == ()


def test_goals_of_and_owner_titles(sample_goals: list[Goal]) -> None:
    assert [g.id for g in goals_of("Koulutusjohtaja", sample_goals)] == ["a/opkou", "b/opkou"]
    assert owner_titles(sample_goals)[:2] == ("Palvelualuejohtaja, Virikkeellinen elämä", "Uintipäällikkö")


def test_content_tokens_drop_question_words_and_cues() -> None:
    assert content_tokens("Kuka vastaa harrastemallin tavoitteesta vuonna 2024?") == ("harrastemallin",)


def test_index_scores_are_shares(sample_goals: list[Goal]) -> None:
    scores = GoalIndex(sample_goals).lexical_scores(["uimakoulujen"])
    assert all(0.0 <= s <= 1.0 for s in scores) and max(scores) == scores[0]


# --- over the real goals grid ---------------------------------------------------------------


def _owners_for(corpus: Corpus, predicate: str) -> tuple[str, ...]:
    """The owners of the goal whose text contains `predicate` (read from the corpus, not typed in)."""
    goal = next(g for g in corpus.goals if predicate in " ".join((g.goal, *g.target_level, *g.metrics)))
    return goal.owners


@pytest.mark.parametrize(
    ("question", "evidence"),
    [
        ("Kuka vastaa harrastemallista?", "Harrastemalliin"),
        ("kuka vastaa harrastemallista", "Harrastemalliin"),
        ("kuka vastaa harrastemalista", "Harrastemalliin"),
        ("Mikä on liikuntaneuvojan asiakkaiden tavoitetaso?", "liikuntaneuvojan"),
        ("Millä mittarilla seurataan oppilaiden poissaoloja?", "poissaolojen"),
        ("Kenen vastuulla on evaus-prosessien tukeminen?", "evaus"),
        ("Kuka vastaa yksinäisyyden vähentämisestä?", "Yksinäisyyden"),
        ("kuka vastaa yksinaisyyden vahentamisesta", "Yksinäisyyden"),
        ("Mikä on oppimisen tuen mittari?", "Oppimisen tuen"),
        ("Kuka vastaa Valssin yhdistämisestä CAF2020-asiakirjaan?", "Valssin"),
        ("Kuka vastaa varhaiskasvatuksen palvelurakenteesta?", "palvelurakenne"),
        ("Kuka vastaa digiagenteista?", "digiagentit"),
    ],
)
def test_owner_answers(corpus: Corpus, question: str, evidence: str) -> None:
    answer = answer_owner(question, corpus)
    assert answer is not None and answer.kind == "owner"
    assert answer.owners == _owners_for(corpus, evidence)
    assert all(c.section_id == "tavoitteet/taulukko" for c in answer.citations)
    assert evidence in answer.answer


def test_owner_answer_gives_goal_metric_target_and_cites_the_goal_lines(corpus: Corpus) -> None:
    answer = answer_owner("Mikä on liikuntaneuvojan asiakkaiden tavoitetaso?", corpus)
    assert answer is not None
    goal = next(g for g in corpus.goals if any("liikuntaneuvojan" in m for m in g.metrics))
    (citation,) = answer.citations
    assert citation.lines == (goal.lines.start, goal.lines.end)
    assert citation.section == corpus.section("tavoitteet/taulukko").path_text
    for text in (goal.goal, *goal.target_level, *goal.metrics, *goal.owners):
        assert text in answer.answer and text in citation.quote
    assert "Tavoitetaso:" in answer.answer and "Mittari:" in answer.answer


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("Mitä tavoitteita koulutusjohtajalla on?", "Koulutusjohtaja"),
        ("mita tavoitteita koulutusjohtajalla on", "Koulutusjohtaja"),
        ("Mistä hyvinvointipäällikkö vastaa?", "Hyvinvointipäällikkö"),
        ("Mitkä tavoitteet ovat varhaiskasvatusjohtajan vastuulla?", "Varhaiskasvatusjohtaja"),
        ("Mitä liikuntapalvelujohtaja vastaa?", "Liikuntapalvelujohtaja"),
    ],
)
def test_reverse_lists_the_goals_of_an_owner(corpus: Corpus, question: str, owner: str) -> None:
    answer = answer_owner(question, corpus)
    assert answer is not None
    expected = [g for g in corpus.goals if owner in g.owners]
    assert len(answer.citations) == len(expected)
    assert [c.lines for c in answer.citations] == [(g.lines.start, g.lines.end) for g in expected]
    assert owner in answer.owners


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("liikuntapalvelujohtajan tavotteet", "Liikuntapalvelujohtaja"),  # typo in the goal word
        ("koulutusjohtajan tavoiteet", "Koulutusjohtaja"),
        ("Mitä tavoitteita virikkeellisen elämän palvelualuejohtajalla on?", "Palvelualuejohtaja, Virikkeellinen elämä"),
        ("mita tavoitteita vire-palvelualuejohtajalla on 2024", "Palvelualuejohtaja, Virikkeellinen elämä"),
    ],
)
def test_reverse_with_typos_and_titles_that_name_their_area(corpus: Corpus, question: str, owner: str) -> None:
    answer = answer_owner(question, corpus)
    assert answer is not None and answer.kind == "owner"
    assert [c.lines for c in answer.citations] == [(g.lines.start, g.lines.end) for g in goals_of(owner, corpus.goals)]


@pytest.mark.parametrize(
    ("question", "evidence"),
    [
        ("Mikä on varhaiskasvatuksen palvelurakennetavoitteen mittari?", "palvelurakenne"),
        ("mikä on harrastemallitavoitteen tavoitetaso", "Harrastemalliin"),
        ("poissaolotavoitteen mittari", "poissaolojen"),
        ("Mikä on markkinointitavoitteen mittari opetuksessa?", "viestinkanavien"),
    ],
)
def test_compound_goal_words_match_by_their_first_part(corpus: Corpus, question: str, evidence: str) -> None:
    answer = answer_owner(question, corpus)
    assert answer is not None and answer.owners == _owners_for(corpus, evidence)
    assert len(answer.citations) == 1


@pytest.mark.parametrize(
    "question",
    [
        "kuka järjestää opiskeluhuollon asiantuntijapalvelut",  # told in prose, not a goal
        "kuka hyvaksyy kayttosuunnitelman tavoitteet",
        "Kenelle käyttösuunnitelman tavoitteiden toteuttaminen on vastuutettu?",  # goals in general: the prose intro
        "Kuka vastaa tavoitteiden toteuttamisesta?",
        "kuka ylläpitää liikuntapaikkoja",
        "mikä on varhaiskasvatusjohtajan nimi",  # routed to not_found before any tool
    ],
)
def test_prose_or_general_questions_claim_no_goal(corpus: Corpus, question: str) -> None:
    assert answer_owner(question, corpus, embed=_fake_embed) is None


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("Mitä tavoitteita kaupunginjohtajalla on?", "Kaupunginjohtaja"),
        ("Mistä sivistysjohtaja vastaa?", "Sivistysjohtaja"),
        ("mitka ovat kulttuuripaallikon tavoitteet", "Kulttuuripaallikkö"),
    ],
)
def test_a_title_outside_the_grid_is_not_found(corpus: Corpus, question: str, title: str) -> None:
    answer = answer_owner(question, corpus)
    assert answer is not None and (answer.kind, answer.owners, answer.citations) == ("not_found", (), ())
    assert f"”{title}”" in answer.answer
    assert all(owner in answer.answer for owner in owner_titles(corpus.goals))


def test_foreign_titles(sample_goals: list[Goal]) -> None:
    assert foreign_titles("Mitä tavoitteita kaupunginjohtajalla on?", sample_goals) == ("Kaupunginjohtaja",)
    assert foreign_titles("Mistä uintipäällikkö vastaa?", sample_goals) == ()  # in the grid
    assert foreign_titles("Kuka johtaja vastaa uimakouluista?", sample_goals) == ()  # no title, just a word


@pytest.mark.parametrize(
    ("question", "tokens"),
    [
        ("Mikä on palvelurakennetavoitteen mittari?", ("palvelurakenne",)),
        ("liikuntaneuvonnan tavotteet", ("liikuntaneuvonnan",)),  # the misspelt cue is still a cue
        ("Kenelle tavoitteiden toteuttaminen on vastuutettu?", ()),
    ],
)
def test_content_tokens_split_compound_cues_and_forgive_typos(question: str, tokens: tuple[str, ...]) -> None:
    assert content_tokens(question) == tokens


def test_area_goals_when_no_goal_is_named(corpus: Corpus) -> None:
    answer = answer_owner("Mitkä ovat varhaiskasvatuksen tavoitteet?", corpus)
    assert answer is not None
    assert len(answer.citations) == len([g for g in corpus.goals if g.area == "VAKA"])


def test_strategic_aim_lists_its_goals(corpus: Corpus) -> None:
    answer = answer_owner("Mitkä tavoitteet kuuluvat kestävään talouteen?", corpus)
    assert answer is not None
    aim = next(g.strategic_aim for g in corpus.goals if g.strategic_aim.startswith("Kest"))
    assert len(answer.citations) == len([g for g in corpus.goals if g.strategic_aim == aim])


@pytest.mark.parametrize(
    "question",
    ["Kuka vastaa kirjaston remontista?", "Kuka vastaa liikuntapaikkojen kunnossapidosta?", "Kuka on rehtori?"],
)
def test_no_goal_claimed_when_none_is_meant(corpus: Corpus, question: str) -> None:
    assert answer_owner(question, corpus) is None


def test_owners_are_exact_titles_from_the_grid(corpus: Corpus) -> None:
    titles = set(owner_titles(corpus.goals))
    for question in ("Kuka vastaa harrastemallista?", "Mitkä ovat toimialan tavoitteet?", "Kuka vastaa somejulkaisuista?"):
        answer = answer_owner(question, corpus)
        assert answer is not None and set(answer.owners) <= titles
        quotes = "\n".join(c.quote for c in answer.citations)
        assert all(owner in quotes for owner in answer.owners)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_answer_owner_never_raises(corpus: Corpus, text: str) -> None:
    answer = answer_owner(text, corpus)
    assert answer is None or answer.kind in ("owner", "not_found")
