"""The bounded sandbox: hostile templates end quickly with one message; real ones still render."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gguf_corpus import COSTLY_TEMPLATES
from ponder.core.reasoning import families
from ponder.core.reasoning.chat_template import TOO_MUCH_WORK, PromptError
from ponder.core.reasoning.prompt import build_prompt
from ponder.core.reasoning.template_sandbox import RenderBudget, printed_size
from ponder.core.request import Message, ThinkingControl

TEMPLATES = Path(__file__).resolve().parents[2] / "data" / "templates"


def render(source: str, messages: list[Message]) -> str:
    plan = build_prompt(
        families.GENERIC, source, messages, ThinkingControl(), bos_token="<s>", eos_token="</s>"
    )
    return plan.text


@pytest.mark.parametrize("source", COSTLY_TEMPLATES.values(), ids=COSTLY_TEMPLATES.keys())
def test_a_template_that_tries_too_much_work_is_stopped(source: str) -> None:
    started = time.monotonic()
    with pytest.raises(PromptError) as caught:
        render(source, [Message("user", "Hi")])
    assert str(caught.value) == TOO_MUCH_WORK
    # A generous bound: without the ceilings each of these runs for minutes or exhausts memory.
    assert time.monotonic() - started < 15


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.jinja")), ids=lambda p: p.stem)
def test_real_templates_render_a_long_conversation(path: Path) -> None:
    """No false alarm: 400 turns, and one message of 600,000 characters (a pasted book)."""
    source = path.read_text(encoding="utf-8")
    # 400 turns, ending with the assistant's: strict templates (Mistral) refuse two user turns.
    turns = [
        Message("user" if i % 2 == 0 else "assistant", f"message {i} " + "words " * 300)
        for i in range(400)
    ]
    book = "a line of a long pasted document\n" * 18_000
    text = render(source, [*turns, Message("user", book)])
    assert book.strip() in text


def test_a_long_message_passes_through_a_template_that_copies_it() -> None:
    """The ceilings grow with the conversation: ``+``, ``~``, ``replace`` on a 600 KB message."""
    source = (
        "{% for m in messages %}{{ '<|' + m['role'] + '|>' ~ m['content'] | replace('\\r', '') "
        "| trim + '\\n' }}{% endfor %}"
    )
    book = "x" * 600_000
    assert book in render(source, [Message("user", book)])


def test_printed_size_counts_every_reference() -> None:
    budget = RenderBudget.for_output(10_000_000)
    big = "x" * 1000
    assert printed_size([big] * 100, budget) >= 100 * 1000
    assert printed_size({"a": [big, big]}, budget) >= 2000


def test_printed_size_stops_past_the_ceiling() -> None:
    budget = RenderBudget.for_output(1000)
    many = [["x" * 10] * 1000] * 1000  # a million references
    assert printed_size(many, budget) > 1000
    assert budget.steps < 3000
