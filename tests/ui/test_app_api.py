"""The app's API through gradio_client, with the server running in this process on loopback."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from gradio_client import Client

from assistant.errors import QuestionTooLong
from assistant.language.cleaning import MAX_QUESTION_CHARS
from assistant.messages_fi import finnish_message
from tests.ui.conftest import served
from ui import texts
from ui.bench import run_load
from ui.handlers import AnswersQuestions

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def url(assistant: AnswersQuestions) -> Iterator[str]:
    with served(assistant, concurrency=2) as running:
        yield running


@pytest.fixture(scope="module")
def client(url: str) -> Client:
    return Client(url, verbose=False)


def reply_html(chat: list[dict]) -> str:
    content = chat[-1]["content"]
    return content[0]["text"] if isinstance(content, list) else str(content)


def test_only_the_two_answer_endpoints_are_public(client: Client) -> None:
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert sorted(endpoints) == ["/answer", "/ask"]


def test_answer_endpoint_returns_an_answer_with_citations(client: Client, figure_question: str) -> None:
    data = client.predict(figure_question, api_name="/answer")
    assert data["kind"] == "figure"
    assert data["citations"] and [c["n"] for c in data["citations"]] == list(range(1, len(data["citations"]) + 1))
    assert all(c["quote"] and c["lines"][0] <= c["lines"][1] for c in data["citations"])
    assert data["figures"] and all(f["unit"] in ("€", "%") for f in data["figures"])


def test_ask_endpoint_returns_the_chat_with_source_cards(client: Client, figure_question: str) -> None:
    chat, box = client.predict(figure_question, [], api_name="/ask")
    assert box == ""
    assert [message["role"] for message in chat] == ["user", "assistant"]
    reply = reply_html(chat)
    assert re.search(r'<details class="source-card"><summary><span class="source-n">\[1\]</span>', reply)
    assert re.search(r'<a class="source-jump" href="#lahde:palvelualuelaskelmat/vaka:\d+-\d+">', reply)
    assert '<table class="figures">' in reply and '<p class="answer-lead">' in reply


@pytest.mark.parametrize("markup", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_markup_in_a_question_comes_back_escaped(client: Client, markup: str) -> None:
    chat, _ = client.predict(f"Paljonko {markup} varhaiskasvatus maksaa?", [], api_name="/ask")
    question = chat[0]["content"][0]["text"]
    assert markup not in question and markup.replace("<", "&lt;").replace(">", "&gt;") in question


def test_too_long_question_gets_the_limit_message(client: Client) -> None:
    data = client.predict("a" * (MAX_QUESTION_CHARS + 1), api_name="/answer")
    expected = finnish_message(QuestionTooLong(MAX_QUESTION_CHARS + 1, MAX_QUESTION_CHARS))
    assert data == {"error": expected, "error_type": "question_too_long"}  # the stable code, not a class name
    chat, _ = client.predict("a" * (MAX_QUESTION_CHARS + 1), [], api_name="/ask")
    assert expected in reply_html(chat)


def test_concurrent_questions_all_get_answers(url: str) -> None:
    result = run_load(url, users=8)
    assert (result.errors, result.error_samples) == (0, ())
    assert len(result.latencies_s) == 8 and all(latency > 0 for latency in result.latencies_s)


def test_question_outside_the_plan_says_so_in_one_sentence_with_at_most_three_suggestions(client: Client) -> None:
    chat, _ = client.predict("Mitkä ovat uimahallin aukioloajat?", [], api_name="/ask")
    reply = reply_html(chat)
    assert 'class="answer answer-not_found"' in reply and texts.NOT_FOUND_RELATED in reply
    lead = re.search(r'<p class="answer-lead">(.*?)</p>', reply).group(1)  # type: ignore[union-attr]
    assert lead.count(".") == 1 and "käyttösuunnitelmasta" in lead
    related = re.search(r'<div class="related">(.*?)</div>', reply, re.S).group(1)  # type: ignore[union-attr]
    assert 1 <= related.count("<li>") <= 3
    assert texts.NOT_FOUND_CONTACT in reply
