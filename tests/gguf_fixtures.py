"""GGUF files for tests: tiny synthetic models, and the real R1 tokenizer as a vocab-only file.

Loaded as a pytest plugin by tests/conftest.py. ``write_gguf`` writes small, valid GGUFs with
the ``gguf`` package's own writer (a test-only dependency), so tests exercise Ponder's reader
against files made by the tool the ecosystem uses. ``r1_vocab_gguf`` re-emits the header of
the truncated DeepSeek-R1-Distill-Qwen-7B download with zero tensors: the real tokenizer and
chat template in a small file llama.cpp loads with ``vocab_only=True``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gguf
import numpy as np
import pytest

from ponder.core.gguf.header import GGUFHeader, read_header

R1_THINK_OPEN_ID = 151648
R1_THINK_CLOSE_ID = 151649

CHATML_TEMPLATE = (
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + "
    "message['content'] + '<|im_end|>\\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
SPECIAL_TOKENS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>")
_TOKEN_NORMAL, _TOKEN_CONTROL = 1, 3


@dataclass(frozen=True)
class Typed:
    """A metadata value with an explicit GGUF type (and element type, for arrays)."""

    value: Any
    vtype: gguf.GGUFValueType
    sub_type: gguf.GGUFValueType | None = None


def byte_level_tokens() -> list[str]:
    """GPT-2's 256 byte tokens (each byte mapped to a printable character), as BPE vocabs hold."""
    printable = [*range(ord("!"), ord("~") + 1), *range(0xA1, 0xAC + 1), *range(0xAE, 0xFF + 1)]
    extra = iter(range(256, 512))
    return [chr(b) if b in printable else chr(next(extra)) for b in range(256)]


def default_tokens() -> list[str]:
    """A tiny BPE vocabulary: the special tokens, the 256 bytes and two merged tokens."""
    return [*SPECIAL_TOKENS, *byte_level_tokens(), "Ġt", "he"]


def _infer(value: Any) -> Typed:
    vt = gguf.GGUFValueType
    if isinstance(value, Typed):
        return value
    if isinstance(value, bool):
        return Typed(value, vt.BOOL)
    if isinstance(value, int):
        return Typed(value, vt.UINT32 if 0 <= value < 1 << 32 else vt.INT64)
    if isinstance(value, float):
        return Typed(value, vt.FLOAT32)
    if isinstance(value, str | bytes):
        return Typed(value, vt.STRING)
    if isinstance(value, list) and value:
        first = _infer(value[0])
        sub = vt.INT32 if first.vtype in (vt.UINT32, vt.INT64) else first.vtype
        return Typed(value, vt.ARRAY, sub)
    raise TypeError(f"cannot infer a GGUF type for {value!r}; wrap it in Typed")


def _model_tensors(arch: str, n_vocab: int, n_layers: int) -> list[tuple[str, np.ndarray]]:
    """Every tensor llama.cpp wants for a tiny llama-like model (numpy shapes: rows, columns)."""
    rng = np.random.default_rng(0)
    n_embd, n_head, n_kv, head_dim, n_ff = 16, 2, 1, 8, 32

    def w(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.02).astype(np.float32)

    tensors = [("token_embd.weight", w(n_vocab, n_embd)), ("output_norm.weight", w(n_embd) + 1)]
    for i in range(n_layers):
        b = f"blk.{i}"
        tensors += [
            (f"{b}.attn_norm.weight", w(n_embd) + 1),
            (f"{b}.attn_q.weight", w(n_head * head_dim, n_embd)),
            (f"{b}.attn_k.weight", w(n_kv * head_dim, n_embd)),
            (f"{b}.attn_v.weight", w(n_kv * head_dim, n_embd)),
            (f"{b}.attn_output.weight", w(n_embd, n_head * head_dim)),
            (f"{b}.ffn_norm.weight", w(n_embd) + 1),
            (f"{b}.ffn_gate.weight", w(n_ff, n_embd)),
            (f"{b}.ffn_up.weight", w(n_ff, n_embd)),
            (f"{b}.ffn_down.weight", w(n_embd, n_ff)),
        ]
        if arch == "qwen2":
            tensors += [
                (f"{b}.attn_q.bias", w(n_head * head_dim)),
                (f"{b}.attn_k.bias", w(n_kv * head_dim)),
                (f"{b}.attn_v.bias", w(n_kv * head_dim)),
            ]
        if arch == "qwen3":
            tensors += [
                (f"{b}.attn_q_norm.weight", w(head_dim) + 1),
                (f"{b}.attn_k_norm.weight", w(head_dim) + 1),
            ]
    return tensors


