"""Whether a draft model can draft for a model, read from the two GGUF headers by llama.cpp's
rules (common_speculative_are_compatible), and which installed file is the catalog's pair:
on the real DeepSeek-R1-Distill-Qwen-7B header, the SmolLM2 demo, and copies changed in one
thing each, written with the gguf package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gguf_fixtures import changed_copy, write_gguf
from ponder.core.gguf.header import GGUFHeader, read_header
from ponder.core.models.catalog import Catalog, load_catalog
from ponder.core.models.draft_pair import installed_draft, tokenizer_mismatch
from ponder.core.models.store import ModelStore

TOKENS = "tokenizer.ggml.tokens"


@pytest.fixture(scope="module")
def r1(r1_part_path: Path) -> GGUFHeader:
    return read_header(r1_part_path)


def test_the_same_tokenizer_in_another_file_can_draft(r1: GGUFHeader, tmp_path: Path) -> None:
    copy = changed_copy(r1, tmp_path / "same.gguf")
    assert len(copy.metadata[TOKENS]) == 152_064
    assert tokenizer_mismatch(r1, copy) is None
    assert tokenizer_mismatch(copy, r1) is None


def test_one_changed_token_is_named_with_both_texts(r1: GGUFHeader, tmp_path: Path) -> None:
    tokens = list(r1.metadata[TOKENS])
    original = tokens[100_000]
    tokens[100_000] = "Ġchanged"
    copy = changed_copy(r1, tmp_path / "one_token.gguf", tokenizer__ggml__tokens=tokens)
    problem = tokenizer_mismatch(r1, copy)
    assert problem == (
        f"token 100,000 is “Ġchanged” in the draft model but “{original}” in the model"
    )


def test_the_first_five_ids_are_not_compared(r1: GGUFHeader, tmp_path: Path) -> None:
    """llama.cpp starts at SPEC_VOCAB_CHECK_START_TOKEN_ID (5): conversions number their
    first special tokens differently."""
    tokens = list(r1.metadata[TOKENS])
    tokens[4] = "renumbered"
    copy = changed_copy(r1, tmp_path / "low_id.gguf", tokenizer__ggml__tokens=tokens)
    assert tokenizer_mismatch(r1, copy) is None
    tokens[5] = "renumbered"
    copy = changed_copy(r1, tmp_path / "id_five.gguf", tokenizer__ggml__tokens=tokens)
    assert (tokenizer_mismatch(r1, copy) or "").startswith("token 5 is “renumbered”")


def test_vocabularies_at_most_128_tokens_apart(r1: GGUFHeader, tmp_path: Path) -> None:
    tokens = list(r1.metadata[TOKENS])
    near = changed_copy(r1, tmp_path / "near.gguf", tokenizer__ggml__tokens=tokens[:-128])
    assert tokenizer_mismatch(r1, near) is None
    far = changed_copy(r1, tmp_path / "far.gguf", tokenizer__ggml__tokens=tokens[:-129])
    assert tokenizer_mismatch(r1, far) == (
        "the draft model has 151,935 tokens and the model 152,064, more than 128 apart"
    )


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        (
            "tokenizer__ggml__bos_token_id",
            151643,
            "the beginning-of-text token differs (151643 in the draft model, 151646 in the model)",
        ),
        (
            "tokenizer__ggml__eos_token_id",
            151645,
            "the end-of-text token differs (151645 in the draft model, 151643 in the model)",
        ),
        (
            "tokenizer__ggml__add_bos_token",
            False,
            "whether a beginning-of-text token is added differs (no in the draft model, yes in "
            "the model)",
        ),
        (
            "tokenizer__ggml__add_eos_token",
            None,
            "whether an end-of-text token is added differs (not set in the draft model, no in "
            "the model)",
        ),
    ],
)
def test_the_special_tokens_must_agree(
    r1: GGUFHeader, tmp_path: Path, key: str, value: Any, words: str
) -> None:
    copy = changed_copy(r1, tmp_path / "special.gguf", **{key: value})
    assert tokenizer_mismatch(r1, copy) == words


def test_another_kind_of_tokenizer_or_another_family_is_refused(
    r1: GGUFHeader, smollm2_path: Path, tmp_path: Path
) -> None:
    bpe = read_header(write_gguf(tmp_path / "bpe.gguf", tensors=()))
    spm = read_header(
        write_gguf(tmp_path / "spm.gguf", tensors=(), metadata={"tokenizer.ggml.model": "llama"})
    )
    assert tokenizer_mismatch(bpe, spm) == (
        "the draft model has another kind of tokenizer (llama, the model gpt2)"
    )
    smollm2 = read_header(smollm2_path)
    assert tokenizer_mismatch(smollm2, smollm2) is None
    assert "beginning-of-text token differs" in (tokenizer_mismatch(r1, smollm2) or "")


# ----- the catalog's pair, installed -----------------------------------------------------------


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _install(store: ModelStore, catalog: Catalog, spec: str) -> Path:
    """A file where a download of ``spec`` lands, with the record a download writes."""
    entry, quant = catalog.resolve(spec)
    assert entry.repo is not None
    path = store.hub_path(entry.repo, quant.file)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_gguf(path, tensors=())
    store.record_install(path, sha256="0" * 64, source="hub", repo=entry.repo)
    return path


def test_the_installed_pair_prefers_its_default_quant(catalog: Catalog, tmp_path: Path) -> None:
    store = ModelStore(tmp_path / "models")
    seven_b = catalog.get("r1-distill-qwen-7b")
    assert installed_draft(catalog, seven_b, store.installed()) is None
    q8 = _install(store, catalog, "r1-distill-qwen-1.5b:Q8_0")
    found = installed_draft(catalog, seven_b, store.installed())
    assert found is not None and found[0].id == "r1-distill-qwen-1.5b" and found[1] == q8
    q4 = _install(store, catalog, "r1-distill-qwen-1.5b:Q4_K_M")
    assert installed_draft(catalog, seven_b, store.installed()) == (found[0], q4)
    # No pair: the Llama distill and R1-0528-Qwen3 draft with nothing.
    for model_id in ("r1-distill-llama-8b", "r1-0528-qwen3-8b"):
        assert installed_draft(catalog, catalog.get(model_id), store.installed()) is None
