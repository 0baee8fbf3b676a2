"""The HTTP API and the web surface: contract, Finnish errors with stable codes, admission, headers, uploads."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from assistant.errors import EmptyQuestion, QuestionTooLong
from assistant.language.cleaning import MAX_QUESTION_CHARS, clean_question
from assistant.messages_fi import FALLBACK_FI, finnish_message
from assistant.types import Answer
from index.errors import IndexNotBuilt
from tests.ui.fakes import BrokenAssistant, FakeAssistant
from ui.handlers import Handlers, Views
from ui.http.admission import GuardedAssistant
from ui.http.config import ServingOptions
from ui.http.schemas import AnswerOut
from ui.http.security import API_POLICY, PAGE_POLICY
from ui.http.server import create_app

FIGURE = "Paljonko varhaiskasvatuksen toimintakulut ovat vuonna 2024?"
TEXT = "Mitä Rainion päiväkodille tapahtuu?"
SECRET_DIR = "/srv/kaytto/salainen/data/index"


class RoutedAssistant(FakeAssistant):
    """Questions with 'päiväkodille' need retrieval and wait at a gate; the rest answer at once."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.started = threading.Semaphore(0)

    def needs_retrieval(self, question: str) -> bool:
        return "päiväkodille" in question

    def answer(self, question: str) -> Answer:
        if self.needs_retrieval(question):
            self.started.release()
            self.gate.wait(timeout=30)
        return super().answer(question)


class ConversingAssistant(FakeAssistant):
    """Takes a conversation state and echoes it in the answer text."""

    def answer(self, question: str, conversation: dict | None = None) -> Answer:  # type: ignore[override]
        return replace(super().answer(question), answer=f"tila: {conversation}")


class Searcher:
    def __init__(self, fail: Exception | None = None) -> None:
        self.fail = fail

    @property
    def info(self) -> object:
        if self.fail:
            raise self.fail
        from index.chroma_store import new_info

        return new_info("hash", 256, "abc123", 2, "p1")


class IndexedAssistant(FakeAssistant):
    """A fake with a `searcher`, for the health check (`fail` makes its index unusable)."""

    def __init__(self, fail: Exception | None = None) -> None:
        super().__init__()
        self._searcher = Searcher(fail)

    @property
    def searcher(self) -> Searcher:
        return self._searcher


def client_for(assistant: object, deadline_s: float = 5.0, **options: object) -> TestClient:
    return TestClient(create_app(assistant, replace(ServingOptions(), **options), deadline_s=deadline_s))  # type: ignore[arg-type]


@pytest.fixture
def client() -> Iterator[TestClient]:
    with client_for(FakeAssistant()) as running:
        yield running


def ask(client: TestClient, question: object, **extra: object):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/ask", json={"question": question, **extra})


def test_ask_returns_the_ask_json_contract(client: TestClient) -> None:
    response = ask(client, f"  {FIGURE}\u200b ")
    assert response.status_code == 200
    data = response.json()
    expected = FakeAssistant().answer(FIGURE).to_json()
    assert {key: value for key, value in data.items() if key != "elapsed_ms"} == {
        key: value for key, value in expected.items() if key != "elapsed_ms"
    }
    AnswerOut.model_validate(data)


def test_conversation_state_is_passed_through_when_the_assistant_takes_it() -> None:
    with client_for(ConversingAssistant()) as running:
        assert ask(running, FIGURE, conversation={"turns": [1]}).json()["answer"] == "tila: {'turns': [1]}"
        assert ask(running, FIGURE).json()["answer"] == "tila: None"
    with client_for(FakeAssistant()) as running:  # an assistant without conversations ignores the state
        assert ask(running, FIGURE, conversation={"turns": [1]}).status_code == 200


@pytest.mark.parametrize(
    ("question", "status", "code", "message"),
    [
        ("", 400, "empty_question", finnish_message(EmptyQuestion(""))),
        ("\u200b \t", 400, "empty_question", finnish_message(EmptyQuestion(""))),
        ("a" * (MAX_QUESTION_CHARS + 1), 400, "question_too_long",
         finnish_message(QuestionTooLong(MAX_QUESTION_CHARS + 1, MAX_QUESTION_CHARS))),
    ],
)
def test_bad_questions_get_finnish_errors_with_stable_codes(client: TestClient, question: str, status: int, code: str, message: str) -> None:
    response = ask(client, question)
    assert (response.status_code, response.json()) == (status, {"error": message, "error_type": code})


