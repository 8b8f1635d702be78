"""The request fields each server kind gets for each control (``engine.remote.bodies``)."""

from __future__ import annotations

import json

from ponder.core.request import GenerateRequest, Message, Sampling, ThinkingControl
from ponder.engine.remote.bodies import Dialect, Leg, body

LLAMA = Dialect("llama-server", "smollm2", split=True, prefill=False)
REQUEST = GenerateRequest(
    (Message("user", "Why?"),), ThinkingControl(budget=64), Sampling(temperature=0.0, top_k=1)
)


def test_llama_server_gets_the_budget_its_alias_the_message_and_reasoning_control() -> None:
    sent = body(LLAMA, REQUEST, Leg(), max_tokens=100)
    assert sent["reasoning_budget_tokens"] == sent["thinking_budget_tokens"] == 64
    assert sent["reasoning_budget_message"] == REQUEST.thinking.stop_message
    assert sent["reasoning_control"] is True
    assert (sent["max_tokens"], sent["temperature"], sent["top_k"]) == (100, 0.0, 1)
    assert sent["stream_options"] == {"include_usage": True}


def test_thinking_off_is_a_real_boolean_and_reasoning_effort_none() -> None:
    off = GenerateRequest((Message("user", "Why?"),), ThinkingControl(budget=0))
    sent = body(LLAMA, off, Leg(), max_tokens=None)
    assert '"enable_thinking": false' in json.dumps(sent)
    assert sent["reasoning_effort"] == "none"
    assert "reasoning_budget_tokens" not in sent
    ollama = body(Dialect("ollama", "qwen3", True, False), off, Leg(), max_tokens=5)
    assert ollama["think"] is False and ollama["options"]["num_predict"] == 5


def test_continuing_on_llama_server_hands_back_the_reasoning() -> None:
    wait = body(LLAMA, REQUEST, Leg("so far Wait", thinking_open=True, first=False), max_tokens=9)
    assert wait["messages"][-1] == {
        "role": "assistant",
        "content": "",
        "reasoning_content": "so far Wait",
    }
    assert wait["continue_final_message"] == "reasoning_content"
    assert wait["add_generation_prompt"] is False
    assert "reasoning_budget_tokens" not in wait  # the budget was the first leg's to keep
    answer = body(LLAMA, REQUEST, Leg("so far", thinking_open=False, first=False), max_tokens=9)
    assert answer["continue_final_message"] == "content"


def test_without_split_reasoning_the_trace_is_prefilled_as_text() -> None:
    tags = Dialect("llama-server", "smollm2", split=False, prefill=True, tags=("<t>", "</t>"))
    first = body(tags, REQUEST, Leg(), max_tokens=None)
    assert first["messages"][-1] == {"role": "assistant", "content": "<t>"}
    assert first["continue_final_message"] is True and first["add_generation_prompt"] is False
    closed = body(tags, REQUEST, Leg("abc", thinking_open=False, first=False), max_tokens=None)
    assert closed["messages"][-1]["content"] == "<t>abc</t>\n\n"
    vllm = body(Dialect("vllm", "q", True, False), REQUEST, Leg(), max_tokens=None)
    assert vllm["thinking_token_budget"] == 64 and "reasoning_control" not in vllm


def test_the_system_prompt_goes_first_and_earlier_thinking_is_not_sent() -> None:
    request = GenerateRequest(
        (Message("user", "a"), Message("assistant", "b", thinking="secret"), Message("user", "c")),
        system_prompt="Be brief.",
    )
    sent = body(LLAMA, request, Leg(), max_tokens=None)
    assert sent["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "a"},
        {"role": "assistant", "content": "b"},
        {"role": "user", "content": "c"},
    ]


def test_past_reasoning_goes_back_in_each_servers_own_way() -> None:
    history = (
        Message("user", "Hi"),
        Message("assistant", "Hello!", thinking="They greet me."),
        Message("user", "Why?"),
    )
    kept = GenerateRequest(history, past_reasoning=True)
    dropped = GenerateRequest(history)
    assert body(LLAMA, dropped, Leg(), max_tokens=None)["messages"][1] == {
        "role": "assistant",
        "content": "Hello!",
    }
    assert body(LLAMA, kept, Leg(), max_tokens=None)["messages"][1] == {
        "role": "assistant",
        "content": "Hello!",
        "reasoning_content": "They greet me.",
    }
    ollama = body(Dialect("ollama", "qwen3", True, False), kept, Leg(), max_tokens=None)
    assert ollama["messages"][1]["thinking"] == "They greet me."
    tags = Dialect("llama-server", "smollm2", split=False, prefill=True, tags=("<t>", "</t>"))
    inline = body(tags, kept, Leg(), max_tokens=None)["messages"][1]
    assert inline == {"role": "assistant", "content": "<t>\nThey greet me.\n</t>\n\nHello!"}
