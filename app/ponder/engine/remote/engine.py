"""``RemoteEngine``: the ``Engine`` protocol over HTTP, against a configured server.

``load`` probes the server (``core.servers.probe``) and checks that it offers the model;
``generate`` streams one reply and yields the same events as the local engine (thinking,
answer, interventions, notices, stats, error, done). Each control is driven the way the
server allows (``core.servers.controls``), and checked afterwards: a server that silently
ignored a budget or "thinking off" gets a ``NoticeEvent`` saying so, and Ponder keeps the
control itself where it can (it stops the stream and continues the reply with the thinking
closed) — never pretends.

Faults end the reply with an ``ErrorEvent`` whose ``kind`` names the fault
(``core.servers.connection``); what streamed before stays in the events already yielded.
A request is retried only when nothing of it reached the model (connection refused, 429/503
before any byte). ``cancel`` (any thread) closes the HTTP stream at once; llama-server stops
generating when its client goes away.

Thread: ``load``/``generate`` on one worker thread; ``cancel``, ``answer_now`` and
``extend_budget`` from any thread.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import suppress
from typing import Any

import httpx2

from ponder.core.events import (
    DoneEvent,
    ErrorEvent,
    Event,
    LoadedEvent,
    LoadProgressEvent,
    NoticeEvent,
)
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.reasoning.context_fit import MessageTooLong
from ponder.core.request import GenerateRequest, LoadRequest
from ponder.core.servers.connection import (
    BUSY,
    MODEL_MISSING,
    RETRYABLE,
    ServerConnection,
    ServerFault,
    fault_message,
    status_fault,
)
from ponder.core.servers.controls import CONTROL_NAMES, can_continue_assistant
from ponder.core.servers.probe import ServerInfo, probe_server
from ponder.core.servers.reference import identity
from ponder.engine.remote.bodies import Dialect, Leg, body, chat_path, turns
from ponder.engine.remote.context import ServerTokenCounter, fit_request
from ponder.engine.remote.reply import Cancelled, RemoteReply
from ponder.engine.remote.wire import Delta, ollama_deltas, openai_deltas

MAX_ERROR_BODY = 64 * 1024


class RemoteEngine:
    """A model on a remote OpenAI-compatible server, as an ``Engine``.

    ``connection``: the server (``ServerConnection``, key included). ``stall_s``: the longest
    silence allowed inside a streamed reply before it is ended as stalled. ``retries``: how
    many times a request that never reached the model is tried again."""

    def __init__(
        self,
        connection: ServerConnection,
        *,
        stall_s: float = 60.0,
        connect_s: float = 10.0,
        retries: int = 2,
        retry_wait_s: float = 0.5,
    ) -> None:
        self.connection = connection
        self.stall_s = stall_s
        self.connect_s = connect_s
        self.retries = retries
        self.retry_wait_s = retry_wait_s
        self.info: ServerInfo | None = None
        self.dialect: Dialect | None = None
        self.n_ctx = 0  # the model's context on the server (0: the server does not say)
        self._client: httpx2.Client | None = None
        self._lock = threading.Lock()
        self._response: httpx2.Response | None = None
        self._cancel = threading.Event()
        self._reply: RemoteReply | None = None
        # llama-server's own timings of the last reply's last request (``predicted_n``,
        # ``predicted_per_second``, ``prompt_ms``, ...); empty for other servers.
        self.last_server_timings: dict[str, Any] = {}

    # ----- identity ----------------------------------------------------------------------------

    @property
    def identity(self) -> str:
        """Model, server, software and version, for the reproducibility card (never the key)."""
        if self.dialect is None or self.info is None:
            return self.connection.name
        return identity(
            self.dialect.model,
            self.connection.label,
            self.connection.base_url,
            self.info.description,
        )

    # ----- Engine protocol ---------------------------------------------------------------------

    def load(self, request: LoadRequest) -> Iterator[Event]:
        """Probes the server and picks the model ``request.model_path`` (its id there)."""
        self._cancel.clear()
        yield LoadProgressEvent(0.0)
        try:
            info = probe_server(self.connection, timeout_s=self.connect_s)
        except ServerFault as fault:
            yield ErrorEvent(fault.message, fault.kind)
            return
        wanted = request.model_path
        found = info.model(wanted)
        if found is None and not wanted and len(info.models) == 1:
            found = info.models[0]
        if found is None:
            offered = ", ".join(m.id for m in info.models) or "none"
            yield ErrorEvent(
                QT_TRANSLATE_NOOP(
                    "Engine",
                    "{name} ({description}) does not offer the model "
                    "{wanted!r}; it offers: {offered}.",
                ).format(
                    name=self.connection.name,
                    description=info.description,
                    wanted=wanted,
                    offered=offered,
                ),
                MODEL_MISSING,
            )
            return
        tags = request.think_tags or ("<think>", "</think>")
        split = not (info.kind == "llama-server" and info.template_thinking is False)
        prefill = request.think_tags is not None and can_continue_assistant(info.kind)
        if prefill:
            split = False
        self.info = info
        self.dialect = Dialect(info.kind, found.id, split, prefill, tags)
        self.n_ctx = found.context or 0
        if self._client is not None:
            self._client.close()
        self._client = self.connection.client(connect_s=self.connect_s, read_s=self.stall_s)
        yield LoadProgressEvent(1.0)
        yield LoadedEvent(
            model_path=self.identity,
            family=f"remote:{info.kind}",
            n_ctx=found.context or 0,
            n_ctx_train=found.context or 0,
            gpu_offload_supported=False,
            gpu_layers=0,
            backend=f"{info.description} at {self.connection.base_url}",
            think_open_id=None,
            think_close_id=None,
        )

    def generate(self, request: GenerateRequest) -> Iterator[Event]:
        """Streams one reply; ends with ``DoneEvent`` (after ``StatsEvent``)."""
        if self.dialect is None or self.info is None or self._client is None:
            yield ErrorEvent(
                QT_TRANSLATE_NOOP(
                    "Engine",
                    "no model is loaded from the server yet",
                ),
                "not_loaded",
            )
            yield DoneEvent("error")
            return
        self._cancel.clear()
        dialect = self.dialect
        # The oldest turns that do not fit the server's context are left out, as locally.
        counter = (
            ServerTokenCounter(self._client, self.connection, self.connect_s)
            if self.info.kind == "llama-server"
            else None
        )
        # A fork's thinking so far goes in the prompt too (as the reply's start).
        begun = (
            [{"role": "assistant", "content": request.thinking_prefix}]
            if request.thinking_prefix
            else []
        )
        try:
            fitted = fit_request(
                request, lambda kept: turns(dialect, kept) + begun, self.n_ctx, counter
            )
        except MessageTooLong as exc:
            yield ErrorEvent(str(exc), "prompt_too_long")
            yield DoneEvent("error")
            return
        reply = RemoteReply(
            fitted.request,
            self.dialect,
            self.info.controls,
            server=self.connection.name,
            count_tokens=self._count_tokens if self.info.kind == "llama-server" else None,
            left_out_turns=fitted.left_out_turns,
            left_out_estimated=fitted.estimated,
        )
        refusal = reply.refusal()
        if refusal:
            yield ErrorEvent(refusal, "control_unavailable")
            yield DoneEvent("error")
            return
        with self._lock:
            self._reply = reply
        try:
            yield from self._run(reply)
        finally:
            self.last_server_timings = dict(reply.server_timings)
            with self._lock:
                self._reply = None

    def cancel(self) -> None:
        """Stops the running reply now: the HTTP stream is shut down under the reader, so the
        server sees its client leave and stops generating."""
        self._cancel.set()
        with self._lock:
            response = self._response
        if response is not None:
            _shut_down(response)

    def answer_now(self) -> None:
        """Ends the thinking of the running reply at the next piece (Answer now)."""
        with self._lock:
            reply = self._reply
        if reply is not None:
            reply.request_answer_now()

    def extend_budget(self, tokens: int | None) -> None:
        """Gives the running reply ``tokens`` more thinking (None: no budget any more)."""
        with self._lock:
            reply = self._reply
        if reply is not None:
            reply.extend_budget(tokens)

    def close(self) -> None:
        self.cancel()
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> RemoteEngine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ----- the reply, leg by leg ---------------------------------------------------------------

    def _run(self, reply: RemoteReply) -> Iterator[Event]:
        assert self.dialect is not None
        yield from reply.opening_notices()
        leg: Leg | None = reply.first_leg()
        try:
            while leg is not None:
                deltas = self._stream(reply.body_for(leg, body))
                leg = yield from reply.consume(deltas, self._post_control)
        except Cancelled:
            yield from reply.finish("cancelled")
            return
        except ServerFault as fault:
            if self._cancel.is_set():
                yield from reply.finish("cancelled")
                return
            yield from reply.fail(fault)
            return
        yield from reply.finish(reply.stop_reason)

    def _stream(self, payload: dict[str, Any]) -> Iterator[Delta]:
        assert self.dialect is not None
        response = self._open(payload)
        name = self.connection.name
        try:
            if self.dialect.kind == "ollama":
                yield from ollama_deltas(response.iter_lines(), name)
            else:
                yield from openai_deltas(httpx2.EventSource(response), name)
        except httpx2.HTTPError as exc:
            if self._cancel.is_set():
                raise Cancelled from None
            raise fault_message(exc, self.connection, streaming=True) from None
        finally:
            with self._lock:
                self._response = None
            with suppress(Exception):
                response.close()
        if self._cancel.is_set():
            raise Cancelled

    def _open(self, payload: dict[str, Any]) -> httpx2.Response:
        """The response to ``payload``, its status checked; retried only while nothing of the
        request reached the model."""
        assert self._client is not None and self.dialect is not None
        url = self.connection.url(chat_path(self.dialect))
        for attempt in range(self.retries + 1):
            if self._cancel.is_set():
                raise Cancelled
            wait = self.retry_wait_s * (2**attempt)
            try:
                response = self._client.send(
                    self._client.build_request("POST", url, json=payload), stream=True
                )
            except httpx2.HTTPError as exc:
                fault = fault_message(exc, self.connection, streaming=False)
                # A kept-alive connection that the server had closed fails before any byte
                # of an answer (nothing was generated): as safe to try again as a refusal.
                stale = isinstance(exc, httpx2.RemoteProtocolError)
                if (fault.kind in RETRYABLE or stale) and attempt < self.retries:
                    self._cancel.wait(wait)
                    continue
                raise fault from None
            if response.status_code == 200:
                with self._lock:
                    self._response = response
                if self._cancel.is_set():  # cancelled while the request was on its way
                    response.close()
                    raise Cancelled
                return response
            fault = status_fault(
                response.status_code,
                _bounded_body(response),
                self.connection,
                model=self.dialect.model,
            )
            retry_after = response.headers.get("retry-after", "")
            response.close()
            if fault.kind == BUSY and attempt < self.retries:
                if retry_after.isdigit():
                    wait = min(float(retry_after), 10.0)
                self._cancel.wait(wait)
                continue
            raise fault
        raise AssertionError("unreachable")

    def _post_control(self, completion_id: str) -> bool:
        """Asks llama-server to end the reasoning of ``completion_id`` now; whether it did."""
        assert self._client is not None
        try:
            response = self._client.post(
                self.connection.url("/v1/chat/completions/control"),
                json={"id": completion_id, "action": "reasoning_end"},
                timeout=self.connect_s,
            )
            data = response.json() if response.status_code == 200 else {}
        except (httpx2.HTTPError, ValueError):
            return False
        return isinstance(data, dict) and data.get("success") is True

    def _count_tokens(self, text: str) -> int | None:
        """The exact token count of ``text`` from llama-server's ``/tokenize``; None if the
        server could not say."""
        if not text or self._client is None:
            return 0 if not text else None
        try:
            response = self._client.post(
                self.connection.url("/tokenize"),
                json={"content": text, "add_special": False},
                timeout=self.connect_s,
            )
            tokens = response.json().get("tokens") if response.status_code == 200 else None
        except (httpx2.HTTPError, ValueError, AttributeError):
            return None
        return len(tokens) if isinstance(tokens, list) else None


def _bounded_body(response: httpx2.Response) -> bytes:
    data = bytearray()
    with suppress(httpx2.HTTPError):
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) >= MAX_ERROR_BODY:
                break
    return bytes(data[:MAX_ERROR_BODY])


def _shut_down(response: httpx2.Response) -> None:
    """Shuts the response's socket down: a read blocked on it in another thread returns."""
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


__all__ = ["CONTROL_NAMES", "NoticeEvent", "RemoteEngine"]
