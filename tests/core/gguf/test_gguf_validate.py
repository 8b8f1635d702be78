"""The GGUF validator: valid files pass, every malformed kind is refused with its own reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gguf_corpus import CASES, HOSTILE_TEMPLATES, Case, base_model, write_corpus
from gguf_fixtures import write_gguf
from gguf_spec import Spec
from ponder.core.gguf.header import GGUFError, read_header
from ponder.core.gguf.template_scan import scan_template
from ponder.core.gguf.validate import RUNNABLE_ARCHITECTURES, validate_gguf


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("malformed")
    return {case.name: path for case, path in write_corpus(folder)}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return base_model(tmp_path_factory.mktemp("base"))


def test_corpus_is_broad() -> None:
    assert len(CASES) >= 30
    assert len({case.name for case in CASES}) == len(CASES)
    assert len({case.reason for case in CASES}) >= 25


def test_spec_rewrites_the_base_file_byte_for_byte(base: Path) -> None:
    """The corpus builder writes exactly what GGUFWriter wrote, so each case changes one thing."""
    assert Spec.from_file(base).to_bytes() == base.read_bytes()


def test_base_file_is_valid(base: Path) -> None:
    validate_gguf(base)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_malformed_file_is_rejected_with_its_reason(case: Case, corpus: dict[str, Path]) -> None:
    path = corpus[case.name]
    with pytest.raises(GGUFError) as caught:
        validate_gguf(path)
    assert caught.value.reason == case.reason
    assert caught.value.path == path
    assert path.name in str(caught.value)


def test_smollm2_is_accepted(smollm2_path: Path) -> None:
    header = validate_gguf(smollm2_path)
    assert len(header.tensors) == 272


def test_r1_vocab_copy_is_accepted_only_as_vocab_only(r1_vocab_gguf: Path) -> None:
    header = validate_gguf(r1_vocab_gguf, allow_no_tensors=True)
    assert header.architecture == "qwen2"
    with pytest.raises(GGUFError) as caught:
        validate_gguf(r1_vocab_gguf)
    assert caught.value.reason == "no_tensors"


def test_truncated_r1_download_is_rejected_as_incomplete(r1_part_path: Path) -> None:
    with pytest.raises(GGUFError) as caught:
        validate_gguf(r1_part_path)
    message = str(caught.value)
    assert caught.value.reason == "truncated"
    assert "model_part_0000 is truncated" in message
    assert "download may be incomplete" in message
    assert f"{r1_part_path.stat().st_size:,}" in message


@pytest.mark.parametrize("arch", ["llama", "qwen2", "qwen3"])
def test_synthetic_models_are_accepted(tmp_path: Path, arch: str) -> None:
    validate_gguf(write_gguf(tmp_path / f"{arch}.gguf", arch=arch))


def test_per_layer_head_counts_are_accepted(tmp_path: Path) -> None:
    path = write_gguf(
        tmp_path / "per_layer.gguf",
        n_layers=2,
        metadata={"llama.attention.head_count_kv": [1, 0]},
    )
    validate_gguf(path)


def test_every_prefix_of_a_valid_file_is_truncated(base: Path, tmp_path: Path) -> None:
    """Cut anywhere before the last tensor's data ends: always 'truncated', never a crash."""
    blob = base.read_bytes()
    header = read_header(base)
    data_end = header.data_offset + max(t.offset for t in header.tensors) + 4
    cut_file = tmp_path / "cut.gguf"
    reasons = set()
    for size in [*range(1, 600), *range(600, data_end, 13)]:
        cut_file.write_bytes(blob[:size])
        with pytest.raises(GGUFError) as caught:
            validate_gguf(cut_file)
        reasons.add(caught.value.reason)
    assert reasons == {"truncated"}


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_corruption_never_crashes(base: Path, tmp_path: Path, data: st.DataObject) -> None:
    """Overwrite random bytes of a valid file: the result is accepted or a GGUFError."""
    blob = bytearray(base.read_bytes())
    header_end = read_header(base).data_offset
    for _ in range(data.draw(st.integers(1, 8))):
        # Mostly inside the header, where the structure is; sometimes anywhere.
        limit = header_end if data.draw(st.booleans()) else len(blob)
        at = data.draw(st.integers(0, limit - 1))
        chunk = data.draw(st.binary(min_size=1, max_size=9))
        blob[at : at + len(chunk)] = chunk
    cut = data.draw(st.integers(len(blob) // 2, len(blob)))
    path = tmp_path / "fuzz.gguf"
    path.write_bytes(bytes(blob[:cut]))
    try:
        validate_gguf(path)
    except GGUFError as error:
        assert error.reason
        assert path.name in str(error)


def test_real_templates_pass_the_scan(smollm2_path: Path, r1_part_path: Path) -> None:
    for path in (smollm2_path, r1_part_path):
        template = read_header(path).metadata["tokenizer.chat_template"]
        assert scan_template(template) is None


BENIGN_TEMPLATES = [
    # shapes from widely used templates: Qwen3 thinking, Llama 3.1 tools, Mistral, Gemma
    "{%- if tools %}{{- '<|im_start|>system\\n' }}{%- for tool in tools %}{{- tool | tojson }}"
    "{%- endfor %}{%- endif %}{%- set ns = namespace(multi_step_tool=true) %}"
    "{%- set reasoning_content = message.content.split('</think>')[0].rstrip('\\n') %}",
    "{%- if builtin_tools is defined %}{{- 'Tools: ' + builtin_tools | reject('equalto', "
    "'code_interpreter') | join(', ') + '\\n\\n'}}{%- endif %}"
    "{{- 'Cutting Knowledge Date: December 2023\\n' }}{{- 'Today Date: ' + date_string }}",
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant') }}"
    "{{ '[INST] ' + message['content'] + ' [/INST]' }}",
    "{{ bos_token }}{% for message in messages %}{{ '<start_of_turn>' + role + '\\n' + "
    "message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}",
    "You are a helpful assistant. Think about the photos, the cosmos. and the system (carefully).",
]


@pytest.mark.parametrize("template", BENIGN_TEMPLATES)
def test_benign_template_shapes_pass_the_scan(template: str) -> None:
    assert scan_template(template) is None


@pytest.mark.parametrize("template", HOSTILE_TEMPLATES.values())
def test_hostile_templates_are_found(template: str) -> None:
    assert scan_template(template) is not None


def test_architecture_table_covers_the_catalog_families() -> None:
    assert {"llama", "qwen2", "qwen3", "qwen3moe", "phi3", "gemma3"} <= RUNNABLE_ARCHITECTURES
    assert not {"bert", "clip", "t5", "mamba"} & RUNNABLE_ARCHITECTURES
