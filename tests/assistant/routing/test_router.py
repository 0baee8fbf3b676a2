"""One route per question, by meaning, on the real plan and index (questions written for these tests)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_year_outside_the_plan_is_refused_without_evidence(real_assistant) -> None:
    route = real_assistant.route("mitä kirjastolle tehdään vuonna 2031")
    assert (route.kind, route.reason, route.detail["years"]) == ("not_found", "year_outside_plan", (2031,))
    assert "2031" in real_assistant.answer_route(route).answer


def test_a_span_reaching_into_the_plan_is_not_outside_it(real_assistant) -> None:
    assert real_assistant.route("mikä hyvinvointikertomus tehdään vuosille 2021-2025").reason != "year_outside_plan"


def test_a_date_or_a_code_is_not_a_year(real_assistant) -> None:
    assert real_assistant.route("mitä tapahtuu 1.8.2024 rainion päiväkodille").reason != "year_outside_plan"
    assert real_assistant.route("mihin CAF2020-asiakirjaan Valssi yhdistetään").reason != "year_outside_plan"


def test_who_looks_after_a_goal_finds_the_goal_and_its_owner(real_assistant) -> None:
    answer = real_assistant.answer("kenen vastuulla on virikkeellisen elämän palvelujen markkinointi")
    assert answer.kind == "owner"
    assert answer.interpretation is not None and answer.interpretation.goals == ("uudistuva-tyo-ja-asuminen/vire",)
    assert "Palvelualuejohtaja, Virikkeellinen elämä" in answer.owners


def test_who_arranges_what_the_prose_tells_is_a_text_answer(real_assistant) -> None:
    answer = real_assistant.answer("kuka hoitaa opiskeluhuollon asiantuntijapalvelut kouluissa")
    assert answer.kind == "text" and "Hyvinvointialue" in answer.answer


def test_a_grid_column_word_asks_of_a_goal_and_does_not_pick_it(real_assistant) -> None:
    router = real_assistant.router
    analysis = real_assistant.analyse("kuka vastaa museon ja kirjaston markkinoinnista")
    topic = router._without_grid_words(analysis)
    assert [w.text for w in topic.content] == ["museon", "kirjaston", "markkinoinnista"]
    assert router.grid_columns(analysis) == {"owner"} and not router.grid_columns(topic)


def test_an_amount_of_a_unit_the_plan_does_not_answer_names_the_unit(real_assistant) -> None:
    answer = real_assistant.answer("paljonko tommola-talon sähkölasku on")  # no row, no sentence: no figure of its own
    assert (answer.kind, answer.not_itemised) == ("not_found", ("Tommola-talo",))
    assert "Tommola-talo" in answer.answer and not answer.citations
    prose = real_assistant.answer("mitä tommola-talolle tapahtuu 2026")  # the prose tells it
    assert prose.kind == "text"


def test_metric_questions_go_to_the_grid(real_assistant) -> None:
    answer = real_assistant.answer("millä mittarilla seurataan vähän liikkuvien aktivointia")
    assert answer.kind == "owner" and "harrastemalli" in answer.answer


def test_the_town_name_and_frame_verbs_do_not_steer_the_evidence(real_assistant) -> None:
    answer = real_assistant.answer("Mitä Heinolan kirjastolle tapahtuu vuonna 2024?")
    assert answer.kind == "text" and "Kirjasto" in answer.headline and "2024" in answer.headline


def test_a_sentence_that_never_names_the_sub_service_asked_of_is_no_answer(real_assistant) -> None:
    # the swimming hall is in the plan, in a list of sports venues; what is built when is of other venues
    route = real_assistant.route("milloin uusi uimahalli rakennetaan")
    assert route.kind == "not_found" and route.evidence and "uimahall" not in route.evidence[0].unit.text.lower()
    told = real_assistant.answer("mitä kirjastolle tapahtuu")  # "Kirjastopalvelut", "Kirjastotoiminta": one service
    assert told.kind == "text" and "kirjasto" in told.answer.lower()


def test_a_topic_the_plan_never_mentions_is_not_found_in_one_sentence(real_assistant) -> None:
    answer = real_assistant.answer("mikä on heinolan väkiluku")
    assert answer.kind == "not_found" and len(answer.suggestions) <= 3
    assert answer.headline.endswith(".") and answer.headline.count(". ") == 0


def test_a_not_found_answer_names_missing_topics_never_the_words_that_ask_how(real_assistant) -> None:
    answer = real_assistant.answer("missä kaupunginosassa asuu eniten koiria")
    assert answer.kind == "not_found" and "koiria" in answer.headline and "eniten" not in answer.headline
    verbs = real_assistant.answer("milloin heinolan uusi koulu valmistuu")  # a verb names no topic, whatever its form
    assert verbs.kind == "not_found" and "valmistuu" not in verbs.headline
    own = real_assistant.answer("mitä koiria vakan pihoilla asuu")  # "vakan" is the lexicon's own word for an area
    assert own.kind == "not_found" and "koiria" in own.headline and "vakan" not in own.headline


def test_verbs_of_aiming_ask_for_a_goals_target_level(real_assistant) -> None:
    route = real_assistant.route("mitä tavoitellaan harrastemallilla")
    assert route.kind == "owner" and route.focus == "target"


def test_owner_and_text_questions_embed_only_the_question(real_assistant, monkeypatch) -> None:
    embedder = real_assistant.searcher.dense.embedder
    calls: list[str] = []
    monkeypatch.setattr(embedder, "embed_passages", lambda texts: calls.append("passage") or [])
    original = embedder.embed_queries
    monkeypatch.setattr(embedder, "embed_queries", lambda texts: calls.append("query") or original(texts))
    real_assistant.answer("kuka vastaa koulujen markkinoinnista")
    real_assistant.answer("missä kirjasto sijaitsee")
    assert calls == ["query", "query"]


def test_a_who_question_asks_for_the_owner_even_when_it_names_a_metric_verb(real_assistant) -> None:
    who = real_assistant.route("kuka seuraa harrastemallin toteutumista")
    how = real_assistant.route("millä seurataan harrastemallin toteutumista")
    assert (who.kind, who.focus) == ("owner", "owner") and (how.kind, how.focus) == ("owner", "metric")


def test_to_whom_something_is_offered_asks_for_no_owner(real_assistant) -> None:
    assert real_assistant.route("kenelle liikuntaneuvontaa on tarjolla").kind != "owner"  # a recipient
    assert real_assistant.route("kenelle kuuluu kirjaston ja museon markkinointi").kind == "owner"  # whose it is


def test_how_one_sees_whether_a_goal_succeeds_asks_for_its_metric(real_assistant) -> None:
    route = real_assistant.route("mistä näkee, onnistuuko museon ja kirjaston markkinointi")
    assert (route.kind, route.focus, route.goals[0].goal.id) == ("owner", "metric", "uudistuva-tyo-ja-asuminen/vire")


@pytest.mark.parametrize("question", ["mitkä ovat virikkeellisen elämän tavoitteet 2024",
                                      "mitä tavoitteita vireen palvelualueella on"])  # a word for areas names no topic
def test_the_goals_of_an_area_named_alone_are_listed_in_grid_order(real_assistant, question: str) -> None:
    answer = real_assistant.answer(question)
    listed = [goal.id for goal in real_assistant.corpus.goals if goal.area == "VIRE"]
    assert answer.kind == "owner" and answer.interpretation.goals == tuple(listed) and len(listed) > 1
    assert answer.headline == f"Palvelualueen Virikkeellinen elämä tavoitteet ({len(listed)}):"


@pytest.mark.parametrize(("question", "area", "focus"), [("mitkä ovat vakan mittarit", "VAKA", "metric"),
                                                         ("mitkä ovat opetuksen tavoitetasot", "OPKOU", "target")])
def test_a_column_of_the_grid_asked_of_an_area_alone_is_asked_of_each_of_its_goals(real_assistant, question, area, focus) -> None:
    answer = real_assistant.answer(question)
    listed = [goal.id for goal in real_assistant.corpus.goals if goal.area == area]
    assert answer.kind == "owner" and answer.interpretation.goals == tuple(listed)
    assert answer.interpretation.focus == focus


@pytest.mark.parametrize(("question", "area"), [("kuka johtaa hyten toimintaa", "HYTE"),  # a word for a service as such
                                                ("kuka vastaa vakan palveluista", "VAKA"),
                                                ("kuka vastaa virikkeellisestä elämästä?", "VIRE"),
                                                ("kenen vastuulla varhaiskasvatus on", "VAKA")])
def test_who_answers_for_an_area_named_alone_is_its_goals_owners(real_assistant, question: str, area: str) -> None:
    answer = real_assistant.answer(question)
    goals = [goal for goal in real_assistant.corpus.goals if goal.area == area]
    assert answer.kind == "owner" and answer.interpretation.goals == tuple(goal.id for goal in goals)
    assert all(owner in answer.answer for goal in goals for owner in goal.owners)


@pytest.mark.parametrize(("question", "focus"), [("mitkä ovat tavoitteet?", "owner"), ("mitä mittareita on", "metric"),
                                                 ("kuka vastaa tavoitteista", "owner")])
def test_the_grid_asked_of_no_goal_in_particular_lists_every_goal_in_its_order(real_assistant, question: str, focus: str) -> None:
    answer = real_assistant.answer(question)
    assert answer.kind == "owner" and answer.interpretation.focus == focus
    assert answer.interpretation.goals == tuple(goal.id for goal in real_assistant.corpus.goals)


def test_a_sub_service_s_goals_are_not_its_areas(real_assistant) -> None:
    assert real_assistant.route("mitä tavoitteita museolla on").area == ""  # the plan sets no goals for a museum


def test_an_owner_named_the_short_way_asks_for_that_owners_goals(real_assistant) -> None:
    answer = real_assistant.answer("mitä tavoitteita vakajohtajalla on")
    assert answer.kind == "owner" and answer.owners == ("Varhaiskasvatusjohtaja",)
    assert {goal.owners for goal in real_assistant.corpus.goals if goal.id in answer.interpretation.goals} == {("Varhaiskasvatusjohtaja",)}


@pytest.mark.parametrize(("question", "area"), [("kenelle kuuluu koulujen markkinointi", "OPKOU"),
                                                ("kuka vastaa kirjaston ja museon markkinoinnista", "VIRE")])
def test_a_goal_of_the_area_named_is_chosen_over_another_areas_like_it(real_assistant, question: str, area: str) -> None:
    route = real_assistant.route(question)
    assert route.goals and {match.goal.area for match in route.goals} == {area}
