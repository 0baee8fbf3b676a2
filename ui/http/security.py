"""ASGI middleware for the web surface: security headers, no uploads, bounded API request bodies.

Plain ASGI (not Starlette's BaseHTTPMiddleware) so that Gradio's streamed responses pass through untouched.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ui.http.errors import RequestTooLarge, ServingError, UploadsDisabled, public_error

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# What the Gradio page needs: its own scripts (inline config and our <head> script; Gradio 6's HTML component
# compiles its template with `new Function`, hence 'unsafe-eval'), inline styles, data: and blob: images
# (Plotly), fetch and SSE to the same origin. Nothing from other origins; no framing, plugins or <base>.
PAGE_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self' blob:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# JSON answers load nothing at all.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
API_DATA_PREFIX = "/api/v1/"
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("x-frame-options", "DENY"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
    ("cross-origin-opener-policy", "same-origin"),
)

# Gradio's routes that take files. The page has no file component, so none of them has a use here.
UPLOAD_PATHS = ("/gradio_api/upload", "/gradio_api/process_recording", "/gradio_api/stream/")


class SecurityHeaders:
    """Adds the security headers to every HTTP response (and Retry-After to every 503 that lacks one)."""

    def __init__(self, app: ASGIApp, retry_after_s: int = 2) -> None:
        self.app = app
        self.retry_after = str(retry_after_s).encode()
        self.fixed = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        policy = (API_POLICY if scope.get("path", "").startswith(API_DATA_PREFIX) else PAGE_POLICY).encode()

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _OURS]
                headers += [*self.fixed, (b"content-security-policy", policy)]
                if message["status"] == 503 and not any(k.lower() == b"retry-after" for k, _ in headers):
                    headers.append((b"retry-after", self.retry_after))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


_OURS = {name.encode() for name, _ in SECURITY_HEADERS} | {b"content-security-policy"}


class UploadGuard:
    """Refuses every upload: Gradio's file routes and any multipart body, from any origin (403, Finnish JSON)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope.get("path", "")
            content_type = _header(scope, b"content-type").lower()
            if path.startswith(UPLOAD_PATHS) or content_type.startswith("multipart/"):
                await _send_error(send, UploadsDisabled(path))
                return
        await self.app(scope, receive, send)


class BodyLimit:
    """Refuses request bodies over `limit` bytes under `prefix` (413, Finnish JSON) before the app reads them."""

    def __init__(self, app: ASGIApp, limit: int, prefix: str = "/api/") -> None:
        self.app = app
        self.limit = limit
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > self.limit:
            await _send_error(send, RequestTooLarge(self.limit))
            return
        # Without a trustworthy length, read at most limit + 1 bytes and hand the app what was read.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                await _send_error(send, RequestTooLarge(self.limit))
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


async def _send_error(send: Send, error: ServingError) -> None:
    public = public_error(error)
    body = json.dumps(public.body(), ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in public.headers().items()]
    await send({"type": "http.response.start", "status": public.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
