"""The chat keeps the conversation per browser session; "Tyhjennä keskustelu" forgets it; the API carries it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from assistant.service import Assistant
from assistant.types import Answer
from tests.ui.fakes import FakeAssistant
from ui import texts
from ui.handlers import Handlers, Views, new_session
from ui.http.config import ServingOptions
from ui.http.server import create_app


class ConversingAssistant(FakeAssistant):
    """Counts turns in its state and remembers the state each question came with."""

    def __init__(self) -> None:
        super().__init__()
        self.states: list[object] = []

    def answer(self, question: str, conversation: object = None) -> Answer:  # type: ignore[override]
        self.states.append(conversation)
        turn = (conversation or {}).get("turn", 0) + 1  # type: ignore[union-attr]
        return replace(super().answer(question), conversation={"turn": turn})


def test_the_chat_passes_each_answers_state_to_the_next_question_and_clearing_forgets_it() -> None:
    assistant = ConversingAssistant()
    handlers = Handlers(assistant=assistant, views=Views.from_corpus(assistant.corpus))
    history, _, session = handlers.ask("eka", [], new_session())
    history, _, session = handlers.ask("toka", history, session)
    assert assistant.states == [None, {"turn": 1}] and session["conversation"] == {"turn": 2}
    history, box, session = handlers.clear()
    assert history == [] and box == "" and session["conversation"] is None
    handlers.ask("alusta", history, session)
    assert assistant.states[-1] is None  # a new conversation


def test_the_page_no_longer_says_the_assistant_forgets_earlier_questions() -> None:
    assert "erikseen" not in texts.CONTEXT_NOTE and "Tyhjennä keskustelu" in texts.CONTEXT_NOTE


def test_a_follow_up_shows_its_reading_first(real_assistant: Assistant) -> None:
    handlers = Handlers(assistant=real_assistant, views=Views.from_corpus(real_assistant.corpus))
    history, _, session = handlers.ask("Paljonko opetuksen henkilöstökulut ovat 2023?", [], new_session())
    history, _, session = handlers.ask("entäpä vuodelta 2026?", history, session)
    shown = history[-1]["content"]
    assert shown.index('class="resolved"') < shown.index('class="answer-lead"') and "Tulkitsin:" in shown
    lead = shown.split('class="answer-lead">', 1)[1].split("</p>", 1)[0]
    assert "2026 taloussuunnitelmassa" in lead and "Tulkitsin" not in lead and "Tulkinta" not in lead  # the answer leads, not its reading


@pytest.fixture(scope="module")
def api(real_assistant: Assistant):  # type: ignore[no-untyped-def]
    with TestClient(create_app(real_assistant, ServingOptions(), deadline_s=30.0)) as client:  # type: ignore[arg-type]
        yield client


def test_the_api_takes_the_previous_state_and_returns_the_next(api: TestClient) -> None:
    first = api.post("/api/v1/ask", json={"question": "Paljonko opetuksen henkilöstökulut ovat 2023?"}).json()
    assert first["conversation"]["turn"] == 1 and first["resolved_question"] == ""
    second = api.post("/api/v1/ask", json={"question": "entäpä vuodelta 2026?", "conversation": first["conversation"]}).json()
    assert second["answer"].startswith("Tulkitsin: ") and second["conversation"]["turn"] == 2
    assert {figure["column"] for figure in second["figures"]} == {"TS 2026"}
    alone = api.post("/api/v1/ask", json={"question": "entäpä vuodelta 2026?"}).json()
    assert alone["resolved_question"] == "" and alone["conversation"]["turn"] == 1  # the server kept nothing


def test_the_api_refuses_a_tampered_state_with_a_finnish_message(api: TestClient) -> None:
    first = api.post("/api/v1/ask", json={"question": "Paljonko opetuksen henkilöstökulut ovat 2023?"}).json()
    tampered = {**first["conversation"], "figure": {"operation": "lookup", "rows": "kaikki"}}
    response = api.post("/api/v1/ask", json={"question": "entäpä vuodelta 2026?", "conversation": tampered})
    assert response.status_code == 400
    assert response.json()["error_type"] == "invalid_conversation" and response.json()["error"].startswith("Keskustelun tila")
