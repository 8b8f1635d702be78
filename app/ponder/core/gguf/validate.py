"""Decide whether a GGUF file may be handed to llama.cpp, with one clear reason when not.

:func:`ponder.core.gguf.header.read_header` checks the structure (bounds, counts, type codes);
this module checks what llama.cpp then trusts without checking, or checks by aborting:

* the metadata keys it reads, with the exact GGUF types it expects (llama.cpp's loader throws
  on a wrong type, but reads ``token_type`` and ``scores`` as raw ``int32``/``float`` arrays
  indexed by the token count, so a short or mistyped array is read out of bounds);
* token ids inside the vocabulary;
* tensors: known ggml types, sane shapes, aligned offsets, no overlap, the layout llama.cpp
  requires, and every byte of data inside the file (which is how a truncated download shows);
* the architecture, against the text architectures Ponder runs;
* the chat template: size capped and statically scanned for sandbox-escape patterns.

Everything here is a pure function of a :class:`GGUFHeader`; nothing is loaded or rendered.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ponder.core.gguf.errors import GGUFError, malformed_error, truncated_error
from ponder.core.gguf.ggml_types import GGML_TYPES, tensor_nbytes
from ponder.core.gguf.header import GGUFHeader, GGUFValueType, read_header
from ponder.core.gguf.template_scan import MAX_TEMPLATE_BYTES, scan_template

VT = GGUFValueType

# The llama.cpp text architectures Ponder runs (``general.architecture``). A data table on
# purpose: adding a family is a reviewed one-line change. Embedding, vision, audio, encoder-
# decoder and recurrent/hybrid architectures are left out: Ponder chats with decoder LLMs.
RUNNABLE_ARCHITECTURES: frozenset[str] = frozenset(
    {
        "llama",  # Llama 2/3, DeepSeek-R1-Distill-Llama, SmolLM2, Mistral 7B
        "qwen2",  # Qwen2/2.5, DeepSeek-R1-Distill-Qwen
        "qwen2moe",
        "qwen3",  # Qwen3, DeepSeek-R1-0528-Qwen3
        "qwen3moe",
        "phi3",  # Phi-3/3.5/4, Phi-4-mini-reasoning
        "phimoe",
        "gemma",
        "gemma2",
        "gemma3",
        "mistral3",
        "granite",
        "granitemoe",
        "olmo2",
        "exaone",
        "exaone4",
        "smollm3",
        "glm4",
        "deepseek2",
        "internlm2",
        "command-r",
        "cohere2",
        "ernie4_5",
        "starcoder2",
        "stablelm",
    }
)

MAX_TENSOR_NAME_BYTES = 63  # GGML_MAX_NAME is 64 including the terminating NUL
_INT64_MAX = (1 << 63) - 1
_UINT32 = ((VT.UINT32, None),)
_PER_LAYER = ((VT.UINT32, None), (VT.ARRAY, VT.INT32), (VT.ARRAY, VT.UINT32))


@dataclass(frozen=True, slots=True)
class _KeySpec:
    """The GGUF type(s) llama.cpp accepts for a key, and the range its numbers must lie in."""

    types: tuple[tuple[VT, VT | None], ...]
    low: int | float | None = None
    high: int | float | None = None


# Keys llama.cpp trusts; ``{arch}`` is the file's architecture.
_TRUSTED_KEYS: dict[str, _KeySpec] = {
    "general.architecture": _KeySpec(((VT.STRING, None),)),
    "general.file_type": _KeySpec(_UINT32),
    "general.quantization_version": _KeySpec(_UINT32),
    "general.name": _KeySpec(((VT.STRING, None),)),
    "general.basename": _KeySpec(((VT.STRING, None),)),
    "general.size_label": _KeySpec(((VT.STRING, None),)),
    "{arch}.context_length": _KeySpec(_UINT32, 1, 1 << 24),
    "{arch}.block_count": _KeySpec(_UINT32, 1, 1024),
    "{arch}.embedding_length": _KeySpec(_UINT32, 1, 1 << 20),
    "{arch}.feed_forward_length": _KeySpec(_PER_LAYER, 1, 1 << 22),
    "{arch}.attention.head_count": _KeySpec(_PER_LAYER, 1, 4096),
    "{arch}.attention.head_count_kv": _KeySpec(_PER_LAYER, 1, 4096),
    "{arch}.attention.key_length": _KeySpec(_UINT32, 1, 1 << 16),
    "{arch}.attention.value_length": _KeySpec(_UINT32, 1, 1 << 16),
    "{arch}.rope.dimension_count": _KeySpec(_UINT32, 0, 1 << 16),
    "{arch}.vocab_size": _KeySpec(_UINT32, 1, 1 << 24),
    "{arch}.expert_count": _KeySpec(_UINT32, 0, 4096),
    "{arch}.expert_used_count": _KeySpec(_UINT32, 0, 4096),
    "{arch}.rope.freq_base": _KeySpec(((VT.FLOAT32, None),), 0, math.inf),
    "{arch}.attention.layer_norm_rms_epsilon": _KeySpec(((VT.FLOAT32, None),), 0, 1),
    "tokenizer.ggml.model": _KeySpec(((VT.STRING, None),)),
    "tokenizer.ggml.pre": _KeySpec(((VT.STRING, None),)),
    "tokenizer.ggml.tokens": _KeySpec(((VT.ARRAY, VT.STRING),)),
    "tokenizer.ggml.token_type": _KeySpec(((VT.ARRAY, VT.INT32),)),
    "tokenizer.ggml.scores": _KeySpec(((VT.ARRAY, VT.FLOAT32),)),
    "tokenizer.ggml.merges": _KeySpec(((VT.ARRAY, VT.STRING),)),
    "tokenizer.ggml.add_bos_token": _KeySpec(((VT.BOOL, None),)),
    "tokenizer.ggml.add_eos_token": _KeySpec(((VT.BOOL, None),)),
    "tokenizer.ggml.add_space_prefix": _KeySpec(((VT.BOOL, None),)),
    "tokenizer.chat_template": _KeySpec(((VT.STRING, None),)),
}
# llama.cpp's load_hparams() requires these even for a vocab_only load.
_REQUIRED_KEYS = ("{arch}.context_length", "{arch}.embedding_length", "{arch}.block_count")
_TOKEN_ID_KEY = re.compile(r"tokenizer\.ggml\.\w+_token_id")
_TEMPLATE_KEY = re.compile(r"tokenizer\.chat_template(?:\..+)?")


def validate_gguf(path: str | os.PathLike[str], *, allow_no_tensors: bool = False) -> GGUFHeader:
    """Read ``path`` and return its header if llama.cpp may load it; raise :class:`GGUFError`.

    ``allow_no_tensors`` accepts a vocabulary-only file (no weights), which llama.cpp loads
    with ``vocab_only=True``; a model to chat with needs its weights, so it is off by default.
    """
    header = read_header(path)
    check_header(header, allow_no_tensors=allow_no_tensors)
    return header


def check_header(header: GGUFHeader, *, allow_no_tensors: bool = False) -> None:
    """The checks of :func:`validate_gguf` on a header already read."""
    _check_architecture(header)
    _check_tensors(header, allow_no_tensors=allow_no_tensors)
    _check_trusted_keys(header)
    _check_tokenizer(header)
    _check_templates(header)


def _fail(header: GGUFHeader, reason: str, detail: str) -> GGUFError:
    return malformed_error(header.path, reason, detail)


def _check_architecture(header: GGUFHeader) -> None:
    types = header.value_types
    if "general.architecture" not in header.metadata:
        raise _fail(header, "missing_key", "it does not say which architecture it is")
    if types["general.architecture"] != (VT.STRING, None):
        raise _fail(header, "key_type", "general.architecture is not a string")
    arch = header.metadata["general.architecture"]
    if arch not in RUNNABLE_ARCHITECTURES:
        raise GGUFError(
            header.path,
            "unsupported_architecture",
            f"{header.path.name} is a {arch[:40]!r} model, which Ponder does not run. Ponder runs "
            f"text models of these architectures: {', '.join(sorted(RUNNABLE_ARCHITECTURES))}.",
        )


def _type_name(vtype: tuple[VT, VT | None]) -> str:
    return f"array of {vtype[1].name}" if vtype[1] is not None else vtype[0].name


def _check_trusted_keys(header: GGUFHeader) -> None:
    arch = header.metadata["general.architecture"]
    for pattern in _REQUIRED_KEYS:
        if pattern.replace("{arch}", arch) not in header.metadata:
            raise _fail(header, "missing_key", f"it has no {pattern.replace('{arch}', arch)}")
    for pattern, spec in _TRUSTED_KEYS.items():
        key = pattern.replace("{arch}", arch)
        if key not in header.metadata:
            continue
        vtype = header.value_types[key]
        if vtype not in spec.types:
            expected = " or ".join(_type_name(t) for t in spec.types)
            raise _fail(
                header,
                "key_type",
                f"{key} is {_type_name(vtype)} where llama.cpp expects {expected}",
            )
        if spec.low is None or spec.high is None:
            continue
        value = header.metadata[key]
        # A per-layer array may hold 0 for a layer without that part; a single value may not.
        values, low = (value, 0) if isinstance(value, list) else ([value], spec.low)
        for v in values:
            if not (isinstance(v, int) or math.isfinite(v)) or not low <= v <= spec.high:
                raise _fail(
                    header,
                    "bad_value",
                    f"{key} is {v}, outside the sane range {low:,}..{spec.high:,}",
                )
    for key, vtype in header.value_types.items():
        if _TOKEN_ID_KEY.fullmatch(key) and vtype != (VT.UINT32, None):
            raise _fail(header, "key_type", f"{key} is {_type_name(vtype)}, not UINT32")


def _check_tokenizer(header: GGUFHeader) -> None:
    meta = header.metadata
    for key in ("tokenizer.ggml.model", "tokenizer.ggml.tokens"):
        if key not in meta:
            raise _fail(header, "missing_key", f"it has no tokenizer ({key} is missing)")
    tokens: list[str] = meta["tokenizer.ggml.tokens"]
    n_vocab = len(tokens)
    if n_vocab == 0:
        raise _fail(header, "tokenizer_mismatch", "its vocabulary is empty")
    for key in ("tokenizer.ggml.token_type", "tokenizer.ggml.scores"):
        if key in meta and len(meta[key]) != n_vocab:
            raise _fail(
                header,
                "tokenizer_mismatch",
                f"{key} has {len(meta[key]):,} entries for {n_vocab:,} tokens",
            )
    if meta["tokenizer.ggml.model"] == "gpt2" and "tokenizer.ggml.merges" not in meta:
        raise _fail(header, "missing_key", "its BPE tokenizer has no tokenizer.ggml.merges")
    for key, value in meta.items():
        if _TOKEN_ID_KEY.fullmatch(key) and value >= n_vocab:
            raise _fail(
                header,
                "token_id_out_of_vocab",
                f"{key} is {value}, but the vocabulary has only {n_vocab:,} tokens",
            )


def _check_templates(header: GGUFHeader) -> None:
    for key, value in header.metadata.items():
        if not _TEMPLATE_KEY.fullmatch(key):
            continue
        if header.value_types[key] != (VT.STRING, None):
            raise _fail(header, "key_type", f"{key} is {_type_name(header.value_types[key])}")
        try:
            size = len(value.encode("utf-8"))
        except UnicodeEncodeError:
            raise _fail(header, "bad_value", f"{key} is not valid UTF-8 text") from None
        if size > MAX_TEMPLATE_BYTES:
            raise GGUFError(
                header.path,
                "template_too_large",
                f"{header.path.name} has a chat template of {size:,} bytes; Ponder accepts "
                f"templates up to {MAX_TEMPLATE_BYTES // 1024} KiB. Choose another copy of "
                "the model.",
            )
        finding = scan_template(value)
        if finding is not None:
            raise GGUFError(
                header.path,
                "hostile_template",
                f"{header.path.name} has a chat template that contains {finding.matched!r} "
                f"({finding.why}); no chat template needs that, and it is how a template "
                "escapes its sandbox. Ponder will not run it; get the model from a publisher "
                "you trust.",
            )


def _check_tensors(header: GGUFHeader, *, allow_no_tensors: bool) -> None:
    if not header.tensors:
        if allow_no_tensors:
            return
        raise _fail(header, "no_tensors", "it holds no weights (only a vocabulary)")
    spans = _tensor_spans(header)
    _check_layout(header, spans)


def _tensor_spans(header: GGUFHeader) -> list[tuple[int, int, str]]:
    """Check each tensor's name, type and shape; return ``(offset, nbytes, name)`` per tensor."""
    seen: set[str] = set()
    spans: list[tuple[int, int, str]] = []
    for t in header.tensors:
        name = t.name[:80]
        if not t.name or len(t.name.encode("utf-8", "surrogateescape")) > MAX_TENSOR_NAME_BYTES:
            raise _fail(header, "tensor_name", f"tensor name {name!r} is empty or too long")
        if t.name in seen:
            raise _fail(header, "duplicate_tensor", f"the tensor {name!r} appears twice")
        seen.add(t.name)
        gtype = GGML_TYPES.get(t.ggml_type)
        if gtype is None:
            raise _fail(
                header, "unknown_tensor_type", f"tensor {name!r} has unknown type {t.ggml_type}"
            )
        if not t.shape or any(not 1 <= d <= _INT64_MAX for d in t.shape):
            raise _fail(header, "bad_shape", f"tensor {name!r} has shape {list(t.shape)}")
        if t.n_elements > _INT64_MAX:
            raise _fail(header, "bad_shape", f"tensor {name!r} has too many elements")
        if t.shape[0] % gtype.block_size:
            raise _fail(
                header,
                "bad_shape",
                f"tensor {name!r} rows of {t.shape[0]} do not fill {gtype.name} blocks "
                f"of {gtype.block_size}",
            )
        if t.offset % header.alignment:
            raise _fail(
                header,
                "misaligned_tensor",
                f"tensor {name!r} starts at {t.offset}, not a multiple of {header.alignment}",
            )
        spans.append((t.offset, tensor_nbytes(gtype, t.n_elements), t.name))
    return spans


