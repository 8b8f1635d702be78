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


# ----- hybrid architectures: only attention layers keep a KV cache ----------------------------
# Layer counts and which layers have attention follow each family's published config; head
# widths are illustrative. The point of each test is the layer count the cache formula uses,
# against the naive all-layers figure.


def _hybrid(tmp_path: Path, arch: str, n_layers: int, metadata: dict) -> object:
    path = write_gguf(
        tmp_path / f"{arch}.gguf",
        arch=arch,
        tensors=(),
        n_layers=n_layers,
        metadata={f"{arch}.embedding_length": 2048, f"{arch}.attention.head_count": 16, **metadata},
    )
    return describe(read_header(path))


def test_lfm2_counts_only_its_attention_layers(tmp_path: Path) -> None:
    # LFM2/LFM2.5-1.2B: 16 layers, 6 of them attention; the converter writes head_count_kv per
    # layer with 0 for the short-convolution layers (llama.cpp reads recurrence from that 0).
    kv = [0, 0, 8, 0, 0, 8, 0, 0, 8, 0, 8, 0, 8, 0, 8, 0]
    info = _hybrid(tmp_path, "lfm2", 16, {"lfm2.attention.head_count_kv": kv})
    assert info.attention_layers == 6 and info.block_count == 16
    assert info.kv_cache_bytes_per_token() == 6 * 8 * (128 + 128) * 2
    assert info.kv_cache_bytes_per_token() < 16 * 8 * (128 + 128) * 2


def test_nemotron_h_counts_only_its_attention_layers(tmp_path: Path) -> None:
    # Nemotron Nano 9B v2: 56 layers (Mamba-2, MLP and 4 attention), kv heads 0 except attention.
    kv = [8 if i in (13, 20, 29, 38) else 0 for i in range(56)]
    info = _hybrid(
        tmp_path,
        "nemotron_h",
        56,
        {"nemotron_h.attention.head_count_kv": kv, "nemotron_h.attention.key_length": 128},
    )
    assert info.attention_layers == 4
    assert info.kv_cache_bytes_per_token() == 4 * 8 * (128 + 128) * 2


def test_qwen35_every_fourth_layer_has_attention(tmp_path: Path) -> None:
    # Qwen3.5 writes one kv-head count for all layers; llama.cpp makes every
    # full_attention_interval-th layer (default 4) attention, the rest gated delta-net.
    meta = {"qwen35.attention.head_count_kv": 4, "qwen35.attention.key_length": 256}
    default = _hybrid(tmp_path, "qwen35", 32, meta)
    assert default.attention_layers == 8
    assert default.kv_heads_per_layer[:4] == (0, 0, 0, 4)
    assert default.kv_cache_bytes_per_token() == 8 * 4 * (256 + 128) * 2
    stated = _hybrid(tmp_path, "qwen35", 32, {**meta, "qwen35.full_attention_interval": 2})
    assert stated.attention_layers == 16


def test_recurrent_layer_flags_win_over_the_interval(tmp_path: Path) -> None:
    flags = [True, False, True, False]
    info = _hybrid(
        tmp_path,
        "qwen35",
        4,
        {
            "qwen35.attention.head_count_kv": 2,
            "qwen35.attention.recurrent_layers": Typed(
                flags, gguf.GGUFValueType.ARRAY, gguf.GGUFValueType.BOOL
            ),
        },
    )
    assert info.kv_heads_per_layer == (0, 2, 0, 2)


def test_a_plain_transformer_counts_every_layer(tmp_path: Path) -> None:
    info = _hybrid(tmp_path, "llama", 4, {"llama.attention.head_count_kv": 2})
    assert info.attention_layers == 4
    assert info.kv_cache_bytes_per_token() == 4 * 2 * (128 + 128) * 2


# ----- the reasoning families added for #11: the KV cache each one's header gives ----------------


def test_exaone_deep_80_wide_heads(tmp_path: Path) -> None:
    # EXAONE Deep 2.4B: 2560 wide with 32 query heads, so each K and V head is 80 wide (a
    # llama.cpp user's q8_0-cache refusal names "its 80-wide K head"); 8 KV heads per layer.
    path = write_gguf(
        tmp_path / "exaone.gguf",
        arch="exaone",
        tensors=(),
        n_layers=30,
        metadata={
            "exaone.embedding_length": 2560,
            "exaone.attention.head_count": 32,
            "exaone.attention.head_count_kv": 8,
        },
    )
    info = describe(read_header(path))
    assert (info.key_length, info.value_length) == (80, 80)
    assert info.kv_cache_bytes_per_token() == 30 * 8 * (80 + 80) * 2


def test_gemma4_reads_its_stated_head_width(tmp_path: Path) -> None:
    # Gemma 4 states its head width (key_length) apart from embedding / heads; the estimate
    # counts every layer at the full context, as llama.cpp's library default (swa_full) caches
    # its sliding-window layers too.
    path = write_gguf(
        tmp_path / "gemma4.gguf",
        arch="gemma4",
        tensors=(),
        n_layers=35,
        metadata={
            "gemma4.embedding_length": 1536,
            "gemma4.attention.head_count": 8,
            "gemma4.attention.head_count_kv": 1,
            "gemma4.attention.key_length": 256,
            "gemma4.attention.value_length": 256,
        },
    )
    info = describe(read_header(path))
    assert info.kv_cache_bytes_per_token() == 35 * 1 * (256 + 256) * 2
