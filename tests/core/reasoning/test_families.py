"""Family detection from GGUF metadata: real files, reproduced templates, and odd metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ponder.core.gguf.header import read_header
from ponder.core.reasoning import families
from ponder.core.reasoning.families import FamilyProfile, detect_family, find_single_token_id
from ponder.core.request import Sampling, ThinkingControl

TEMPLATES = Path(__file__).resolve().parents[2] / "data" / "templates"


def template(name: str) -> str:
    return (TEMPLATES / f"{name}.jinja").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def r1_metadata(r1_part_path: Path) -> dict[str, Any]:
    return read_header(r1_part_path).metadata


@pytest.fixture(scope="module")
def smollm2_metadata(smollm2_path: Path) -> dict[str, Any]:
    return read_header(smollm2_path).metadata


def test_real_r1_distill_qwen_file(r1_metadata: dict[str, Any]) -> None:
    profile = detect_family(r1_metadata)
    assert profile.id == "deepseek-r1-distill-qwen"
    assert profile.thinking_start == "prefilled"
    assert profile.thinking_off == "prefill_empty"
    assert not profile.system_prompt_supported
    assert profile.sampling.temperature == 0.6
    assert profile.sampling.top_p == 0.95


def test_real_r1_think_token_ids(r1_metadata: dict[str, Any]) -> None:
    tokens = r1_metadata["tokenizer.ggml.tokens"]
    types = r1_metadata["tokenizer.ggml.token_type"]
    assert find_single_token_id(tokens, "<think>", types) == 151648
    assert find_single_token_id(tokens, "</think>", types) == 151649
    assert find_single_token_id(tokens, "<｜Assistant｜>") == 151645
    assert find_single_token_id(tokens, "<think>\n") is None


def test_real_smollm2_is_generic(smollm2_metadata: dict[str, Any]) -> None:
    profile = detect_family(smollm2_metadata)
    assert profile is families.GENERIC
    assert not profile.is_reasoner
    assert profile.thinking_start == "none"
    # SmolLM2's vocabulary has no think token: the engine falls back to text tags.
    assert find_single_token_id(smollm2_metadata["tokenizer.ggml.tokens"], "<think>") is None
    assert find_single_token_id(smollm2_metadata["tokenizer.ggml.tokens"], "<|im_end|>") == 2


def test_r1_distill_llama_by_architecture(r1_metadata: dict[str, Any]) -> None:
    metadata = {
        "general.architecture": "llama",
        "general.name": "DeepSeek R1 Distill Llama 8B",
        "general.basename": "DeepSeek-R1-Distill-Llama",
        "tokenizer.chat_template": r1_metadata["tokenizer.chat_template"],
    }
    assert detect_family(metadata).id == "deepseek-r1-distill-llama"


def test_r1_by_template_alone(r1_metadata: dict[str, Any]) -> None:
    metadata = {"tokenizer.chat_template": r1_metadata["tokenizer.chat_template"]}
    assert detect_family(metadata).id == "deepseek-r1-distill-qwen"


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        (
            {
                "general.architecture": "qwen3",
                "general.name": "DeepSeek R1 0528 Qwen3 8B",
                "tokenizer.chat_template": "deepseek_r1_0528",
            },
            "deepseek-r1-0528-qwen3",
        ),
        (
            # Detected from architecture and template even when the name says nothing.
            {"general.architecture": "qwen3", "tokenizer.chat_template": "deepseek_r1_0528"},
            "deepseek-r1-0528-qwen3",
        ),
        (
            {
                "general.architecture": "qwen3",
                "general.name": "Qwen3 8B",
                "tokenizer.chat_template": "qwen3",
            },
            "qwen3-hybrid",
        ),
        (
            {
                "general.architecture": "qwen3moe",
                "general.name": "Qwen3 30B A3B",
                "tokenizer.chat_template": "qwen3",
            },
            "qwen3-hybrid",
        ),
        (
            {
                "general.architecture": "qwen3",
                "general.name": "Qwen3 4B Thinking 2507",
                "general.finetune": "Thinking-2507",
                "tokenizer.chat_template": "qwen3_thinking_2507",
            },
            "qwen3-thinking-2507",
        ),
        (
            # The template's prefilled <think> is enough.
            {"general.architecture": "qwen3", "tokenizer.chat_template": "qwen3_thinking_2507"},
            "qwen3-thinking-2507",
        ),
        (
            {
                "general.architecture": "phi3",
                "general.name": "Phi 4 Mini Reasoning",
                "tokenizer.chat_template": "phi4_mini_reasoning",
            },
            "phi4-mini-reasoning",
        ),
        (
            {"general.architecture": "phi3", "tokenizer.chat_template": "phi4_mini_reasoning"},
            "phi4-mini-reasoning",
        ),
        (
            {
                "general.architecture": "phi3",
                "general.name": "Phi 4 Mini Instruct",
                "tokenizer.chat_template": "<|user|>{{ messages[0]['content'] }}<|assistant|>",
            },
            "generic",
        ),
        (
            {
                "general.architecture": "qwen3",
                "general.name": "Qwen3 4B Instruct 2507",
                "tokenizer.chat_template": "{{ '<|im_start|>assistant\\n' }}",
            },
            "generic",
        ),
        (
            # EXAONE 3.5 shares EXAONE Deep's architecture and turns but does not think.
            {
                "general.architecture": "exaone",
                "general.name": "EXAONE 3.5 2.4B Instruct",
                "tokenizer.chat_template": "{{ '[|user|]' + messages[0]['content'] }}"
                "{{ '\\n[|assistant|]' }}",
            },
            "generic",
        ),
        ({"general.architecture": "exaone", "general.name": "EXAONE Deep 7.8B"}, "exaone-deep"),
        (
            # Gemma 3 has no thinking channel.
            {"general.architecture": "gemma3", "general.name": "Gemma 3 4b It"},
            "generic",
        ),
        ({"general.architecture": "gemma4", "general.name": "Gemma 4 31B It"}, "gemma4"),
        ({}, "generic"),
    ],
)
def test_detection(metadata: dict[str, Any], expected: str) -> None:
    source = metadata.get("tokenizer.chat_template")
    if source and (TEMPLATES / f"{source}.jinja").exists():
        metadata = {**metadata, "tokenizer.chat_template": template(source)}
    assert detect_family(metadata).id == expected


def test_unknown_model_with_think_tags_in_its_template_is_a_reasoner() -> None:
    metadata = {
        "general.architecture": "qwen2",
        "general.name": "QwQ 32B",
        "tokenizer.chat_template": "{{ '<|im_start|>assistant\\n<think>\\n' }}",
    }
    profile = detect_family(metadata)
    assert profile.id == "generic"
    assert profile.is_reasoner


def test_recommended_sampling() -> None:
    assert families.QWEN3_HYBRID.sampling == Sampling(
        temperature=0.6, top_p=0.95, top_k=20, min_p=0.0
    )
    assert families.QWEN3_THINKING_2507.sampling == families.QWEN3_HYBRID.sampling
    no_think = families.QWEN3_HYBRID.sampling_for(ThinkingControl(budget=0))
    assert (no_think.temperature, no_think.top_p) == (0.7, 0.8)
    assert families.R1_DISTILL_QWEN.sampling_for(ThinkingControl(budget=0)) == (
        families.R1_DISTILL_QWEN.sampling
    )
    for profile in (families.R1_DISTILL_QWEN, families.R1_DISTILL_LLAMA, families.R1_0528_QWEN3):
        assert (profile.sampling.temperature, profile.sampling.top_p) == (0.6, 0.95)
    # The cards, checked (sources in families.py): SmolLM3 0.6 / 0.95, Magistral 0.7 / 0.95,
    # EXAONE Deep 0.6 / 0.95 with no repetition penalty, Gemma 4 1.0 / 0.95 / top-k 64.
    assert (families.SMOLLM3.sampling.temperature, families.SMOLLM3.sampling.top_p) == (0.6, 0.95)
    magistral = families.MISTRAL_REASONING.sampling
    assert (magistral.temperature, magistral.top_p) == (0.7, 0.95)
    assert families.EXAONE_DEEP.sampling == Sampling(
        temperature=0.6, top_p=0.95, repeat_penalty=1.0
    )
    gemma = families.GEMMA4.sampling
    assert (gemma.temperature, gemma.top_p, gemma.top_k) == (1.0, 0.95, 64)


def test_every_profile_is_consistent() -> None:
    ids = [profile.id for profile in families.PROFILES]
    assert len(ids) == len(set(ids))
    for profile in families.PROFILES:
        assert profile.strip_history_thinking
        # The empty block opens and closes thinking with the family's own markers.
        assert profile.empty_think_block.startswith(profile.think_open)
        assert profile.empty_think_block.endswith(profile.end_of_thinking)
        assert profile.end_of_thinking.rstrip("\n").endswith(profile.think_close)
        assert profile.is_reasoner == (profile.thinking_start != "none")
        assert profile.default_budget is None or profile.default_budget > 0
        assert (profile.thinking_off == "none") == (not profile.is_reasoner)


def test_find_single_token_id_prefers_special_entries() -> None:
    tokens = ["a", "<think>", "b", "<think>"]
    assert find_single_token_id(tokens, "<think>") == 1
    assert find_single_token_id(tokens, "<think>", [1, 1, 1, 4]) == 3
    assert find_single_token_id(tokens, "<think>", [1]) == 1  # short type list: no crash
    assert find_single_token_id([b"<think>"], "<think>") == 0
    assert find_single_token_id(tokens, "") is None


metadata_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(),
    st.binary(max_size=50),
    st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=5),
    st.sampled_from(["qwen3", "llama", "phi3", "<｜Assistant｜></think>", "enable_thinking"]),
)
metadata_keys = st.sampled_from(
    [
        "general.architecture",
        "general.name",
        "general.basename",
        "general.finetune",
        "tokenizer.chat_template",
        "tokenizer.ggml.tokens",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(metadata_keys, metadata_values))
def test_detection_never_fails_on_odd_metadata(metadata: dict[str, Any]) -> None:
    assert isinstance(detect_family(metadata), FamilyProfile)


def test_detection_survives_a_mapping_that_raises() -> None:
    class Hostile(dict[str, Any]):
        def get(self, key: str, default: Any = None) -> Any:
            raise RuntimeError("boom")

    assert detect_family(Hostile()) is families.GENERIC
