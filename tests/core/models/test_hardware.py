"""Hardware detection on this machine, and the memory estimate / fit classes / recommendation
on described machines (a laptop, a gaming PC, a Mac, a workstation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gguf_fixtures import write_gguf
from ponder.core.gguf.header import read_header
from ponder.core.gguf.model_info import describe
from ponder.core.models.catalog import Catalog, load_catalog
from ponder.core.models.fit import (
    GIB,
    assess_fit,
    estimate_memory,
    file_too_large,
    long_answer_note,
    recommend,
    starting_context,
)
from ponder.core.models.hardware import (
    GpuInfo,
    HardwareInfo,
    detect_hardware,
    flags_from_system_info,
    free_disk,
    interesting_flags,
)

# llama_print_system_info() of llama-cpp-python 0.3.36 on an AVX2 machine.
SYSTEM_INFO = (
    "CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | "
    "AVX512 = 0 | LLAMAFILE = 1 | OPENMP = 1 | REPACK = 1 | "
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def machine(
    ram_gb: float, gpu: GpuInfo | None = None, *, free_gb: float | None = None
) -> HardwareInfo:
    return HardwareInfo(
        total_ram=int(ram_gb * GIB),
        available_ram=int((free_gb if free_gb is not None else ram_gb * 0.75) * GIB),
        physical_cores=8,
        logical_cores=16,
        cpu_name="test CPU",
        cpu_flags=frozenset({"avx2"}),
        os_name="Linux",
        machine="x86_64",
        gpu=gpu,
        gpu_offload=gpu is not None,
    )


def nvidia(gb: float) -> GpuInfo:
    return GpuInfo("NVIDIA test", "cuda", int(gb * GIB), int(gb * GIB))


def test_detects_this_machine(tmp_path: Path) -> None:
    hw = detect_hardware(tmp_path / "models" / "not-yet", llama_system_info=SYSTEM_INFO)
    assert 0 < hw.available_ram <= hw.total_ram
    assert 1 <= hw.physical_cores <= hw.logical_cores
    assert hw.models_free_disk is not None and hw.models_free_disk > 0
    assert {"avx2", "fma"} <= hw.cpu_flags  # from llama.cpp's line at least
    assert hw.gpu is None and not hw.gpu_offload
    assert hw.to_dict()["cpu_flags"] == interesting_flags(hw.cpu_flags)


def test_a_gpu_this_build_cannot_use_is_dropped_with_a_note() -> None:
    hw = detect_hardware(None, gpu=nvidia(8), gpu_offload=False)
    assert hw.gpu is None
    assert "cannot offload" in hw.notes[0]


def test_system_info_flags() -> None:
    flags = flags_from_system_info(SYSTEM_INFO)
    assert {"sse3", "avx", "avx2", "f16c", "fma", "bmi2"} <= flags
    assert "avx512" not in flags  # "= 0" is off


def test_free_disk_walks_up_to_an_existing_folder(tmp_path: Path) -> None:
    assert free_disk(tmp_path / "a" / "b") == free_disk(tmp_path)


def test_memory_estimate_is_weights_plus_kv_plus_overhead(catalog: Catalog) -> None:
    entry = catalog.get("r1-distill-qwen-7b")
    est = estimate_memory(entry.architecture, 4_680_000_000, 8192)
    assert est.kv_cache == 28 * 4 * 128 * 2 * 2 * 8192  # 448 MiB
    assert est.weights == 4_680_000_000
    assert est.total == est.weights + est.kv_cache + est.overhead
    # Twice the context, twice the KV cache; the rest unchanged.
    longer = estimate_memory(entry.architecture, 4_680_000_000, 16384)
    assert longer.kv_cache == 2 * est.kv_cache and longer.overhead == est.overhead


def test_a_hybrid_file_is_judged_by_its_attention_layers(tmp_path: Path) -> None:
    """LFM2-shaped: 16 layers, 6 with attention. At a million tokens the naive all-layers
    cache (65.5 GB) would not fit 48 GiB; the real one (24.6 GB) does."""
    kv = [0, 0, 8, 0, 0, 8, 0, 0, 8, 0, 8, 0, 8, 0, 8, 0]
    path = write_gguf(
        tmp_path / "lfm2.gguf",
        arch="lfm2",
        tensors=(),
        n_layers=16,
        metadata={
            "lfm2.embedding_length": 2048,
            "lfm2.attention.head_count": 16,
            "lfm2.attention.head_count_kv": kv,
        },
    )
    info = describe(read_header(path))
    assert file_too_large(info, machine(48), 1_000_000) is None
    every_layer = describe(
        read_header(
            write_gguf(
                tmp_path / "dense.gguf",
                arch="lfm2",
                tensors=(),
                n_layers=16,
                metadata={
                    "lfm2.embedding_length": 2048,
                    "lfm2.attention.head_count": 16,
                    "lfm2.attention.head_count_kv": 8,
                },
            )
        )
    )
    reason = file_too_large(every_layer, machine(48), 1_000_000)
    assert reason is not None and "dense.gguf needs about 65." in reason


def test_fit_classes_on_described_machines(catalog: Catalog) -> None:
    q7 = catalog.resolve("r1-distill-qwen-7b")
    q14 = catalog.resolve("r1-distill-qwen-14b")
    q32 = catalog.resolve("r1-distill-qwen-32b:Q8_0")
    laptop = machine(8)
    assert assess_fit(*q7, laptop).kind == "cpu"
    assert assess_fit(*q14, laptop).kind == "too_large"
    assert "close other programs" in assess_fit(*q7, machine(8, free_gb=3)).reason
    gaming = machine(32, nvidia(8))
    assert assess_fit(*q7, gaming).kind == "gpu"
    partial = assess_fit(*q14, gaming)
    assert partial.kind == "partial" and 0 < partial.gpu_layers < 48
    assert assess_fit(*q14, machine(32, nvidia(24))).kind == "gpu"
    assert assess_fit(*q32, machine(16, nvidia(24))).kind == "too_large"
    mac = machine(16, GpuInfo("Apple M2", "metal", int(10 * GIB), None, integrated=True))
    assert assess_fit(*q7, mac).kind == "gpu"
    assert assess_fit(*q14, mac).kind == "cpu"  # more than Metal's working set: no partial
    # Speed follows bandwidth: the same model is faster on the GPU than on the CPU.
    assert assess_fit(*q7, gaming).tokens_per_s > assess_fit(*q7, laptop).tokens_per_s


def test_a_longer_context_can_push_a_model_off_the_gpu(catalog: Catalog) -> None:
    entry, quant = catalog.resolve("r1-0528-qwen3-8b")
    gpu = machine(32, nvidia(8))
    assert assess_fit(entry, quant, gpu, 4096).kind == "gpu"
    assert assess_fit(entry, quant, gpu, 32768).kind == "partial"


def test_recommend_picks_the_largest_usable_reasoner(catalog: Catalog) -> None:
    for hw in (
        machine(8),
        machine(16),
        machine(32, nvidia(8)),
        machine(64, nvidia(24)),
        machine(128, nvidia(80)),
    ):
        pick = recommend(catalog, hw)
        assert pick is not None and pick.entry.reasoner and not pick.entry.demo
        assert pick.fit.speed in ("fast", "usable")
        for entry in catalog:
            if entry.demo or entry.params_b <= pick.entry.params_b:
                continue
            for quant in entry.quants:  # nothing larger runs at a usable speed
                assert assess_fit(entry, quant, hw).speed not in ("fast", "usable")
    assert recommend(catalog, machine(128, nvidia(80))).entry.id == "r1-distill-qwen-32b"
    assert recommend(catalog, machine(32, nvidia(24))).quant.name == "Q4_K_M"


def test_recommend_falls_back_to_what_runs_or_nothing(catalog: Catalog) -> None:
    small = recommend(catalog, machine(4, free_gb=3))
    assert small is not None and small.entry.id == "r1-distill-qwen-1.5b"
    # Only a 32B model on a big CPU-only machine: it runs, very slowly, and is still offered.
    only_32b = Catalog((catalog.get("r1-distill-qwen-32b"),))
    pick = recommend(only_32b, machine(64))
    assert pick is not None and pick.fit.kind == "cpu" and pick.fit.speed == "very_slow"
    assert recommend(catalog, machine(1, free_gb=0.5)) is None


# ----- starting contexts from the cards ----------------------------------------------------------


def test_a_model_starts_with_the_room_its_card_asks_for_where_memory_allows(
    catalog: Catalog,
) -> None:
    """Qwen3-4B-Thinking-2507 asks room for 32,768-token answers: all of it on a roomy
    computer; 16,384 where 32,768 would no longer run from free memory; never less than its
    floor of 8,192; a card that asks for nothing keeps the floor."""
    entry = catalog.get("qwen3-4b-thinking-2507")
    quant = entry.quant("Q4_K_M")
    assert starting_context(entry, quant, machine(64)) == 32_768
    assert starting_context(entry, quant, machine(16, free_gb=7)) == 16_384
    assert starting_context(entry, quant, machine(8, free_gb=2)) == 8_192
    # On a GPU: as long as everything stays on it.
    assert starting_context(entry, quant, machine(32, nvidia(8))) == 32_768
    assert starting_context(entry, quant, machine(32, nvidia(6))) == 16_384
    r1 = catalog.get("r1-distill-qwen-7b")
    assert starting_context(r1, r1.quant(), machine(64)) == r1.recommended.context


def test_a_short_context_warns_that_a_long_answer_will_be_cut(catalog: Catalog) -> None:
    entry = catalog.get("qwen3-4b-thinking-2507")
    note = long_answer_note(entry, 16_384)
    assert note is not None
    assert "32,768 tokens" in note and "16,384 tokens a long answer will be cut off" in note
    assert long_answer_note(entry, 32_768) is None
    assert long_answer_note(catalog.get("r1-distill-qwen-7b"), 4096) is None
