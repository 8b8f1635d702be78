"""From a model file and the chosen settings to the request that loads it: the one policy the
command line and the desktop app share.

The file's header is read (a file that is not a GGUF is refused with the header reader's own
words), the memory it needs at the chosen context is compared with this machine
(``file_too_large``), and a model that cannot fit is refused with ``ModelTooLarge`` unless the
caller forces it: ``ponder ask --force``, or "Load anyway" in the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ponder.core.gguf.header import GGUFHeader, read_header
from ponder.core.gguf.model_info import describe
from ponder.core.models.fit import file_too_large
from ponder.core.models.hardware import HardwareInfo
from ponder.core.request import LoadRequest


class ModelTooLarge(Exception):
    """The model cannot fit in this computer's memory at that context.

    ``str(error)`` is written for the user: why, and what to choose instead. How to load it
    anyway is each caller's to add (``--force`` on the command line, a button in the app).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"{reason}. Use a smaller model or quantization, or a smaller context size."
        )
        self.reason = reason


@dataclass(frozen=True, slots=True)
class LoadPlan:
    """The request that loads the model, and the header it was judged by (read once).

    ``too_large``: why it may not fit, when it was forced anyway; None when it fits.
    """

    request: LoadRequest
    header: GGUFHeader
    too_large: str | None = None


def plan_load(
    path: str | Path,
    hardware: HardwareInfo,
    *,
    n_ctx: int,
    n_threads: int | None = None,
    gpu_layers: int = -1,
    force: bool = False,
) -> LoadPlan:
    """The load request for ``path`` at these settings on ``hardware``.

    Raises ``GGUFError`` when the file is not a model (its message says why) and
    ``ModelTooLarge`` when it cannot fit here, unless ``force``.
    """
    header = read_header(path)
    reason = file_too_large(describe(header), hardware, n_ctx)
    if reason and not force:
        raise ModelTooLarge(reason)
    request = LoadRequest(
        model_path=str(path), n_ctx=n_ctx, n_threads=n_threads, gpu_layers=gpu_layers
    )
    return LoadPlan(request, header, reason)


__all__ = ["LoadPlan", "ModelTooLarge", "plan_load"]