@pytest.mark.parametrize(
    "body",
    [b"not json", b'{"kysymys": "x"}', b'{"question": 5}', b'{"question": "x", "extra": 1}', b"[]", b"\xff\xfe"],
)
def test_malformed_requests_get_a_finnish_422(client: TestClient, body: bytes) -> None:
    response = client.post("/api/v1/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error_type"] == "invalid_request" and response.json()["error"].startswith("Pyyntö ei ole kelvollinen")


def test_oversized_body_is_refused_before_it_is_read(client: TestClient) -> None:
    response = ask(client, "ä" * 70_000)
    assert response.status_code == 413 and response.json()["error_type"] == "request_too_large"


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [("get", "/api/v1/nothing", 404, "no_such_route"), ("get", "/api/v2/ask", 404, "no_such_route"),
     ("get", "/api/v1/ask", 405, "method_not_allowed"), ("delete", "/api/v1/health", 405, "method_not_allowed")],
)
def test_unknown_routes_and_methods_are_finnish_json(client: TestClient, method: str, path: str, status: int, code: str) -> None:
    response = getattr(client, method)(path)
    assert (response.status_code, response.json()["error_type"]) == (status, code)
    assert "/api/docs" in response.json()["error"]


def test_unexpected_failure_is_the_generic_finnish_message_without_internals() -> None:
    with client_for(BrokenAssistant()) as running:
        response = ask(running, FIGURE)
    assert (response.status_code, response.json()) == (500, {"error": FALLBACK_FI, "error_type": "internal_error"})
    assert "RuntimeError" not in response.text and "Traceback" not in response.text


def test_index_errors_reach_clients_without_server_paths() -> None:
    class NoIndex(FakeAssistant):
        def answer(self, question: str) -> Answer:
            raise IndexNotBuilt(f"no index at {SECRET_DIR}", where=SECRET_DIR)

    with client_for(NoIndex()) as running:
        response = ask(running, FIGURE)
    assert (response.status_code, response.json()["error_type"]) == (503, "index_unavailable")
    assert "/srv" not in response.text and "salainen" not in response.text
    assert response.json()["error"].startswith("Hakuhakemistoa ei ole vielä rakennettu (palvelimen hakemisto)")


def test_a_full_pool_answers_503_with_retry_after_and_recovers() -> None:
    assistant = RoutedAssistant()
    with client_for(assistant, text_workers=1, queue_size=0, retry_after_s=3) as running:
        first = threading.Thread(target=ask, args=(running, TEXT))
        first.start()
        assert assistant.started.acquire(timeout=10)  # the only text worker is busy; no waiting place
        refused = ask(running, TEXT)
        assert refused.status_code == 503 and refused.headers["retry-after"] == "3"
        assert refused.json() == {
            "error": "Palvelussa on juuri nyt ruuhkaa, eikä kysymystä voitu ottaa käsittelyyn. Yritä uudelleen 3 sekunnin kuluttua.",
            "error_type": "overloaded",
        }
        quick = ask(running, FIGURE)  # figure questions have their own pool: they never wait behind text work
        assert quick.status_code == 200
        assistant.gate.set()
        first.join(timeout=10)
        assert ask(running, TEXT).status_code == 200  # recovered by itself


def test_the_deadline_gives_a_finnish_504_in_time() -> None:
    slow = FakeAssistant(delay_s=1.5)
    with client_for(slow, deadline_s=0.3) as running:
        began = time.perf_counter()
        response = ask(running, FIGURE)
        waited = time.perf_counter() - began
    assert response.status_code == 504 and waited < 1.2
    assert response.json() == {
        "error": "Vastauksen laatiminen kesti liian kauan (yli 0,3 s), joten se keskeytettiin. Yritä hetken kuluttua uudelleen.",
        "error_type": "deadline_exceeded",
    }


