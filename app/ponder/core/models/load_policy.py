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

A speculating load may take a draft model (``DraftChoice``). Automatic: the catalog's pair for
the model (``draft_pair.installed_draft``), when it is installed, its tokenizer agrees with the
model's and the two fit in memory together (``fit.pair_too_large``); otherwise no draft model,
and a note says why when one was there to be had. A file the person names is held to the same
checks, but one that cannot draft is an error (``DraftModelError``), and one that does not fit
beside the model is refused like a model too large (``ModelTooLarge``, unless forced).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ponder.core.gguf.errors import GGUFError
from ponder.core.gguf.header import GGUFHeader, read_header
from ponder.core.gguf.model_info import ModelInfo, describe
from ponder.core.models.catalog import Catalog, CatalogEntry, Quant
from ponder.core.models.draft_pair import installed_draft, tokenizer_mismatch
from ponder.core.models.fit import (
    file_too_large,
    long_answer_note,
    pair_too_large,
    starting_context,
)
from ponder.core.models.hardware import HardwareInfo
from ponder.core.models.store import InstalledModel
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.request import LoadRequest

# The context of a model outside the catalog when none is chosen.
DEFAULT_CONTEXT = LoadRequest(model_path="").n_ctx

# Which draft model a speculating load uses: "auto", the catalog's pair for the model when it is
# installed and fits; "none", drafts from the context only; a path, that file.
DraftChoice = Literal["auto", "none"] | Path


class DraftModelError(Exception):
    """A draft model the person named cannot draft for the model (not a model file, another
    tokenizer, not smaller). ``str(error)`` is written for the user."""


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
    speculate: bool = False,
    draft_model: DraftChoice = "auto",
    installed: Iterable[InstalledModel] = (),
) -> LoadPlan:
    """The load request for ``path`` at these settings on ``hardware``.

    ``n_ctx`` None: a catalog model (found in ``catalog`` by its file name) starts with
    ``starting_context``, any other file with ``DEFAULT_CONTEXT``. ``think_tags``: the user's
    custom (start, end) think tags, or None for the family's own. ``speculate``: draft tokens
    and verify them in one batch; ``draft_model`` then says which draft model proposes them
    besides the context (``DraftChoice``), ``installed`` being the models folder's scan, where
    "auto" looks for the catalog's pair.
    Raises ``GGUFError`` when the file is not a model (its message says why),
    ``ModelTooLarge`` when it (with a named draft model) cannot fit here, unless ``force``, and
    ``DraftModelError`` when a named draft model cannot draft for it.
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
    notes: list[str] = []
    note = long_answer_note(match[0], n_ctx) if match is not None else None
    if note:
        notes.append(note)
    draft_path: str | None = None
    model = _Model(header, info, match, hardware, n_ctx)
    if speculate and isinstance(draft_model, Path):
        draft_path, pair_reason = _named_draft(model, draft_model, catalog)
        if pair_reason and not reason:
            if not force:
                raise ModelTooLarge(pair_reason)
            reason = pair_reason
    # A model forced past its memory gets no second one beside it.
    elif speculate and draft_model == "auto" and catalog is not None and not reason:
        draft_path, note = _automatic_draft(model, catalog, installed)
        if note:
            notes.append(note)
    request = LoadRequest(
        model_path=str(path),
        n_ctx=n_ctx,
        n_threads=n_threads,
        gpu_layers=gpu_layers,
        think_tags=think_tags,
        speculate=speculate,
        draft_model_path=draft_path,
    )
    return LoadPlan(request, header, reason, tuple(notes))


@dataclass(frozen=True, slots=True)
class _Model:
    """The model a draft model is judged against: its header, description, catalog entry (if
    any), and where and at which context it runs."""

    header: GGUFHeader
    info: ModelInfo
    match: tuple[CatalogEntry, Quant] | None
    hardware: HardwareInfo
    n_ctx: int

    @property
    def name(self) -> str:
        return self.match[0].name if self.match is not None else self.info.path.name


def _automatic_draft(
    model: _Model, catalog: Catalog, installed: Iterable[InstalledModel]
) -> tuple[str | None, str | None]:
    """The catalog pair's file, or None and why not (no note: there is no pair installed)."""
    pair = installed_draft(catalog, model.match[0], installed) if model.match else None
    if pair is None:
        return None, None
    entry, draft_file = pair
    try:
        draft_header = read_header(draft_file)
    except GGUFError as exc:
        return None, QT_TRANSLATE_NOOP(
            "DraftModel", "{draft} would speed up the thinking, but it cannot be read: {problem}"
        ).format(draft=entry.name, problem=str(exc))
    mismatch = tokenizer_mismatch(model.header, draft_header)
    if mismatch:
        return None, QT_TRANSLATE_NOOP(
            "DraftModel", "{draft} cannot draft for this model's file: {mismatch}"
        ).format(draft=entry.name, mismatch=mismatch)
    too_large = pair_too_large(
        model.info, describe(draft_header), model.hardware, model.n_ctx, entry.name
    )
    if too_large:
        return None, QT_TRANSLATE_NOOP(
            "DraftModel", "{draft} would speed up the thinking, but it is left out: {reason}"
        ).format(draft=entry.name, reason=too_large)
    return str(draft_file), None


