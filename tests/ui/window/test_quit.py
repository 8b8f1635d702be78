"""Quitting is quiet: no Qt warning about objects deleted behind its back (#13 item 10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHILD = Path(__file__).with_name("quit_after_dialogs_child.py")


def test_quitting_after_the_dialogs_leaves_no_qt_warning() -> None:
    """Settings left as a child of the window until quit made Qt print "QObject: shared
    QObject was deleted directly. The program is malformed and may crash." (and at times
    abort in malloc)."""
    names = ["settings", "model_manager", "settings"]
    result = subprocess.run(
        [sys.executable, str(CHILD), *names],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    assert "QObject" not in result.stderr, result.stderr
    assert "malformed" not in result.stderr
