"""Errors of the serving layer, and the one public shape of every error: a Finnish message and a stable code.

Clients see `{"error": <Finnish message>, "error_type": <stable short code>}`: never a class name, a stack
trace, a file path or an internal URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.errors import (
    AssistantError,
    ConfigError,
    ConversationStateInvalid,
    EmptyQuestion,
    LLMUnavailable,
    QuestionTooLong,
)
from assistant.messages_fi import FALLBACK_FI, finnish_message
from corpus.errors import CorpusError
from index.errors import IndexStoreError


class ServingError(AssistantError):
    """Base class for serving failures; `finnish()` is what users and API clients read.

    An AssistantError so that the page shows it like any expected failure (a Finnish message, no logged trace).
    """

    code = "serving_error"
    status = 500
    finnish_template = "Palvelu ei pystynyt käsittelemään pyyntöä."

    def finnish(self) -> str:
        return self.finnish_template.format(**vars(self))


class Overloaded(ServingError):
    """Every worker of a pool is busy and its waiting line is full."""

    code = "overloaded"
    status = 503
    finnish_template = (
        "Palvelussa on juuri nyt ruuhkaa, eikä kysymystä voitu ottaa käsittelyyn. "
        "Yritä uudelleen {retry_after_s} sekunnin kuluttua."
    )

    def __init__(self, pool: str, capacity: int, retry_after_s: int) -> None:
        super().__init__(f"pool {pool!r} is full ({capacity} questions admitted); retry in {retry_after_s} s")
        self.pool = pool
        self.capacity = capacity
        self.retry_after_s = retry_after_s


class DeadlineExceeded(ServingError):
    """No answer within the total deadline of a question."""

    code = "deadline_exceeded"
    status = 504
    finnish_template = (
        "Vastauksen laatiminen kesti liian kauan (yli {deadline_text} s), joten se keskeytettiin. "
        "Yritä hetken kuluttua uudelleen."
    )

    def __init__(self, deadline_s: float) -> None:
        super().__init__(f"no answer within the deadline of {deadline_s:g} s")
        self.deadline_s = deadline_s
        self.deadline_text = f"{deadline_s:g}".replace(".", ",")


class InvalidRequest(ServingError):
    """The request body is not the documented JSON object."""

    code = "invalid_request"
    status = 422
    finnish_template = (
        'Pyyntö ei ole kelvollinen. Lähetä JSON-olio, jossa on kenttä "question" (teksti), '
        'esimerkiksi {{"question": "Paljonko varhaiskasvatus maksaa 2024?"}}.'
    )

    def __init__(self, detail: str) -> None:
        super().__init__(f"invalid request body: {detail}")


class RequestTooLarge(ServingError):
    """The request body is larger than the limit."""

    code = "request_too_large"
    status = 413
    finnish_template = "Pyyntö on liian suuri (enintään {limit_kb} kt)."

    def __init__(self, limit_bytes: int) -> None:
        super().__init__(f"request body is over the limit of {limit_bytes} bytes")
        self.limit_kb = limit_bytes // 1024


class NoSuchRoute(ServingError):
    """No API route at that path (or not with that method)."""

    code = "no_such_route"
    status = 404
    finnish_template = "Rajapinnassa ei ole tätä osoitetta. Katso ohjeet: /api/docs"

    def __init__(self, path: str, status: int = 404) -> None:
        super().__init__(f"no API route {path!r}")
        self.status = status
        if status == 405:
            self.code = "method_not_allowed"
            self.finnish_template = "Tähän osoitteeseen ei voi lähettää tällaista pyyntöä (HTTP-metodi). Katso ohjeet: /api/docs"


class UploadsDisabled(ServingError):
    """The app takes no files: every upload route is closed."""

    code = "uploads_disabled"
    status = 403
    finnish_template = "Tiedostojen lähettäminen palveluun ei ole käytössä."

    def __init__(self, path: str) -> None:
        super().__init__(f"uploads are disabled ({path})")


class PublicFailure(ServingError):
    """Any failure as the public sees it: raised to the page so it shows exactly what API clients read."""

    def __init__(self, public: PublicError) -> None:
        super().__init__(f"{public.code}: {public.message}")
        self.public = public
        self.code = public.code
        self.status = public.status

    def finnish(self) -> str:
        return self.public.message


@dataclass(frozen=True)
class PublicError:
    """What an HTTP client gets for a failure."""

    status: int
    code: str
    message: str
    retry_after_s: int | None = None

    def body(self) -> dict[str, str]:
        return {"error": self.message, "error_type": self.code}

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_s)} if self.retry_after_s is not None else {}


# Other layers' errors by family, most specific first: (class, stable code, HTTP status).
_FAMILIES: tuple[tuple[type[BaseException], str, int], ...] = (
    (EmptyQuestion, "empty_question", 400),
    (QuestionTooLong, "question_too_long", 400),
    (ConversationStateInvalid, "invalid_conversation", 400),
    (LLMUnavailable, "llm_unavailable", 502),
    (ConfigError, "config_error", 500),
    (AssistantError, "answer_failed", 500),
    (IndexStoreError, "index_unavailable", 503),
    (CorpusError, "corpus_unavailable", 500),
)

# Absolute paths and URLs say where things live on the server; users need neither.
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s`'\")]+", re.IGNORECASE)
_PATH = re.compile(r"(?<![\w.~/-])(?:/[\w.@+-]+)+/?")
HIDDEN_URL = "palvelimen osoite"
HIDDEN_PATH = "palvelimen hakemisto"


def redact(text: str) -> str:
    """`text` with absolute file paths and URLs replaced by neutral Finnish words."""
    return _PATH.sub(HIDDEN_PATH, _URL.sub(HIDDEN_URL, text))


def public_error(error: BaseException) -> PublicError:
    """The status, stable code and Finnish message for any failure (unknown ones get the generic text)."""
    if isinstance(error, PublicFailure):
        return error.public
    if isinstance(error, ServingError):
        retry = error.retry_after_s if isinstance(error, Overloaded) else None
        return PublicError(error.status, error.code, error.finnish(), retry)  # our own texts: nothing to hide
    for family, code, status in _FAMILIES:
        if isinstance(error, family):
            return PublicError(status, code, redact(finnish_message(error)))
    return PublicError(500, "internal_error", FALLBACK_FI)
