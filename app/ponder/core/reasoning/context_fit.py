"""A conversation cut to fit the model's context: the oldest turns left out, never the system
prompt or the new message.

A conversation that has grown past the context used to fail on every later message, even
"hi". ``fit_to_context`` leaves out the fewest oldest turns (a user message and the replies
that followed it) for the prompt to fit, and says how many it left out; when the new message
alone does not fit, ``MessageTooLong`` says so in words that offer the way out.

The caller measures: ``build`` makes the prompt of some messages (the engine tokenizes with
the model's own tokenizer) and ``length`` counts it, so the count is exact, not estimated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.request import Message

Prompt = TypeVar("Prompt")


# The way to a larger context, as the engine that measured knows it (a local model is
# loaded again with a larger context; a server's is set where the server runs).
LOCAL_CONTEXT = QT_TRANSLATE_NOOP("ContextFit", "load the model with a larger context size")
SERVER_CONTEXT = QT_TRANSLATE_NOOP(
    "ContextFit", "ask for the server to be started with a larger context"
)


class MessageTooLong(ValueError):
    """The new message (with the system prompt) does not fit the context on its own.
    ``system_tokens``: what the prompt takes without the message (the system prompt and the
    template), to name the part that is too long."""

    def __init__(
        self,
        tokens: int,
        n_ctx: int,
        reserve: int,
        system_tokens: int = 0,
        larger: str = LOCAL_CONTEXT,
    ) -> None:
        self.tokens, self.n_ctx, self.reserve = tokens, n_ctx, reserve
        self.system_tokens = system_tokens
        holds = QT_TRANSLATE_NOOP(
            "ContextFit",
            "the model's context holds {n_ctx} tokens and keeps {reserve} of them for the answer",
        ).format(n_ctx=n_ctx, reserve=reserve)
        if system_tokens > tokens - system_tokens:
            text = QT_TRANSLATE_NOOP(
                "ContextFit",
                "The system prompt and your message take {tokens} tokens ({system} of them the "
                "system prompt), but {holds}. Shorten the system prompt, or {larger}.",
            ).format(tokens=tokens, system=system_tokens, holds=holds, larger=larger)
        else:
            text = QT_TRANSLATE_NOOP(
                "ContextFit",
                "Your message is {tokens} tokens long, but {holds}. Shorten the message or send "
                "it in parts, or {larger}.",
            ).format(tokens=tokens, holds=holds, larger=larger)
        super().__init__(text)


@dataclass(frozen=True, slots=True)
class FittedPrompt(Generic[Prompt]):
    """The prompt that fits, the messages it was built from, and how many earlier turns
    (a user message with its replies) were left out."""

    prompt: Prompt
    messages: tuple[Message, ...]
    left_out_turns: int


def _turns(messages: Sequence[Message]) -> tuple[list[Message], list[list[Message]], Message]:
    """The system messages, the earlier turns (each starts at a user message), the new one."""
    if not messages:
        raise ValueError("there is no message to answer")
    systems = [m for m in messages[:-1] if m.role == "system"]
    turns: list[list[Message]] = []
    for message in messages[:-1]:
        if message.role == "system":
            continue
        if message.role == "user" or not turns:
            turns.append([message])
        else:
            turns[-1].append(message)
    return systems, turns, messages[-1]


def answer_reserve(n_ctx: int) -> int:
    """The tokens of the context kept free for the answer (a prompt that leaves no room
    would "succeed" with an empty answer)."""
    return min(512, n_ctx // 8)


def left_out_text(turns: int) -> str:
    """What a reply says when earlier turns were left out ("" when none were)."""
    if turns <= 0:
        return ""
    if turns == 1:
        return QT_TRANSLATE_NOOP(
            "ContextFit", "1 earlier turn was left out to fit the model's context."
        )
    return QT_TRANSLATE_NOOP(
        "ContextFit", "{turns} earlier turns were left out to fit the model's context."
    ).format(turns=turns)


def fit_to_context(
    messages: Sequence[Message],
    build: Callable[[tuple[Message, ...]], Prompt],
    length: Callable[[Prompt], int],
    n_ctx: int,
    reserve: int,
    *,
    refuse: bool = True,
    larger: str = LOCAL_CONTEXT,
) -> FittedPrompt[Prompt]:
    """The prompt of ``messages`` without the fewest oldest turns for ``length(prompt) +
    reserve <= n_ctx``. The whole conversation is tried first (one build when it fits);
    otherwise a binary search over how many turns to leave out (a prompt only shrinks as
    turns go). Raises ``MessageTooLong`` when even the system prompt and the new message
    alone do not fit (with ``refuse=False``, for a length that is only an estimate, that
    prompt is returned instead and whoever reads it judges), and whatever ``build`` raises."""
    systems, turns, new = _turns(messages)
    limit = n_ctx - reserve

    def attempt(drop: int) -> tuple[Prompt, tuple[Message, ...], int]:
        kept = (*systems, *(m for turn in turns[drop:] for m in turn), new)
        prompt = build(kept)
        return prompt, kept, length(prompt)

    prompt, kept, size = attempt(0)
    if size <= limit:
        return FittedPrompt(prompt, kept, 0)
    best = attempt(len(turns))
    if best[2] > limit:
        if not refuse:
            return FittedPrompt(best[0], best[1], len(turns))
        # What the prompt takes without the message's text, to name the part too long.
        empty = dataclasses.replace(new, content="")
        try:
            bare = length(build((*systems, empty)))
        except Exception:  # only the wording depends on it: a measure that fails names none
            bare = 0
        raise MessageTooLong(best[2], n_ctx, reserve, bare, larger)
    low, high = 1, len(turns)  # the answer lies in [low, high]; `high` is known to fit
    while low < high:
        middle = (low + high) // 2
        trial = attempt(middle)
        if trial[2] <= limit:
            high, best = middle, trial
        else:
            low = middle + 1
    return FittedPrompt(best[0], best[1], high)


__all__ = [
    "LOCAL_CONTEXT",
    "SERVER_CONTEXT",
    "FittedPrompt",
    "MessageTooLong",
    "answer_reserve",
    "fit_to_context",
    "left_out_text",
]
