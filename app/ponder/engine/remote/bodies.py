"""The request body of each leg of a remote reply, per server kind.

A reply may take several requests ("legs"): the first asks for the turn; a later one
continues it after Ponder stepped in from outside — thinking closed so the model answers
(budget or Answer now where the server cannot do it mid-stream), or thinking reopened with
"Wait" (minimum thinking, llama-server only). The controls are mapped as
``core.servers.controls`` lists them:

* budget: llama-server ``reasoning_budget_tokens`` (and its older alias
  ``thinking_budget_tokens``) with ``reasoning_budget_message``; vLLM
  ``thinking_token_budget``; elsewhere Ponder counts and cuts;
* Answer now: llama-server ``reasoning_control: true`` arms ``POST
  /v1/chat/completions/control``;
* continuing: llama-server ``continue_final_message`` (``"reasoning_content"`` to go on
  thinking, ``"content"`` to answer) with ``add_generation_prompt: false``; vLLM
  ``continue_final_message: true``; Ollama continues a final assistant message by itself;
* thinking off: ``chat_template_kwargs: {"enable_thinking": false}`` (a real boolean) and
  ``reasoning_effort: "none"`` (llama-server), the kwargs alone (vLLM), ``think: false``
  (Ollama).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ponder.core.request import GenerateRequest
from ponder.core.servers.controls import ServerKind
from ponder.engine.remote.wire import conversation, sampling_fields


@dataclass(frozen=True, slots=True)
class Leg:
    """What one request continues from. ``thinking``: the trace so far (with Ponder's
    injections); ``thinking_open``: whether the model goes on thinking; ``first``: the first
    leg of the reply (nothing to continue)."""

    thinking: str = ""
    thinking_open: bool = False
    first: bool = True

    @property
    def continues(self) -> bool:
        """Whether the request continues a reply already begun: a later leg, or a first leg
        that starts from thinking already written (a fork)."""
        return not self.first or bool(self.thinking)


@dataclass(frozen=True, slots=True)
class Dialect:
    """How Ponder drives one model on one server. ``split``: the server streams reasoning
    apart from content (otherwise Ponder finds think tags in the text); ``prefill``: Ponder
    opens the think block itself (tags mode, custom tags); ``tags``: the think tags."""

    kind: ServerKind
    model: str
    split: bool
    prefill: bool
    tags: tuple[str, str] = ("<think>", "</think>")


def chat_path(dialect: Dialect) -> str:
    return "/api/chat" if dialect.kind == "ollama" else "/v1/chat/completions"


def turns(dialect: Dialect, request: GenerateRequest) -> list[dict[str, Any]]:
    """The conversation as this server is sent it (the system prompt, then each turn; past
    reasoning in the server's own field where it has one)."""
    kind = dialect.kind
    field = "thinking" if kind == "ollama" else "reasoning_content" if dialect.split else None
    return conversation(request, field, dialect.tags)


def body(
    dialect: Dialect, request: GenerateRequest, leg: Leg, *, max_tokens: int | None
) -> dict[str, Any]:
    """The JSON body of one leg."""
    kind = dialect.kind
    control = request.thinking
    messages = turns(dialect, request)
    fields: dict[str, Any] = {"model": dialect.model, "stream": True}
    fields |= sampling_fields(request, kind)
    if kind == "ollama":
        if max_tokens is not None:
            fields.setdefault("options", {})["num_predict"] = max_tokens
        if not leg.continues:
            fields["think"] = not control.thinking_off
        else:  # the trace is handed back; Ollama continues the final message
            messages.append({"role": "assistant", "content": "", "thinking": leg.thinking})
            fields["think"] = True
        fields["messages"] = messages
        return fields

    fields["stream_options"] = {"include_usage": True}
    if max_tokens is not None:
        fields["max_tokens"] = max_tokens
    open_tag, close_tag = dialect.tags
    if control.thinking_off and leg.first:
        if kind in ("llama-server", "vllm"):
            fields["chat_template_kwargs"] = {"enable_thinking": False}
        if kind == "llama-server":
            fields["reasoning_effort"] = "none"
    if kind == "llama-server" and dialect.split:
        # Armed on every reply: Answer now goes through the control endpoint, and the server
        # then injects the same early-stop message as at a budget.
        fields["reasoning_control"] = True
        fields["reasoning_budget_message"] = control.stop_message
        if control.budget and leg.first:
            fields["reasoning_budget_tokens"] = control.budget
            fields["thinking_budget_tokens"] = control.budget
    if kind == "vllm" and control.budget and leg.first:
        fields["thinking_token_budget"] = control.budget

    prefilled: str | None = None
    if not leg.continues:
        if dialect.prefill and not control.thinking_off:
            prefilled = open_tag
    elif dialect.split and kind == "llama-server":
        messages.append({"role": "assistant", "content": "", "reasoning_content": leg.thinking})
        fields["continue_final_message"] = "reasoning_content" if leg.thinking_open else "content"
        fields["add_generation_prompt"] = False
    else:
        prefilled = open_tag + leg.thinking + ("" if leg.thinking_open else close_tag + "\n\n")
    if prefilled is not None:
        messages.append({"role": "assistant", "content": prefilled})
        fields["continue_final_message"] = True
        fields["add_generation_prompt"] = False
    fields["messages"] = messages
    return fields
