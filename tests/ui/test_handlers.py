"""The page's handlers: one assistant call per question, Finnish messages for every failure, no traces."""

from __future__ import annotations

import logging

import pytest

from assistant.errors import EmptyQuestion, FigureNotFound, QuestionTooLong
from assistant.language.cleaning import MAX_QUESTION_CHARS
from assistant.messages_fi import finnish_message
from tests.ui.fakes import BrokenAssistant, FakeAssistant
from ui import texts
from ui.errors import FeedbackStoreUnavailable
from ui.feedback.store import FeedbackFilter, FeedbackStore
from ui.handlers import Handlers, Views, new_session
from ui.messages_fi import message_for


def handlers_for(assistant: FakeAssistant, store: FeedbackStore | None = None) -> Handlers:
    return Handlers(assistant=assistant, views=Views.from_corpus(assistant.corpus), feedback_store=store)


def texts_of(messages: list[dict]) -> list[tuple[str, str]]:
    return [(message["role"], message["content"]) for message in messages]


def test_ask_appends_question_and_answer_and_empties_the_box() -> None:
    assistant = FakeAssistant()
    earlier = [{"role": "user", "content": "aiempi"}, {"role": "assistant", "content": "vastaus"}]
    messages, box, session = handlers_for(assistant).ask("Paljonko varhaiskasvatus maksaa?", earlier, new_session())
    assert box == "" and len(session["answers"]) == 1
    assert assistant.questions == ["Paljonko varhaiskasvatus maksaa?"]  # the assistant is called once
    assert [role for role, _ in texts_of(messages)] == ["user", "assistant", "user", "assistant"]
    assert messages[:2] == earlier
    assert messages[2]["content"] == '<p class="question">Paljonko varhaiskasvatus maksaa?</p>'
    assert 'class="source-card"' in messages[3]["content"] and 'class="figures"' in messages[3]["content"]
    answer_id = next(iter(session["answers"]))
    assert f'id="vastaus-{answer_id}"' in messages[3]["content"]


@pytest.mark.parametrize(
    ("question", "error"),
    [
        ("", EmptyQuestion("")),
        ("   \n\t ", EmptyQuestion("")),
        ("x" * (MAX_QUESTION_CHARS + 1), QuestionTooLong(MAX_QUESTION_CHARS + 1, MAX_QUESTION_CHARS)),
    ],
)
def test_bad_questions_get_the_finnish_message(question: str, error: Exception) -> None:
    messages, _, session = handlers_for(FakeAssistant()).ask(question, [])
    assert session["answers"] == {}  # nothing to rate
    reply = messages[-1]["content"]
    assert 'role="alert"' in reply and finnish_message(error) in reply
    if isinstance(error, QuestionTooLong):
        assert str(MAX_QUESTION_CHARS) in reply


def test_empty_question_adds_no_user_bubble() -> None:
    messages, _, _ = handlers_for(FakeAssistant()).ask("  ", None)
    assert [message["role"] for message in messages] == ["assistant"]


def test_unexpected_failure_shows_a_finnish_message_and_logs_the_trace(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="ui.handlers"):
        messages, _, _ = handlers_for(BrokenAssistant()).ask("Paljonko?", [])
    reply = messages[-1]["content"]
    assert "Traceback" not in reply and "secret" not in reply and "RuntimeError" not in reply
    assert finnish_message(RuntimeError()) in reply
    assert any(record.exc_info for record in caplog.records)


def test_answer_json_is_the_stable_contract_or_a_finnish_error() -> None:
    handlers = handlers_for(FakeAssistant())
    data = handlers.answer_json("Paljonko varhaiskasvatus maksaa?")
    assert set(data) >= {"question", "kind", "answer", "citations", "figures", "owners", "elapsed_ms"}
    assert data["citations"][0]["n"] == 1
    assert handlers.answer_json("") == {"error": finnish_message(EmptyQuestion("")), "error_type": "EmptyQuestion"}


def test_assistant_errors_of_every_kind_reach_the_page_in_finnish() -> None:
    class Failing(FakeAssistant):
        def answer(self, question: str):  # type: ignore[override]
            raise FigureNotFound("no cell for VAKA / Uimahalli / TA 2024")

    reply = handlers_for(Failing()).reply("Paljonko uimahalli maksaa?")
    assert finnish_message(FigureNotFound("")) in reply and "no cell" not in reply


def test_budget_handlers_update_items_table_and_chart() -> None:
    handlers = handlers_for(FakeAssistant())
    matrix, csv_path = handlers.budget_matrix("VAKA")
    assert "Varhaiskasvatus: kaikki rivit vuosittain" in matrix and csv_path.endswith(".csv")
    assert handlers.column_csv("TA 2024").endswith(".csv") and handlers.cells_csv().endswith(".csv")
    choices, key, table, figure = handlers.budget_items("VAKA")
    assert [label for label, _ in choices] == ["Toimintakulut", "Henkilöstökulut"]
    assert key == choices[0][1]
    assert "Varhaiskasvatus: Toimintakulut" in table and "−8 409 500 €" in table
    assert list(figure.data[0].x) == [8448544, 8989400, 8409500, 8502000, 8721800]  # costs drawn as "menot"
    compare_table, compare_figure = handlers.budget_compare("Toimintakulut", "TS 2026")
    assert "−8 721 800 €" in compare_table and "−5 099 700 €" in compare_table
    assert list(compare_figure.data[0].y) == ["Varhaiskasvatus", "Virikkeellinen<br>elämä"]  # long names wrap


