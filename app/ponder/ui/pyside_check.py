"""Refuses a PySide6 build known to crash the app: 6.12.0 on Python 3.11.

That release returns ``None`` from every void method, and ``True``/``False`` from
``SignalInstance.emit()``, without a new reference. Python 3.12+ makes these objects immortal
and never notices; on 3.11 each call takes a reference away, and after some thousands of
calls — a minute of streaming — the interpreter aborts ("Fatal Python error: none_dealloc").
It cannot be patched around from Python (every void call leaks), so the app says so and
stops instead of crashing later. PySide6 6.11.3 and earlier are fine; pyproject.toml keeps
PySide6-Essentials below 6.12 until a fixed release is verified.
"""

from __future__ import annotations

import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject

_PROBES = 16


def leaks_references() -> bool:
    """Whether calling a void method here takes a reference from ``None`` (measured)."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= _PROBES


def broken_pyside_message() -> str:
    """ "" when PySide6 is usable; else what is wrong and what to do, for the user."""
    if not leaks_references():
        return ""
    return (
        f"PySide6 {pyside_version} has a reference-counting bug on Python "
        f"{sys.version_info.major}.{sys.version_info.minor} that crashes Ponder after a minute "
        "of use. Install an earlier release: pip install 'PySide6-Essentials<6.12' (or run "
        "Ponder on Python 3.12 or newer)."
    )
