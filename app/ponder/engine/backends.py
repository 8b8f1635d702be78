"""Load llama.cpp's dynamically built backends, when the build has them.

A distribution build (``packaging/build_llama.sh``: ``GGML_BACKEND_DL`` with
``GGML_CPU_ALL_VARIANTS``) ships one CPU library per instruction-set level
(``libggml-cpu-haswell.so``, ``ggml-cpu-sandybridge.dll``, …) plus GPU backends as separate
libraries, and ggml picks the best one at run time. llama-cpp-python 0.3.36 never calls
``ggml_backend_load_all``, and ggml's default search covers only the executable's folder and
the working directory — not ``llama_cpp/lib`` inside a bundle — so without this a frozen
Ponder would find no backend at all. A plain (statically registered) build has no variant
libraries and is left alone: loading its CPU backend a second time would register it twice.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

_VARIANT_PATTERNS = ("libggml-cpu-*.so", "libggml-cpu-*.dylib", "ggml-cpu-*.dll")
_GPU_PATTERNS = ("libggml-vulkan*", "libggml-cuda*", "libggml-metal*", "ggml-vulkan*", "ggml-cuda*")


def library_folder() -> Path:
    import llama_cpp

    return Path(llama_cpp.__file__).resolve().parent / "lib"


def has_dynamic_backends(folder: Path) -> bool:
    """True for a GGML_BACKEND_DL build: backend libraries that nothing links against."""
    return any(any(folder.glob(p)) for p in (*_VARIANT_PATTERNS, *_GPU_PATTERNS))


def load_dynamic_backends(folder: Path | None = None) -> bool:
    """Registers every backend library in the folder with ggml. Call it once per process,
    before the first model load (the engine's child does). Returns whether it loaded any."""
    folder = folder or library_folder()
    if not has_dynamic_backends(folder):
        return False
    from llama_cpp import _ggml

    load_all = getattr(_ggml.libggml, "ggml_backend_load_all_from_path", None)
    if load_all is None:  # pragma: no cover - every ggml since 2025 exports it
        return False
    load_all.argtypes = [ctypes.c_char_p]
    load_all.restype = None
    load_all(str(folder).encode())
    return True
