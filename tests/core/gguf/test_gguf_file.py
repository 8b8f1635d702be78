"""The bounded GGUF header reader, against real files and files written by the gguf package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import gguf
import pytest

from gguf_fixtures import R1_THINK_CLOSE_ID, R1_THINK_OPEN_ID, Typed, write_gguf
from ponder.core.gguf.header import GGUFError, GGUFValueType, read_header

VT = gguf.GGUFValueType


def test_smollm2_header_matches_the_gguf_package_reader(smollm2_path: Path) -> None:
    header = read_header(smollm2_path)
    reference = gguf.GGUFReader(smollm2_path)

    assert header.version == 3
    assert header.alignment == 32
    assert header.file_size == smollm2_path.stat().st_size
    expected_keys = [k for k in reference.fields if not k.startswith("GGUF.")]
    assert list(header.metadata) == expected_keys
    for key in expected_keys:
        field = reference.fields[key]
        assert int(header.value_types[key][0]) == int(field.types[0]), key
        assert header.metadata[key] == pytest.approx(field.contents()), key
    assert [t.name for t in header.tensors] == [t.name for t in reference.tensors]
    for ours, theirs in zip(header.tensors, reference.tensors, strict=True):
        assert header.data_offset + ours.offset == theirs.data_offset
        assert ours.shape == tuple(int(d) for d in theirs.shape)
        assert ours.ggml_type == int(theirs.tensor_type)
        assert ours.n_elements == int(theirs.n_elements)


def test_reads_the_truncated_r1_download_header(r1_part_path: Path) -> None:
    """The header is whole even though most weights are missing; the reader does not care."""
    header = read_header(r1_part_path)
    tokens = header.metadata["tokenizer.ggml.tokens"]
    assert header.architecture == "qwen2"
    assert len(tokens) == 152064
    assert tokens[R1_THINK_OPEN_ID] == "<think>"
    assert tokens[R1_THINK_CLOSE_ID] == "</think>"
    assert len(header.metadata["tokenizer.ggml.token_type"]) == len(tokens)
    assert header.value_types["tokenizer.ggml.merges"] == (
        GGUFValueType.ARRAY,
        GGUFValueType.STRING,
    )
    assert "<｜Assistant｜>" in header.metadata["tokenizer.chat_template"]
    assert len(header.tensors) == 339
    assert header.data_offset % header.alignment == 0
    assert header.data_offset + header.tensors[-1].offset > header.file_size


EVERY_TYPE = {
    "t.u8": Typed(200, VT.UINT8),
    "t.i8": Typed(-100, VT.INT8),
    "t.u16": Typed(60000, VT.UINT16),
    "t.i16": Typed(-30000, VT.INT16),
    "t.u32": Typed(4_000_000_000, VT.UINT32),
    "t.i32": Typed(-2_000_000_000, VT.INT32),
    "t.u64": Typed(1 << 60, VT.UINT64),
    "t.i64": Typed(-(1 << 60), VT.INT64),
    "t.f32": Typed(0.5, VT.FLOAT32),
    "t.f64": Typed(1e300, VT.FLOAT64),
    "t.bool": Typed(True, VT.BOOL),
    "t.str": Typed("héllo ☃ <think>", VT.STRING),
    "t.arr_u8": Typed([1, 2, 255], VT.ARRAY, VT.UINT8),
    "t.arr_i64": Typed([-1, 1 << 40], VT.ARRAY, VT.INT64),
    "t.arr_f64": Typed([0.25, -2.0], VT.ARRAY, VT.FLOAT64),
    "t.arr_bool": Typed([True, False, True], VT.ARRAY, VT.BOOL),
    "t.arr_str": Typed(["a", "", "ü" * 300], VT.ARRAY, VT.STRING),
}


def test_every_value_type_round_trips(tmp_path: Path) -> None:
    header = read_header(write_gguf(tmp_path / "types.gguf", metadata=dict(EVERY_TYPE)))
    for key, typed in EVERY_TYPE.items():
        assert header.metadata[key] == typed.value, key
        sub = GGUFValueType(int(typed.sub_type)) if typed.sub_type is not None else None
        assert header.value_types[key] == (GGUFValueType(int(typed.vtype)), sub), key


def test_string_array_crossing_the_read_window(tmp_path: Path) -> None:
    """200k strings (several MiB) cross the reader's 1 MiB window many times."""
    words = [f"w{i:06d}" * (1 + i % 7) for i in range(200_000)]
    path = write_gguf(
        tmp_path / "big.gguf", metadata={"t.words": Typed(words, VT.ARRAY, VT.STRING)}
    )
    assert read_header(path).metadata["t.words"] == words


def test_long_template_crossing_the_window(tmp_path: Path) -> None:
    template = "{{ bos_token }}" + "x" * (3 << 20)
    path = write_gguf(tmp_path / "t.gguf", template=template)
    assert read_header(path).metadata["tokenizer.chat_template"] == template


def test_invalid_utf8_in_values_is_kept_not_fatal(tmp_path: Path) -> None:
    """llama.cpp does not require UTF-8 tokens; the exact bytes survive as surrogate escapes."""
    path = write_gguf(tmp_path / "b.gguf", metadata={"t.raw": Typed(b"ok\xff", VT.STRING)})
    value = read_header(path).metadata["t.raw"]
    assert value.encode("utf-8", "surrogateescape") == b"ok\xff"


def test_vocab_only_file_data_starts_where_the_header_ends(tmp_path: Path) -> None:
    """llama.cpp pads to the alignment only when there are tensors (gguf.cpp)."""
    path = write_gguf(tmp_path / "v.gguf", tensors=())
    header = read_header(path)
    assert header.tensors == ()
    assert header.header_end % header.alignment != 0  # so the next line means something
    assert header.data_offset == header.header_end <= header.file_size


def test_missing_file_and_folder_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(GGUFError) as missing:
        read_header(tmp_path / "nope.gguf")
    assert missing.value.reason == "not_found"
    assert "nope.gguf" in str(missing.value)
    with pytest.raises(GGUFError) as folder:
        read_header(tmp_path)
    assert folder.value.reason == "unreadable"
    assert isinstance(folder.value, ValueError)


def test_reader_does_not_import_the_gguf_package_or_numpy() -> None:
    """The run-time reader is pure Python; ``gguf`` (and its numpy) are test-only."""
    code = (
        "import sys, ponder.core.gguf.validate, ponder.core.gguf.model_info; "
        "bad = [m for m in ('gguf', 'numpy') if m in sys.modules]; "
        "sys.exit(f'imported {bad}' if bad else 0)"
    )
    app = Path(__file__).resolve().parents[3] / "app"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(app)},
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs and /dev/zero")
def test_fifo_and_devices_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.gguf"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(GGUFError) as caught:
            read_header(path)
        assert caught.value.reason == "unreadable"


def test_header_size_is_capped_however_big_the_file(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "m.gguf")
    assert read_header(path, max_header_bytes=10_000).header_end < 10_000
    with pytest.raises(GGUFError) as caught:
        read_header(path, max_header_bytes=2_000)
    assert caught.value.reason == "header_too_large"
