"""A remote conversation cut to fit the server's context, as the local engine cuts its own.

The rule is ``core.reasoning.context_fit``'s (the fewest oldest turns left out, never the
system prompt or the new message, room kept for the answer); only the measuring differs:

* llama-server renders the turns with the model's own chat template (``POST /apply-template``)
  and counts the prompt with the model's tokenizer (``POST /tokenize``): the count is exact;
* other servers cannot count: the prompt is estimated from its characters, on the safe side,
  and a notice says the turns were chosen by an estimate.

A server whose context is unknown (it does not say) gets the whole conversation: it keeps or
refuses it by its own rules, and its answer says which.

Thread: the engine's worker thread.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx2

from ponder.core.reasoning.context_fit import SERVER_CONTEXT, answer_reserve, fit_to_context
from ponder.core.request import GenerateRequest, Message
from ponder.core.servers.connection import ServerConnection

# A character estimate on the safe side: English prose runs about 4 characters a token, code
# and most other scripts fewer, so 3 leaves some room; each message adds its role markers.
CHARS_PER_TOKEN = 3
MESSAGE_OVERHEAD = 8

Build = Callable[[GenerateRequest], list[dict[str, Any]]]


class CannotCount(Exception):
    """The server could not count this prompt (the estimate is used instead)."""


@dataclass(frozen=True, slots=True)
class FittedRequest:
    """The request with the turns that fit, how many turns were left out, and whether the
    counts were estimated (the server cannot count tokens)."""

    request: GenerateRequest
    left_out_turns: int
    estimated: bool


def estimate_tokens(messages: list[dict[str, Any]]) -> int:
    """About how many tokens ``messages`` take in a prompt, rounded up (see CHARS_PER_TOKEN)."""
    chars = sum(len(json.dumps(m, ensure_ascii=False)) for m in messages)
    return math.ceil(chars / CHARS_PER_TOKEN) + MESSAGE_OVERHEAD * len(messages)


class ServerTokenCounter:
    """llama-server's exact prompt count: the turns in its chat template, then its tokenizer
    (special tokens parsed as the server parses the rendered template)."""

    def __init__(
        self, client: httpx2.Client, connection: ServerConnection, timeout_s: float
    ) -> None:
        self._client = client
        self._connection = connection
        self._timeout_s = timeout_s

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        try:
            response = self._client.post(
                self._connection.url(path), json=payload, timeout=self._timeout_s
            )
            data = response.json() if response.status_code == 200 else None
        except (httpx2.HTTPError, ValueError):
            raise CannotCount(path) from None
        if not isinstance(data, dict):
            raise CannotCount(path)
        return data

    def __call__(self, messages: list[dict[str, Any]]) -> int:
        prompt = self._post("/apply-template", {"messages": messages}).get("prompt")
        if not isinstance(prompt, str):
            raise CannotCount("/apply-template")
        tokens = self._post(
            "/tokenize", {"content": prompt, "add_special": True, "parse_special": True}
        ).get("tokens")
        if not isinstance(tokens, list):
            raise CannotCount("/tokenize")
        return len(tokens)


def fit_request(
    request: GenerateRequest,
    build: Build,
    n_ctx: int,
    count: Callable[[list[dict[str, Any]]], int] | None,
) -> FittedRequest:
    """``request`` with the fewest oldest turns left out for its prompt (``build`` makes the
    turns the server is sent) to fit ``n_ctx`` with room for the answer. ``count``: the
    server's exact counter, or None (estimated). A counter that fails part-way gives way to
    the estimate. Raises ``MessageTooLong`` when the new message alone does not fit by an
    exact count (an estimate never refuses a message: the server judges it)."""
    if n_ctx <= 0:
        return FittedRequest(request, 0, False)

    def with_messages(kept: tuple[Message, ...]) -> list[dict[str, Any]]:
        return build(dataclasses.replace(request, messages=kept))

    reserve = answer_reserve(n_ctx)
    if count is not None:
        try:
            fitted = fit_to_context(
                request.messages, with_messages, count, n_ctx, reserve, larger=SERVER_CONTEXT
            )
        except CannotCount:
            pass
        else:
            kept = dataclasses.replace(request, messages=fitted.messages)
            return FittedRequest(kept, fitted.left_out_turns, False)
    # The estimate may be wrong either way: when even the new message alone seems too long,
    # it goes with no earlier turns and the server decides.
    fitted = fit_to_context(
        request.messages, with_messages, estimate_tokens, n_ctx, reserve, refuse=False
    )
    kept = dataclasses.replace(request, messages=fitted.messages)
    return FittedRequest(kept, fitted.left_out_turns, True)


__all__ = [
    "CHARS_PER_TOKEN",
    "CannotCount",
    "FittedRequest",
    "ServerTokenCounter",
    "estimate_tokens",
    "fit_request",
]