def _model_metadata(arch: str, n_layers: int) -> dict[str, Any]:
    return {
        f"{arch}.context_length": 256,
        f"{arch}.embedding_length": 16,
        f"{arch}.block_count": n_layers,
        f"{arch}.feed_forward_length": 32,
        f"{arch}.attention.head_count": 2,
        f"{arch}.attention.head_count_kv": 1,
        f"{arch}.rope.dimension_count": 8,
        f"{arch}.rope.freq_base": 10000.0,
        f"{arch}.attention.layer_norm_rms_epsilon": 1e-6,
        "general.file_type": 0,  # ALL_F32
    }


def write_gguf(
    path: Path,
    *,
    arch: str = "llama",
    metadata: dict[str, Any] | None = None,
    tensors: Sequence[tuple[str, np.ndarray]] | None = None,
    tokens: Sequence[str] | None = None,
    token_types: Sequence[int] | None = None,
    merges: Sequence[str] = ("Ġ t", "h e"),
    template: str | None = CHATML_TEMPLATE,
    n_layers: int = 1,
    name: str = "Tiny Test Model",
) -> Path:
    """Write a small valid GGUF with GGUFWriter and return ``path``.

    ``tensors=None`` writes every tensor of a tiny F32 model of ``arch`` (llama, qwen2 or
    qwen3 shapes); ``tensors=()`` writes a vocabulary-only file. ``metadata`` adds or replaces
    keys (plain values are typed as llama.cpp expects: int -> UINT32, float -> FLOAT32; use
    :class:`Typed` to force a type) and a value of ``None`` removes a key.
    """
    tokens = list(tokens) if tokens is not None else default_tokens()
    if token_types is None:
        token_types = [_TOKEN_CONTROL if t in SPECIAL_TOKENS else _TOKEN_NORMAL for t in tokens]
    vt = gguf.GGUFValueType
    values: dict[str, Any] = {
        "general.name": name,
        **_model_metadata(arch, n_layers),
        "tokenizer.ggml.model": "gpt2",
        "tokenizer.ggml.pre": "qwen2",
        "tokenizer.ggml.tokens": Typed(tokens, vt.ARRAY, vt.STRING),
        "tokenizer.ggml.token_type": Typed(list(token_types), vt.ARRAY, vt.INT32),
        "tokenizer.ggml.merges": Typed(list(merges), vt.ARRAY, vt.STRING),
        "tokenizer.ggml.bos_token_id": 0,
        "tokenizer.ggml.eos_token_id": 2,
        "tokenizer.ggml.add_bos_token": False,
        "tokenizer.chat_template": template,
    }
    values.update(metadata or {})
    writer = gguf.GGUFWriter(path, arch)
    for key, value in values.items():
        if value is not None:
            typed = _infer(value)
            writer.add_key_value(key, typed.value, typed.vtype, typed.sub_type)
    model = _model_tensors(arch, len(tokens), n_layers) if tensors is None else tensors
    for tensor_name, array in model:
        writer.add_tensor(tensor_name, array)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def write_vocab_only_copy(header: GGUFHeader, path: Path) -> Path:
    """Write every key/value pair of ``header`` (exact GGUF types) and no tensors to ``path``."""
    writer = gguf.GGUFWriter(path, header.metadata["general.architecture"])
    _copy_metadata(writer, header)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def write_layer_cut_copy(source: Path, path: Path, n_layers: int) -> Path:
    """Write a model made of the first ``n_layers`` layers of the model at ``source`` (its
    embeddings, output norm and tokenizer as they are) to ``path``: a smaller model with the
    same tokenizer, that proposes tokens the full model often rejects (a draft model for
    tests). The tensors are copied byte for byte, quantized as they are."""
    header = read_header(source)
    arch = header.metadata["general.architecture"]
    writer = gguf.GGUFWriter(path, arch)
    _copy_metadata(writer, header, {f"{arch}.block_count": n_layers})
    kept = [
        tensor
        for tensor in gguf.GGUFReader(source).tensors
        if not tensor.name.startswith("blk.") or int(tensor.name.split(".")[1]) < n_layers
    ]
    for tensor in kept:
        writer.add_tensor_info(
            tensor.name,
            tensor.data.shape,
            tensor.data.dtype,
            tensor.data.nbytes,
            tensor.tensor_type,
        )
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for tensor in kept:
        writer.write_tensor_data(tensor.data)
    writer.close()
    return path


