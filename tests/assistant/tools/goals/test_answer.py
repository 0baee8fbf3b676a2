"""Owner answers: owner and goal in one sentence first, target levels and metrics after, each goal cited."""

from __future__ import annotations

from assistant.tools.goals.answer import compose_owner_answer
from corpus.store import load_corpus

CORPUS = load_corpus()
GOAL = next(goal for goal in CORPUS.goals if len(goal.owners) == 2)


def test_one_goal_leads_with_its_owners() -> None:
    answer = compose_owner_answer("q", (GOAL,), CORPUS, "who")
    assert answer.headline == f"Tavoitteesta ”{GOAL.goal}” vastaavat {GOAL.owners[0]} ja {GOAL.owners[1]}."
    assert answer.owners == GOAL.owners and answer.citations[0].lines == (GOAL.lines.start, GOAL.lines.end)
    assert answer.answer.splitlines()[1].startswith(answer.headline)
    assert answer.interpretation is not None and answer.interpretation.goals == (GOAL.id,)


def test_a_metric_question_leads_with_the_metric() -> None:
    answer = compose_owner_answer("q", (GOAL,), CORPUS, "what", focus="metric")
    assert answer.headline.startswith(f"Tavoitteen ”{GOAL.goal}” mittari: ") and GOAL.metrics[0] in answer.headline


def test_a_metric_the_grid_does_not_give_is_said_to_be_missing() -> None:
    bare = next(goal for goal in CORPUS.goals if not goal.metrics)
    answer = compose_owner_answer("q", (bare,), CORPUS, "how", focus="metric")
    assert answer.headline.startswith(f"Tavoitteelle ”{bare.goal}” ei ole taulukossa mittaria; vastuu: ")
    listed = compose_owner_answer("q", (GOAL, bare), CORPUS, "how", focus="metric")
    assert listed.headline == "Kysymystä vastaavat tavoitteet ja niiden mittarit:"
    assert listed.answer.splitlines()[-1].startswith(f"2. {bare.goal} — mittaria ei ole taulukossa (")


def test_an_aim_question_leads_with_the_strategic_aim_and_a_sub_aim_question_with_its_sub_aims() -> None:
    aim = compose_owner_answer("q", (GOAL,), CORPUS, "what", focus="aim")
    assert aim.headline == f"Tavoitteen ”{GOAL.goal}” strateginen päämäärä: {GOAL.strategic_aim}; vastuu: {' ja '.join(GOAL.owners)}."
    sub = compose_owner_answer("q", (GOAL,), CORPUS, "what", focus="sub_aim")
    assert sub.headline.startswith(f"Tavoitteen ”{GOAL.goal}” strategisen päämäärän alatavoitteet: ")
    assert all(text in sub.headline for text in GOAL.sub_aims)


def test_an_owner_s_goals_are_listed_and_numbered() -> None:
    owner = "Koulutusjohtaja"
    goals = tuple(goal for goal in CORPUS.goals if owner in goal.owners)
    answer = compose_owner_answer("q", goals, CORPUS, owner=owner)
    assert answer.headline == f"{owner} vastaa {len(goals)} tavoitteesta:"
    assert [c.n for c in answer.citations] == list(range(1, len(goals) + 1))
