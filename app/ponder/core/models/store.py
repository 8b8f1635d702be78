"""The models folder: where installed models live and what Ponder knows about each.

Layout: hub downloads at ``MODELS/{owner}/{name}/{file}`` (two publishers may use the same
file name), local imports at ``MODELS/imported/{file}``. Beside each model a small record
``{file}.ponder.json`` says where it came from and its verified sha256. Only files ending in
``.gguf`` are models: partial downloads (``.part``), sidecars and locks never are, so a half
or damaged file can never be picked up as a model.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from ponder.core.bounded_files import read_json
from ponder.core.downloads.errors import ModelFileError
from ponder.core.downloads.part_files import PartFiles
from ponder.core.models.catalog import Catalog, CatalogEntry, Quant
from ponder.core.paths import AppPaths

RECORD_SUFFIX = ".ponder.json"
IMPORTED = "imported"
Source = Literal["hub", "import", "pack", "unknown"]
_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*/[A-Za-z0-9][A-Za-z0-9_.\-]*$")


@dataclass(frozen=True, slots=True)
class InstalledModel:
    """A model file in the models folder. ``sha256`` is None for a file Ponder did not put
    there itself (copied in by hand): it has not been verified."""

    path: Path
    size: int
    sha256: str | None = None
    source: Source = "unknown"
    repo: str | None = None
    revision: str | None = None
    commit: str | None = None
    catalog_id: str | None = None
    quant: str | None = None
    installed_at: float = 0.0
    original_path: str | None = None
    # The catalog entry (a [[model]] table) that came with a model pack, if any.
    entry: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def filename(self) -> str:
        return self.path.name

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        return data


def check_repo_file(repo: str, filename: str) -> None:
    """Refuse names that are not a hub repo and a relative file path inside it."""
    if not _REPO.match(repo):
        raise ModelFileError(f"{repo!r} is not a repository name (it looks like owner/name).")
    parts = PurePosixPath(filename).parts
    if not parts or filename.startswith("/") or any(p in ("..", ".", "") for p in parts):
        raise ModelFileError(f"{filename!r} is not a file name inside a repository.")


def find_installed(
    models: Iterable[InstalledModel], entry: CatalogEntry, quant: Quant
) -> InstalledModel | None:
    """Which of ``models`` (a scan of the models folder) is the catalog entry's quant: the file
    of the entry's repository, or one whose record names the entry and quant (an import)."""
    for model in models:
        same_file = entry.repo is not None and model.repo == entry.repo
        if (same_file and model.filename == quant.file) or (
            model.catalog_id == entry.id and (model.quant or "").upper() == quant.name.upper()
        ):
            return model
    return None


class ModelStore:
    """The models folder of one Ponder installation."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def from_paths(cls, paths: AppPaths | None = None) -> ModelStore:
        return cls((paths or AppPaths.from_environment()).models)

    def hub_path(self, repo: str, filename: str) -> Path:
        check_repo_file(repo, filename)
        owner, name = repo.split("/")
        return self.root / owner / name / PurePosixPath(filename)

    def partial_downloads(self, catalog: Catalog) -> dict[str, int]:
        """Catalog quants with a partial download waiting to be resumed: ``"id:QUANT"`` to
        the bytes it holds (a finished, installed file is not partial)."""
        partial: dict[str, int] = {}
        for entry in catalog:
            if entry.repo is None:
                continue
            for quant in entry.quants:
                try:
                    dest = self.hub_path(entry.repo, quant.file)
                    part = PartFiles.of(dest).part
                    if part.is_file() and not dest.exists():
                        partial[f"{entry.id}:{quant.name}"] = part.stat().st_size
                except (OSError, ModelFileError):
                    continue
        return partial

    def import_path(self, filename: str) -> Path:
        return self.root / IMPORTED / Path(filename).name

    @staticmethod
    def record_path(model_path: Path) -> Path:
        return model_path.with_name(model_path.name + RECORD_SUFFIX)

    def write_record(self, model: InstalledModel) -> None:
        """Write the record atomically (a crash leaves the old record or the new one)."""
        record = self.record_path(model.path)
        data = model.to_dict()
        data.pop("path")
        tmp = record.with_name(record.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, record)

    def read(self, path: Path) -> InstalledModel:
        """The model at ``path`` with what its record says (a bare file if it has none)."""
        size = path.stat().st_size
        try:
            data = read_json(self.record_path(path), max_bytes=1024 * 1024)
        except (OSError, ValueError):  # missing or damaged: the model is listed as a bare file
            data = None
        if not isinstance(data, dict):
            return InstalledModel(path=path, size=size, installed_at=path.stat().st_mtime)
        known: dict[str, Any] = {
            k: data.get(k) for k in InstalledModel.__dataclass_fields__ if k != "path"
        }
        known["size"] = size
        known["source"] = data.get("source") or "unknown"
        known["installed_at"] = float(data.get("installed_at") or 0.0)
        if data.get("size") != size:
            known["sha256"] = None  # the file changed since it was verified
        return InstalledModel(path=path, **known)

    def installed(self) -> list[InstalledModel]:
        """Every model in the folder (hidden folders and non-.gguf files are skipped)."""
        if not self.root.is_dir():
            return []
        models = []
        for path in sorted(self.root.rglob("*.gguf")):
            relative = path.relative_to(self.root)
            if any(part.startswith(".") for part in relative.parts) or not path.is_file():
                continue
            models.append(self.read(path))
        return models

    def find(self, entry: CatalogEntry, quant: Quant) -> InstalledModel | None:
        """The installed copy of a catalog entry's quant, if any."""
        if entry.repo is not None:
            path = self.hub_path(entry.repo, quant.file)
            if path.is_file():
                return self.read(path)
        for model in self.installed():
            if model.catalog_id == entry.id and (model.quant or "").upper() == quant.name.upper():
                return model
        return None

    def record_install(
        self, path: Path, *, sha256: str, source: Source, **fields: Any
    ) -> InstalledModel:
        model = InstalledModel(
            path=path,
            size=path.stat().st_size,
            sha256=sha256,
            source=source,
            installed_at=time.time(),
            **fields,
        )
        self.write_record(model)
        return model

    def remove(self, model: InstalledModel) -> None:
        model.path.unlink(missing_ok=True)
        self.record_path(model.path).unlink(missing_ok=True)


__all__ = [
    "IMPORTED",
    "RECORD_SUFFIX",
    "InstalledModel",
    "ModelStore",
    "check_repo_file",
    "find_installed",
]
