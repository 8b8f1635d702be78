"""Which reasoning controls each kind of server honours, emulates or cannot do.

* ``honoured``: the server has a parameter or endpoint for it, and Ponder uses it (and still
  verifies after the reply that it took effect, see ``engine.remote``);
* ``emulated``: the server has none, and Ponder gets the same effect from outside (it counts
  the streamed reasoning and ends it by stopping the stream and continuing the reply with the
  thinking closed);
* ``unavailable``: neither is possible on that server; Ponder says so instead of faking it.

The table is data, shown by ``ponder servers check`` and the Servers panel, and read by the
remote engine to pick how to drive each control.
"""

from __future__ import annotations

from typing import Literal

Support = Literal["honoured", "emulated", "unavailable"]
ServerKind = Literal["llama-server", "ollama", "vllm", "lmstudio", "openai-compatible"]

CONTROL_NAMES: dict[str, str] = {
    "budget": "maximum thinking budget",
    "answer_now": "answer now (end thinking mid-stream)",
    "min_thinking": "minimum thinking (Wait)",
    "thinking_off": "thinking off",
    "effort": "effort levels (low/medium/high)",
    "token_count": "exact reasoning token counts",
}

# Notes, per kind, on how each control is driven; Ponder's engine follows the same table.
CONTROL_MAP: dict[ServerKind, dict[str, Support]] = {
    # reasoning_budget_tokens (+ thinking_budget_tokens) and reasoning_budget_message;
    # reasoning_control + POST /v1/chat/completions/control; continue_final_message
    # "reasoning_content"; chat_template_kwargs.enable_thinking; /tokenize.
    "llama-server": {
        "budget": "honoured",
        "answer_now": "honoured",
        "min_thinking": "honoured",
        "thinking_off": "honoured",
        "effort": "honoured",
        "token_count": "honoured",
    },
    # thinking_token_budget; continue_final_message continues the answer, not the reasoning.
    "vllm": {
        "budget": "honoured",
        "answer_now": "emulated",
        "min_thinking": "unavailable",
        "thinking_off": "honoured",
        "effort": "honoured",
        "token_count": "unavailable",
    },
    # Native /api/chat: think true/false (or "low"/"medium"/"high" for gpt-oss); a final
    # assistant message is continued, so a closed trace can be handed back for the answer.
    "ollama": {
        "budget": "emulated",
        "answer_now": "emulated",
        "min_thinking": "unavailable",
        "thinking_off": "honoured",
        "effort": "honoured",
        "token_count": "unavailable",
    },
    # OpenAI chat completions only: no budget field, no way to continue a message.
    "lmstudio": {
        "budget": "emulated",
        "answer_now": "unavailable",
        "min_thinking": "unavailable",
        "thinking_off": "unavailable",
        "effort": "honoured",
        "token_count": "unavailable",
    },
    "openai-compatible": {
        "budget": "emulated",
        "answer_now": "unavailable",
        "min_thinking": "unavailable",
        "thinking_off": "unavailable",
        "effort": "honoured",
        "token_count": "unavailable",
    },
}


def can_continue_assistant(kind: ServerKind) -> bool:
    """Whether the server continues a final assistant message (Ponder's way to close the
    thinking from outside and have the model answer)."""
    return kind in {"llama-server", "vllm", "ollama"}
