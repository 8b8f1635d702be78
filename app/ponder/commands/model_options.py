"""Options and set-up shared by the model-management commands (models, download, import,
catalog, pack): the catalog file, the hub endpoint, the hardware snapshot, progress output."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from ponder.commands import UserError
from ponder.core.downloads.transfer import Progress
from ponder.core.models.catalog import Catalog, CatalogError, load_catalog
from ponder.core.models.hardware import HardwareInfo, detect_hardware
from ponder.core.models.store import ModelStore
from ponder.core.paths import AppPaths


def add_catalog_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalog", metavar="PATH", help="use this catalog file instead of Ponder's own"
    )


def add_endpoint_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help="hub address (default: HF_ENDPOINT or https://huggingface.co)",
    )


def add_probe_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-gpu-probe",
        action="store_true",
        help="do not start llama.cpp to look for a GPU (assume CPU only)",
    )


def catalog(args: argparse.Namespace) -> Catalog:
    try:
        return load_catalog(getattr(args, "catalog", None))
    except CatalogError as exc:
        raise UserError(str(exc)) from None


def store() -> ModelStore:
    return ModelStore(AppPaths.from_environment().ensure().models)


def hardware(args: argparse.Namespace, models: ModelStore) -> HardwareInfo:
    """This machine, with the GPU as llama.cpp sees it (unless --no-gpu-probe)."""
    if getattr(args, "no_gpu_probe", False):
        return detect_hardware(models.root)
    from ponder.engine.backend_probe import probe_backend

    probe = probe_backend()
    hw = detect_hardware(
        models.root,
        gpu=probe.best_gpu(),
        gpu_offload=probe.gpu_offload,
        llama_system_info=probe.system_info or None,
    )
    if probe.error:
        hw = HardwareInfo(**{**_fields(hw), "notes": (*hw.notes, probe.error)})
    return hw


def _fields(hw: HardwareInfo) -> dict[str, Any]:
    return {name: getattr(hw, name) for name in HardwareInfo.__dataclass_fields__}


class ProgressBar:
    """A terminal progress bar (tqdm) for ``Progress`` reports; silent when not a terminal."""

    def __init__(self, label: str, out: TextIO | None = None) -> None:
        self.label = label
        self.out = out if out is not None else sys.stderr  # looked up now: tests swap it
        self.bar: Any = None
        self.phase = ""

    def __call__(self, progress: Progress) -> None:
        from tqdm import tqdm

        if progress.phase != self.phase:
            self.close()
            self.phase = progress.phase
            desc = {
                "checking": "checking the partial file",
                "downloading": self.label,
                "verifying": "verifying",
            }[progress.phase]
            self.bar = tqdm(
                total=progress.total,
                initial=progress.done,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                desc=desc,
                file=self.out,
                disable=None,
                leave=False,
                dynamic_ncols=True,
            )
        if self.bar is not None:
            self.bar.update(progress.done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
