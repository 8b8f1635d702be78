"""describe(): what `ponder inspect`, the catalog and the fit code know about a model file."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np
import pytest

from gguf_fixtures import Typed, write_gguf
from ponder.core.gguf.header import read_header
from ponder.core.gguf.model_info import describe, kv_cache_bytes_per_token, summarize_template


def test_smollm2(smollm2_path: Path) -> None:
    info = describe(read_header(smollm2_path))
    assert info.architecture == "llama"
    assert info.block_count == 30
    assert info.context_length == 8192
    assert info.vocab_size == 49152
    assert info.quantization == "Q4_1"
    assert info.parameter_count == pytest.approx(135e6, rel=0.01)
    assert (info.embedding_length, info.head_count, info.head_count_kv) == (576, 9, 3)
    assert (info.bos_token_id, info.eos_token_id) == (1, 2)
    assert info.size_label == "135M"
    assert info.file_size == smollm2_path.stat().st_size
    assert info.template_summary.startswith("ChatML template")
    # 30 layers x 3 KV heads x (64 + 64) x 2 bytes (F16 cache)
    assert info.kv_cache_bytes_per_token() == 30 * 3 * 128 * 2 == 23040
    assert kv_cache_bytes_per_token(info, 1.0) == 11520


def test_r1_vocab_copy(r1_vocab_gguf: Path) -> None:
    info = describe(read_header(r1_vocab_gguf))
    assert info.architecture == "qwen2"
    assert info.parameter_count is None  # no tensors, nothing to count
    assert info.quantization == "Q4_K_M"  # general.file_type 15
    assert info.vocab_size == 152064
    assert info.context_length == 131072
    assert (info.bos_token_id, info.eos_token_id) == (151646, 151643)
    assert info.chat_template is not None and "<｜Assistant｜>" in info.chat_template
    assert info.template_summary.startswith("DeepSeek template")
    assert "think tags" in info.template_summary
    assert info.kv_cache_bytes_per_token() == 28 * 4 * 256 * 2


def test_truncated_r1_counts_parameters_from_the_header(r1_part_path: Path) -> None:
    """Parameter count needs only the tensor infos, which the truncated download still has."""
    info = describe(read_header(r1_part_path))
    assert info.parameter_count == pytest.approx(7.6e9, rel=0.01)


def test_quantization_falls_back_to_the_dominant_tensor_type(tmp_path: Path) -> None:
    big = np.zeros((64, 16), dtype=np.float16)
    small = np.zeros(16, dtype=np.float32)
    path = write_gguf(
        tmp_path / "f16.gguf",
        metadata={"general.file_type": None},
        tensors=[("token_embd.weight", big), ("output_norm.weight", small)],
    )
    info = describe(read_header(path))
    assert info.quantization == "F16"
    assert info.parameter_count == 64 * 16 + 16


def test_unknown_file_type_also_falls_back(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "odd.gguf", metadata={"general.file_type": 999})
    assert describe(read_header(path)).quantization == "F32"


def test_per_layer_kv_heads_and_explicit_head_widths(tmp_path: Path) -> None:
    path = write_gguf(
        tmp_path / "layers.gguf",
        n_layers=3,
        metadata={
            "llama.attention.head_count_kv": [2, 0, 1],
            "llama.attention.key_length": 12,
            "llama.attention.value_length": 4,
        },
    )
    info = describe(read_header(path))
    assert info.kv_heads_per_layer == (2, 0, 1)
    assert info.head_count_kv == 2
    assert info.kv_cache_bytes_per_token() == (2 + 0 + 1) * (12 + 4) * 2


def test_missing_shapes_give_none_not_a_guess(tmp_path: Path) -> None:
    path = write_gguf(
        tmp_path / "bare.gguf",
        metadata={"llama.attention.head_count": None, "llama.attention.head_count_kv": None},
    )
    info = describe(read_header(path))
    assert info.head_count is None
    assert info.kv_cache_bytes_per_token() is None


def test_names_come_from_general_keys(tmp_path: Path) -> None:
    path = write_gguf(
        tmp_path / "named.gguf",
        name="Tiny Reasoner",
        metadata={
            "general.basename": "tiny",
            "general.size_label": "1M",
            "general.file_type": Typed(15, gguf.GGUFValueType.UINT32),
        },
    )
    info = describe(read_header(path))
    assert (info.name, info.basename, info.size_label) == ("Tiny Reasoner", "tiny", "1M")
    assert info.quantization == "Q4_K_M"


def test_template_summary() -> None:
    assert summarize_template(None) == "no chat template in the file"
    summary = summarize_template(
        "{% if message['role'] == 'system' %}<|start_header_id|>{% endif %}{{ tools }}"
    )
    assert summary.startswith("Llama 3 template, ")
    assert summary.endswith("mentions system prompt, tools")
    assert summarize_template("{{ x }}") == "custom template, 7 characters"
