"""A generated corpus of malformed GGUF files, each paired with the reason it must be refused.

Used by tests/core/gguf/test_gguf_validate.py and benchmarks/bench_gguf_validate.py. Every case
starts from one valid tiny model written by ``write_gguf`` (the ``gguf`` package's writer) and
changes one thing through :class:`gguf_spec.Spec`.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from gguf_fixtures import write_gguf
from gguf_spec import Spec, Tensor, V, pack_kv, pack_string


@dataclass(frozen=True)
class Case:
    """One malformed file: its name, the reason it must get, and how to build its bytes."""

    name: str
    reason: str
    build: Callable[[Spec, bytes], bytes]


def _offset_of(blob: bytes, needle: bytes) -> int:
    index = blob.find(needle)
    assert index >= 0, needle
    return index


HOSTILE_TEMPLATES = {
    "mro_subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler_globals_os": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "lipsum_globals": "{{ lipsum.__globals__['os'].listdir('/') }}",
    "builtins_import": "{{ x.__builtins__.__import__('subprocess') }}",
    "attr_filter": "{{ messages|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "bare_mro": "{{ namespace.mro() }}",
    "import_tag": "{% import 'os' as os %}{{ os }}",
    "include_tag": "{%- include '/etc/passwd' %}",
    "getattr_call": "{{ getattr(messages, 'pop')() }}",
    "template_reference": "{{ self._TemplateReference__context }}",
}

# Templates that pass the static scan and the sandbox's access rules but try to do unbounded
# work: huge values in one expression, values that double in a loop, filters and methods that
# multiply their input, nested loops, exponential recursion. Each must be refused with the
# "too much work" message within a few seconds (tests/core/reasoning/test_template_sandbox.py,
# tests/test_cli.py for `ponder inspect`, tests/engine for a whole `ponder ask`).
_NS = "{% set ns = namespace(s='x', l=[1], n=7) %}"
_BIG = "{% set big = 'x' * 100000 %}"
COSTLY_TEMPLATES = {
    # one expression, one huge value
    "string_times": "{{ 'x' * 1000000000 }}",
    "list_times": "{{ [1, 2] * 1000000000 }}",
    "messages_times": "{{ messages * 100000000 }}",
    "huge_power": "{{ 10 ** 100000000 }}",
    "format_width": "{{ '%999999999s' | format('x') }}",
    "percent_width": "{{ '%*s' % (999999999, 'x') }}",
    "str_format_width": "{{ '{:>999999999}'.format('x') }}",
    "str_format_fields": _BIG + "{{ ('{0}' * 100000).format(big) }}",
    "center_width": "{{ 'x' | center(1000000000) }}",
    "ljust_method": "{{ 'x'.ljust(1000000000) }}",
    "expandtabs": "{{ ('\t' * 100000).expandtabs(100000) }}",
    "translate_table": _BIG + "{{ big.translate({120: big}) }}",
    "replace_expands": _BIG + "{{ big | replace('x', big) }}",
    "replace_method": _BIG + "{{ big.replace('', big) }}",
    "indent_lines": "{{ ('\n' * 500000) | indent(1000) }}",
    "wordwrap_expands": _BIG + "{{ big | wordwrap(1, true, big) }}",
    "join_separator": _BIG + "{{ range(100000) | join(big) }}",
    "join_method": _BIG + "{{ big.join(range(100000) | map('string')) }}",
    "batch_fill": "{{ range(10) | batch(1000000000, 'x') | list }}",
    "concat_many": _BIG + "{{ big ~ big ~ big ~ big ~ big ~ big ~ big ~ big ~ big ~ big ~ big }}",
    # values that double in a loop
    "concat_doubling": _NS + "{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "plus_doubling": _NS + "{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "list_doubling": _NS + "{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}{% endfor %}",
    "number_squaring": _NS + "{% for i in range(64) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
    "set_block_doubling": _NS
    + "{% for i in range(64) %}{% set ns.s %}{{ ns.s }}{{ ns.s }}{% endset %}{% endfor %}",
    "references_serialised": _BIG
    + "{% set ns = namespace(l=[big]) %}{% for i in range(17) %}{% set ns.l = ns.l + ns.l %}"
    "{% endfor %}{{ ns.l | tojson }}",
    "references_printed": _BIG
    + "{% set ns = namespace(l=[big]) %}{% for i in range(17) %}{% set ns.l = ns.l + ns.l %}"
    "{% endfor %}{{ ns.l }}",
    "sum_of_lists": "{{ ([[1] * 1000] * 1000) | sum(start=[]) }}",
    # time without size
    "nested_empty_loops": "{% for a in range(100000) %}{% for b in range(100000) %}"
    "{% endfor %}{% endfor %}",
    "nested_string_loops": _BIG + "{% for a in big %}{% for b in big %}{% endfor %}{% endfor %}",
    "big_comparisons": "{% set a = 'x' * 1000000 %}{% set b = 'x' * 999999 ~ 'x' %}"
    "{% for i in range(100000) %}{% for j in range(100000) %}{% if a == b %}{% endif %}"
    "{% endfor %}{% endfor %}",
    "exponential_macro": "{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
    "{% endmacro %}{{ f(60) }}",
    "endless_recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "recursive_loop": "{% for x in [[1]] recursive %}{{ loop([x, x]) }}{% endfor %}",
    "caller_doubling": "{% macro twice() %}{{ caller() }}{{ caller() }}{% endmacro %}"
    "{% macro f(n) %}{% if n %}{% call twice() %}{{ f(n - 1) }}{% endcall %}{% endif %}"
    "{% endmacro %}{{ f(60) }}",
    "output_flood": "{% for i in range(100000) %}{% for j in range(1000) %}"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}",
    # the attack only once a message is in the conversation
    "per_message": "{% for m in messages %}{{ m['content'] * 1000000000 }}{% endfor %}",
}


def _at(spec: Spec, index: int) -> Tensor:
    t = spec.tensors[index]
    assert isinstance(t, Tensor)
    return t


def _gap_before_last_tensor(spec: Spec) -> Spec:
    """Move the last tensor 32 bytes later and pad its data: all in the file, no overlap."""
    last = _at(spec, -1)
    data = spec.data[: last.offset] + bytes(32) + spec.data[last.offset :]
    return replace(spec.tensor(len(spec.tensors) - 1, offset=last.offset + 32), data=data)


def _cases() -> list[Case]:
    def spec_case(name: str, reason: str, change: Callable[[Spec], Spec]) -> Case:
        return Case(name, reason, lambda spec, _blob: change(spec).to_bytes())

    def cut(name: str, at: Callable[[Spec, bytes], int]) -> Case:
        return Case(name, "truncated", lambda spec, blob: blob[: at(spec, blob)])

    def header_end(spec: Spec) -> int:
        return len(replace(spec, data=b"").to_bytes())

    u64max = (1 << 64) - 1
    cases = [
        # --- not a GGUF at all, or not one we read
        Case("empty_file", "empty", lambda spec, blob: b""),
        Case("bad_magic", "bad_magic", lambda spec, blob: b"GGML" + blob[4:]),
        Case("safetensors_like", "bad_magic", lambda spec, blob: b"\x08\x00\x00\x00{}" + blob),
        spec_case("version_1", "bad_version", lambda s: replace(s, version=1)),
        spec_case("version_4", "bad_version", lambda s: replace(s, version=4)),
        Case(
            "big_endian",
            "big_endian",
            lambda spec, blob: blob[:4] + struct.pack(">I", 3) + blob[8:],
        ),
        # --- truncations at many points (an interrupted download)
        cut("cut_in_magic", lambda s, b: 2),
        cut("cut_in_counts", lambda s, b: 12),
        cut("cut_in_first_key", lambda s, b: _offset_of(b, b"general.architecture") + 5),
        cut("cut_in_tokens", lambda s, b: _offset_of(b, b"<|im_end|>") + 3),
        cut("cut_in_merges", lambda s, b: _offset_of(b, "Ġ t".encode()) + 1),
        cut("cut_in_template", lambda s, b: _offset_of(b, b"{% for message") + 20),
        cut("cut_in_tensor_infos", lambda s, b: _offset_of(b, b"blk.0.ffn_up.weight") + 4),
        cut("cut_before_data", lambda s, b: header_end(s) - 1),
        cut("cut_in_data", lambda s, b: len(b) - len(s.data) + 100),
        cut("cut_last_tensor", lambda s, b: len(b) - 33),
        # --- counts and lengths that overflow or overclaim
        spec_case("kv_count_huge", "too_many_kv", lambda s: replace(s, n_kv=1 << 60)),
        spec_case("kv_count_overclaims", "truncated", lambda s: replace(s, n_kv=60_000)),
        spec_case("tensor_count_huge", "too_many_tensors", lambda s: replace(s, n_tensors=u64max)),
        spec_case("tensor_count_overclaims", "truncated", lambda s: replace(s, n_tensors=900_000)),
        spec_case(
            "key_length_overflow",
            "string_too_long",
            lambda s: replace(s, kvs=[pack_string(b"general.name", 1 << 63), *s.kvs]),
        ),
        spec_case(
            "string_length_overflow",
            "string_too_long",
            lambda s: s.raw(
                "general.name", struct.pack("<I", V.STRING) + pack_string(b"x", u64max)
            ),
        ),
        spec_case(
            "string_length_past_end",
            "truncated",
            lambda s: s.raw(
                "general.name", struct.pack("<I", V.STRING) + pack_string(b"x", 10_000_000)
            ),
        ),
        spec_case(
            "array_count_overflow",
            "array_too_long",
            lambda s: s.raw(
                "tokenizer.ggml.token_type", struct.pack("<IIQ", V.ARRAY, V.INT32, 1 << 62)
            ),
        ),
        spec_case(
            "array_count_past_end",
            "truncated",
            lambda s: s.raw(
                "tokenizer.ggml.token_type", struct.pack("<IIQ", V.ARRAY, V.INT32, 5_000_000)
            ),
        ),
        spec_case(
            "string_array_past_end",
            "truncated",
            lambda s: s.raw(
                "tokenizer.ggml.merges", struct.pack("<IIQ", V.ARRAY, V.STRING, 9_000_000)
            ),
        ),
        # --- type codes and structure
        spec_case(
            "unknown_value_type",
            "bad_value_type",
            lambda s: s.raw("general.name", struct.pack("<I", 13) + b"\0" * 8),
        ),
        spec_case(
            "value_type_all_ones",
            "bad_value_type",
            lambda s: s.raw("general.name", struct.pack("<I", 0xFFFFFFFF)),
        ),
        spec_case(
            "unknown_array_element_type",
            "bad_value_type",
            lambda s: s.raw("tokenizer.ggml.token_type", struct.pack("<IIQ", V.ARRAY, 77, 1)),
        ),
        spec_case(
            "nested_array",
            "nested_array",
            lambda s: s.raw("tokenizer.ggml.token_type", struct.pack("<IIQ", V.ARRAY, V.ARRAY, 1)),
        ),
        spec_case(
            "duplicate_key",
            "duplicate_key",
            lambda s: replace(s, kvs=[*s.kvs, pack_kv("general.name", V.STRING, "again")]),
        ),
        spec_case(
            "key_not_utf8",
            "bad_key",
            lambda s: replace(s, kvs=[pack_kv(b"general.\xff\xfe", V.UINT8, 1), *s.kvs]),
        ),
        spec_case(
            "empty_key", "bad_key", lambda s: replace(s, kvs=[pack_kv(b"", V.UINT8, 1), *s.kvs])
        ),
        # --- alignment
        spec_case(
            "alignment_not_power_of_two",
            "bad_alignment",
            lambda s: s.set("general.alignment", V.UINT32, 48),
        ),
        spec_case(
            "alignment_zero", "bad_alignment", lambda s: s.set("general.alignment", V.UINT32, 0)
        ),
        spec_case(
            "alignment_is_string",
            "bad_alignment",
            lambda s: s.set("general.alignment", V.STRING, "32"),
        ),
        spec_case(
            "alignment_huge",
            "bad_alignment",
            lambda s: s.set("general.alignment", V.UINT32, 1 << 31),
        ),
        # --- tensor shapes and types
        spec_case("five_dims", "bad_dims", lambda s: s.tensor(0, shape=(16, 2, 2, 2, 2))),
        spec_case(
            "dims_count_huge",
            "bad_dims",
            lambda s: replace(
                s,
                tensors=[
                    pack_string("token_embd.weight") + struct.pack("<I", 0xFFFFFFFF),
                    *s.tensors[1:],
                ],
            ),
        ),
        spec_case("zero_dim", "bad_shape", lambda s: s.tensor(1, shape=(0,))),
        spec_case("no_dims", "bad_shape", lambda s: s.tensor(1, shape=())),
        spec_case(
            "element_count_overflow", "bad_shape", lambda s: s.tensor(0, shape=(1 << 40, 1 << 40))
        ),
        spec_case("negative_dim", "bad_shape", lambda s: s.tensor(1, shape=(1 << 63,))),
        spec_case("unknown_ggml_type", "unknown_tensor_type", lambda s: s.tensor(0, ggml_type=99)),
        spec_case(
            "removed_ggml_type_q4_2", "unknown_tensor_type", lambda s: s.tensor(0, ggml_type=4)
        ),
        spec_case(
            "rows_not_whole_blocks", "bad_shape", lambda s: s.tensor(1, ggml_type=2)
        ),  # Q4_0 needs rows of 32; this is 16
        spec_case(
            "duplicate_tensor_name",
            "duplicate_tensor",
            lambda s: s.tensor(2, name="output_norm.weight"),
        ),
        spec_case("tensor_name_too_long", "tensor_name", lambda s: s.tensor(2, name="x" * 100)),
        spec_case("empty_tensor_name", "tensor_name", lambda s: s.tensor(2, name="")),
        # --- where the data is
        spec_case(
            "misaligned_offset",
            "misaligned_tensor",
            lambda s: s.tensor(2, offset=_at(s, 2).offset + 4),
        ),
        spec_case(
            "overlapping_tensors", "tensors_overlap", lambda s: s.tensor(2, offset=_at(s, 1).offset)
        ),
        spec_case(
            "offset_past_end_of_file",
            "tensor_out_of_file",
            lambda s: s.tensor(len(s.tensors) - 1, offset=1 << 40),
        ),
        spec_case(
            "offset_wraps_around",
            "tensor_out_of_file",
            lambda s: s.tensor(len(s.tensors) - 1, offset=u64max - 31),
        ),
        spec_case("gap_between_tensors", "tensor_layout", _gap_before_last_tensor),
        spec_case("no_tensors", "no_tensors", lambda s: replace(s, tensors=[], data=b"")),
        # --- keys llama.cpp trusts
        spec_case("missing_architecture", "missing_key", lambda s: s.drop("general.architecture")),
        spec_case(
            "architecture_not_string",
            "key_type",
            lambda s: s.set("general.architecture", V.UINT32, 7),
        ),
        spec_case(
            "unsupported_architecture",
            "unsupported_architecture",
            lambda s: s.set("general.architecture", V.STRING, "mamba"),
        ),
        spec_case("missing_block_count", "missing_key", lambda s: s.drop("llama.block_count")),
        spec_case(
            "context_length_string",
            "key_type",
            lambda s: s.set("llama.context_length", V.STRING, "4096"),
        ),
        spec_case(
            "context_length_int32",
            "key_type",
            lambda s: s.set("llama.context_length", V.INT32, 4096),
        ),
        spec_case(
            "context_length_zero", "bad_value", lambda s: s.set("llama.context_length", V.UINT32, 0)
        ),
        spec_case(
            "block_count_huge",
            "bad_value",
            lambda s: s.set("llama.block_count", V.UINT32, 4_000_000_000),
        ),
        spec_case(
            "embedding_length_array",
            "key_type",
            lambda s: s.set("llama.embedding_length", V.ARRAY, [16], V.UINT32),
        ),
        spec_case(
            "rope_freq_base_nan",
            "bad_value",
            lambda s: s.set("llama.rope.freq_base", V.FLOAT32, float("nan")),
        ),
        spec_case(
            "head_count_zero",
            "bad_value",
            lambda s: s.set("llama.attention.head_count", V.UINT32, 0),
        ),
        # --- tokenizer
        spec_case("missing_tokens", "missing_key", lambda s: s.drop("tokenizer.ggml.tokens")),
        spec_case(
            "missing_tokenizer_model", "missing_key", lambda s: s.drop("tokenizer.ggml.model")
        ),
        spec_case("bpe_without_merges", "missing_key", lambda s: s.drop("tokenizer.ggml.merges")),
        spec_case(
            "tokens_not_strings",
            "key_type",
            lambda s: s.set("tokenizer.ggml.tokens", V.ARRAY, [1, 2, 3], V.INT32),
        ),
        spec_case(
            "token_type_short",
            "tokenizer_mismatch",
            lambda s: s.set(
                "tokenizer.ggml.token_type",
                V.ARRAY,
                s.value("tokenizer.ggml.token_type")[:-1],
                V.INT32,
            ),
        ),
        spec_case(
            "token_type_uint8",
            "key_type",
            lambda s: s.set(
                "tokenizer.ggml.token_type", V.ARRAY, s.value("tokenizer.ggml.token_type"), V.UINT8
            ),
        ),
        spec_case(
            "scores_too_long",
            "tokenizer_mismatch",
            lambda s: s.set(
                "tokenizer.ggml.scores",
                V.ARRAY,
                [0.0] * (len(s.value("tokenizer.ggml.tokens")) + 5),
                V.FLOAT32,
            ),
        ),
        spec_case(
            "eos_out_of_vocab",
            "token_id_out_of_vocab",
            lambda s: s.set("tokenizer.ggml.eos_token_id", V.UINT32, 1_000_000),
        ),
        spec_case(
            "bos_id_int32", "key_type", lambda s: s.set("tokenizer.ggml.bos_token_id", V.INT32, 0)
        ),
        # --- chat template
        spec_case(
            "template_not_string",
            "key_type",
            lambda s: s.set("tokenizer.chat_template", V.ARRAY, ["{{ x }}"], V.STRING),
        ),
        spec_case(
            "template_oversized",
            "template_too_large",
            lambda s: s.set(
                "tokenizer.chat_template",
                V.STRING,
                "{% for message in messages %}{{ message['content'] }}{% endfor %}" + " " * 70_000,
            ),
        ),
        spec_case(
            "template_not_utf8",
            "bad_value",
            lambda s: s.raw(
                "tokenizer.chat_template", struct.pack("<I", V.STRING) + pack_string(b"{{ \xff }}")
            ),
        ),
        spec_case(
            "named_template_hostile",
            "hostile_template",
            lambda s: s.set(
                "tokenizer.chat_template.tool_use", V.STRING, HOSTILE_TEMPLATES["mro_subclasses"]
            ),
        ),
    ]
    cases += [
        spec_case(
            f"hostile_template_{label}",
            "hostile_template",
            lambda s, t=text: s.set("tokenizer.chat_template", V.STRING, t),
        )
        for label, text in HOSTILE_TEMPLATES.items()
    ]
    return cases


CASES: tuple[Case, ...] = tuple(_cases())


def base_model(folder: Path) -> Path:
    """The valid tiny model every case starts from."""
    return write_gguf(folder / "base.gguf")


def write_corpus(folder: Path) -> list[tuple[Case, Path]]:
    """Write every malformed case into ``folder``; return them with their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    base = base_model(folder)
    blob = base.read_bytes()
    spec = Spec.from_file(base)
    written = []
    for case in CASES:
        path = folder / f"{case.name}.gguf"
        path.write_bytes(case.build(spec, blob))
        written.append((case, path))
    return written
