"""Typed events that a generation yields, from the engine to whoever listens.

They are plain, picklable dataclasses: they cross the process boundary between the engine's
child process and the app, and they are what the CLI prints with ``--json``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

InterventionReason = Literal[
    "budget_spent",  # the maximum thinking budget ran out: early-stop message + end tag
    "min_thinking",  # the model tried to stop thinking before the minimum: "Wait" injected
    "thinking_off",  # thinking is off but the model opened a think block anyway: closed at once
    "context_full",  # the context is nearly full: thinking closed to leave room for the answer
    "unclosed_thinking",  # the model ended its turn inside thinking: closed so that it answers
    "answer_now",  # a person pressed Answer now: early-stop message + end tag, as for a budget
    "stopped",  # a person pressed Stop here: nothing was injected, and nothing came after
    "think_longer",  # a person asked an answered reply to think longer: it went on from here
    "fork",  # a person forked the trace here: the text they inserted (a hint, an error, "Wait")
]


@dataclass(frozen=True, slots=True)
class ThinkingEvent:
    """A piece of the model's chain of thought."""

    text: str
    type: Literal["thinking"] = "thinking"


@dataclass(frozen=True, slots=True)
class AnswerEvent:
    """A piece of the final answer."""

    text: str
    type: Literal["answer"] = "answer"


