"""Follow-ups over the real plan: each slot merged into the earlier query, goals asked of the goal in focus,
fresh questions answered as ever, and "clarify" (never "not in the plan") when nothing can be resolved."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.errors import ConversationStateInvalid
from assistant.service import Assistant
from assistant.types import Answer


def converse(assistant: Assistant, *questions: str) -> list[Answer]:
    answers: list[Answer] = []
    state = None
    for question in questions:
        answer = assistant.answer(question, conversation=state)
        answers.append(answer)
        state = answer.conversation
    return answers


def cells(answer: Answer) -> set[tuple[str, str, str]]:
    return {(ref.area, ref.item, ref.column) for ref in answer.figures}


def reading(answer: Answer) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    i = answer.interpretation
    assert i is not None
    return i.operation, i.rows, i.areas, i.columns


def test_a_new_year_replaces_the_year_and_the_answer_says_how_it_was_read(real_assistant: Assistant) -> None:
    first, second = converse(real_assistant, "Paljonko opetuksen henkilöstökulut ovat 2023?", "entäpä vuodelta 2026?")
    assert first.resolved_question == "" and not first.answer.startswith("Tulkitsin")
    assert reading(second) == ("lookup", ("Henkilöstökulut",), ("OPKOU",), ("TS 2026",))
    assert second.resolved_question and second.answer.splitlines()[0] == f"Tulkitsin: {second.resolved_question}"
    assert cells(second) == {("OPKOU", "Henkilöstökulut", "TS 2026")}


def test_a_new_area_replaces_the_area_and_a_new_row_the_row(real_assistant: Assistant) -> None:
    _, area, row = converse(
        real_assistant, "Paljonko opetuksen henkilöstökulut ovat 2023?", "entäs varhaiskasvatuksen?", "entäs poistot?",
    )
    assert reading(area) == ("lookup", ("Henkilöstökulut",), ("VAKA",), ("TA 2023",))
    assert reading(row)[1:] == (("Poistot ja arvonalentumiset",), ("VAKA",), ("TA 2023",))


def test_an_operation_word_keeps_the_slots_and_takes_the_years_the_conversation_named(real_assistant: Assistant) -> None:
    *_, change = converse(
        real_assistant, "Paljonko opetuksen henkilöstökulut ovat 2023?", "entäpä vuodelta 2026?", "paljonko se kasvaa?",
    )
    assert reading(change) == ("change", ("Henkilöstökulut",), ("OPKOU",), ("TA 2023", "TS 2026"))
    assert {ref.column for ref in change.figures} >= {"TA 2023", "TS 2026"}


def test_a_change_to_a_later_year_starts_from_the_year_in_focus(real_assistant: Assistant) -> None:
    _, change = converse(real_assistant, "paljonko kirjaston tulot ovat 2024", "kuinka paljon ne kasvavat 2026 mennessä")
    assert reading(change)[0] == "change" and reading(change)[3] == ("TA 2024", "TS 2026")
    _, adjacent = converse(real_assistant, "paljonko kirjaston tulot ovat 2025", "kuinka paljon ne kasvavat 2026")
    assert reading(adjacent)[3] == ("TS 2025", "TS 2026")


def test_a_change_from_an_earlier_year_ends_at_the_year_in_focus(real_assistant: Assistant) -> None:
    _, step = converse(real_assistant, "paljonko hyten menot ovat 2026", "paljonko ne kasvoi edellisestä vuodesta")
    assert reading(step)[0] == "change" and reading(step)[3] == ("TS 2025", "TS 2026")
    _, named = converse(real_assistant, "paljonko hyten menot ovat 2026", "miten ne ovat muuttuneet vuodesta 2023")
    assert reading(named)[3] == ("TA 2023", "TS 2026")


def test_a_bare_how_much_after_a_ranking_is_the_figure_of_the_place_it_answered(real_assistant: Assistant) -> None:
    ranking, amount = converse(real_assistant, "millä palvelualueella on pienimmät tulot 2025", "kuinka paljon?")
    answered = ranking.figures[0].area  # the place the ranking names first
    assert reading(amount)[0] == "lookup" and reading(amount)[2:] == ((answered,), ("TS 2025",))
    assert cells(amount) == {(answered, "Toimintatuotot", "TS 2025")}


def test_a_mean_or_a_sum_asked_after_values_is_over_those_values(real_assistant: Assistant) -> None:
    _, mean = converse(real_assistant, "kuinka paljon vireen tulot kasvaa 2024-2026", "entä keskimäärin vuodessa?")
    assert reading(mean) == ("average", ("Toimintatuotot",), ("VIRE",), ("TA 2024", "TS 2025", "TS 2026"))
    _, areas = converse(real_assistant, "hyten ja opetuksen tulot 2026", "paljonko ne on keskimäärin?")
    assert reading(areas)[0] == "average" and set(reading(areas)[2]) == {"HYTE", "OPKOU"} and reading(areas)[3] == ("TS 2026",)
    _, alone = converse(real_assistant, "hyten tulot 2026", "paljonko keskimäärin vuodessa?")
    assert len(reading(alone)[3]) == 5  # one figure in focus: every year, as the question alone reads


def test_another_part_of_the_same_whole_keeps_the_whole(real_assistant: Assistant) -> None:
    _, other = converse(real_assistant, "kuinka suuri osa toimialan kuluista on vireen 2025", "entä hyten?")
    assert reading(other)[0] == "share" and reading(other)[2] == ("HYTE", "TOIMIALA")
    assert "kokonaisuus on Hyvinvointilautakunnan toimiala" in other.resolved_question


def test_it_after_two_rows_is_the_last_row_and_they_are_both(real_assistant: Assistant) -> None:
    *_, it = converse(real_assistant, "vaka menot 2024", "entäs tulot", "miten se muuttuu vuoteen 2026")
    assert reading(it) == ("change", ("Toimintatuotot",), ("VAKA",), ("TA 2024", "TS 2026"))
    *_, both = converse(real_assistant, "vaka menot 2024", "entäs tulot", "miten ne muuttuu vuoteen 2026")
    assert reading(both)[0] == "change" and set(reading(both)[1]) == {"Toimintakulut", "Toimintatuotot"}
    assert reading(both)[3] == ("TA 2024", "TS 2026")


def test_spoken_mites_leads_an_elliptic_ask_as_enta_does(real_assistant: Assistant) -> None:
    _, other = converse(real_assistant, "hyten tulot 2025", "mites menot?")
    assert reading(other) == ("lookup", ("Toimintakulut",), ("HYTE",), ("TS 2025",))


def test_enta_before_a_question_with_its_own_verb_asks_that_question(real_assistant: Assistant) -> None:
    _, other = converse(real_assistant, "hyten tulot 2025", "entäs mitä kirjastolle tapahtuu?")
    assert other.resolved_question.rstrip("?").lower() == "mitä kirjastolle tapahtuu"
    assert other.interpretation is not None and other.interpretation.route != "figure"


def test_a_column_kind_word_names_that_column_not_the_whole_budget(real_assistant: Assistant) -> None:
    _, actual = converse(real_assistant, "opetuksen poistot 2026", "paljonko ne oli tilinpäätöksessä?")
    assert reading(actual) == ("lookup", ("Poistot ja arvonalentumiset",), ("OPKOU",), ("TP 2022",))
    _, unclear = converse(real_assistant, "opetuksen poistot 2026", "entä talousarviossa?")  # TA 2023 or TA 2024?
    assert unclear.kind == "clarify"


def test_the_other_areas_are_the_areas_not_in_focus(real_assistant: Assistant) -> None:
    _, others = converse(real_assistant, "hyten henkilöstökulut 2026", "entäs muiden palvelualueiden?")
    assert reading(others) == ("lookup", ("Henkilöstökulut",), ("OPKOU", "VAKA", "VIRE"), ("TS 2026",))


def test_the_whole_town_or_a_year_past_the_plan_is_refused_by_the_plan_and_the_figure_stays_in_focus(real_assistant: Assistant) -> None:
    _, town, area = converse(real_assistant, "hyten henkilöstökulut 2026", "entäs koko kaupungin?", "entä vireen?")
    assert town.kind == "not_found" and town.interpretation is not None and town.interpretation.reason == "outside_board"
    assert reading(area) == ("lookup", ("Henkilöstökulut",), ("VIRE",), ("TS 2026",))
    _, later = converse(real_assistant, "hyten henkilöstökulut 2026", "entä vuonna 2029?")
    assert later.kind == "not_found" and "2029" in later.resolved_question


def test_which_gets_more_after_two_sub_services_of_one_area_is_asked_back(real_assistant: Assistant) -> None:
    *_, more = converse(real_assistant, "uimahallin menot 2025", "entä jäähallin?", "kumpi saa enemmän?")
    assert more.kind == "clarify"  # their area's one total compares nothing, and its rows are not what was asked


def test_i_meant_corrects_the_earlier_ask(real_assistant: Assistant) -> None:
    _, corrected = converse(real_assistant, "hyten henkilöstökulut 2026", "tarkoitin vireen")
    assert reading(corrected) == ("lookup", ("Henkilöstökulut",), ("VIRE",), ("TS 2026",))


def test_a_new_year_keeps_the_place_a_ranking_asked_for(real_assistant: Assistant) -> None:
    _, later = converse(real_assistant, "mikä alue on toiseksi kallein 2023", "entäs vuonna 2025?")
    query = real_assistant.route(later.resolved_question).figure
    assert later.interpretation is not None and later.interpretation.columns == ("TS 2025",)
    assert later.headline.startswith("Toiseksi suurin: ") and query is not None and query.nth and query.top == 2


def test_a_sum_without_rows_adds_the_rows_the_conversation_named(real_assistant: Assistant) -> None:
    *_, total = converse(real_assistant, "toimialan myyntituotot 2024", "entäs maksutuotot?", "entä ne yhteensä?")
    operation, rows, _, columns = reading(total)
    assert operation == "sum" and set(rows) == {"Myyntituotot", "Maksutuotot"} and columns == ("TA 2024",)


def test_the_next_and_the_previous_year_step_from_the_year_in_focus(real_assistant: Assistant) -> None:
    _, following, before = converse(
        real_assistant, "paljonko koulujen menot ovat 2025", "entä seuraavana vuonna?", "ja sitä edellisenä vuonna?"
    )
    assert reading(following) == ("lookup", ("Toimintakulut",), ("OPKOU",), ("TS 2026",))
    assert reading(before) == ("lookup", ("Toimintakulut",), ("OPKOU",), ("TS 2025",))


def test_a_step_moves_a_span_of_years_and_past_the_plan_it_is_outside_the_plan(real_assistant: Assistant) -> None:
    _, span = converse(real_assistant, "paljonko opetuksen menot muuttuvat 2024-2025", "entä seuraavana vuonna?")
    assert reading(span) == ("change", ("Toimintakulut",), ("OPKOU",), ("TS 2025", "TS 2026"))
    _, past = converse(real_assistant, "paljonko vakan menot ovat 2026", "entä seuraavana vuonna?")
    assert past.kind == "not_found" and "2027" in past.resolved_question


def test_the_other_superlative_turns_the_same_ranking_round(real_assistant: Assistant) -> None:
    first, other = converse(real_assistant, "mitkä ovat vakan suurimmat kuluerät 2024", "entä pienimmät?")
    assert first.interpretation is not None and other.interpretation is not None
    assert reading(other) == reading(first) and first.interpretation.operation == "ranking"
    assert other.resolved_question.startswith("Mitkä ovat pienimmät")
    assert "suurimmasta" in first.interpretation.text and "pienimmästä" in other.interpretation.text


def test_the_other_superlative_after_a_place_asks_for_the_smallest_itself(real_assistant: Assistant) -> None:
    _, other = converse(real_assistant, "millä alueella on toiseksi eniten tuloja 2026", "entä pienimmät?")
    assert other.headline.startswith("Pienin: ") and "pienimmästä" in other.interpretation.text  # type: ignore[union-attr]


def test_which_of_two_compares_the_two_areas_the_conversation_named(real_assistant: Assistant) -> None:
    *_, which = converse(real_assistant, "paljonko hyten tuet ja avustukset ovat 2024", "entä vireen?", "kumpi saa enemmän?")
    operation, rows, areas, columns = reading(which)
    assert (operation, rows, set(areas), columns) == ("difference", ("Tuet ja avustukset",), {"HYTE", "VIRE"}, ("TA 2024",))


def test_which_of_two_grows_more_ranks_the_two_areas_by_their_change(real_assistant: Assistant) -> None:
    *_, which = converse(real_assistant, "paljonko vireen menot kasvavat 2024-2026", "entä hyten?", "kumpi kasvaa enemmän?")
    operation, rows, areas, columns = reading(which)
    assert (operation, rows, set(areas), columns) == ("ranking", ("Toimintakulut",), {"HYTE", "VIRE"}, ("TA 2024", "TS 2026"))
    assert which.interpretation is not None and "muutoksen mukaan" in which.interpretation.text  # by the change
    _, alone = converse(real_assistant, "paljonko vireen menot kasvavat 2024-2026", "kumpi kasvaa enemmän?")
    assert alone.kind == "clarify"  # one area in focus: which two is not said


def test_meanwhile_leans_on_the_earlier_answer_and_a_verb_or_question_word_names_no_figure(real_assistant: Assistant) -> None:
    _, meanwhile = converse(real_assistant, "kerro kirkkiksen koulun rakennushankkeesta", "mihin koulu menee sillä aikaa")
    assert meanwhile.kind == "text" and "Tommola" in meanwhile.answer


def test_entä_with_a_topic_after_a_goal_asks_the_same_of_that_topic(real_assistant: Assistant) -> None:
    _, other = converse(real_assistant, "mikä on harrastemallin tavoitetaso", "entä evaus-arvioinnin?")
    assert other.kind == "owner" and other.resolved_question.startswith("Mikä on evaus-arvioinnin")
    assert other.interpretation is not None and other.interpretation.goals
    assert "Evaus" in other.answer and "tavoitetaso" in other.answer.lower()


def test_a_sub_service_the_plan_does_not_split_stays_named_in_follow_ups(real_assistant: Assistant) -> None:
    first, later = converse(real_assistant, "paljonko museo maksaa 2025", "entä 2026?")
    note = "Museotoiminta kuuluu palvelualueeseen Virikkeellinen elämä"
    assert note in first.headline and note in later.headline and "Museotoiminta" in later.resolved_question
    assert reading(later) == ("lookup", ("Toimintakulut",), ("VIRE",), ("TS 2026",))


def test_the_goal_in_focus_is_asked_for_its_metric_target_and_owner(real_assistant: Assistant) -> None:
    first, metric, target, owner = converse(
        real_assistant, "Kuka vastaa harrastemallista?", "Millä sitä mitataan?", "entäs tavoitetaso?", "kuka siitä vastaa?",
    )
    goal = real_assistant.follow_ups.goals[first.interpretation.goals[0]]  # type: ignore[union-attr]
    for answer in (metric, target, owner):
        assert answer.kind == "owner" and answer.interpretation.goals[0] == goal.id  # type: ignore[union-attr]
    assert goal.metrics[0] in metric.headline and "mittari" in metric.headline
    assert goal.target_level[0] in target.headline and "tavoitetaso" in target.headline
    assert set(owner.owners) == set(goal.owners)


def test_a_follow_up_that_adds_nothing_to_a_figure_is_not_that_figure_again(real_assistant: Assistant) -> None:
    first, meaning, again = converse(real_assistant, "paljonko liikuntapalvelut maksaa 2025", "mitä se oikein tarkoittaa?", "paljonko se on?")
    assert meaning.interpretation.operation == "identity"  # what the row is made of, not the figure repeated
    assert again.kind == "figure" and cells(again) == cells(first)  # asking the amount again is a figure question
    _, unread = converse(real_assistant, "paljonko liikuntapalvelut maksaa 2025", "mitä mieltä olet siitä?")
    assert unread.kind == "clarify" and not unread.figures


def test_a_pronoun_after_a_ranking_is_the_area_it_answered(real_assistant: Assistant) -> None:
    ranking, smallest, revenue = converse(
        real_assistant, "millä palvelualueella on suurimmat kulut 2025", "entä pienimmät?", "mitkä on sen tuotot?"
    )
    leader = smallest.figures[0].area  # the headline's area: the smallest
    assert reading(revenue) == ("lookup", ("Toimintatuotot",), (leader,), ("TS 2025",))
    third, its = converse(real_assistant, "mikä palvelualue on menoiltaan kolmanneksi suurin", "paljonko sen tuotot on")
    assert reading(its)[2] == (third.figures[2].area,)  # the third place, not the first listed
    second, theirs = converse(real_assistant, "mitkä kaksi palvelualuetta maksavat eniten", "paljonko niiden henkilöstökulut on?")
    assert set(reading(theirs)[2]) == {ref.area for ref in second.figures[:2]} and len(reading(theirs)[2]) == 2


def test_several_goals_in_focus_are_each_asked_for_their_metric(real_assistant: Assistant) -> None:
    listing, metrics = converse(real_assistant, "mitä tavoitteita opetuksella on", "miten niitä seurataan?")
    goals = [real_assistant.follow_ups.goals[i] for i in listing.interpretation.goals]  # type: ignore[union-attr]
    assert len(goals) > 1 and metrics.interpretation.goals == listing.interpretation.goals  # type: ignore[union-attr]
    assert metrics.resolved_question == "Millä mitataan palvelualueen Opetus- ja koulutuspalvelut tavoitteita?"  # by the area
    lines = metrics.answer.splitlines()
    for n, goal in enumerate(goals, start=1):
        line = next(line for line in lines if line.startswith(f"{n}. "))
        said = " — mittari: " in line and all(metric in line for metric in goal.metrics)
        assert said if goal.metrics else " — mittaria ei ole taulukossa" in line


def test_a_goal_moves_to_another_area_under_the_same_strategic_aim(real_assistant: Assistant) -> None:
    first, _, moved = converse(real_assistant, "Kuka vastaa harrastemallista?", "entäs tavoitetaso?", "entäs opetuksessa?")
    goals = real_assistant.follow_ups.goals
    before = goals[first.interpretation.goals[0]]  # type: ignore[union-attr]
    after = goals[moved.interpretation.goals[0]]  # type: ignore[union-attr]
    assert after.area == "OPKOU" and after.strategic_aim == before.strategic_aim


def test_a_sub_service_of_the_goal_s_own_area_is_never_the_goal_in_focus_again(real_assistant: Assistant) -> None:
    first, _, sub_service = converse(real_assistant, "Kuka vastaa harrastemallista?", "entäs tavoitetaso?", "entäs uimahallissa?")
    assert first.kind == "owner" and sub_service.kind == "clarify" and not sub_service.citations
    *_, own_goals = converse(real_assistant, "Kuka vastaa harrastemallista?", "entäs tavoitetaso?", "entä kirjaston tavoitteet?")
    assert own_goals.resolved_question.lower().startswith("kirjaston tavoitteet")


def test_a_self_contained_question_starts_fresh_and_first_turns_are_answered_as_ever(real_assistant: Assistant) -> None:
    own = "Paljonko varhaiskasvatuksen maksutuotot ovat vuonna 2025?"
    *_, fresh = converse(real_assistant, "Paljonko opetuksen henkilöstökulut ovat 2023?", own)
    alone = real_assistant.answer(own)
    assert fresh.resolved_question == "" and fresh.answer == alone.answer and fresh.figures == alone.figures
    assert alone.conversation is not None and alone.conversation.turn == 1  # the state the next turn needs


def test_a_person_pronoun_without_a_person_in_focus_asks_for_the_whole_question(real_assistant: Assistant) -> None:
    *_, unclear = converse(real_assistant, "toimialan myyntituotot 2024", "mitä muuta hän tekee?")
    assert unclear.kind == "clarify" and "ei löydy" not in unclear.answer
    assert unclear.answer.count("?") == 1 and unclear.answer.endswith("?") and "\n" not in unclear.answer


def test_an_unresolvable_follow_up_is_clarify_never_not_in_the_plan(real_assistant: Assistant) -> None:
    *_, unclear = converse(real_assistant, "toimialan myyntituotot 2024", "mitä muuta hän tekee?", "entäs se toinen?")
    assert unclear.kind == "clarify" and "käyttösuunnitelmasta" not in unclear.answer


def test_a_pronoun_stands_for_the_topic_of_the_earlier_text_answer(real_assistant: Assistant) -> None:
    first, when = converse(real_assistant, "Mitä taidemuseolle tehdään vuonna 2024?", "milloin se on valmis?")
    assert first.kind == "text"
    assert "taidemuseo" in when.resolved_question.lower() and when.kind == "text"


def test_a_follow_up_with_nothing_to_substitute_is_read_together_with_the_question_before_it(real_assistant: Assistant) -> None:
    first, more = converse(real_assistant, "mita kaupunki ostaa tekniselta toimialalta kouluille", "entä mitä muuta ei tehdä itse?")
    assert first.kind == "text" and more.kind == "text"
    assert more.resolved_question.startswith("mitä muuta ei tehdä itse (jatkoa kysymykseen: mita kaupunki ostaa")
    assert more.answer.startswith("Tulkitsin: ") and more.citations


def test_a_figure_follow_up_that_lost_its_figure_is_never_answered_from_the_prose(real_assistant: Assistant) -> None:
    _, lost = converse(real_assistant, "onko kaupungilla uimarantoja", "tarkoitin liikuntapalvelujen menoja")
    assert lost.kind != "text"


def test_a_tampered_state_is_refused_before_anything_is_answered(real_assistant: Assistant) -> None:
    first = real_assistant.answer("toimialan myyntituotot 2024")
    data = first.conversation.to_json()  # type: ignore[union-attr]
    with pytest.raises(ConversationStateInvalid):
        real_assistant.answer("entä 2025?", conversation={**data, "figure": {"operation": "drop"}, "version": 2})
    with pytest.raises(ConversationStateInvalid):
        real_assistant.answer("entä 2025?", conversation=replace(first, answer="x").answer)


FIRSTS = ("Paljonko opetuksen henkilöstökulut ovat 2023?", "Millä palvelualueella on eniten henkilöstökuluja 2024?",
          "Kuka vastaa harrastemallista?", "Mitä taidemuseolle tehdään vuonna 2024?")
FOLLOW_UPS = ("paljonko enemmän kuin varhaiskasvatuksella?", "entäs vähiten?", "mikä osuus se on?", "entä hänen?",
              "ja sitten?", "miksi?", "entäs 2031?", "kuka?", "entä sama vuotta aiemmin?", "niiden keskiarvo?")


@pytest.mark.parametrize("first", FIRSTS)
def test_any_follow_up_gets_an_answer_of_a_known_kind_never_a_crash(real_assistant: Assistant, first: str) -> None:
    state = real_assistant.answer(first).conversation
    for question in FOLLOW_UPS:
        answer = real_assistant.answer(question, conversation=state)
        assert answer.kind in ("figure", "owner", "text", "not_found", "clarify", "multi")
        if answer.resolved_question:
            assert answer.answer.startswith(f"Tulkitsin: {answer.resolved_question}\n")


@pytest.mark.parametrize("question", ["paljonko se maksaa?", "kuka siitä vastaa", "milloin se aukeaa"])
def test_a_first_question_whose_only_topic_is_a_pronoun_asks_what_it_means(real_assistant: Assistant, question: str) -> None:
    answer = real_assistant.answer(question)
    assert answer.kind == "clarify" and not answer.citations and "aihetta" in answer.answer


def test_the_turn_after_a_pronoun_only_question_completes_it(real_assistant: Assistant) -> None:
    _, completed = converse(real_assistant, "milloin se aukeaa", "taidemuseo")
    assert "taidemuseo" in completed.resolved_question.lower() and completed.kind == "text"


def test_it_as_a_share_of_a_named_whole_is_the_earlier_figures_share(real_assistant: Assistant) -> None:
    first, share, later = converse(
        real_assistant, "paljonko opetuksen palvelujen ostot on 2025", "kuinka paljon se on koulujen kaikista kuluista",
        "entä 2026?",
    )
    assert reading(share) == ("share", ("Palvelujen ostot", "Toimintakulut"), ("OPKOU",), ("TS 2025",))
    assert reading(later)[0] == "share" and reading(later)[3] == ("TS 2026",)
    _, percent = converse(real_assistant, "paljonko opetuksen palvelujen ostot on 2025", "montako prosenttia se on kaikista kuluista")
    assert reading(percent) == ("share", ("Palvelujen ostot", "Toimintakulut"), ("OPKOU",), ("TS 2025",))


def test_in_percent_alone_after_a_change_is_that_change_never_a_share_of_the_board(real_assistant: Assistant) -> None:
    _, change, percent = converse(
        real_assistant, "liikunnan henkilöstökulut 2023", "kasvaako ne vuoteen 2026", "montako prosenttia se on"
    )
    assert reading(change)[0] == "change" and reading(percent) == reading(change)
    assert "%" in percent.answer
    _, of_two_years = converse(real_assistant, "opetuksen palvelujen ostot 2023 ja 2026", "paljonko prosentteina")
    assert reading(of_two_years) == ("change", ("Palvelujen ostot",), ("OPKOU",), ("TA 2023", "TS 2026"))
    _, ranked = converse(real_assistant, "minkä alueen tulot kasvaa eniten 2023-2026", "entä prosentteina?")
    assert ranked.interpretation is not None and ranked.interpretation.operation == "ranking"
    assert "prosentteina" in ranked.resolved_question


def test_a_sum_or_mean_after_two_areas_or_two_years_is_over_both_never_the_last_figure_again(real_assistant: Assistant) -> None:
    *_, areas = converse(real_assistant, "hyten henkilöstökulut 2025", "entäs virikkeellisen elämän", "paljonko yhteensä")
    assert reading(areas) == ("sum", ("Henkilöstökulut",), ("HYTE", "VIRE"), ("TS 2025",))
    *_, years = converse(real_assistant, "hyten henkilöstökulut 2025", "entä 2026?", "ja yhteensä?")
    assert reading(years) == ("sum", ("Henkilöstökulut",), ("HYTE",), ("TS 2025", "TS 2026"))
    *_, mean = converse(real_assistant, "hyten henkilöstökulut 2025", "entäs virikkeellisen elämän", "paljonko ne on keskimäärin")
    assert reading(mean) == ("average", ("Henkilöstökulut",), ("HYTE", "VIRE"), ("TS 2025",))


def test_a_year_alone_after_a_prose_answer_asks_the_same_of_that_year(real_assistant: Assistant) -> None:
    _, replaced = converse(real_assistant, "mitä taidemuseolle tapahtuu 2024", "entäs 2025?")
    assert "2025" in replaced.resolved_question and "2024" not in replaced.resolved_question
    assert replaced.kind == "text" and "2025" in replaced.answer
    _, added = converse(real_assistant, "mitä kirjastolle tapahtuu", "entä vuonna 2025?")
    assert added.resolved_question.endswith("2025?") and "kirjastolle" in added.resolved_question


def test_a_place_after_a_ranking_is_that_place_of_the_same_ranking(real_assistant: Assistant) -> None:
    first, second = converse(real_assistant, "millä alueella on vähiten henkilöstökuluja 2026", "entä kolmanneksi vähiten?")
    assert first.interpretation is not None and second.interpretation is not None
    assert second.interpretation.operation == "ranking" and second.interpretation.columns == ("TS 2026",)
    assert second.headline.startswith("Kolmanneksi") and second.headline != first.headline


def test_without_it_after_a_row_s_figure_is_its_total_less_that_row(real_assistant: Assistant) -> None:
    _, less = converse(real_assistant, "hyten palvelujen ostot 2026", "paljonko ilman niitä?")
    assert reading(less) == ("difference", ("Toimintakulut", "Palvelujen ostot"), ("HYTE",), ("TS 2026",))
    _, named = converse(real_assistant, "hyten toimintakulut 2026", "paljonko ne on ilman palvelujen ostoja")
    assert reading(named) == reading(less)
    _, nothing = converse(real_assistant, "hyten toimintakulut 2026", "entäs ilman niitä")
    assert nothing.kind == "clarify" and not nothing.figures


def test_it_after_a_ranking_of_rows_is_the_row_the_ranking_answered(real_assistant: Assistant) -> None:
    ranking, change = converse(real_assistant, "mikä on hyten suurin kuluerä 2025", "paljonko se kasvaa 2026?")
    assert ranking.interpretation is not None and ranking.interpretation.operation == "ranking"
    top = ranking.figures[0].item
    assert reading(change) == ("change", (top,), ("HYTE",), ("TS 2025", "TS 2026"))
    place, earlier = converse(real_assistant, "mikä on hyten toiseksi suurin kuluerä 2025", "paljonko se oli 2022")
    second = list(dict.fromkeys(ref.item for ref in place.figures))[-1]  # the place answered, after its context
    assert second != top and reading(earlier) == ("lookup", (second,), ("HYTE",), ("TP 2022",))


def test_the_same_span_of_time_and_a_year_set_against_the_one_in_focus(real_assistant: Assistant) -> None:
    _, same = converse(real_assistant, "hyten henkilöstökulut 2023-2025", "entä palvelujen ostot samalta ajalta?")
    assert reading(same) == ("lookup", ("Palvelujen ostot",), ("HYTE",), ("TA 2023", "TA 2024", "TS 2025"))
    _, against = converse(real_assistant, "hyten palvelujen ostot 2026", "onko se enemmän kuin 2023?")
    assert reading(against) == ("change", ("Palvelujen ostot",), ("HYTE",), ("TA 2023", "TS 2026"))


def test_a_bare_why_is_never_answered_with_the_same_sentence_again_when_it_gives_no_reason(real_assistant: Assistant) -> None:
    *_, why = converse(real_assistant, "mitä kirjastolle tapahtuu 2024", "milloin se palaa", "miks?")
    assert why.kind == "clarify" and "enempää kuin edellinen vastaus" in why.answer and not why.citations
    *_, reason = converse(real_assistant, "mitä rainion päiväkodille tapahtuu", "miksi?")
    assert reason.kind == "text" and "vuoksi" in reason.answer  # the earlier sentence itself gives the reason


def test_after_a_listing_of_goals_another_owner_or_area_is_listed_the_same_way(real_assistant: Assistant) -> None:
    goals = real_assistant.corpus.goals
    _, owner = converse(real_assistant, "mistä hyvinvointipäällikkö vastaa", "entä varhaiskasvatusjohtaja?")
    assert owner.kind == "owner" and owner.resolved_question == "Mistä Varhaiskasvatusjohtaja vastaa?"
    assert set(owner.interpretation.goals) == {g.id for g in goals if "Varhaiskasvatusjohtaja" in g.owners}
    _, area = converse(real_assistant, "mitä tavoitteita hyten palvelualueella on", "entäs opetuksen?")
    assert set(area.interpretation.goals) == {g.id for g in goals if g.area == "OPKOU"}
    assert "Opetus- ja koulutuspalvelut" in area.resolved_question
    _, one = converse(real_assistant, "kuka vastaa evauksesta", "entä opetuksessa?")  # one goal: its kind elsewhere
    assert len(one.interpretation.goals) == 1


def test_a_greeting_or_a_thanks_is_answered_in_kind_and_the_conversation_goes_on(real_assistant: Assistant) -> None:
    hello, figure, thanks, later = converse(real_assistant, "moi", "opetuksen menot 2025", "kiitos!", "entä 2026?")
    assert hello.kind == "clarify" and not hello.citations and hello.suggestions
    for suggestion in hello.suggestions:  # the questions offered are answered from the plan
        assert real_assistant.answer(suggestion).kind in ("figure", "owner")
    assert thanks.kind == "clarify" and thanks.conversation == figure.conversation
    assert reading(later)[1:] == (("Toimintakulut",), ("OPKOU",), ("TS 2026",))


def test_who_answers_for_the_area_in_focus_names_it_even_without_its_form(real_assistant: Assistant) -> None:
    figure, who = converse(real_assistant, "vireen menot 2025", "kuka siitä vastaa?")
    area = figure.interpretation.areas[0]
    name = real_assistant.figure_tool.plan.name(area)
    assert who.kind == "owner" and set(who.owners) >= {o for g in real_assistant.corpus.goals if g.area == area for o in g.owners}
    assert name in who.resolved_question and "siitä" not in who.resolved_question
    assert who.resolved_question != f"Kuka {name} vastaa?"  # no name left uninflected where a case is needed


def test_another_topic_replaces_the_whole_topic_a_name_included(real_assistant: Assistant) -> None:
    _, other = converse(real_assistant, "mitä rainion päiväkodille tapahtuu", "entäs kailaan koululle?")
    assert other.resolved_question.lower() == "mitä kailaan koululle tapahtuu?"  # "rainion" goes with its noun


def test_another_thing_after_a_figure_is_the_same_figure_of_it_told_as_not_itemised(real_assistant: Assistant) -> None:
    _, unit = converse(real_assistant, "paljonko varhaiskasvatuksen henkilöstökulut ovat 2026", "entä rainion päiväkoti?")
    assert unit.kind == "not_found" and "TS 2026" in unit.resolved_question
    assert [name.split()[0] for name in unit.not_itemised] == ["Rainion"]
    assert "Varhaiskasvatus" in unit.answer  # the area's own figure, labelled as the area's

