"""Loopback servers that speak Ollama's, vLLM's and LM Studio's documented protocols, for tests.

Written from each project's API documentation (these servers cannot run here):

* **Ollama**: ``GET /api/version`` → ``{"version": ...}``; ``GET /api/tags`` →
  ``{"models": [{"name", "model", ...}]}``; ``POST /api/show`` → ``{..., "capabilities":
  ["completion", "thinking"]}``; ``POST /api/chat`` streams one JSON object per line with
  ``message.thinking``/``message.content``, the last with ``done: true``, ``done_reason``,
  ``prompt_eval_count``, ``eval_count`` and nanosecond durations; errors are
  ``{"error": "..."}`` (404 ``model 'x' not found``).
* **vLLM**: ``GET /version`` → ``{"version": ...}``; ``GET /v1/models`` → models with
  ``owned_by: "vllm"`` and ``max_model_len``; chat completions stream ``chat.completion.chunk``
  server-sent events with ``delta.reasoning`` (the older ``reasoning_content`` still works) and
  ``data: [DONE]``; errors ``{"error": {"message", "type", "param", "code"}}``.
* **LM Studio**: ``GET /api/v0/models`` (native REST API: ``type``, ``publisher``, ``arch``,
  ``state``, ``max_context_length``) beside ``/v1/models`` (``owned_by:
  "organization_owner"``); chat completions stream ``delta.reasoning_content``.

A reply is scripted as a list of (reasoning, content) pieces. Switches make the faults: an
HTTP status with the server's error body, malformed JSON or an unknown event after N pieces, a
stall, a dropped connection. Every request body is recorded. Binds 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import json
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

Kind = Literal["ollama", "vllm", "lmstudio"]


@dataclass
class Script:
    """What the next chat request gets. ``pieces``: (reasoning, content) per chunk."""

    pieces: list[tuple[str, str]] = field(default_factory=list)
    status: int = 200
    error_body: dict[str, Any] | None = None
    malformed_after: int | None = None  # send a broken JSON line after this many pieces
    unknown_event_after: int | None = None
    stall_after: int | None = None  # stop sending (but keep the connection) after N pieces
    drop_after: int | None = None  # close the connection without finishing after N pieces
    finish: str = "stop"


class InferenceFake:
    """``with InferenceFake("ollama") as fake:``; ``fake.base_url``; ``fake.scripts`` is a
    queue of ``Script`` for the chat requests (the last one repeats)."""

    def __init__(
        self,
        kind: Kind,
        models: tuple[str, ...] = ("qwen3:0.6b",),
        *,
        key: str | None = None,
        version: str = "0.12.6",
        tls: ssl.SSLContext | None = None,
        context: int = 32768,
    ) -> None:
        self.kind = kind
        self.context = context  # the models' context length, as the server lists it
        self.models = models
        self.key = key
        self.version = version
        self.tls = tls
        self.scripts: list[Script] = [Script()]
        self.requests: list[tuple[str, str, dict[str, Any] | None]] = []
        self.release = threading.Event()  # set to end a stall
        self._server: ThreadingHTTPServer | None = None

    # ----- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> InferenceFake:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:
                pass

            def handle(self) -> None:
                # The client going away (a cancel, a dropped stream) is expected here.
                with contextlib.suppress(OSError):
                    super().handle()

            def do_GET(self) -> None:
                fake._handle(self, "GET", None)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    data = json.loads(raw) if raw else None
                except ValueError:
                    data = None
                fake._handle(self, "POST", data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        if self.tls is not None:
            self._server.socket = self.tls.wrap_socket(self._server.socket, server_side=True)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self._server.server_address[1]}"

    def chat_bodies(self) -> list[dict[str, Any]]:
        return [
            b for m, p, b in self.requests if p.endswith("/chat") or p.endswith("completions") if b
        ]

    # ----- answers -----------------------------------------------------------------------------

    def _json(self, handler: BaseHTTPRequestHandler, status: int, data: Any) -> None:
        body = json.dumps(data).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _not_found(self, handler: BaseHTTPRequestHandler) -> None:
        if self.kind == "ollama":
            self._json(handler, 404, {"error": "404 page not found"})
        else:
            self._json(
                handler,
                404,
                {
                    "error": {
                        "message": "Not Found",
                        "type": "NotFoundError",
                        "param": None,
                        "code": 404,
                    }
                },
            )

    def _handle(self, handler: BaseHTTPRequestHandler, method: str, data: Any) -> None:
        path = handler.path
        self.requests.append((method, path, data))
        if self.key is not None and handler.headers.get("Authorization") != f"Bearer {self.key}":
            if self.kind == "ollama":
                self._json(handler, 401, {"error": "unauthorized"})
            else:
                self._json(
                    handler,
                    401,
                    {
                        "error": {
                            "message": "Invalid API key",
                            "type": "AuthenticationError",
                            "param": None,
                            "code": 401,
                        }
                    },
                )
            return
        routes = {
            "ollama": {
                ("GET", "/api/version"): lambda: self._json(
                    handler, 200, {"version": self.version}
                ),
                ("GET", "/api/tags"): lambda: self._json(
                    handler,
                    200,
                    {
                        "models": [
                            {
                                "name": m,
                                "model": m,
                                "modified_at": "2026-11-01T10:00:00Z",
                                "size": 522653767,
                                "digest": "a" * 64,
                                "details": {"format": "gguf", "family": "qwen3"},
                            }
                            for m in self.models
                        ]
                    },
                ),
                ("POST", "/api/show"): lambda: self._show(handler, data),
                ("POST", "/api/chat"): lambda: self._chat(handler, data),
            },
            "vllm": {
                ("GET", "/version"): lambda: self._json(handler, 200, {"version": self.version}),
                ("GET", "/v1/models"): lambda: self._json(
                    handler,
                    200,
                    {
                        "object": "list",
                        "data": [
                            {
                                "id": m,
                                "object": "model",
                                "created": 1780000000,
                                "owned_by": "vllm",
                                "root": m,
                                "parent": None,
                                "max_model_len": self.context,
                            }
                            for m in self.models
                        ],
                    },
                ),
                ("POST", "/v1/chat/completions"): lambda: self._chat(handler, data),
            },
            "lmstudio": {
                ("GET", "/api/v0/models"): lambda: self._json(
                    handler,
                    200,
                    {
                        "object": "list",
                        "data": [
                            {
                                "id": m,
                                "object": "model",
                                "type": "llm",
                                "publisher": "qwen",
                                "arch": "qwen3",
                                "compatibility_type": "gguf",
                                "quantization": "Q4_K_M",
                                "state": "loaded",
                                "max_context_length": self.context,
                            }
                            for m in self.models
                        ],
                    },
                ),
                ("GET", "/v1/models"): lambda: self._json(
                    handler,
                    200,
                    {
                        "object": "list",
                        "data": [
                            {"id": m, "object": "model", "owned_by": "organization_owner"}
                            for m in self.models
                        ],
                    },
                ),
                ("POST", "/v1/chat/completions"): lambda: self._chat(handler, data),
            },
        }[self.kind]
        route = routes.get((method, path))
        if route is None:
            self._not_found(handler)
            return
        route()

    def _show(self, handler: BaseHTTPRequestHandler, data: Any) -> None:
        name = (data or {}).get("model")
        if name not in self.models:
            self._json(handler, 404, {"error": f"model '{name}' not found"})
            return
        self._json(
            handler,
            200,
            {
                "modelfile": "",
                "parameters": "",
                "template": "",
                "details": {"format": "gguf", "family": "qwen3"},
                "capabilities": ["completion", "thinking"],
            },
        )

    def _chat(self, handler: BaseHTTPRequestHandler, data: Any) -> None:
        script = self.scripts.pop(0) if len(self.scripts) > 1 else self.scripts[0]
        model = (data or {}).get("model")
        if script.status != 200:
            self._json(handler, script.status, script.error_body or {})
            return
        if model not in self.models:
            if self.kind == "ollama":
                self._json(handler, 404, {"error": f"model '{model}' not found"})
            else:
                self._json(
                    handler,
                    404,
                    {
                        "error": {
                            "message": f"The model `{model}` does not exist.",
                            "type": "NotFoundError",
                            "param": "model",
                            "code": 404,
                        }
                    },
                )
            return
        handler.send_response(200)
        if self.kind == "ollama":
            handler.send_header("Content-Type", "application/x-ndjson")
        else:
            handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()

        def send(raw: str) -> None:
            payload = raw.encode()
            handler.wfile.write(f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
            handler.wfile.flush()

        try:
            for index, (reasoning, content) in enumerate(script.pieces):
                if index == script.drop_after:
                    handler.wfile.flush()
                    handler.close_connection = True
                    return
                if index == script.stall_after:
                    self.release.wait(30)
                    return
                if index == script.malformed_after:
                    send('data: {"choices": [\n\n' if self.kind != "ollama" else '{"message": \n')
                    continue
                if index == script.unknown_event_after and self.kind != "ollama":
                    send("event: surprise\ndata: {}\n\n")
                    continue
                send(self._piece(model, reasoning, content))
            send(self._end(model, script))
            handler.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            return

    def _piece(self, model: str, reasoning: str, content: str) -> str:
        if self.kind == "ollama":
            message = {"role": "assistant", "content": content}
            if reasoning:
                message["thinking"] = reasoning
            return (
                json.dumps(
                    {
                        "model": model,
                        "created_at": "2026-12-06T10:00:00Z",
                        "message": message,
                        "done": False,
                    }
                )
                + "\n"
            )
        delta: dict[str, Any] = {"content": content} if content else {}
        if reasoning:
            delta["reasoning" if self.kind == "vllm" else "reasoning_content"] = reasoning
        chunk = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": None}],
        }
        return f"data: {json.dumps(chunk)}\n\n"

    def _end(self, model: str, script: Script) -> str:
        if self.kind == "ollama":
            return (
                json.dumps(
                    {
                        "model": model,
                        "created_at": "2026-12-06T10:00:01Z",
                        "message": {"role": "assistant", "content": ""},
                        "done": True,
                        "done_reason": script.finish,
                        "total_duration": 900000000,
                        "prompt_eval_count": 12,
                        "prompt_eval_duration": 40000000,
                        "eval_count": len(script.pieces),
                        "eval_duration": 800000000,
                    }
                )
                + "\n"
            )
        last = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {"index": 0, "delta": {}, "logprobs": None, "finish_reason": script.finish}
            ],
            "usage": {
                "prompt_tokens": 12,
                "completion_tokens": len(script.pieces),
                "total_tokens": 12 + len(script.pieces),
            },
        }
        return f"data: {json.dumps(last)}\n\ndata: [DONE]\n\n"
