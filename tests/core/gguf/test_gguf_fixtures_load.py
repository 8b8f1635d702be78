"""The fixture files are what they claim: llama.cpp loads them (tests elsewhere rely on it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gguf_fixtures import R1_THINK_CLOSE_ID, R1_THINK_OPEN_ID, write_gguf
from ponder.core.gguf.header import read_header

llama_cpp = pytest.importorskip("llama_cpp", reason="llama-cpp-python is installed by make test")


def test_r1_vocab_copy_loads_vocab_only_with_the_real_tokenizer(
    r1_vocab_gguf: Path, r1_part_path: Path
) -> None:
    model = llama_cpp.Llama(str(r1_vocab_gguf), vocab_only=True, verbose=False)
    try:
        ids = model.tokenize(b"<think>\nhi</think>", add_bos=False, special=True)
        assert ids[0] == R1_THINK_OPEN_ID
        assert ids[-1] == R1_THINK_CLOSE_ID
        assert model.n_vocab() == 152064
        source_template = read_header(r1_part_path).metadata["tokenizer.chat_template"]
        assert model.metadata["tokenizer.chat_template"] == source_template
    finally:
        model.close()


@pytest.mark.parametrize("arch", ["llama", "qwen2", "qwen3"])
def test_synthetic_model_loads_and_decodes(tmp_path: Path, arch: str) -> None:
    path = write_gguf(tmp_path / f"{arch}.gguf", arch=arch)
    model = llama_cpp.Llama(str(path), n_ctx=64, n_threads=1, verbose=False)
    try:
        ids = model.tokenize(b"<think>the", add_bos=False, special=True)
        assert ids[0] == 3  # SPECIAL_TOKENS index of <think>
        out = model.create_completion("the", max_tokens=3, temperature=0.0)
        assert out["usage"]["completion_tokens"] >= 1
    finally:
        model.close()
