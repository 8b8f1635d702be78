"""The one error type of Ponder's GGUF layer, and the two shapes its messages take.

A :class:`GGUFError` carries a short ``reason`` code (for tests, logs and ``--json``) and a
message written for the user: which file, what is wrong with it, what to do next.
"""

from __future__ import annotations

from pathlib import Path

from ponder.core.phrases import QT_TRANSLATE_NOOP


class GGUFError(ValueError):
    """A GGUF file Ponder will not use. ``reason`` is a short code, ``str()`` the user message."""

    def __init__(self, path: Path, reason: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason


def truncated_error(path: Path, what: str, needed_end: int, file_size: int) -> GGUFError:
    """The error for a file that ends before what its header promises (an interrupted download)."""
    return GGUFError(
        path,
        "truncated",
        QT_TRANSLATE_NOOP(
            "ModelFile",
            "{file} is truncated: the header says the file holds at least "
            "{needed:,} bytes (to reach the end of {what}), but the file ends at byte "
            "{size:,}; the download may be incomplete — download it again.",
        ).format(file=path.name, needed=needed_end, what=what, size=file_size),
    )


def malformed_error(path: Path, reason: str, detail: str) -> GGUFError:
    """The error for a file whose header is not what llama.cpp can safely load."""
    return GGUFError(
        path,
        reason,
        QT_TRANSLATE_NOOP(
            "ModelFile",
            "{file} is not a usable GGUF model: {detail}. The file is damaged or was "
            "not made for llama.cpp; download it again or choose another file.",
        ).format(file=path.name, detail=detail),
    )
