"""What this computer has to run a model with: memory, cores, instruction sets, disk, GPU.

Everything here is read without llama.cpp (psutil, ``/proc/cpuinfo``, ``sysctl``). What only
llama.cpp knows — whether this build can offload to a GPU, which GPU and how much memory it
has, llama.cpp's own system-info line — comes from the engine's backend probe
(``ponder.engine.backend_probe``) and is passed in as plain data.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import psutil

GpuBackend = Literal["cuda", "metal", "vulkan", "rocm", "sycl", "opencl", "other"]

# Instruction sets that matter to llama.cpp's CPU kernels, as /proc/cpuinfo and llama.cpp's
# system-info line spell them (lower-cased).
INTERESTING_FLAGS = (
    "sse3",
    "ssse3",
    "avx",
    "avx2",
    "f16c",
    "fma",
    "bmi2",
    "avx_vnni",
    "avx512f",
    "avx512bw",
    "avx512vl",
    "avx512_vnni",
    "avx512_bf16",
    "amx_int8",
    "neon",
    "arm_fma",
    "fp16_va",
    "dotprod",
    "i8mm",
    "sve",
    "sme",
)


@dataclass(frozen=True, slots=True)
class GpuInfo:
    """A GPU llama.cpp can offload to, as the engine's backend probe found it.

    ``integrated``: the GPU shares system memory (Apple silicon, iGPUs), so the model's memory
    comes out of RAM too. ``free_memory`` is None when the backend cannot tell.
    """

    name: str
    backend: str
    total_memory: int
    free_memory: int | None = None
    integrated: bool = False

    @property
    def usable_memory(self) -> int:
        return self.free_memory if self.free_memory is not None else self.total_memory


@dataclass(frozen=True, slots=True)
class HardwareInfo:
    """A snapshot of this machine, for the fit estimate and for ``ponder models --json``."""

    total_ram: int
    available_ram: int
    physical_cores: int
    logical_cores: int
    cpu_name: str
    cpu_flags: frozenset[str]
    os_name: str
    machine: str
    models_free_disk: int | None = None
    gpu: GpuInfo | None = None
    gpu_offload: bool = False
    llama_system_info: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["cpu_flags"] = interesting_flags(self.cpu_flags)
        data["notes"] = list(self.notes)
        return data


def flags_from_system_info(text: str) -> frozenset[str]:
    """The instruction sets llama.cpp reports as enabled in ``llama_print_system_info()``
    (``"CPU : SSE3 = 1 | AVX2 = 1 | ..."``), lower-cased."""
    return frozenset(
        name.lower()
        for name, value in re.findall(r"([A-Za-z0-9_]+)\s*=\s*(\d+)", text)
        if value != "0"
    )


def _proc_cpuinfo() -> tuple[str, frozenset[str]]:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "", frozenset()
    name = ""
    flags: set[str] = set()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip().lower()
        if key in {"model name", "hardware", "cpu model"} and not name:
            name = value.strip()
        elif key in {"flags", "features"}:  # x86 | arm
            flags.update(value.split())
    if {"asimd"} & flags:
        flags.add("neon")
    if "asimddp" in flags:
        flags.add("dotprod")
    if "avx_vnni" not in flags and "avxvnni" in flags:
        flags.add("avx_vnni")
    if "pni" in flags:
        flags.add("sse3")
    return name, frozenset(flags)


def _sysctl(name: str) -> str:
    try:
        out = subprocess.run(
            ["sysctl", "-n", name], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def _mac_cpu() -> tuple[str, frozenset[str]]:
    name = _sysctl("machdep.cpu.brand_string")
    flags = {
        f.lower().replace(".", "_")
        for f in (
            _sysctl("machdep.cpu.features") + " " + _sysctl("machdep.cpu.leaf7_features")
        ).split()
    }
    if platform.machine() == "arm64":
        flags.update({"neon", "arm_fma", "fp16_va", "dotprod"})
        if _sysctl("hw.optional.arm.FEAT_I8MM") == "1":
            flags.add("i8mm")
    return name, frozenset(flags)


def detect_cpu() -> tuple[str, frozenset[str]]:
    """The CPU's name and instruction-set flags (lower-case), as far as the OS tells."""
    system = platform.system()
    if system == "Linux":
        name, flags = _proc_cpuinfo()
    elif system == "Darwin":
        name, flags = _mac_cpu()
    else:
        # Windows has no flag list without WMI/cpuid; llama.cpp's system info fills it in.
        name, flags = platform.processor(), frozenset()
    return name or platform.processor() or platform.machine(), flags


def free_disk(path: Path) -> int | None:
    """Free bytes on the filesystem that holds ``path`` (or its nearest existing parent)."""
    probe = Path(path).absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free
    except OSError:
        return None


def detect_hardware(
    models_dir: Path | None = None,
    *,
    gpu: GpuInfo | None = None,
    gpu_offload: bool = False,
    llama_system_info: str | None = None,
) -> HardwareInfo:
    """Read this machine's resources. The GPU fields come from the engine's backend probe."""
    memory = psutil.virtual_memory()
    logical = psutil.cpu_count(logical=True) or os.cpu_count() or 1
    physical = psutil.cpu_count(logical=False) or logical
    cpu_name, flags = detect_cpu()
    notes: list[str] = []
    if llama_system_info:
        flags = flags | flags_from_system_info(llama_system_info)
    if gpu is not None and not gpu_offload:
        notes.append("A GPU was found, but this llama.cpp build cannot offload to it.")
    return HardwareInfo(
        total_ram=int(memory.total),
        available_ram=int(memory.available),
        physical_cores=int(physical),
        logical_cores=int(logical),
        cpu_name=cpu_name,
        cpu_flags=frozenset(f.lower() for f in flags),
        os_name=platform.system(),
        machine=platform.machine(),
        models_free_disk=free_disk(models_dir) if models_dir is not None else None,
        gpu=gpu if gpu_offload else None,
        gpu_offload=gpu_offload,
        llama_system_info=llama_system_info,
        notes=tuple(notes),
    )


def interesting_flags(flags: Iterable[str]) -> list[str]:
    """The flags worth showing a user, in a stable order."""
    present = set(flags)
    return [f for f in INTERESTING_FLAGS if f in present]


__all__ = [
    "GpuInfo",
    "HardwareInfo",
    "detect_cpu",
    "detect_hardware",
    "flags_from_system_info",
    "free_disk",
    "interesting_flags",
]