def _copy_metadata(
    writer: gguf.GGUFWriter, header: GGUFHeader, overrides: dict[str, Any] | None = None
) -> None:
    """Adds every key/value pair of ``header`` to ``writer`` with its exact GGUF type
    (``overrides``: new values for some keys, of the same type)."""
    for key, stored in header.metadata.items():
        if key == "general.architecture":  # GGUFWriter writes it itself, first
            continue
        value = overrides[key] if overrides and key in overrides else stored
        vtype, sub = header.value_types[key]

        def raw(v: Any) -> Any:
            # Strings go out as the exact bytes that came in (surrogate escapes undone).
            return v.encode("utf-8", "surrogateescape") if isinstance(v, str) else v

        packed = [raw(v) for v in value] if isinstance(value, list) else raw(value)
        writer.add_key_value(
            key,
            packed,
            gguf.GGUFValueType(int(vtype)),
            gguf.GGUFValueType(int(sub)) if sub is not None else None,
        )


def changed_copy(source: GGUFHeader, path: Path, **changes: Any) -> GGUFHeader:
    """A vocab-only GGUF at ``path`` with ``source``'s metadata, the keys in ``changes`` (dots
    written as double underscores) replaced, or removed where the value is None; read back."""
    metadata = dict(source.metadata)
    types = dict(source.value_types)
    for name, value in changes.items():
        key = name.replace("__", ".")
        if value is None:
            metadata.pop(key)
            types.pop(key)
        else:
            metadata[key] = value
    write_vocab_only_copy(dataclasses.replace(source, metadata=metadata, value_types=types), path)
    return read_header(path)


@pytest.fixture(scope="session")
def r1_vocab_gguf(tmp_path_factory: pytest.TempPathFactory, r1_part_path: Path) -> Path:
    """The real DeepSeek-R1-Distill-Qwen-7B header (tokenizer, chat template), zero tensors."""
    source = read_header(r1_part_path)  # the gguf package's reader crashes on this file
    out = tmp_path_factory.mktemp("r1_vocab") / "DeepSeek-R1-Distill-Qwen-7B.vocab.gguf"
    write_vocab_only_copy(source, out)
    copy = read_header(out)
    if copy.metadata != source.metadata or copy.value_types != source.value_types:
        raise AssertionError("the vocab-only R1 copy does not carry the source's metadata")
    return out


@pytest.fixture(scope="session")
def smollm2_cut_path(tmp_path_factory: pytest.TempPathFactory, smollm2_path: Path) -> Path:
    """The first 6 of SmolLM2-135M's 30 layers: a draft model with SmolLM2's own tokenizer
    whose proposals SmolLM2 keeps only in part."""
    out = tmp_path_factory.mktemp("smollm2_cut") / "SmolLM2-135M-first-6-layers.gguf"
    return write_layer_cut_copy(smollm2_path, out, 6)
