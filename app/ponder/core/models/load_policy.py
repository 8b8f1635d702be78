"""From a model file and the chosen settings to the request that loads it: the one policy the
command line and the desktop app share.

The file's header is read (a file that is not a GGUF is refused with the header reader's own
words), the memory it needs at the chosen context is compared with this machine
(``file_too_large``), and a model that cannot fit is refused with ``ModelTooLarge`` unless the
caller forces it: ``ponder ask --force``, or "Load anyway" in the app.

A model from the catalog starts, unless a context is chosen, with the largest context its card
asks room for that fits here (``starting_context``); when the context leaves less room than the
card recommends for an answer, the plan carries a note the caller shows. The user's custom think
tags travel in the request from here, for the app and the command line alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ponder.core.gguf.header import GGUFHeader, read_header
from ponder.core.gguf.model_info import describe
from ponder.core.models.catalog import Catalog
from ponder.core.models.fit import file_too_large, long_answer_note, starting_context
from ponder.core.models.hardware import HardwareInfo
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.request import LoadRequest

# The context of a model outside the catalog when none is chosen.
DEFAULT_CONTEXT = LoadRequest(model_path="").n_ctx


class ModelTooLarge(Exception):
    """The model cannot fit in this computer's memory at that context.

    ``str(error)`` is written for the user: why, and what to choose instead. How to load it
    anyway is each caller's to add (``--force`` on the command line, a button in the app).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ModelFit",
                "{reason}. Use a smaller model or quantization, or a smaller context size.",
            ).format(reason=reason)
        )
        self.reason = reason


@dataclass(frozen=True, slots=True)
class LoadPlan:
    """The request that loads the model, and the header it was judged by (read once).

    ``too_large``: why it may not fit, when it was forced anyway; None when it fits.
    ``notes``: sentences for the user about this load (a long answer that will not fit).
    """

    request: LoadRequest
    header: GGUFHeader
    too_large: str | None = None
    notes: tuple[str, ...] = ()


def plan_load(
    path: str | Path,
    hardware: HardwareInfo,
    *,
    n_ctx: int | None = None,
    n_threads: int | None = None,
    gpu_layers: int = -1,
    force: bool = False,
    catalog: Catalog | None = None,
    think_tags: tuple[str, str] | None = None,
) -> LoadPlan:
    """The load request for ``path`` at these settings on ``hardware``.

    ``n_ctx`` None: a catalog model (found in ``catalog`` by its file name) starts with
    ``starting_context``, any other file with ``DEFAULT_CONTEXT``. ``think_tags``: the user's
    custom (start, end) think tags, or None for the family's own.
    Raises ``GGUFError`` when the file is not a model (its message says why) and
    ``ModelTooLarge`` when it cannot fit here, unless ``force``.
    """
    header = read_header(path)
    info = describe(header)
    match = catalog.find_file(None, Path(path).name) if catalog is not None else None
    if n_ctx is None:
        n_ctx = DEFAULT_CONTEXT
        if match is not None:
            n_ctx = starting_context(*match, hardware, weights=info.file_size)
    reason = file_too_large(info, hardware, n_ctx)
    if reason and not force:
        raise ModelTooLarge(reason)
    request = LoadRequest(
        model_path=str(path),
        n_ctx=n_ctx,
        n_threads=n_threads,
        gpu_layers=gpu_layers,
        think_tags=think_tags,
    )
    note = long_answer_note(match[0], n_ctx) if match is not None else None
    return LoadPlan(request, header, reason, (note,) if note else ())


__all__ = ["DEFAULT_CONTEXT", "LoadPlan", "ModelTooLarge", "plan_load"]