@dataclass(frozen=True, slots=True)
class InterventionEvent:
    """Text Ponder injected into the model's context, and why.

    ``position`` is the number of thinking tokens generated before the injection (the point in
    the trace where Ponder stepped in); ``tokens`` is how many tokens the injection took.
    ``visible`` is the part of ``text`` that belongs to the trace (the end-of-thinking tag
    itself is not shown as thinking).
    """

    text: str
    reason: InterventionReason
    position: int
    tokens: int
    visible: str = ""
    type: Literal["intervention"] = "intervention"


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts and times of one generation. Times are seconds, measured in the engine."""

    prompt_tokens: int = 0
    cached_prompt_tokens: int = 0
    thinking_tokens: int = 0
    answer_tokens: int = 0
    injected_tokens: int = 0
    prompt_eval_s: float = 0.0
    thinking_s: float = 0.0
    answer_s: float = 0.0
    stop_reason: str = ""
    seed: int | None = None
    # Tokens handed to llama_decode during the turn, and the positions llama.cpp's KV cache holds
    # at its end. Nothing was evaluated twice when evaluated == kv - cached, and the cache holds
    # exactly prompt + generated + injected tokens.
    evaluated_tokens: int = 0
    kv_tokens: int = 0
    # Seconds from the moment Ponder cut the thinking (budget) to the first answer token.
    cut_to_answer_s: float | None = None
    # Seconds from the start of prompt evaluation to the first generated token (None: none came).
    first_token_s: float | None = None
    # Answer now: decode steps (llama_decode calls) and seconds from the moment the engine saw
    # the request to the first answer token.
    answer_now_steps: int | None = None
    answer_now_s: float | None = None
    # Speculative decoding: tokens drafted from the context, and how many of them the model
    # kept. Rejected drafts were evaluated and then removed from the KV cache, so
    # evaluated == kv - cached + drafted - accepted.
    drafted_tokens: int = 0
    accepted_tokens: int = 0
    draft_batches: int = 0  # verification batches (a generated token and its drafts)
    # What the session measured: a drafted token's extra cost in a batch, in plain decode
    # steps (1.0: as much as a step; None: not measured), and the times drafting paused
    # because it was not paying for itself.
    draft_cost: float | None = None
    draft_pauses: int = 0
    # Of the drafted and accepted tokens above, those the draft model proposed (the rest came
    # from the context lookup).
    model_drafted_tokens: int = 0
    model_accepted_tokens: int = 0
    # Earlier turns (a user message and its replies) left out of the prompt to fit the
    # context (core.reasoning.context_fit); the reply says so.
    left_out_turns: int = 0

    def with_left_out(self, turns: int) -> Stats:
        return dataclasses.replace(self, left_out_turns=turns) if turns else self

    # What a remote server did not do as asked (``NoticeEvent`` messages, in order): kept
    # with the figures so that a stored reply still says it (``core.assembly`` puts them here).
    notices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.notices, tuple):  # a list, read back from JSON
            object.__setattr__(self, "notices", tuple(self.notices))

    @property
    def generated_tokens(self) -> int:
        return self.thinking_tokens + self.answer_tokens

    @property
    def decode_tokens_per_s(self) -> float:
        seconds = self.thinking_s + self.answer_s
        return self.generated_tokens / seconds if seconds > 0 else 0.0

    @property
    def acceptance_rate(self) -> float | None:
        """The share of drafted tokens the model kept; None when nothing was drafted."""
        return self.accepted_tokens / self.drafted_tokens if self.drafted_tokens else None

    @property
    def mean_accepted_length(self) -> float | None:
        """Drafted tokens kept per verification batch; None when nothing was drafted."""
        return self.accepted_tokens / self.draft_batches if self.draft_batches else None

    @property
    def prompt_tokens_per_s(self) -> float:
        evaluated = self.prompt_tokens - self.cached_prompt_tokens
        return evaluated / self.prompt_eval_s if self.prompt_eval_s > 0 else 0.0


@dataclass(frozen=True, slots=True)
class StatsEvent:
    """Token counts and timings, sent once at the end of a generation."""

    stats: Stats
    type: Literal["stats"] = "stats"


@dataclass(frozen=True, slots=True)
class LoadProgressEvent:
    """Progress of a model load, 0.0 to 1.0."""

    fraction: float
    type: Literal["load_progress"] = "load_progress"


@dataclass(frozen=True, slots=True)
class LoadedEvent:
    """The model is loaded and ready. ``backend`` says in words where it runs."""

    model_path: str
    family: str
    n_ctx: int
    n_ctx_train: int
    gpu_offload_supported: bool
    gpu_layers: int
    backend: str
    think_open_id: int | None
    think_close_id: int | None
    # The draft model that proposes tokens (its path), when one was asked for and loaded; and
    # when one was asked for but is not used, why (a sentence for the person).
    draft_model: str | None = None
    draft_problem: str | None = None
    type: Literal["loaded"] = "loaded"


@dataclass(frozen=True, slots=True)
class ErrorEvent:
    """Something went wrong; ``message`` is written for the user (what happened, what next).

    ``kind`` is a short machine-readable tag such as ``prompt_too_long``, ``engine_crashed``,
    ``load_failed``, ``cancelled``.
    """

    message: str
    kind: str = "error"
    type: Literal["error"] = "error"


@dataclass(frozen=True, slots=True)
class NoticeEvent:
    """Something the person should know about the reply that is not an error: a remote
    server ignored a control Ponder asked for (and Ponder kept it itself, or could not), or a
    figure is an estimate. ``kind``: ``control_ignored``, ``control_unavailable``,
    ``estimate``."""

    message: str
    kind: str = "notice"
    type: Literal["notice"] = "notice"


@dataclass(frozen=True, slots=True)
class DoneEvent:
    """The generation ended. ``reason``: ``eos``, ``max_tokens``, ``cancelled``, ``error``."""

    reason: str
    type: Literal["done"] = "done"


Event = (
    ThinkingEvent
    | AnswerEvent
    | InterventionEvent
    | StatsEvent
    | LoadProgressEvent
    | LoadedEvent
    | ErrorEvent
    | NoticeEvent
    | DoneEvent
)


def event_to_dict(event: Event) -> dict[str, Any]:
    """A JSON-ready dict of an event, ``type`` first; stats carry their derived rates too."""
    data: dict[str, Any] = {"type": event.type}
    for f in dataclasses.fields(event):
        if f.name == "type":
            continue
        value = getattr(event, f.name)
        if isinstance(value, Stats):
            value = dataclasses.asdict(value) | {
                "generated_tokens": value.generated_tokens,
                "decode_tokens_per_s": value.decode_tokens_per_s,
                "prompt_tokens_per_s": value.prompt_tokens_per_s,
                "acceptance_rate": value.acceptance_rate,
            }
        data[f.name] = value
    if isinstance(event, StatsEvent):
        data.update(data.pop("stats"))
    return data


__all__ = [
    "AnswerEvent",
    "DoneEvent",
    "ErrorEvent",
    "Event",
    "InterventionEvent",
    "InterventionReason",
    "LoadProgressEvent",
    "LoadedEvent",
    "NoticeEvent",
    "Stats",
    "StatsEvent",
    "ThinkingEvent",
    "event_to_dict",
]
