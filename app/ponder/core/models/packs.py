"""Model packs: an installed model, its catalog entry and checksums in one folder (a USB stick),
so a teacher can set up a classroom of machines that have no internet.

A pack folder holds the ``.gguf``, ``ponder-pack.json`` (the model's provenance and its
catalog entry), ``SHA256SUMS`` (checkable with ``sha256sum -c`` without Ponder) and a short
README. Export verifies the installed file while copying it out; import verifies the sha256
and validates the GGUF while copying it in, so a damaged stick never installs a model.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ponder import __version__
from ponder.core.bounded_files import UnreadableFileError, read_json
from ponder.core.downloads.errors import ModelFileError
from ponder.core.downloads.part_files import PartFiles
from ponder.core.downloads.transfer import ProgressCallback
from ponder.core.models.catalog import CatalogEntry, CatalogError, parse_entry
from ponder.core.models.file_hash import sha256_file
from ponder.core.models.local_import import ModelImportError, copy_verified
from ponder.core.models.store import InstalledModel, ModelStore, check_repo_file
from ponder.core.phrases import QT_TRANSLATE_NOOP

MANIFEST = "ponder-pack.json"
SUMS = "SHA256SUMS"
PACK_FORMAT = 1
MANIFEST_MAX_BYTES = 1024 * 1024  # a manifest is a few kilobytes: its catalog entry and names
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*\.gguf$")


class PackError(ModelImportError):
    """A model pack could not be read, exported or installed (its manifest, its files)."""

    kind = "pack"


@dataclass(frozen=True, slots=True)
class PackInfo:
    """What a pack's manifest says."""

    folder: Path
    file: str
    size: int
    sha256: str
    repo: str | None
    revision: str | None
    commit: str | None
    catalog_id: str | None
    quant: str | None
    entry: CatalogEntry | None


def export_pack(
    store: ModelStore,
    model: InstalledModel,
    entry: CatalogEntry | None,
    dest_dir: Path,
    *,
    progress: ProgressCallback | None = None,
) -> Path:
    """Write a pack for ``model`` under ``dest_dir``; returns the pack folder."""
    name = f"{entry.id}-{model.quant}" if entry is not None and model.quant else model.path.stem
    folder = Path(dest_dir) / name
    expected = model.sha256 or sha256_file(model.path, progress)
    digest = copy_verified(
        model.path, folder / model.filename, expected_sha256=expected, progress=progress
    )
    # The copy's lock file means nothing on a stick; leave only what the pack needs.
    lock = PartFiles.of(folder / model.filename).lock
    lock.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        lock.parent.rmdir()  # the .locks folder, when nothing else is locked there
    manifest: dict[str, Any] = {
        "format": PACK_FORMAT,
        "created_by": f"Ponder {__version__}",
        "model": {
            "file": model.filename,
            "size": model.size,
            "sha256": digest,
            "repo": model.repo,
            "revision": model.revision,
            "commit": model.commit,
            "catalog_id": entry.id if entry is not None else model.catalog_id,
            "quant": model.quant,
        },
        "entry": dict(entry.table) if entry is not None else model.entry,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    (folder / SUMS).write_text(f"{digest}  {model.filename}\n", encoding="utf-8")
    title = entry.name if entry is not None else model.filename
    (folder / "README.txt").write_text(
        f"Ponder model pack: {title}\n\n"
        # Read by whoever gets the stick: both ways in (core/ways_out words the others).
        f"To install it on a computer with Ponder:  Models → Import a model pack… in the "
        f'window, or  ponder pack import "{folder.name}"\n'
        f"To check the file without Ponder:         sha256sum -c {SUMS}\n",
        encoding="utf-8",
    )
    return folder


def _field(data: dict[str, Any], key: str, kind: type, optional: bool = True) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise PackError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "The pack's manifest is damaged: {key} is {value!r}.",
            ).format(key=key, value=value)
        )
    return value


def read_pack(folder: Path) -> PackInfo:
    """Read and check a pack's manifest (names, sizes and checksums are all validated)."""
    folder = Path(folder).expanduser()
    try:
        data = read_json(folder / MANIFEST, max_bytes=MANIFEST_MAX_BYTES)
    except FileNotFoundError:
        raise PackError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "{folder} is not a Ponder model pack (it has no {manifest}). Choose the "
                "folder that `ponder pack export` created.",
            ).format(folder=folder, manifest=MANIFEST)
        ) from None
    except (OSError, UnreadableFileError) as exc:
        raise PackError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "The pack's manifest in {folder} cannot be read: {exc}",
            ).format(folder=folder, exc=exc)
        ) from None
    if not isinstance(data, dict) or data.get("format") != PACK_FORMAT:
        raise PackError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "{folder} holds a pack this version of Ponder does not understand.",
            ).format(folder=folder)
        )
    model = data.get("model")
    if not isinstance(model, dict):
        raise PackError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "The pack's manifest in {folder} is damaged (no model).",
            ).format(folder=folder)
        )
    file = _field(model, "file", str, optional=False)
    sha256 = _field(model, "sha256", str, optional=False)
    if not _FILE.match(file) or not _SHA256.match(sha256):
        raise PackError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "The pack's manifest in {folder} is damaged (file name or sha256).",
            ).format(folder=folder)
        )
    repo = _field(model, "repo", str)
    if repo is not None:
        try:
            check_repo_file(repo, file)
        except ModelFileError as exc:
            raise PackError(
                QT_TRANSLATE_NOOP(
                    "ModelImport",
                    "The pack's manifest in {folder} is damaged: {exc}",
                ).format(folder=folder, exc=exc)
            ) from None
    entry = None
    if data.get("entry") is not None:
        try:
            entry = parse_entry(data["entry"], f"{folder / MANIFEST} entry")
        except CatalogError as exc:
            raise PackError(
                QT_TRANSLATE_NOOP(
                    "ModelImport",
                    "The pack's catalog entry is not valid: {exc}",
                ).format(exc=exc)
            ) from None
    return PackInfo(
        folder=folder,
        file=file,
        size=_field(model, "size", int, optional=False),
        sha256=sha256,
        repo=repo,
        revision=_field(model, "revision", str),
        commit=_field(model, "commit", str),
        catalog_id=_field(model, "catalog_id", str),
        quant=_field(model, "quant", str),
        entry=entry,
    )


def import_pack(
    store: ModelStore, folder: Path, *, progress: ProgressCallback | None = None
) -> InstalledModel:
    """Install the model of a pack: sha256 verified and GGUF validated before it is usable."""
    info = read_pack(folder)
    src = info.folder / info.file
    if not src.is_file():
        raise PackError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "The pack in {folder} is missing its model file {file}.",
            ).format(folder=info.folder, file=info.file)
        )
    if src.stat().st_size != info.size:
        raise PackError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "{src} is {actual} bytes, not {size}: the copy on this drive is "
                "incomplete. Copy the pack again.",
            ).format(src=src, actual=src.stat().st_size, size=info.size)
        )
    dest = store.hub_path(info.repo, info.file) if info.repo else store.import_path(info.file)
    digest = copy_verified(src, dest, expected_sha256=info.sha256, progress=progress)
    return store.record_install(
        dest,
        sha256=digest,
        source="pack",
        repo=info.repo,
        revision=info.revision,
        commit=info.commit,
        catalog_id=info.catalog_id,
        quant=info.quant,
        original_path=str(src),
        entry=dict(info.entry.table) if info.entry is not None else None,
    )


__all__ = ["MANIFEST", "SUMS", "PackError", "PackInfo", "export_pack", "import_pack", "read_pack"]
