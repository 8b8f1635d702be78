"""Getting a model from the hub into the models folder: the steps around the transfer.

Fit check (refuse before the first byte, unless forced) → hub metadata → which sha256 the file
must have (the catalog's pin wins; a hub file that differs from the pin is drift, refused) →
``download_file`` (resumable, verified, validated by the GGUF validator) → a record beside the
file. Used by ``ponder download`` and by the GUI's download button alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ponder.core.byte_size import size_text
from ponder.core.downloads.errors import DriftError, TooLargeError, UnverifiableError
from ponder.core.downloads.hub import Hub
from ponder.core.downloads.transfer import (
    DownloadResult,
    ProgressCallback,
    RetryPolicy,
    TransferControl,
    download_file,
)
from ponder.core.gguf.validate import validate_gguf
from ponder.core.models.catalog import CatalogEntry, Quant
from ponder.core.models.fit import GIB, Fit, assess_fit
from ponder.core.models.hardware import HardwareInfo
from ponder.core.models.store import InstalledModel, ModelStore
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.ways_out import COMMAND_LINE, WaysOut


@dataclass(frozen=True, slots=True)
class Installed:
    """The installed model, and the transfer's figures (None when it was already there)."""

    model: InstalledModel
    transfer: DownloadResult | None


def refuse_if_too_large(
    entry: CatalogEntry | None,
    quant: Quant | None,
    hw: HardwareInfo,
    size: int,
    n_ctx: int | None = None,
    *,
    ways_out: WaysOut = COMMAND_LINE,
) -> Fit | None:
    """Raise ``TooLargeError`` when the model cannot run here (its advice in the words of
    ``ways_out``). Without a catalog entry (a plain REPO FILE) the architecture is unknown,
    so only the weights are weighed."""
    if entry is not None and quant is not None:
        fit = assess_fit(entry, quant, hw, n_ctx, weights=size)
        if not fit.runs:
            raise TooLargeError(
                QT_TRANSLATE_NOOP(
                    "Downloads",
                    "{model} {quant} will not run on this computer: {reason}. {way_out}",
                ).format(
                    model=entry.name,
                    quant=quant.name,
                    reason=fit.reason,
                    way_out=ways_out.smaller_model,
                )
            )
        return fit
    gpu = hw.gpu.usable_memory if hw.gpu is not None and hw.gpu_offload else 0
    budget = max(int(hw.total_ram * 0.8), gpu)
    if size + GIB > budget:
        raise TooLargeError(
            QT_TRANSLATE_NOOP(
                "Downloads",
                "This file is {size}, too large for this computer's {ram} of memory. {way_out}",
            ).format(
                size=size_text(size),
                ram=size_text(hw.total_ram),
                way_out=ways_out.download_anyway,
            )
        )
    return None


def install_from_hub(
    store: ModelStore,
    hub: Hub,
    repo: str,
    filename: str,
    *,
    revision: str | None = None,
    entry: CatalogEntry | None = None,
    quant: Quant | None = None,
    hw: HardwareInfo | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
    control: TransferControl | None = None,
    retry: RetryPolicy | None = None,
) -> Installed:
    """Download one file (a catalog quant when ``entry``/``quant`` are given) and record it.

    ``hw`` enables the fit refusal; ``force`` skips it and re-downloads an installed file.
    """
    dest = store.hub_path(repo, filename)
    pinned = quant.sha256 if quant is not None else None
    if hw is not None and not force:
        refuse_if_too_large(entry, quant, hw, quant.size if quant else 0, ways_out=hub.ways_out)
    if dest.is_file() and not force:
        existing = store.read(dest)
        if existing.sha256 is not None and (pinned is None or existing.sha256 == pinned):
            return Installed(existing, None)
    remote = hub.file_info(repo, filename, revision)
    sha256 = pinned or remote.sha256
    if pinned and remote.sha256 and remote.sha256 != pinned:
        raise DriftError(
            QT_TRANSLATE_NOOP(
                "Downloads",
                "The hub's {filename} in {repo} is not the file the catalog was reviewed "
                "with (sha256 {sha256}, the catalog pins {pinned}). Ponder will not "
                "download it; {way_out}.",
            ).format(
                filename=filename,
                repo=repo,
                sha256=remote.sha256,
                pinned=pinned,
                way_out=hub.ways_out.catalog_drift,
            )
        )
    size = remote.size if remote.size is not None else (quant.size if pinned and quant else None)
    if sha256 is None or size is None:
        raise UnverifiableError(
            QT_TRANSLATE_NOOP(
                "Downloads",
                "{endpoint} gave no sha256 or size for {filename}, so Ponder could not "
                "verify the download. Use the official hub or a mirror that serves LFS "
                "metadata.",
            ).format(endpoint=remote.endpoint, filename=filename)
        )
    if hw is not None and not force:
        refuse_if_too_large(entry, quant, hw, size, ways_out=hub.ways_out)
    result = download_file(
        remote.url,
        dest,
        size=size,
        sha256=sha256,
        headers=hub.headers(),
        identity={
            "repo": repo,
            "filename": filename,
            "revision": remote.revision,
            "commit": remote.commit,
            "etag": remote.etag,
        },
        progress=progress,
        control=control,
        retry=retry,
        validate=validate_gguf,
        ways_out=hub.ways_out,
    )
    model = store.record_install(
        Path(result.path),
        sha256=result.sha256,
        source="hub",
        repo=repo,
        revision=remote.revision,
        commit=remote.commit,
        catalog_id=entry.id if entry else None,
        quant=quant.name if quant else None,
    )
    return Installed(model, result)


def install_catalog_model(
    store: ModelStore, hub: Hub, entry: CatalogEntry, quant: Quant, **options: object
) -> Installed:
    """``install_from_hub`` for a catalog entry (its repo, pinned revision and sha256)."""
    if entry.repo is None:
        raise UnverifiableError(
            QT_TRANSLATE_NOOP(
                "Downloads",
                "{model} is not downloaded: it comes with Ponder (the {package} package).",
            ).format(model=entry.name, package=entry.package)
        )
    return install_from_hub(
        store,
        hub,
        entry.repo,
        quant.file,
        revision=entry.revision,
        entry=entry,
        quant=quant,
        **options,  # type: ignore[arg-type]
    )


__all__ = ["Installed", "install_catalog_model", "install_from_hub", "refuse_if_too_large"]