@pytest.mark.parametrize("path", ["/", "/config", "/api/v1/health", "/api/docs", "/api/v1/nothing", "/api/v1/openapi.json"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    policy = headers["content-security-policy"]
    assert policy == (API_POLICY if path.startswith("/api/v1/") else PAGE_POLICY)
    assert "frame-ancestors 'none'" in policy and "default-src" in policy


@pytest.mark.parametrize("origin", [None, "https://evil.example"])
@pytest.mark.parametrize("path", ["/gradio_api/upload", "/gradio_api/upload?upload_id=x", "/gradio_api/process_recording"])
def test_uploads_are_refused_from_any_origin(client: TestClient, path: str, origin: str | None) -> None:
    headers = {"origin": origin} if origin else {}
    response = client.post(path, files={"files": ("x.html", b"<script>alert(1)</script>", "text/html")}, headers=headers)
    assert (response.status_code, response.json()["error_type"]) == (403, "uploads_disabled")
    assert "/tmp" not in response.text and "gradio" not in response.text.lower()
    raw = client.post(path, content=b"plain bytes", headers={**headers, "content-type": "application/octet-stream"})
    assert raw.status_code == 403


def test_multipart_bodies_are_refused_anywhere(client: TestClient) -> None:
    response = client.post("/gradio_api/queue/join", files={"f": ("a.txt", b"a")})
    assert response.status_code == 403


def test_health_names_the_index_the_corpus_and_the_pools() -> None:
    assistant = IndexedAssistant()
    with client_for(assistant, quick_workers=3, queue_size=5) as running:
        response = running.get("/api/v1/health")
    data = response.json()
    assert response.status_code == 200 and data["status"] == "ok"
    assert data["index"]["embedder"] == "hash" and data["index"]["fingerprint"] == "abc123" and data["index"]["build_id"]
    assert data["corpus_fingerprint"] == assistant.corpus.fingerprint
    assert data["pools"]["quick"] == {"workers": 3, "capacity": 8, "admitted": 0}


def test_health_is_503_with_a_finnish_reason_when_the_index_fails() -> None:
    with client_for(IndexedAssistant(fail=IndexNotBuilt(f"no index at {SECRET_DIR}", where=SECRET_DIR))) as running:
        response = running.get("/api/v1/health")
    assert response.status_code == 503
    data = response.json()
    assert (data["status"], data["index"], data["error_type"]) == ("degraded", None, "index_unavailable")
    assert SECRET_DIR not in response.text


def test_docs_are_served_without_a_cdn(client: TestClient) -> None:
    page = client.get("/api/docs").text
    assert "/api/static/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/api/static/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/api/v1/openapi.json").json()
    assert set(spec["paths"]) == {"/api/v1/ask", "/api/v1/health"}
    assert spec["paths"]["/api/v1/ask"]["post"]["responses"]["503"]


def test_the_page_queue_and_sessions_are_bounded() -> None:
    app = create_app(FakeAssistant(), replace(ServingOptions(), ui_queue_size=17, session_capacity=33, ui_concurrency=5))
    blocks = app.state.blocks
    assert blocks._queue.max_size == 17 and blocks.state_session_capacity == 33


def test_the_page_answers_through_admission_with_finnish_overload_text() -> None:
    assistant = RoutedAssistant()
    with client_for(assistant, text_workers=1, queue_size=0) as running:
        guarded = running.app.state.admission
        first = threading.Thread(target=guarded.answer, args=(TEXT,))
        first.start()
        assert assistant.started.acquire(timeout=10)
        page = Handlers(assistant=GuardedAssistant(guarded), views=Views.from_corpus(assistant.corpus))
        reply = page.reply(TEXT)
        assert 'role="alert"' in reply and "Palvelussa on juuri nyt ruuhkaa" in reply
        assert "−8 409 500" in page.reply(FIGURE) and "ruuhkaa" not in page.reply(FIGURE)
        assistant.gate.set()
        first.join(timeout=10)


def test_cleaning_is_the_assistants(client: TestClient) -> None:
    # The API adds no cleaning of its own: the answer's question is the assistant's cleaned form.
    assert ask(client, "  Paljonko\tmaksaa  ").json()["question"] == clean_question("  Paljonko\tmaksaa  ")


def test_the_page_shows_failures_as_the_api_does_without_paths() -> None:
    class NoIndex(FakeAssistant):
        def answer(self, question: str) -> Answer:
            raise IndexNotBuilt(f"no index at {SECRET_DIR}", where=SECRET_DIR)

    with client_for(NoIndex()) as running:
        page = Handlers(assistant=GuardedAssistant(running.app.state.admission), views=Views.from_corpus(NoIndex().corpus))
        reply = page.reply(FIGURE)
        api = ask(running, FIGURE).json()["error"]
    assert 'role="alert"' in reply and api in reply and "palvelimen hakemisto" in reply
    assert "/srv" not in reply and "IndexNotBuilt" not in reply
