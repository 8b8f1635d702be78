"""The backend probe: llama.cpp asked from a spawned child process, plain data back."""

from __future__ import annotations

import importlib.util

from ponder.engine.backend_probe import BackendDevice, BackendProbe, probe_backend

HAS_LLAMA = importlib.util.find_spec("llama_cpp") is not None


def test_probe_reports_what_llama_cpp_sees_or_why_it_could_not() -> None:
    probe = probe_backend(timeout_s=120)
    if HAS_LLAMA:
        assert probe.error is None
        assert "CPU" in probe.system_info
        cpus = [d for d in probe.devices if d.kind == "cpu"]
        assert cpus and cpus[0].total_memory > 0
        assert all(0 <= d.free_memory <= d.total_memory for d in probe.devices)
    else:
        assert probe.error is not None and "llama.cpp could not be loaded" in probe.error
        assert probe.devices == () and not probe.gpu_offload


def test_best_gpu_prefers_a_dedicated_card_with_the_most_memory() -> None:
    gib = 1 << 30
    probe = BackendProbe(
        gpu_offload=True,
        devices=(
            BackendDevice("CPU", "AMD", "cpu", "CPU", 30 * gib, 32 * gib),
            BackendDevice("Vulkan1", "Intel iGPU", "igpu", "Vulkan", 8 * gib, 16 * gib),
            BackendDevice("CUDA0", "NVIDIA RTX 3060", "gpu", "CUDA", 11 * gib, 12 * gib),
        ),
    )
    gpu = probe.best_gpu()
    assert gpu is not None
    assert (gpu.name, gpu.backend, gpu.total_memory, gpu.integrated) == (
        "NVIDIA RTX 3060",
        "cuda",
        12 * gib,
        False,
    )
    metal = BackendProbe(devices=(BackendDevice("MTL0", "Apple M2", "gpu", "Metal", 0, 10 * gib),))
    apple = metal.best_gpu()
    assert apple is not None and apple.integrated and apple.free_memory is None
    assert BackendProbe().best_gpu() is None
