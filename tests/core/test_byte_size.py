"""The one byte-size format."""

from __future__ import annotations

import pytest

from ponder.core.byte_size import size_text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1_000, "1 kB"),
        (98_000_000, "98 MB"),
        (999_000_000, "999 MB"),
        (1_000_000_000, "1.0 GB"),
        (4_683_073_184, "4.7 GB"),
        (12.5e9, "12.5 GB"),
    ],
)
def test_size_text(n: float, text: str) -> None:
    assert size_text(n) == text
