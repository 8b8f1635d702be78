"""Runs the ``ponder`` command as a user would: a separate process, output captured."""

from __future__ import annotations

import os
import subprocess
import sys


def run_ponder(*args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m ponder.cli ARGS`` with this test's environment (its PONDER_HOME) plus ``env``."""
    return subprocess.run(
        [sys.executable, "-m", "ponder.cli", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ, **env),
        timeout=timeout,
        check=False,
    )
