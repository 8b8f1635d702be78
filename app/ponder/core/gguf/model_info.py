"""What Ponder knows about a model from its GGUF header, in plain fields.

``describe(header)`` turns the raw metadata into a :class:`ModelInfo` that ``ponder inspect``,
the catalog and the hardware-fit code read: architecture, size, quantization, context length,
the shapes that decide the KV-cache size, the tokenizer's special ids and the chat template.
Family detection (which think tags, which sampling) is not here: it lives in
``ponder.core.reasoning.families`` and reads the same header.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ponder.core.gguf.ggml_types import FILE_TYPES, GGML_TYPES, tensor_nbytes
from ponder.core.gguf.header import GGUFHeader


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """A model file, described. ``None`` means the file does not say."""

    path: Path
    file_size: int
    architecture: str
    name: str | None
    basename: str | None
    size_label: str | None
    parameter_count: int | None  # from the tensors; None for a vocabulary-only file
    quantization: str | None  # "Q4_K_M", "Q8_0", "F16"...
    context_length: int | None  # the context the model was trained for
    block_count: int | None
    embedding_length: int | None
    head_count: int | None  # the largest per-layer value when the file gives one per layer
    head_count_kv: int | None
    key_length: int | None  # per-head K width (embedding_length / head_count unless stated)
    value_length: int | None
    # KV heads of each layer; 0 for a layer without attention (the recurrent layers of LFM2,
    # Nemotron-H, Qwen3.5). Empty when unknown.
    kv_heads_per_layer: tuple[int, ...]
    vocab_size: int | None
    bos_token_id: int | None
    eos_token_id: int | None
    chat_template: str | None
    template_summary: str

    @property
    def attention_layers(self) -> int | None:
        """Layers that keep a KV cache: all of them, except in hybrid architectures."""
        if self.kv_heads_per_layer:
            return sum(1 for heads in self.kv_heads_per_layer if heads > 0)
        return self.block_count

    def kv_cache_bytes_per_token(self, bytes_per_element: float = 2.0) -> int | None:
        """See :func:`kv_cache_bytes_per_token`."""
        return kv_cache_bytes_per_token(self, bytes_per_element)


def kv_cache_bytes_per_token(info: ModelInfo, bytes_per_element: float = 2.0) -> int | None:
    """Bytes of KV cache one token of context costs: layers x KV heads x (K + V width) x bytes.

    Only attention layers count: a hybrid model's recurrent layers (``kv_heads_per_layer`` 0)
    keep a small fixed state, not a cache that grows with the context. ``bytes_per_element`` is
    2 for llama.cpp's default F16 cache (1.0625 for q8_0). This is an upper bound for
    sliding-window models (Gemma 2/3, gpt-oss), whose local layers keep fewer tokens.
    Returns ``None`` when the header lacks the shapes.
    """
    if info.key_length is None or info.value_length is None:
        return None
    if info.kv_heads_per_layer:
        kv_heads = sum(info.kv_heads_per_layer)
    elif info.block_count is not None and info.head_count_kv is not None:
        kv_heads = info.block_count * info.head_count_kv
    else:
        return None
    return round(kv_heads * (info.key_length + info.value_length) * bytes_per_element)


def _int(meta: dict[str, Any], key: str) -> int | None:
    value = meta.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return value if isinstance(value, str) and value else None


def _per_layer(meta: dict[str, Any], key: str, n_layers: int | None) -> tuple[int, ...]:
    """A key that is one number for every layer, or a list with one per layer."""
    value = meta.get(key)
    if isinstance(value, list) and all(isinstance(v, int) for v in value):
        return tuple(value)
    if isinstance(value, int) and n_layers is not None:
        return (value,) * n_layers
    return ()


# Hybrid architectures whose header gives one KV-head count for every layer although only every
# ``full_attention_interval``-th layer (default 4) has attention; the others are linear-attention
# (recurrent) layers, or ``{arch}.attention.recurrent_layers`` (one bool per layer) says which.
# As llama.cpp reads them: src/models/qwen35.cpp, qwen35moe.cpp, qwen3next.cpp. LFM2 and
# Nemotron-H need nothing here: their per-layer ``head_count_kv`` array already holds 0 for
# each recurrent layer (src/models/lfm2.cpp, nemotron-h.cpp).
_INTERVAL_HYBRIDS = frozenset({"qwen3next", "qwen35", "qwen35moe"})
_DEFAULT_FULL_ATTENTION_INTERVAL = 4


def _without_recurrent_layers(
    meta: dict[str, Any], arch: str, kv_heads: tuple[int, ...]
) -> tuple[int, ...]:
    """``kv_heads`` with 0 for each layer the header marks (or the architecture makes)
    recurrent."""
    flags = meta.get(f"{arch}.attention.recurrent_layers")
    if isinstance(flags, list) and len(flags) == len(kv_heads):
        return tuple(
            0 if bool(flag) else heads for flag, heads in zip(flags, kv_heads, strict=True)
        )
    if arch not in _INTERVAL_HYBRIDS:
        return kv_heads
    interval = _int(meta, f"{arch}.full_attention_interval") or _DEFAULT_FULL_ATTENTION_INTERVAL
    return tuple(heads if (i + 1) % interval == 0 else 0 for i, heads in enumerate(kv_heads))


def _quantization(header: GGUFHeader) -> str | None:
    file_type = _int(header.metadata, "general.file_type")
    if file_type is not None and file_type in FILE_TYPES:
        return FILE_TYPES[file_type]
    # No (known) file type: name the type that holds most of the weights' bytes.
    weight: Counter[str] = Counter()
    for t in header.tensors:
        gtype = GGML_TYPES.get(t.ggml_type)
        if gtype is not None and len(t.shape) >= 2:
            weight[gtype.name] += tensor_nbytes(gtype, t.n_elements)
    return weight.most_common(1)[0][0] if weight else None


_TEMPLATE_STYLES: tuple[tuple[str, str], ...] = (
    ("<｜Assistant｜>", "DeepSeek"),
    ("<|start_header_id|>", "Llama 3"),
    ("<|im_start|>", "ChatML"),
    ("<start_of_turn>", "Gemma"),
    ("[INST]", "Mistral"),
    ("<|assistant|>", "Phi"),
    ("<|user|>", "Zephyr"),
)


def summarize_template(template: str | None) -> str:
    """One line for people: the template's style, its size and the features it mentions."""
    if template is None:
        return "no chat template in the file"
    style = next((s for marker, s in _TEMPLATE_STYLES if marker in template), "custom")
    features = [
        label
        for label, present in (
            ("system prompt", re.search(r"['\"]system['\"]", template) is not None),
            ("tools", "tools" in template or "tool_calls" in template),
            ("think tags", "<think>" in template or "</think>" in template),
        )
        if present
    ]
    extra = f"; mentions {', '.join(features)}" if features else ""
    return f"{style} template, {len(template):,} characters{extra}"


