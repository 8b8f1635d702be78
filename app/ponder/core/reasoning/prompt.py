"""Build the prompt for a turn: the model's own chat template, rendered safely, plus thinking.

The chat template is rendered in the sandbox of ponder.core.reasoning.chat_template, with
``bos_token``, ``eos_token`` and ``add_generation_prompt=True``. The result is a
``PromptPlan``: text that came from the template (*trusted*: the engine tokenizes it with
special tokens parsed) apart from text that came from a message (*untrusted*: tokenized as
plain text, so a user who types ``<|im_end|>`` or ``</think>`` cannot forge a control
token). Which is which is found by rendering the template with a unique sentinel in place of
each message's content and splitting the output on the sentinels. See ``_split`` for what
that can and cannot see."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2

from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.reasoning.chat_template import (
    MAX_TEMPLATE_CHARS,
    MAX_TEMPLATE_OUTPUT_CHARS,
    PromptError,
    compile_template,
    render_template,
)
from ponder.core.reasoning.families import FamilyProfile, reasoning_effort
from ponder.core.request import Message, ThinkingControl


@dataclass(frozen=True, slots=True)
class PromptSegment:
    """A piece of prompt text. ``trusted``: from the template (special tokens allowed)."""

    text: str
    trusted: bool


@dataclass(frozen=True, slots=True)
class PromptPlan:
    """The prompt of one turn, as trusted and untrusted pieces, and how generation starts.

    ``starts_in_thinking``: the prompt ends inside an open think block, so the model's first
    token is thinking. ``faithful``: the text equals the template rendered with the real message
    contents (False when the template treats contents in a way Ponder does not mirror; the plan
    is still safe, only a message's whitespace may differ). ``used_fallback_template``: the GGUF
    had no chat template and the family's fallback was used.
    """

    segments: tuple[PromptSegment, ...]
    starts_in_thinking: bool
    faithful: bool = True
    used_fallback_template: bool = False

    @property
    def text(self) -> str:
        return "".join(segment.text for segment in self.segments)


# ----- messages ---------------------------------------------------------------------------------


def strip_thinking(text: str, open_tag: str, close_tag: str) -> str:
    """An assistant message without its thinking: what goes back to the model.

    Removes whole ``<think>…</think>`` blocks, text before a lone closing tag (R1's prefilled
    style stores "thoughts</think>answer") and text after a lone opening tag (thinking that never
    ended). Whitespace that followed the thinking goes with it.
    """
    original = text
    text = re.sub(re.escape(open_tag) + ".*?" + re.escape(close_tag), "", text, flags=re.DOTALL)
    if close_tag in text:
        text = text.rsplit(close_tag, 1)[1]
    if open_tag in text:
        text = text.split(open_tag, 1)[0]
    return text.lstrip() if text != original else text


def _prepare(
    profile: FamilyProfile,
    messages: Sequence[Message],
    system_prompt: str | None,
    past_reasoning: bool = False,
) -> tuple[list[tuple[str, str]], dict[int, str]]:
    """(role, content) pairs as they go to the template: one system turn at most (first),
    folded into the first user turn where the family takes no system prompt; no thinking in
    the contents. With ``past_reasoning``, also the stored thinking of each earlier assistant
    turn, by its index in the pairs (``_split`` puts it before that turn's answer)."""
    systems = [system_prompt] if system_prompt else []
    systems += [m.content for m in messages if m.role == "system" and m.content]
    turns: list[tuple[str, str]] = []
    reasoning: dict[int, str] = {}
    for message in messages:
        if message.role == "system":
            continue
        content = message.content
        if message.role == "assistant" and profile.strip_history_thinking:
            content = strip_thinking(content, profile.think_open, profile.think_close)
        if past_reasoning and message.role == "assistant" and message.thinking.strip():
            reasoning[len(turns)] = message.thinking.strip("\n")
        turns.append((message.role, content))
    if not any(role == "user" for role, _ in turns):
        raise PromptError(
            QT_TRANSLATE_NOOP(
                "Prompt",
                "There is no user message to answer. Type a message first.",
            )
        )
    system = "\n\n".join(systems)
    if system and profile.system_prompt_supported:
        turns.insert(0, ("system", system))
        reasoning = {index + 1: text for index, text in reasoning.items()}
    elif system:
        first = next(i for i, (role, _) in enumerate(turns) if role == "user")
        turns[first] = ("user", f"{system}\n\n{turns[first][1]}")
    return turns, reasoning


def _past_thinking(profile: FamilyProfile, thinking: str) -> list[PromptSegment]:
    """An earlier turn's thinking as it goes back to the model: the family's tags (trusted,
    so they are the real control tokens) around the stored text (untrusted)."""
    return [
        PromptSegment(f"{profile.think_open}\n", True),
        PromptSegment(thinking, False),
        PromptSegment(f"\n{profile.end_of_thinking}", True),
    ]


# ----- trusted and untrusted text ---------------------------------------------------------------


def _variants(content: str) -> Iterator[str]:
    """What templates commonly make of a content (``trim``, ``strip``, ``lstrip('\\n')``…)."""
    seen: set[str] = set()
    for variant in (
        content,
        content.strip(),
        content.lstrip(),
        content.rstrip(),
        content.strip("\n"),
        content.lstrip("\n"),
        content.rstrip("\n"),
    ):
        if variant not in seen:
            seen.add(variant)
            yield variant


def _align(real: str, trusted: list[str], contents: list[str]) -> list[str] | None:
    """The contents as the template really printed them, or None if they cannot be matched.

    ``real`` must read trusted[0] + c1 + trusted[1] + … + cn + trusted[n] where each ci is a
    variant of contents[i]. Only the choice of variant comes from this match; the trusted text
    is always the sentinel render's, so a message can never move text into the trusted side.
    Depth-first with memoized dead ends: at most 7 variants × len(contents) states.
    """
    if not real.startswith(trusted[0]):
        return None
    if not contents:
        return [] if len(real) == len(trusted[0]) else None
    failed: set[tuple[int, int]] = set()
    chosen: list[str] = []
    stack: list[tuple[int, int, Iterator[str]]] = [(0, len(trusted[0]), _variants(contents[0]))]
    while stack:
        slot, pos, variants = stack[-1]
        for variant in variants:
            end = pos + len(variant)
            after = end + len(trusted[slot + 1])
            if not (real.startswith(variant, pos) and real.startswith(trusted[slot + 1], end)):
                continue
            if slot + 1 == len(contents):
                if after == len(real):
                    return [*chosen, variant]
                continue
            if (slot + 1, after) in failed:
                continue
            chosen.append(variant)
            stack.append((slot + 1, after, _variants(contents[slot + 1])))
            break
        else:
            stack.pop()
            failed.add((slot, pos))
            if slot:
                chosen.pop()
    return None


def _split(
    template: jinja2.Template,
    turns: list[tuple[str, str]],
    context: dict[str, Any],
    before: dict[int, list[PromptSegment]] | None = None,
) -> tuple[list[PromptSegment], bool]:
    """Renders ``turns`` and tells template text from message text.

    Each content is replaced by a sentinel that appears nowhere else; the rendered text is cut
    at the sentinels, so the trusted pieces are what the template printed for that *shape* of
    conversation and never contain user text. Limits of this method, all failing safe:
    * a template that branches on the content (``startswith('<tool_response>')``, ``length``)
      sees the sentinel, not the text: it renders the structure of an ordinary message;
    * a template that transforms the content (``trim``, ``lstrip('\\n')``) transforms the
      sentinel in vain: the real render is matched against common variants to recover it, and
      where that fails the plan keeps the content unchanged (``faithful`` is then False);
    * a template that mangles the sentinel itself (``upper``, ``replace``) is refused, and one
      that drops a message drops it from the plan as well.
    ``before``: segments to put right before a turn's content (by the turn's index), past the
    template: the earlier thinking that past reasoning sends back.
    """
    contents = [content for _, content in turns]
    nonce = secrets.token_hex(8)
    while any(nonce in text.lower() for text in [*contents, *map(str, context.values())]):
        nonce = secrets.token_hex(8)  # pragma: no cover - 2**-64 per text
    sentinel = re.compile(rf"⟦{nonce}:(\d+)⟧")
    masked = [{"role": role, "content": f"⟦{nonce}:{i}⟧"} for i, (role, _) in enumerate(turns)]
    rendered = render_template(template, {**context, "messages": masked}, MAX_TEMPLATE_OUTPUT_CHARS)
    pieces = sentinel.split(rendered)  # trusted, index, trusted, index, …, trusted
    trusted = pieces[0::2]
    slots = [int(index) for index in pieces[1::2]]
    if any(nonce in piece.lower() for piece in trusted):
        raise PromptError(
            QT_TRANSLATE_NOOP(
                "Prompt",
                "The model's chat template rewrites message text in a way Ponder cannot "
                "render safely. Try another copy of the model, or a newer conversion of "
                "it.",
            )
        )
    # The real render is the sentinel render with contents in place of sentinels (plus slack).
    limit = MAX_TEMPLATE_OUTPUT_CHARS + len(rendered) + 2 * sum(len(contents[i]) for i in slots)
    real_messages = [{"role": role, "content": content} for role, content in turns]
    real = render_template(template, {**context, "messages": real_messages}, limit)
    printed = _align(real, trusted, [contents[i] for i in slots])
    faithful = printed is not None
    if printed is None:
        printed = [contents[i] for i in slots]
    segments = [PromptSegment(trusted[0], True)]
    for slot, text, after in zip(slots, printed, trusted[1:], strict=True):
        segments += (before or {}).get(slot, [])
        segments += [PromptSegment(text, False), PromptSegment(after, True)]
    return segments, faithful


def _merge(segments: list[PromptSegment]) -> tuple[PromptSegment, ...]:
    merged: list[PromptSegment] = []
    for segment in segments:
        if not segment.text:
            continue
        if merged and merged[-1].trusted == segment.trusted:
            merged[-1] = PromptSegment(merged[-1].text + segment.text, segment.trusted)
        else:
            merged.append(segment)
    return tuple(merged)


# ----- thinking ---------------------------------------------------------------------------------


def _thinking_tail(
    profile: FamilyProfile, tail: str, thinking: ThinkingControl
) -> tuple[str, bool]:
    """Trusted text to append after the rendered prompt, and whether generation starts in
    thinking. ``tail`` is the end of the rendered prompt if it is template text, else ''."""
    body = tail.rstrip(" \n")
    open_at_end = body.endswith(profile.think_open)
    after_open = tail[len(body) :] if open_at_end else ""
    if not thinking.thinking_off:
        if profile.thinking_start == "model":
            return "", open_at_end
        # Prefilled families, and non-reasoners Ponder drives through thinking.
        return ("" if open_at_end else f"{profile.think_open}\n"), True
    if open_at_end:  # the template opened the block (2507 Thinking, new R1 templates): close it
        gap = "\n\n"[len(after_open) :] if "\n\n".startswith(after_open) else ""
        return f"{gap}{profile.end_of_thinking}", False
    if profile.thinking_off == "none" or tail.endswith(profile.empty_think_block):
        return "", False
    if body.endswith(profile.think_close):  # the template closed it (SmolLM3: one newline)
        return "", False
    return profile.empty_think_block, False


def build_prompt(
    profile: FamilyProfile,
    template: str | None,
    messages: Sequence[Message],
    thinking: ThinkingControl,
    *,
    bos_token: str,
    eos_token: str,
    system_prompt: str | None = None,
    thinking_prefix: str = "",
    past_reasoning: bool = False,
) -> PromptPlan:
    """The prompt for the next assistant turn of ``messages`` (which end with the user's).

    ``template`` is the GGUF's ``tokenizer.chat_template`` (None: the family's fallback).
    Earlier assistant turns go without their thinking, unless ``past_reasoning``: then each
    goes with its stored thinking in the family's think tags before its answer. Thinking on:
    prefilled families and non-reasoners get ``<think>\\n`` appended unless the template already
    ends with it. Thinking off (``budget == 0``): the family's off form (an empty think block,
    or the template flag).
    ``thinking_prefix`` continues a turn from thinking already written (a fork: the trace up to
    a point, edited or with a hint inserted); it is message text, never trusted, and generation
    starts inside the think block right after it.
    Raises PromptError (a message for the user) when the template fails or is refused.
    """
    if thinking_prefix and thinking.thinking_off:
        raise PromptError(
            QT_TRANSLATE_NOOP(
                "Prompt",
                "A fork continues the model's thinking, so thinking cannot be off for it. "
                "Choose a thinking budget other than Off.",
            )
        )
    used_fallback = not template
    source = template or profile.fallback_template
    compiled = compile_template(source)
    turns, reasoning = _prepare(profile, messages, system_prompt, past_reasoning)
    context: dict[str, Any] = {
        "add_generation_prompt": True,
        "bos_token": bos_token,
        "eos_token": eos_token,
    }
    if profile.thinking_off == "template_flag":
        context[profile.thinking_flag] = not thinking.thinking_off
    if profile.effort_variable is not None:
        context[profile.effort_variable] = reasoning_effort(thinking.budget)
    before = {index: _past_thinking(profile, text) for index, text in reasoning.items()}
    segments, faithful = _split(compiled, turns, context, before)
    merged = _merge(segments)
    tail = merged[-1].text if merged and merged[-1].trusted else ""
    extra, starts_in_thinking = _thinking_tail(profile, tail, thinking)
    if extra:
        merged = _merge([*merged, PromptSegment(extra, True)])
    if thinking_prefix:
        if not starts_in_thinking:  # families whose model opens the block itself
            merged = _merge([*merged, PromptSegment(f"{profile.think_open}\n", True)])
        merged = _merge([*merged, PromptSegment(thinking_prefix, False)])
        starts_in_thinking = True
    return PromptPlan(
        segments=merged,
        starts_in_thinking=starts_in_thinking,
        faithful=faithful,
        used_fallback_template=used_fallback,
    )


__all__ = [
    "MAX_TEMPLATE_CHARS",
    "PromptError",
    "PromptPlan",
    "PromptSegment",
    "build_prompt",
    "strip_thinking",
]
