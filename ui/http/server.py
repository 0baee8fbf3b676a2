"""One server: the JSON API and the Gradio page on one FastAPI app, run by uvicorn in one process or several.

`create_app` puts together admission (bounded pools, deadline), the API routes, the page (mounted with
`gr.mount_gradio_app`, its queue and sessions bounded) and the security middleware. `serve` runs it in this
process; `serve_workers` starts N uvicorn worker processes on one port, each building its own assistant
from the same settings (so all of them may share one Chroma server through `KAYTTO_CHROMA_URL`).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import gradio as gr
import uvicorn
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi_offline import FastAPIOffline

from ui.app import build_app, page_options
from ui.http.admission import Admission, Answers, GuardedAssistant
from ui.http.api import (
    DESCRIPTION,
    DOCS_URL,
    OPENAPI_URL,
    TITLE,
    build_router,
    error_response,
    install_error_handlers,
    version,
)
from ui.http.config import ServingOptions
from ui.http.errors import NoSuchRoute
from ui.http.health import IndexWatch
from ui.http.security import BodyLimit, SecurityHeaders, UploadGuard
from ui.http.sessions import bound_sessions, keep_sessions_bounded

DEFAULT_DEADLINE_S = 5.0
WORKER_FACTORY = "ui.http.server:worker_app"
API_ONLY_PAGE = """<!doctype html><html lang="fi"><meta charset="utf-8"><title>Käyttösuunnitelma-avustaja</title>
<h1>Käyttösuunnitelma-avustajan rajapinta</h1>
<p>Tämä palvelin vastaa kysymyksiin JSON-rajapinnan kautta: katso ohjeet osoitteessa <a href="/api/docs">/api/docs</a>.</p>
</html>"""


def create_app(assistant: Answers, options: ServingOptions = ServingOptions(), deadline_s: float | None = None) -> FastAPI:
    """The whole web surface for one assistant (the page only when `options.serve_ui`)."""
    settings = getattr(assistant, "settings", None)
    deadline = deadline_s if deadline_s else float(getattr(settings, "answer_deadline_s", DEFAULT_DEADLINE_S))
    admission = Admission(assistant, options, deadline)
    watch = IndexWatch(assistant, grace_s=options.startup_check_s)
    blocks: gr.Blocks | None = None
    if options.serve_ui:
        blocks = build_app(GuardedAssistant(admission), concurrency=options.ui_concurrency, max_queue=options.ui_queue_size)
        bound_sessions(blocks, options.session_capacity, threads=options.ui_concurrency + 8)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        watch.start()
        tasks = [asyncio.create_task(keep_sessions_bounded(blocks, options.session_ttl_s))] if blocks else []
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            admission.shutdown()
            watch.shutdown()

    app = FastAPIOffline(
        title=TITLE,
        description=DESCRIPTION,
        version=version(),
        docs_url=DOCS_URL,
        redoc_url=None,
        openapi_url=OPENAPI_URL,
        static_url="/api/static",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.include_router(build_router(admission, watch))

    @app.api_route("/api/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    async def unknown(path: str) -> JSONResponse:
        return error_response(NoSuchRoute(f"/api/{path}"))

    if blocks is not None:
        gr.mount_gradio_app(
            app, blocks, path="/", server_name=options.host, server_port=options.port, max_file_size="1kb", **page_options()
        )
    else:

        @app.get("/", include_in_schema=False)
        async def home() -> HTMLResponse:
            return HTMLResponse(API_ONLY_PAGE)

    # The last added runs first: headers go on every response, including the guards' refusals.
    app.add_middleware(BodyLimit, limit=options.max_body_bytes)
    app.add_middleware(UploadGuard)
    app.add_middleware(SecurityHeaders, retry_after_s=options.retry_after_s)
    app.state.admission = admission
    app.state.blocks = blocks
    return app


def worker_app() -> FastAPI:
    """uvicorn's factory in each worker process: its own settings, corpus and assistant (the index is ready)."""
    from assistant.service import Assistant
    from assistant.settings import apply_offline_environment, load_settings
    from corpus.store import load_corpus

    apply_offline_environment()
    settings = load_settings()
    return create_app(Assistant(settings, load_corpus()), ServingOptions.from_env())


def uvicorn_config(app: FastAPI | str, options: ServingOptions, **extra: object) -> uvicorn.Config:
    """uvicorn's settings for this server: quiet logs, a deep accept backlog, keep-alive longer than clients'.

    A server that closes an idle connection while a client (aiohttp keeps them 15 s) sends on it makes that
    request fail; 30 s outlasts common clients' own keep-alive.
    """
    return uvicorn.Config(
        app,  # type: ignore[arg-type]
        host=options.host,
        port=options.port,
        log_level="warning",
        access_log=False,
        backlog=4096,
        timeout_keep_alive=30,
        timeout_graceful_shutdown=5,
        **extra,  # type: ignore[arg-type]
    )


class _AnnouncingServer(uvicorn.Server):
    """A uvicorn server that calls `on_ready` once its socket listens."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None] = lambda: None) -> None:
        super().__init__(config)
        self.on_ready = on_ready

    async def startup(self, sockets: list | None = None) -> None:  # type: ignore[override]
        await super().startup(sockets)
        if self.started:
            self.on_ready()


def serve(app: FastAPI, options: ServingOptions, on_ready: Callable[[], None] = lambda: None) -> None:
    """Run `app` in this process until interrupted."""
    _AnnouncingServer(uvicorn_config(app, options), on_ready).run()


def serve_workers(options: ServingOptions, on_ready: Callable[[], None] = lambda: None) -> None:
    """Run `options.workers` worker processes on one port until interrupted (each builds its own assistant)."""
    import os

    os.environ.update(options.to_env())
    threading.Thread(target=_announce_when_up, args=(options.url, on_ready), daemon=True).start()
    uvicorn.run(WORKER_FACTORY, factory=True, workers=options.workers, **_config_kwargs(options))


def _config_kwargs(options: ServingOptions) -> dict[str, Any]:
    config = uvicorn_config("", options)
    return {
        "host": config.host, "port": config.port, "log_level": "warning", "access_log": False,
        "backlog": config.backlog, "timeout_keep_alive": config.timeout_keep_alive,
        "timeout_graceful_shutdown": config.timeout_graceful_shutdown,
    }


def _announce_when_up(url: str, on_ready: Callable[[], None], timeout_s: float = 600.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "api/v1/health", timeout=2.0)
        except httpx.HTTPError:
            time.sleep(0.3)
            continue
        on_ready()
        return


@contextmanager
def running(app: FastAPI, options: ServingOptions, timeout_s: float = 60.0) -> Iterator[str]:
    """Serve `app` from a background thread of this process; yields its URL (for tests and benchmarks)."""
    server = uvicorn.Server(uvicorn_config(app, options))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start on {options.url}")
        time.sleep(0.05)
    try:
        yield options.url
    finally:
        server.should_exit = True
        thread.join(timeout=30)
