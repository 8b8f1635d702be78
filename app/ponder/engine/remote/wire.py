"""What goes over the wire: request bodies per server kind, and stream decoders.

Two streaming formats exist among the servers Ponder speaks to:

* OpenAI chat completions (llama-server, vLLM, LM Studio, any compatible server):
  ``POST /v1/chat/completions`` with ``stream: true`` answers server-sent events whose
  ``data`` is a ``chat.completion.chunk``; ``data: [DONE]`` ends it. Reasoning arrives as
  ``delta.reasoning_content`` (llama-server, LM Studio) or ``delta.reasoning`` (vLLM,
  Ollama's OpenAI API); a server that does not split it sends ``<think>`` in ``content``.
  The events are parsed by ``httpx2.EventSource`` (httpx-sse's parser, which httpx2 carries).
* Ollama's native ``POST /api/chat``: one JSON object per line, ``message.thinking`` and
  ``message.content``, the last one with ``done: true`` and the counts.

Both decoders yield ``Delta`` values and raise ``ServerFault(PROTOCOL)`` for malformed JSON or
an error event inside the stream.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.request import GenerateRequest
from ponder.core.servers.connection import PROTOCOL, SERVER_ERROR, ServerFault
from ponder.core.servers.controls import ServerKind


@dataclass(slots=True)
class Delta:
    """One decoded piece of a streamed reply (any field may be empty)."""

    reasoning: str = ""
    content: str = ""
    finish: str | None = None  # the server's finish reason, when this piece ends the reply
    completion_id: str | None = None
    usage: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, Any] = field(default_factory=dict)


def _parse(data: str, server: str) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        raise ServerFault(
            PROTOCOL,
            QT_TRANSLATE_NOOP(
                "Servers",
                "{server} sent a piece of the reply that is not valid JSON ({data!r}); "
                "the reply was ended there.",
            ).format(server=server, data=data[:80]),
        ) from None


def _parse_piece(data: str, server: str) -> dict[str, Any]:
    """One piece of a streamed reply (an SSE event's data, an Ollama JSON line): an object."""
    piece = _parse(data, server)
    if not isinstance(piece, dict):
        raise ServerFault(
            PROTOCOL,
            QT_TRANSLATE_NOOP(
                "Servers",
                "{server} sent a piece of the reply of the wrong shape.",
            ).format(server=server),
        )
    return piece


def _stream_error(data: dict[str, Any], server: str) -> ServerFault:
    error = data.get("error")
    message = error.get("message") if isinstance(error, dict) else error
    return ServerFault(
        SERVER_ERROR,
        QT_TRANSLATE_NOOP(
            "Servers",
            "{server} reported an error mid-reply: {message}",
        ).format(server=server, message=str(message)[:300]),
    )


def openai_deltas(events: Iterable[Any], server: str) -> Iterator[Delta]:
    """Deltas from server-sent events of a chat completions stream (``httpx2.EventSource``).

    Event types other than the default ``message`` (and ``error``) are unknown: a fault."""
    for sse in events:
        if sse.event == "error":
            raise _stream_error(_parse(sse.data, server) if sse.data else {}, server)
        if sse.event not in ("message", ""):
            raise ServerFault(
                PROTOCOL,
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{server} sent an event Ponder does not know ({event!r}).",
                ).format(server=server, event=sse.event),
            )
        if not sse.data:
            continue
        if sse.data.strip() == "[DONE]":
            return
        data = _parse_piece(sse.data, server)
        if "error" in data:
            raise _stream_error(data, server)
        delta = Delta(completion_id=data.get("id") if isinstance(data.get("id"), str) else None)
        if isinstance(data.get("usage"), dict):
            delta.usage = data["usage"]
        if isinstance(data.get("timings"), dict):
            delta.timings = data["timings"]
        choices = data.get("choices")
        if not isinstance(choices, list):
            raise ServerFault(
                PROTOCOL,
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{server} sent a piece of the reply with no choices.",
                ).format(server=server),
            )
        if choices:
            choice = choices[0]
            if not isinstance(choice, dict):
                raise ServerFault(
                    PROTOCOL,
                    QT_TRANSLATE_NOOP(
                        "Servers",
                        "{server} sent a choice of the wrong shape.",
                    ).format(server=server),
                )
            piece = choice.get("delta") or {}
            if not isinstance(piece, dict):
                raise ServerFault(
                    PROTOCOL,
                    QT_TRANSLATE_NOOP(
                        "Servers",
                        "{server} sent a delta of the wrong shape.",
                    ).format(server=server),
                )
            reasoning = piece.get("reasoning_content") or piece.get("reasoning") or ""
            content = piece.get("content") or ""
            if not isinstance(reasoning, str) or not isinstance(content, str):
                raise ServerFault(
                    PROTOCOL,
                    QT_TRANSLATE_NOOP(
                        "Servers",
                        "{server} sent reply text that is not text.",
                    ).format(server=server),
                )
            delta.reasoning, delta.content = reasoning, content
            if choice.get("finish_reason"):
                delta.finish = str(choice["finish_reason"])
        yield delta


