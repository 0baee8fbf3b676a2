"""The page's handlers: one assistant call per question, Finnish messages for every failure, no traces."""

from __future__ import annotations

import logging

import pytest

from assistant.errors import EmptyQuestion, FigureNotFound, QuestionTooLong
from assistant.messages_fi import finnish_message
from assistant.language.cleaning import MAX_QUESTION_CHARS
from tests.ui.fakes import BrokenAssistant, FakeAssistant
from ui.handlers import Handlers, Views


def handlers_for(assistant: FakeAssistant) -> Handlers:
    return Handlers(assistant=assistant, views=Views.from_corpus(assistant.corpus))


def texts_of(messages: list[dict]) -> list[tuple[str, str]]:
    return [(message["role"], message["content"]) for message in messages]


def test_ask_appends_question_and_answer_and_empties_the_box() -> None:
    assistant = FakeAssistant()
    earlier = [{"role": "user", "content": "aiempi"}, {"role": "assistant", "content": "vastaus"}]
    messages, box = handlers_for(assistant).ask("Paljonko varhaiskasvatus maksaa?", earlier)
    assert box == ""
    assert assistant.questions == ["Paljonko varhaiskasvatus maksaa?"]  # the assistant is called once
    assert [role for role, _ in texts_of(messages)] == ["user", "assistant", "user", "assistant"]
    assert messages[:2] == earlier
    assert messages[2]["content"] == '<p class="question">Paljonko varhaiskasvatus maksaa?</p>'
    assert 'class="source-card"' in messages[3]["content"] and 'class="figures"' in messages[3]["content"]


@pytest.mark.parametrize(
    ("question", "error"),
    [
        ("", EmptyQuestion("")),
        ("   \n\t ", EmptyQuestion("")),
        ("x" * (MAX_QUESTION_CHARS + 1), QuestionTooLong(MAX_QUESTION_CHARS + 1, MAX_QUESTION_CHARS)),
    ],
)
def test_bad_questions_get_the_finnish_message(question: str, error: Exception) -> None:
    messages, _ = handlers_for(FakeAssistant()).ask(question, [])
    reply = messages[-1]["content"]
    assert 'role="alert"' in reply and finnish_message(error) in reply
    if isinstance(error, QuestionTooLong):
        assert str(MAX_QUESTION_CHARS) in reply


def test_empty_question_adds_no_user_bubble() -> None:
    messages, _ = handlers_for(FakeAssistant()).ask("  ", None)
    assert [message["role"] for message in messages] == ["assistant"]


def test_unexpected_failure_shows_a_finnish_message_and_logs_the_trace(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="ui.handlers"):
        messages, _ = handlers_for(BrokenAssistant()).ask("Paljonko?", [])
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
    choices, key, table, figure = handlers.budget_items("VAKA")
    assert [label for label, _ in choices] == ["Toimintakulut", "Henkilöstökulut"]
    assert key == choices[0][1]
    assert "Varhaiskasvatus: Toimintakulut" in table and "−8 409 500 €" in table
    assert list(figure.data[0].y) == [-8448544, -8989400, -8409500, -8502000, -8721800]
    compare_table, compare_figure = handlers.budget_compare("Toimintakulut", "TS 2026")
    assert "−8 721 800 €" in compare_table and "−5 099 700 €" in compare_table
    assert list(compare_figure.data[0].x) == ["Varhaiskasvatus", "Virikkeellinen<br>elämä"]  # long names wrap


def test_goals_and_source_handlers() -> None:
    handlers = handlers_for(FakeAssistant())
    assert "Tavoitteet (1/2)" in handlers.goals("OPKOU", None, None, None)  # type: ignore[arg-type]
    assert "Kayttosuunnitelma" in handlers.source("otsikko", True)
    assert "Käyttösuunnitelma" in handlers.source("otsikko", False)
