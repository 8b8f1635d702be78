"""Ask llama.cpp what it can run on, from a short-lived child process.

Importing llama_cpp loads the native library and initialises its backends (a GPU driver among
them), which can hang, abort or take a second; none of that belongs in the app's process. The
probe spawns a child, which imports llama_cpp and reports:

* ``llama_supports_gpu_offload()`` and ``llama_print_system_info()`` (public bindings);
* the ggml backend devices (name, description, type, free/total memory). llama-cpp-python
  0.3.36 does not bind ``ggml_backend_dev_*``, but they are exported by the ggml library it
  loads, so the child declares their C signatures (``ggml-backend.h``) with ctypes on the
  same library handle. If a build lacks them, the device list is simply empty.

Only plain, picklable data comes back (``BackendProbe``).
"""

from __future__ import annotations

import ctypes
import multiprocessing
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from ponder.core.models.hardware import GpuInfo

# enum ggml_backend_dev_type, in ggml-backend.h order.
_DEVICE_KINDS = ("cpu", "gpu", "igpu", "accel", "meta")
_BACKENDS = {
    "cuda": "cuda",
    "metal": "metal",
    "mtl": "metal",
    "vulkan": "vulkan",
    "rocm": "rocm",
    "hip": "rocm",
    "sycl": "sycl",
    "opencl": "opencl",
}


@dataclass(frozen=True, slots=True)
class BackendDevice:
    """One ggml backend device (``kind``: cpu, gpu, igpu, accel, meta or unknown)."""

    name: str
    description: str
    kind: str
    backend: str
    free_memory: int
    total_memory: int


@dataclass(frozen=True, slots=True)
class BackendProbe:
    """What llama.cpp reported. ``error`` is user text when the probe itself failed."""

    gpu_offload: bool = False
    system_info: str = ""
    devices: tuple[BackendDevice, ...] = ()
    error: str | None = None

    def best_gpu(self) -> GpuInfo | None:
        """The GPU with the most memory (dedicated preferred), as the fit estimate wants it."""
        gpus = [d for d in self.devices if d.kind in ("gpu", "igpu")]
        if not gpus:
            return None
        best = max(gpus, key=lambda d: (d.kind == "gpu", d.total_memory))
        backend = _BACKENDS.get(best.backend.lower(), best.backend.lower() or "other")
        return GpuInfo(
            name=best.description or best.name,
            backend=backend,
            total_memory=best.total_memory,
            free_memory=best.free_memory or None,
            integrated=best.kind == "igpu" or backend == "metal",
        )


def _declare(lib: Any) -> bool:
    """Declare the ggml device API on ``lib``; False when this build does not export it."""
    names = (
        "ggml_backend_dev_count",
        "ggml_backend_dev_get",
        "ggml_backend_dev_name",
        "ggml_backend_dev_description",
        "ggml_backend_dev_memory",
        "ggml_backend_dev_type",
        "ggml_backend_dev_backend_reg",
        "ggml_backend_reg_name",
    )
    if not all(hasattr(lib, n) for n in names):
        return False
    ptr, size_t = ctypes.c_void_p, ctypes.c_size_t
    lib.ggml_backend_dev_count.restype, lib.ggml_backend_dev_count.argtypes = size_t, []
    lib.ggml_backend_dev_get.restype, lib.ggml_backend_dev_get.argtypes = ptr, [size_t]
    for name in ("ggml_backend_dev_name", "ggml_backend_dev_description"):
        getattr(lib, name).restype, getattr(lib, name).argtypes = ctypes.c_char_p, [ptr]
    lib.ggml_backend_dev_memory.restype = None
    lib.ggml_backend_dev_memory.argtypes = [ptr, ctypes.POINTER(size_t), ctypes.POINTER(size_t)]
    lib.ggml_backend_dev_type.restype, lib.ggml_backend_dev_type.argtypes = ctypes.c_int, [ptr]
    lib.ggml_backend_dev_backend_reg.restype = ptr
    lib.ggml_backend_dev_backend_reg.argtypes = [ptr]
    lib.ggml_backend_reg_name.restype, lib.ggml_backend_reg_name.argtypes = ctypes.c_char_p, [ptr]
    return True


def _text(raw: bytes | None) -> str:
    return raw.decode("utf-8", "replace") if raw else ""


def list_devices(lib: Any) -> tuple[BackendDevice, ...]:
    """The ggml backend devices of a loaded llama.cpp library (empty if not exported)."""
    if not _declare(lib):
        return ()
    devices = []
    for index in range(int(lib.ggml_backend_dev_count())):
        dev = lib.ggml_backend_dev_get(index)
        if not dev:
            continue
        free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
        lib.ggml_backend_dev_memory(dev, ctypes.byref(free), ctypes.byref(total))
        kind_code = int(lib.ggml_backend_dev_type(dev))
        reg = lib.ggml_backend_dev_backend_reg(dev)
        devices.append(
            BackendDevice(
                name=_text(lib.ggml_backend_dev_name(dev)),
                description=_text(lib.ggml_backend_dev_description(dev)),
                kind=_DEVICE_KINDS[kind_code] if 0 <= kind_code < len(_DEVICE_KINDS) else "unknown",
                backend=_text(lib.ggml_backend_reg_name(reg)) if reg else "",
                free_memory=int(free.value),
                total_memory=int(total.value),
            )
        )
    return tuple(devices)


def collect() -> BackendProbe:
    """Runs in the child: import llama_cpp and ask it."""
    import llama_cpp

    low_level: Any = llama_cpp.llama_cpp
    info = low_level.llama_print_system_info()
    lib = getattr(low_level, "_lib", None)
    return BackendProbe(
        gpu_offload=bool(low_level.llama_supports_gpu_offload()),
        system_info=_text(info) if isinstance(info, bytes) else str(info),
        devices=list_devices(lib) if lib is not None else (),
    )


def _child(conn: Connection) -> None:
    try:
        result = collect()
    except Exception as exc:  # the parent gets a reason, not a traceback
        result = BackendProbe(error=f"llama.cpp could not be loaded: {exc}")
    conn.send(result)
    conn.close()


def probe_backend(timeout_s: float = 60.0) -> BackendProbe:
    """Run the probe in a spawned child and wait for it (at most ``timeout_s``)."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(child,), name="ponder-backend-probe", daemon=True)
    process.start()
    child.close()
    try:
        if parent.poll(timeout_s):
            try:
                result: BackendProbe = parent.recv()
                return result
            except (EOFError, OSError):
                pass
        process.join(1.0)
        if process.is_alive():
            return BackendProbe(error=f"llama.cpp did not answer within {timeout_s:.0f} s.")
        return BackendProbe(
            error=f"llama.cpp crashed while starting (exit code {process.exitcode}); "
            "the app will run models on the CPU only if it can load them at all."
        )
    finally:
        parent.close()
        if process.is_alive():
            process.kill()
        process.join(5.0)


__all__ = ["BackendDevice", "BackendProbe", "collect", "list_devices", "probe_backend"]
