"""How Ponder writes a number of bytes for people: ``4.7 GB``, ``98 MB``, ``12 kB``, ``512 B``.

Decimal units (1 GB = 10⁹ bytes), as model hubs and file managers show download sizes. One
format for the window, the command line and the messages in core.
"""

from __future__ import annotations


def size_text(n: float) -> str:
    """``n`` bytes in the largest decimal unit that keeps at least one whole unit."""
    if n >= 1e9:
        return f"{n / 1e9:.1f} GB"
    if n >= 1e6:
        return f"{n / 1e6:.0f} MB"
    if n >= 1e3:
        return f"{n / 1e3:.0f} kB"
    return f"{n:.0f} B"
