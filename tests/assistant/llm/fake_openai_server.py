"""A tiny scripted OpenAI-compatible (and Ollama-native) chat server on 127.0.0.1 for tests; no real model."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL_NAME = "fake-model"


@dataclass(frozen=True)
class ToolCall:
    """One function call the fake model asks for."""

    name: str
    arguments: Mapping[str, Any]


@dataclass(frozen=True)
class Reply:
    """One scripted response: text and/or tool calls, or an HTTP error, optionally after a delay."""

    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    status: int = 200  # anything else answers with an OpenAI-style error body
    delay_s: float = 0.0  # sleep before answering, to provoke client timeouts
    trickle_s: float = 0.0  # send the response one byte at a time, this long apart (a per-read timeout never fires)
    trickle_from: int = 0  # bytes sent at once before trickling: 0 trickles the status line and headers too


# A script step is a fixed reply or a function of the request body (to answer from the tool results it was sent).
Step = Reply | Callable[[dict[str, Any]], Reply]


def text_reply(text: str) -> Reply:
    """A final answer."""
    return Reply(text=text)


def tool_reply(name: str, **arguments: Any) -> Reply:
    """A single tool call."""
    return Reply(tool_calls=(ToolCall(name, arguments),))


def error_reply(status: int = 500) -> Reply:
    """An HTTP error."""
    return Reply(status=status)


def slow_reply(delay_s: float, text: str = "Myöhästynyt vastaus.") -> Reply:
    """A final answer that arrives only after `delay_s` seconds."""
    return Reply(text=text, delay_s=delay_s)


def trickle_reply(interval_s: float, text: str = "Hidas vastaus.", trickle_from: int = 0) -> Reply:
    """A final answer whose response bytes arrive one at a time, `interval_s` apart."""
    return Reply(text=text, trickle_s=interval_s, trickle_from=trickle_from)


def tool_messages(body: Mapping[str, Any]) -> list[str]:
    """The contents of the role=tool messages in a chat request (OpenAI and Ollama use the same shape)."""
    return [str(message.get("content") or "") for message in body.get("messages", []) if message.get("role") == "tool"]


@dataclass(frozen=True)
class RecordedRequest:
    """A request the server received: path and parsed JSON body."""

    path: str
    body: dict[str, Any] = field(default_factory=dict)


class FakeOpenAIServer:
    """Serves scripted chat replies on a free 127.0.0.1 port in a background thread; use as a context manager.

    Endpoints: GET /v1/models, POST /v1/chat/completions (stream or not), POST /api/chat (Ollama, stream or
    not), GET /api/tags. Each chat request consumes the next script step; when the script runs out the
    server answers 500, so a test sees any call it did not plan for.
    """

    def __init__(self, script: Sequence[Step] = ()) -> None:
        self._script = list(script)
        self._lock = threading.Lock()
        self.requests: list[RecordedRequest] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True  # a handler sleeping for a timeout test must not block shutdown
        # A short poll interval: shutdown() waits up to one interval, once per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai-server", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The OpenAI-compatible base URL (ends in /v1)."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def ollama_url(self) -> str:
        """The base URL for the native Ollama client."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [request for request in self.requests if request.path in ("/v1/chat/completions", "/api/chat")]

    def start(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record(self, path: str, body: dict[str, Any]) -> None:
        with self._lock:
            self.requests.append(RecordedRequest(path, body))

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            step = self._script.pop(0) if self._script else Reply(text="script exhausted", status=500)
        return step(body) if callable(step) else step


def _make_handler(owner: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
            return

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            owner._record(self.path, {})
            if self.path == "/v1/models":
                self._send_json(200, {"object": "list", "data": [{"id": MODEL_NAME, "object": "model", "owned_by": "test"}]})
            elif self.path == "/api/tags":
                self._send_json(200, {"models": [{"name": MODEL_NAME, "model": MODEL_NAME}]})
            else:
                self._send_json(404, _error_body(404, f"no route {self.path}"))

        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except json.JSONDecodeError:
                self._send_json(400, _error_body(400, "body is not JSON"))
                return
            owner._record(self.path, body)
            if self.path not in ("/v1/chat/completions", "/api/chat"):
                self._send_json(404, _error_body(404, f"no route {self.path}"))
                return
            reply = owner._next_reply(body)
            if reply.delay_s:
                time.sleep(reply.delay_s)
            if reply.trickle_s:
                self._trickle(reply)
            elif reply.status != 200:
                self._send_json(reply.status, _error_body(reply.status, reply.text or "scripted error"))
            elif self.path == "/api/chat":
                self._send_ollama(reply, stream=bool(body.get("stream", True)))
            elif body.get("stream"):
                self._send_openai_stream(reply)
            else:
                self._send_json(200, _openai_completion(reply))

        def _send_json(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test); nothing to do

        def _send_openai_stream(self, reply: Reply) -> None:
            events = [json.dumps(chunk, ensure_ascii=False) for chunk in _openai_chunks(reply)] + ["[DONE]"]
            data = "".join(f"data: {event}\n\n" for event in events).encode("utf-8")
            self._send_raw(data, "text/event-stream")

        def _send_ollama(self, reply: Reply, stream: bool) -> None:
            final = _ollama_message(reply, done=True)
            if not stream:
                self._send_json(200, final)
                return
            last = {**final, "message": {**final["message"], "content": ""}}  # Ollama streams text, then a done record
            lines = [_ollama_message(Reply(text=reply.text), done=False), last]
            data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
            self._send_raw(data, "application/x-ndjson")

        def _trickle(self, reply: Reply, limit_s: float = 120.0) -> None:
            """The whole response, headers included, one byte per interval (until the client hangs up)."""
            body = json.dumps(_openai_completion(reply), ensure_ascii=False).encode("utf-8")
            head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
            data = head.encode("ascii") + body
            stop = time.monotonic() + limit_s
            try:
                self.wfile.write(data[: reply.trickle_from])
                self.wfile.flush()
                for i in range(reply.trickle_from, len(data)):
                    if time.monotonic() > stop:
                        break
                    time.sleep(reply.trickle_s)
                    self.wfile.write(data[i : i + 1])
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        def _send_raw(self, data: bytes, content_type: str) -> None:
            try:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


def _error_body(status: int, message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": "server_error" if status >= 500 else "invalid_request_error", "code": status}}


def _openai_tool_calls(reply: Reply) -> list[dict[str, Any]]:
    return [
        {
            "id": f"call_{i}",
            "type": "function",
            "function": {"name": call.name, "arguments": json.dumps(dict(call.arguments), ensure_ascii=False)},
        }
        for i, call in enumerate(reply.tool_calls)
    ]


def _openai_completion(reply: Reply) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.text or None}
    if reply.tool_calls:
        message["tool_calls"] = _openai_tool_calls(reply)
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": MODEL_NAME,
        "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if reply.tool_calls else "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _openai_chunks(reply: Reply) -> list[dict[str, Any]]:
    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": MODEL_NAME,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }

    chunks = [chunk({"role": "assistant", "content": ""})]
    # Two content pieces, so a client that streams really has to join deltas.
    middle = len(reply.text) // 2
    chunks += [chunk({"content": piece}) for piece in (reply.text[:middle], reply.text[middle:]) if piece]
    for i, call in enumerate(_openai_tool_calls(reply)):
        chunks.append(chunk({"tool_calls": [{"index": i, **call}]}))
    chunks.append(chunk({}, "tool_calls" if reply.tool_calls else "stop"))
    return chunks


def _ollama_message(reply: Reply, done: bool) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.text}
    if reply.tool_calls:
        message["tool_calls"] = [{"function": {"name": c.name, "arguments": dict(c.arguments)}} for c in reply.tool_calls]
    payload: dict[str, Any] = {"model": MODEL_NAME, "created_at": "2024-01-01T00:00:00Z", "message": message, "done": done}
    if done:
        payload |= {"done_reason": "stop", "prompt_eval_count": 1, "eval_count": 1}
    return payload