def _check_layout(header: GGUFHeader, spans: list[tuple[int, int, str]]) -> None:
    """No overlap, all data in the file, and the back-to-back layout llama.cpp insists on."""
    ordered = sorted(spans)
    for (start_a, size_a, name_a), (start_b, _, name_b) in itertools.pairwise(ordered):
        if start_a + size_a > start_b:
            raise _fail(
                header, "tensors_overlap", f"tensors {name_a[:80]!r} and {name_b[:80]!r} overlap"
            )
    # gguf.cpp requires each tensor to start where the previous one (padded) ends, in order.
    expected = 0
    in_layout = True
    for offset, size, _ in spans:
        in_layout = in_layout and offset == expected
        expected += -(-size // header.alignment) * header.alignment
    data_end = header.data_offset + max(offset + size for offset, size, _ in spans)
    if data_end > header.file_size:
        if in_layout:
            raise truncated_error(header.path, "the model's weights", data_end, header.file_size)
        raise _fail(header, "tensor_out_of_file", _outside(header, spans))
    if not in_layout:
        raise _fail(
            header,
            "tensor_layout",
            "its tensors are not stored one after another as llama.cpp requires",
        )


def _outside(header: GGUFHeader, spans: Iterable[tuple[int, int, str]]) -> str:
    for offset, size, name in spans:
        end = header.data_offset + offset + size
        if end > header.file_size:
            return (
                f"the data of tensor {name[:80]!r} would end at byte {end:,}, "
                f"past the end of the {header.file_size:,}-byte file"
            )
    return "a tensor lies outside the file"