def _named_draft(
    model: _Model, draft_file: Path, catalog: Catalog | None
) -> tuple[str, str | None]:
    """The file the person named as draft model, and why the two may not fit (None: they
    fit); ``DraftModelError`` when it cannot draft for the model."""
    try:
        draft_header = read_header(draft_file)
    except GGUFError as exc:
        raise DraftModelError(
            QT_TRANSLATE_NOOP("DraftModel", "The draft model cannot be used: {problem}").format(
                problem=str(exc)
            )
        ) from None
    draft_match = catalog.find_file(None, draft_file.name) if catalog is not None else None
    name = draft_match[0].name if draft_match is not None else draft_file.name
    if draft_file.resolve() == model.info.path.resolve():
        raise DraftModelError(
            QT_TRANSLATE_NOOP(
                "DraftModel",
                "{draft} is the model itself; a draft model is a smaller model with the same "
                "tokenizer.",
            ).format(draft=name)
        )
    mismatch = tokenizer_mismatch(model.header, draft_header)
    if mismatch:
        raise DraftModelError(
            QT_TRANSLATE_NOOP(
                "DraftModel",
                "{draft} cannot draft for {model}: {mismatch}. A draft model needs the "
                "model's own tokenizer.",
            ).format(draft=name, model=model.name, mismatch=mismatch)
        )
    draft_info = describe(draft_header)
    if not _smaller(draft_info, draft_match, model):
        raise DraftModelError(
            QT_TRANSLATE_NOOP(
                "DraftModel",
                "{draft} is not smaller than {model}, so drafting with it would not save "
                "time; choose a smaller model of the same family.",
            ).format(draft=name, model=model.name)
        )
    reason = pair_too_large(model.info, draft_info, model.hardware, model.n_ctx, name)
    return str(draft_file), reason


def _smaller(
    draft: ModelInfo, draft_match: tuple[CatalogEntry, Quant] | None, model: _Model
) -> bool:
    """Whether the draft model is the smaller one: by the catalog's parameters where both
    are catalog models, else by the parameters the tensors hold, else by file size."""
    if draft_match is not None and model.match is not None:
        return draft_match[0].params_b < model.match[0].params_b
    if draft.parameter_count is not None and model.info.parameter_count is not None:
        return draft.parameter_count < model.info.parameter_count
    return draft.file_size < model.info.file_size


__all__ = [
    "DEFAULT_CONTEXT",
    "DraftChoice",
    "DraftModelError",
    "LoadPlan",
    "ModelTooLarge",
    "plan_load",
]
