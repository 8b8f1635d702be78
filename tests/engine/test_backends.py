"""Dynamic llama.cpp backends are loaded only for builds that have them."""

from __future__ import annotations

from pathlib import Path

from ponder.engine.backends import has_dynamic_backends, library_folder, load_dynamic_backends


def test_this_plain_build_links_its_cpu_backend_and_loads_nothing() -> None:
    folder = library_folder()
    assert any(folder.glob("*ggml-cpu*")), "the installed llama_cpp has no CPU backend library"
    assert not has_dynamic_backends(folder)
    assert load_dynamic_backends(folder) is False


def test_a_folder_of_cpu_variants_is_a_dynamic_build(tmp_path: Path) -> None:
    for name in ("libggml-cpu-haswell.so", "libggml-cpu-sandybridge.so"):
        (tmp_path / name).write_bytes(b"")
    assert has_dynamic_backends(tmp_path)
    (other := tmp_path / "win").mkdir()
    (other / "ggml-vulkan.dll").write_bytes(b"")
    assert has_dynamic_backends(other)
