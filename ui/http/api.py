"""The JSON API, version 1: `POST /api/v1/ask` (the `ask --json` contract) and `GET /api/v1/health`.

Stateless: a request carries everything it needs (the question, and a conversation state the client keeps),
so any worker on any machine can answer it.
"""

from __future__ import annotations

import logging
from importlib import metadata
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ui.http.admission import Admission
from ui.http.errors import InvalidRequest, NoSuchRoute, ServingError, public_error
from ui.http.health import IndexWatch
from ui.http.schemas import AnswerOut, AskRequest, ErrorOut, HealthOut, IndexOut, PoolOut

logger = logging.getLogger(__name__)

PREFIX = "/api/v1"
DOCS_URL = "/api/docs"
OPENAPI_URL = f"{PREFIX}/openapi.json"
TITLE = "Käyttösuunnitelma-avustaja"
DESCRIPTION = (
    "Kysy Heinolan hyvinvointilautakunnan vuoden 2024 käyttösuunnitelmasta. Vastaus on sama JSON kuin "
    "komennolla `python -m assistant ask --json`: laji, vastaus, numeroidut lähteet, taulukon luvut ja "
    "vastuuhenkilöt. Virheet: `{\"error\": suomenkielinen viesti, \"error_type\": pysyvä koodi}`; "
    "ruuhkassa 503 ja `Retry-After`, aikarajan ylittyessä 504."
)
ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorOut} for status in (400, 413, 422, 500, 503, 504)}


def version() -> str:
    try:
        return metadata.version("kaytto-assistentti")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def error_response(error: BaseException, question: str = "") -> JSONResponse:
    """The public form of `error`; an unexpected one is logged with its trace (never sent)."""
    public = public_error(error)
    if public.code == "internal_error":
        logger.error("request failed (question %r)", question[:200], exc_info=error)
    return JSONResponse(public.body(), status_code=public.status, headers=public.headers())


def build_router(admission: Admission, watch: IndexWatch) -> APIRouter:
    """The v1 routes over one admission controller."""
    router = APIRouter(prefix=PREFIX)
    assistant = admission.assistant
    settings = getattr(assistant, "settings", None)

    @router.post("/ask", response_model=AnswerOut, responses=ERRORS, summary="Vastaa kysymykseen")
    async def ask(request: AskRequest) -> JSONResponse:
        """Answer one question; the body of a 200 is `Answer.to_json()`."""
        try:
            answer = await admission.answer_async(request.question, request.conversation)
        except Exception as exc:  # noqa: BLE001 - the edge: a Finnish message, the trace only in the log
            return error_response(exc, request.question)
        return JSONResponse(answer.to_json())

    @router.get("/health", response_model=HealthOut, responses={503: {"model": HealthOut}}, summary="Tila")
    def health() -> JSONResponse:
        """200 when this worker answers from an open index; 503 while it starts or when the index fails."""
        status = watch.status()
        info = status.info
        body = HealthOut(
            status=status.state,  # type: ignore[arg-type]
            version=version(),
            index=None if info is None else IndexOut(
                build_id=info.build_id, built_at=info.built_at, embedder=info.embedder,
                fingerprint=info.fingerprint, chunks=info.chunks,
            ),
            corpus_fingerprint=assistant.corpus.fingerprint,
            embedder=settings.index.embedder if settings is not None else "",
            llm=settings.llm.backend if settings is not None else "none",
            deadline_s=admission.deadline_s,
            pools={s.name: PoolOut(workers=s.workers, capacity=s.capacity, admitted=s.admitted) for s in admission.stats()},
            error=status.problem.message if status.problem else None,
            error_type=status.problem.code if status.problem else None,
        )
        return JSONResponse(body.model_dump(), status_code=200 if status.state == "ok" else 503)

    @router.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    async def unknown(path: str) -> JSONResponse:
        known = f"{PREFIX}/{path}" in {route.path for route in router.routes}  # type: ignore[attr-defined]
        return error_response(NoSuchRoute(f"{PREFIX}/{path}", 405 if known else 404))

    return router


def install_error_handlers(app: FastAPI) -> None:
    """Validation errors, unknown routes and wrong methods as Finnish JSON (on the API's own routes)."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(InvalidRequest(str(exc.errors()[:3])))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code in (404, 405):
            return error_response(NoSuchRoute(request.url.path, exc.status_code))
        error = ServingError(str(exc.detail))
        error.status = exc.status_code
        return error_response(error)
