"""Adding a GGUF from this computer (``ponder import PATH``, drag-and-drop) to the models folder.

The source is validated before anything is copied; the copy goes to a ``.part`` beside its
destination while being hashed, is re-validated, and is renamed into place only at the end,
so an interrupted copy or a full disk never leaves a half file that looks like a model.
Model packs (``ponder.core.models.packs``) use the same verified copy with an expected sha256.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from ponder.core.downloads.control import Progress, ProgressCallback, TransferControl
from ponder.core.downloads.errors import (
    ChecksumMismatchError,
    DiskFullError,
    InvalidModelError,
    ModelFileError,
)
from ponder.core.downloads.part_files import COPIED_IN, PartFiles, exclusive
from ponder.core.gguf.validate import validate_gguf
from ponder.core.models.catalog import Catalog
from ponder.core.models.file_hash import BLOCK, sha256_file
from ponder.core.models.store import InstalledModel, ModelStore
from ponder.core.phrases import QT_TRANSLATE_NOOP

_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


class ModelImportError(ModelFileError):
    """A model file on this computer could not be added to the models folder (no such file,
    a clash with an installed one, a failed copy). A full disk, a damaged file or one that is
    not a model raise the ``ModelFileError`` subclasses that downloads raise too."""

    kind = "import"


def _validate(path: Path, shown_as: str) -> None:
    try:
        validate_gguf(path)
    except ValueError as exc:  # GGUFError
        raise InvalidModelError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "{shown_as} is not a model Ponder can load: {exc}",
            ).format(shown_as=shown_as, exc=exc)
        ) from exc


def copy_verified(
    src: Path,
    dest: Path,
    *,
    expected_sha256: str | None = None,
    progress: ProgressCallback | None = None,
    control: TransferControl | None = None,
    validate: Callable[[Path, str], None] = _validate,
) -> str:
    """Copy ``src`` to ``dest`` through ``dest.part``, hashing as it goes; returns the sha256.

    With ``expected_sha256`` a mismatch deletes the copy and raises ``ChecksumMismatchError``.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    files = PartFiles.of(dest)
    control = control or TransferControl()
    total = src.stat().st_size
    with exclusive(files.lock, dest, doing=COPIED_IN):
        files.discard()
        hasher = hashlib.sha256()
        done = 0
        try:
            with open(src, "rb") as inp, open(files.part, "wb") as out:
                while block := inp.read(BLOCK):
                    control.check()
                    out.write(block)
                    hasher.update(block)
                    done += len(block)
                    if progress is not None:
                        progress(Progress("downloading", done, total))
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            files.discard()
            if exc.errno in _DISK_FULL:
                raise DiskFullError(
                    QT_TRANSLATE_NOOP(
                        "ModelImport",
                        "The disk holding {folder} is full ({problem}). Free some "
                        "space or choose another models folder, then try again; nothing "
                        "was left behind.",
                    ).format(folder=dest.parent, problem=exc.strerror)
                ) from None
            raise ModelImportError(
                QT_TRANSLATE_NOOP(
                    "ModelImport",
                    "Could not copy {src} to {folder}: {exc}",
                ).format(src=src, folder=dest.parent, exc=exc)
            ) from None
        except BaseException:
            files.discard()
            raise
        digest = hasher.hexdigest()
        if expected_sha256 is not None and digest != expected_sha256.lower():
            files.discard()
            raise ChecksumMismatchError(
                QT_TRANSLATE_NOOP(
                    "ModelImport",
                    "{src} is damaged: its sha256 is {digest}, not the expected "
                    "{expected_sha256}. Nothing was installed; copy the file again from a "
                    "good source.",
                ).format(src=src, digest=digest, expected_sha256=expected_sha256)
            )
        try:
            validate(files.part, str(src))
        except BaseException:
            files.discard()
            raise
        os.replace(files.part, dest)
    return digest


def import_gguf(
    store: ModelStore,
    src: Path,
    *,
    link: bool = False,
    catalog: Catalog | None = None,
    progress: ProgressCallback | None = None,
) -> InstalledModel:
    """Add ``src`` (any ``.gguf``) to the models folder, validated; ``link`` hard-links it
    instead of copying when it is on the same disk (falling back to a copy)."""
    src = Path(src).expanduser()
    if not src.is_file():
        raise ModelImportError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "There is no file at {src}.",
            ).format(src=src)
        )
    if src.suffix.lower() != ".gguf":
        raise InvalidModelError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "{file} is not a .gguf file. Ponder runs GGUF models; convert other "
                "formats with llama.cpp's convert_hf_to_gguf.py first.",
            ).format(file=src.name)
        )
    _validate(src, str(src))  # before copying gigabytes
    # Installed as NAME.gguf whatever the case of its extension: the models folder lists only
    # ``*.gguf`` (a ``model.GGUF`` copied as is would be installed but never shown).
    dest = store.import_path(src.stem + ".gguf")
    if dest.exists() and dest.resolve() == src.resolve():
        raise ModelImportError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "{src} is already in the models folder.",
            ).format(src=src)
        )
    if dest.exists():
        existing = store.read(dest)
        digest = existing.sha256 or sha256_file(dest)
        if digest == sha256_file(src, progress):
            return existing if existing.sha256 else _record(store, dest, digest, src, catalog)
        raise ModelImportError(
            QT_TRANSLATE_NOOP(
                "ModelImport",
                "A different model called {file} is already installed ({dest}). "
                "Rename one of them, then import again.",
            ).format(file=src.name, dest=dest)
        )
    if link:
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.link(src, dest)
            return _record(store, dest, sha256_file(dest, progress), src, catalog)
        except OSError:
            pass  # another disk, or links not allowed: copy instead
    digest = copy_verified(src, dest, progress=progress)
    return _record(store, dest, digest, src, catalog)


def _record(
    store: ModelStore, dest: Path, digest: str, src: Path, catalog: Catalog | None
) -> InstalledModel:
    match = catalog.find_file(None, dest.name) if catalog is not None else None
    matched = match is not None and match[1].sha256 in (None, digest)
    return store.record_install(
        dest,
        sha256=digest,
        source="import",
        original_path=str(src),
        catalog_id=match[0].id if match is not None and matched else None,
        quant=match[1].name if match is not None and matched else None,
    )


__all__ = ["copy_verified", "import_gguf"]