def ollama_deltas(lines: Iterable[str], server: str) -> Iterator[Delta]:
    """Deltas from Ollama's native ``/api/chat`` stream (one JSON object per line)."""
    for line in lines:
        if not line.strip():
            continue
        data = _parse_piece(line, server)
        if "error" in data:
            raise _stream_error(data, server)
        message = data.get("message") or {}
        if not isinstance(message, dict):
            raise ServerFault(
                PROTOCOL,
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{server} sent a message of the wrong shape.",
                ).format(server=server),
            )
        delta = Delta(
            reasoning=str(message.get("thinking") or ""), content=str(message.get("content") or "")
        )
        if data.get("done"):
            delta.finish = str(data.get("done_reason") or "stop")
            delta.usage = {
                "prompt_tokens": data.get("prompt_eval_count"),
                "completion_tokens": data.get("eval_count"),
            }
            if isinstance(data.get("prompt_eval_duration"), int):
                delta.timings = {"prompt_ms": data["prompt_eval_duration"] / 1e6}
        yield delta
        if data.get("done"):
            return


# ----- request bodies ---------------------------------------------------------------------------


def conversation(
    request: GenerateRequest,
    reasoning_field: str | None = None,
    tags: tuple[str, str] = ("<think>", "</think>"),
) -> list[dict[str, Any]]:
    """The turns to send: the system prompt, then each message's text. Thinking is kept in
    storage but not sent back, as on the local engine, unless the request asks for past
    reasoning: then an earlier reply's thinking goes in ``reasoning_field`` (the server's own
    field: Ollama's ``thinking``, ``reasoning_content``) or, where the server has none, in
    ``tags`` before its answer."""
    out: list[dict[str, Any]] = []
    if request.system_prompt:
        out.append({"role": "system", "content": request.system_prompt})
    for m in request.messages:
        turn: dict[str, Any] = {"role": m.role, "content": m.content}
        thinking = m.thinking.strip("\n")
        if request.past_reasoning and m.role == "assistant" and thinking:
            if reasoning_field is not None:
                turn[reasoning_field] = thinking
            else:
                turn["content"] = f"{tags[0]}\n{thinking}\n{tags[1]}\n\n{m.content}"
        out.append(turn)
    return out


@dataclass(frozen=True, slots=True)
class Continuation:
    """How a leg after the first continues the reply: the thinking so far and whether it goes
    on (``open``: thinking continues, e.g. after "Wait") or is closed (the answer follows)."""

    thinking: str
    open: bool


def sampling_fields(request: GenerateRequest, kind: ServerKind) -> dict[str, Any]:
    s = request.sampling
    fields: dict[str, Any] = {}
    if kind == "ollama":
        options = {
            "temperature": s.temperature,
            "top_p": s.top_p,
            "top_k": s.top_k,
            "min_p": s.min_p,
            "repeat_penalty": s.repeat_penalty,
            "seed": s.seed,
        }
        options = {k: v for k, v in options.items() if v is not None}
        return {"options": options} if options else {}
    for name, value in (
        ("temperature", s.temperature),
        ("top_p", s.top_p),
        ("seed", s.seed),
    ):
        if value is not None:
            fields[name] = value
    if kind in ("llama-server", "vllm"):  # sampler fields beyond OpenAI's that they take
        for name, value in (
            ("top_k", s.top_k),
            ("min_p", s.min_p),
            ("repeat_penalty", s.repeat_penalty),
        ):
            if value is not None:
                fields[name] = value
    return fields