def describe(header: GGUFHeader) -> ModelInfo:
    """Describe a model from its header (validated or not: missing keys become ``None``)."""
    meta = header.metadata
    arch = header.architecture or "unknown"
    n_layers = _int(meta, f"{arch}.block_count")
    n_embd = _int(meta, f"{arch}.embedding_length")
    heads = _per_layer(meta, f"{arch}.attention.head_count", n_layers)
    kv_heads = _per_layer(meta, f"{arch}.attention.head_count_kv", n_layers) or heads
    kv_heads = _without_recurrent_layers(meta, arch, kv_heads)
    head_count = max(heads) if heads else None
    head_dim = n_embd // head_count if n_embd and head_count else None
    key_length = _int(meta, f"{arch}.attention.key_length") or head_dim
    value_length = _int(meta, f"{arch}.attention.value_length") or head_dim
    tokens = meta.get("tokenizer.ggml.tokens")
    template = _str(meta, "tokenizer.chat_template")
    return ModelInfo(
        path=header.path,
        file_size=header.file_size,
        architecture=arch,
        name=_str(meta, "general.name"),
        basename=_str(meta, "general.basename"),
        size_label=_str(meta, "general.size_label"),
        parameter_count=sum(t.n_elements for t in header.tensors) or None,
        quantization=_quantization(header),
        context_length=_int(meta, f"{arch}.context_length"),
        block_count=n_layers,
        embedding_length=n_embd,
        head_count=head_count,
        head_count_kv=max(kv_heads) if kv_heads else None,
        key_length=key_length,
        value_length=value_length,
        kv_heads_per_layer=kv_heads,
        vocab_size=len(tokens) if isinstance(tokens, list) else _int(meta, f"{arch}.vocab_size"),
        bos_token_id=_int(meta, "tokenizer.ggml.bos_token_id"),
        eos_token_id=_int(meta, "tokenizer.ggml.eos_token_id"),
        chat_template=template,
        template_summary=summarize_template(template),
    )
