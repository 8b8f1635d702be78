"""Fitting a long conversation into the context: the oldest turns go, never the system prompt
or the new message (#13 item 1). Measured with a word count standing in for a tokenizer; the
engine's test runs the same on SmolLM2's real tokenizer."""

from __future__ import annotations

import pytest

from ponder.core.reasoning.context_fit import MessageTooLong, fit_to_context, left_out_text
from ponder.core.request import Message


def _words(messages: tuple[Message, ...]) -> tuple[Message, ...]:
    return messages


def _length(messages: tuple[Message, ...]) -> int:
    return sum(len(m.content.split()) for m in messages)


def _conversation(turns: int, words: int) -> list[Message]:
    messages = [Message("system", "be brief")]
    for i in range(turns):
        messages += [Message("user", f"q{i} " * words), Message("assistant", f"a{i} " * words)]
    return messages


def test_a_conversation_that_fits_is_built_once_and_kept_whole() -> None:
    built: list[int] = []

    def build(kept: tuple[Message, ...]) -> tuple[Message, ...]:
        built.append(len(kept))
        return kept

    messages = [*_conversation(3, 5), Message("user", "hi")]
    fitted = fit_to_context(messages, build, _length, n_ctx=100, reserve=10)
    assert fitted.left_out_turns == 0 and fitted.messages == tuple(messages)
    assert built == [len(messages)]


def test_the_fewest_oldest_turns_are_left_out() -> None:
    messages = [*_conversation(6, 10), Message("user", "hi")]  # 2 + 120 + 1 words
    fitted = fit_to_context(messages, _words, _length, n_ctx=80, reserve=20)
    # 60 words fit: system (2) + new (1) + 2 whole turns (40); 3 turns would be 63.
    assert fitted.left_out_turns == 4
    assert fitted.messages[0] == Message("system", "be brief")
    assert fitted.messages[-1] == Message("user", "hi")
    assert fitted.messages[1].content.startswith("q4")
    assert _length(fitted.prompt) <= 60
    assert left_out_text(fitted.left_out_turns) == (
        "4 earlier turns were left out to fit the model's context."
    )
    assert left_out_text(1).startswith("1 earlier turn was") and left_out_text(0) == ""


def test_a_new_message_too_long_on_its_own_is_a_clear_error() -> None:
    messages = [*_conversation(2, 3), Message("user", "word " * 200)]
    with pytest.raises(MessageTooLong) as caught:
        fit_to_context(messages, _words, _length, n_ctx=128, reserve=16)
    assert caught.value.tokens == 202
    assert "Your message is 202 tokens long" in str(caught.value)
    assert "Shorten the message" in str(caught.value)


def test_a_length_that_is_only_an_estimate_gives_the_shortest_prompt_instead_of_refusing() -> None:
    messages = [*_conversation(3, 5), Message("user", "word " * 500)]
    fitted = fit_to_context(messages, _words, _length, 200, 20, refuse=False)
    assert fitted.left_out_turns == 3
    assert fitted.messages == (messages[0], messages[-1])


def test_a_system_prompt_too_long_is_named_as_the_part_to_shorten() -> None:
    """A short message after a long system prompt was refused as "Your message is N tokens
    long", which sent the person to shorten the wrong text."""
    messages = [Message("system", "rule " * 300), Message("user", "hi")]
    with pytest.raises(MessageTooLong) as caught:
        fit_to_context(messages, _words, _length, n_ctx=128, reserve=16)
    text = str(caught.value)
    assert caught.value.system_tokens == 300
    assert "301 tokens (300 of them the system prompt)" in text
    assert "Shorten the system prompt" in text and "Your message" not in text
    # Words that hold wherever they are read: no window control, no command-line option.
    assert "Settings" not in text and "Edit" not in text and "--" not in text
