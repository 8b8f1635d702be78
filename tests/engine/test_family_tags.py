"""A budget cut lands with each family's own end of thinking, on the real llama.cpp.

The tiny scripted model (zeroed layers, greedy) always writes "a". Generation starts inside the
think block (a fork's ``thinking_prefix``), so after the budget the engine must inject the
family's end of thinking — ``[/THINK]`` as one control token for Mistral, ``<|end|>`` and the
final channel's header for gpt-oss, ``</thought>`` as text for EXAONE Deep, the channel's end
``<channel|>`` for Gemma 4 — and the answer follows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from gguf_fixtures import byte_level_tokens, write_gguf
from ponder.core.events import AnswerEvent, InterventionEvent, LoadedEvent, ThinkingEvent
from ponder.core.reasoning import families
from ponder.core.request import GenerateRequest, LoadRequest, Message, Sampling, ThinkingControl
from ponder.engine.client import EngineClient

TEMPLATES = Path(__file__).resolve().parents[1] / "data" / "templates"
N_EMBD = 16
FAMILIES = {
    "gpt-oss": (
        "gpt_oss",
        "Gpt Oss 20b",
        ["<|start|>", "<|channel|>", "<|message|>", "<|end|>", "<|return|>", "<|call|>"],
        families.GPT_OSS,
    ),
    "mistral-reasoning": (
        "mistral_reasoning",
        "Magistral Small",
        ["</s>", "[INST]", "[/INST]", "[THINK]", "[/THINK]", "[SYSTEM_PROMPT]", "[/SYSTEM_PROMPT]"],
        families.MISTRAL_REASONING,
    ),
    "exaone-deep": (
        "exaone_deep",
        "EXAONE Deep 2.4B",
        ["[|endofturn|]", "[|system|]", "[|user|]", "[|assistant|]"],
        families.EXAONE_DEEP,
    ),
    "gemma4": (
        "gemma4",
        "Gemma 4 E2B It",
        ["<turn|>", "<|turn>", "<|think|>", "<|channel>", "<channel|>"],
        families.GEMMA4,
    ),
}


def _model(path: Path, family: str) -> tuple[Path, list[str]]:
    template, name, specials, _ = FAMILIES[family]
    tokens = ["<s>", *specials, *byte_level_tokens()]
    n_vocab = len(tokens)
    embd = np.zeros((n_vocab, N_EMBD), np.float32)
    embd[:, 0] = 1.0
    output = np.zeros((n_vocab, N_EMBD), np.float32)
    output[tokens.index("a"), 0] = 10.0
    zeros = lambda *shape: np.zeros(shape, np.float32)  # noqa: E731
    ones = lambda n: np.ones(n, np.float32)  # noqa: E731
    tensors = [
        ("token_embd.weight", embd),
        ("output_norm.weight", ones(N_EMBD)),
        ("output.weight", output),
        ("blk.0.attn_norm.weight", ones(N_EMBD)),
        ("blk.0.attn_q.weight", zeros(16, N_EMBD)),
        ("blk.0.attn_k.weight", zeros(8, N_EMBD)),
        ("blk.0.attn_v.weight", zeros(8, N_EMBD)),
        ("blk.0.attn_output.weight", zeros(N_EMBD, 16)),
        ("blk.0.ffn_norm.weight", ones(N_EMBD)),
        ("blk.0.ffn_gate.weight", zeros(32, N_EMBD)),
        ("blk.0.ffn_up.weight", zeros(32, N_EMBD)),
        ("blk.0.ffn_down.weight", zeros(N_EMBD, 32)),
    ]
    write_gguf(
        path,
        tensors=tensors,
        tokens=tokens,
        token_types=[3 if t in ("<s>", *specials) else 1 for t in tokens],
        template=(TEMPLATES / f"{template}.jinja").read_text(encoding="utf-8"),
        name=name,
        metadata={"tokenizer.ggml.eos_token_id": 1},
    )
    return path, tokens


@pytest.mark.parametrize("family", FAMILIES)
def test_budget_cut_injects_the_family_end_of_thinking(family: str, tmp_path: Path) -> None:
    model, _ = _model(tmp_path / f"{family}.gguf", family)
    profile = FAMILIES[family][3]
    with EngineClient() as client:
        loaded = list(client.load(LoadRequest(str(model), n_ctx=2048, n_threads=1)))
        assert isinstance(loaded[-1], LoadedEvent) and loaded[-1].family == family
        events = list(
            client.generate(
                GenerateRequest(
                    messages=(Message("user", "hi"),),
                    thinking=ThinkingControl(budget=5, stop_message=""),
                    sampling=Sampling(temperature=0.0, seed=1),
                    max_tokens=9,
                    thinking_prefix="a",
                )
            )
        )
    cut = [e for e in events if isinstance(e, InterventionEvent)]
    assert [(c.reason, c.text) for c in cut] == [("budget_spent", profile.end_of_thinking)]
    index = events.index(cut[0])
    assert "".join(e.text for e in events[:index] if isinstance(e, ThinkingEvent)) == "aaaaa"
    assert "".join(e.text for e in events[index:] if isinstance(e, AnswerEvent)) == "aaaa"