def test_goals_and_source_handlers() -> None:
    handlers = handlers_for(FakeAssistant())
    table, path = handlers.goals("OPKOU", None, None, None)  # type: ignore[arg-type]
    assert "Tavoitteet (1/2)" in table and path.endswith(".csv")
    assert handlers.goals_reset()[:4] == ("*", "*", "*", "") and "Tavoitteet (2/2)" in handlers.goals_reset()[4]
    assert "Kayttosuunnitelma" in handlers.source("otsikko", True)
    assert "Käyttösuunnitelma" in handlers.source("otsikko", False)
    assert "Käyttösuunnitelma" in handlers.source("no/such/section", False)  # unknown ids show the whole plan


@pytest.mark.parametrize(
    ("target", "expected_section", "expected_cited"),
    [
        ("kuvaus/vaka:4-5", "kuvaus/vaka", "4-5"),
        ("kuvaus/vaka:5-4", "kuvaus/vaka", "4-5"),
        ("kuvaus", "kuvaus", ""),
        ("kuvaus:9-99999", "palvelualuelaskelmat/vaka", "9-10"),  # clipped to the last line; the lines pick the section
        ("ei/ole:1-2", "*", "1-2"),
        ("<script>", "*", ""),
        ("", "*", ""),
    ],
)
def test_jump_opens_the_cited_section_with_its_lines(target: str, expected_section: str, expected_cited: str) -> None:
    section, cited, text = handlers_for(FakeAssistant()).jump(target, False, "")
    assert (section, cited) == (expected_section, expected_cited)
    if expected_cited:
        assert f'id="rivi-{expected_cited.split("-")[0]}" class="line cited" tabindex="-1"' in text


def test_a_vote_is_stored_and_the_answer_says_thanks_then_takes_a_comment() -> None:
    store = FeedbackStore.open("sqlite://")
    handlers = handlers_for(FakeAssistant(), store)
    messages, _, session = handlers.ask("Paljonko varhaiskasvatus maksaa?", [], new_session())
    answer_id = next(iter(session["answers"]))
    messages, session, ask_comment, status = handlers.feedback(f"{answer_id}:no", messages, session)
    assert ask_comment and status == texts.FEEDBACK_THANKS
    assert "feedback-no" not in messages[-1]["content"] and texts.FEEDBACK_GIVEN[False] in messages[-1]["content"]
    [row] = store.rows()
    assert (row.question, row.answer_kind, row.cited_sections, row.helpful) == ("Paljonko varhaiskasvatus maksaa?", "figure", ("kuvaus/vaka",), False)
    session, box_open, box, status = handlers.comment("Luku oli väärä, soita 040 123 4567", session)
    assert (box_open, box, status) == (False, "", texts.FEEDBACK_COMMENT_SAVED)
    assert store.rows()[0].comment == "Luku oli väärä, soita [poistettu]"
    messages, session, _, _ = handlers.feedback(f"{answer_id}:yes", messages, session)  # a changed mind: same row
    assert [(r.id, r.helpful) for r in store.rows(FeedbackFilter(only_problems=False))] == [(row.id, True)]


@pytest.mark.parametrize("vote", ["", "nonsense", "0123456789abcdef:maybe", "ffffffffffffffff:yes"])
def test_a_vote_for_no_shown_answer_changes_nothing(vote: str) -> None:
    store = FeedbackStore.open("sqlite://")
    handlers = handlers_for(FakeAssistant(), store)
    messages, _, session = handlers.ask("Paljonko?", [], new_session())
    after, _, ask_comment, status = handlers.feedback(vote, messages, session)
    assert (after, ask_comment, status) == (messages, False, texts.FEEDBACK_EXPIRED) and store.rows() == []


def test_a_vote_without_a_database_gets_the_finnish_message() -> None:
    handlers = handlers_for(FakeAssistant(), None)
    messages, _, session = handlers.ask("Paljonko?", [], new_session())
    answer_id = next(iter(session["answers"]))
    _, _, ask_comment, status = handlers.feedback(f"{answer_id}:yes", messages, session)
    assert not ask_comment and status == message_for(FeedbackStoreUnavailable(""))


def test_the_staff_list_shows_problems_and_writes_their_csv() -> None:
    store = FeedbackStore.open("sqlite://")
    store.record("hyvä kysymys", "figure", [], helpful=True)
    store.record("uimahalli", "not_found", [], helpful=True)
    table, path = handlers_for(FakeAssistant(), store).feedback_list(True, "", "")
    assert "uimahalli" in table and "hyvä kysymys" not in table
    assert "uimahalli" in open(path, encoding="utf-8-sig").read()
