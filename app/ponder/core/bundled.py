"""The data files that ship with Ponder (the model catalog, the problem sets), wherever it runs.

Each file lives once in the repository, at the top level: ``models/catalog.toml``,
``resources/problems/…``, ``resources/icons/…``. A file is named by that path everywhere:

* a checkout (``pip install -e .``, or ``PYTHONPATH=app``) reads the originals;
* the wheel carries them as ``ponder/data/<the same path>``: pyproject.toml's ``package-dir``
  maps ``models/`` and ``resources/`` to the data packages ``ponder.data.models`` and
  ``ponder.data.resources``, and its ``package-data`` says which files go;
* the PyInstaller bundle puts the same files at the same place (packaging/ponder.spec reads
  that ``package-data`` list, so the two cannot drift apart).

No symlinks: a Windows checkout turns a symlink into a short text file, which would then ship.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGED_FOLDER = "data"
"""Where, inside the ``ponder`` package of a wheel or bundle, the repository's data files go."""


def checkout_root() -> Path | None:
    """The repository this code runs from, or None for an installed wheel or a bundle."""
    root = Path(__file__).resolve().parents[3]  # <root>/app/ponder/core/bundled.py
    if (root / "pyproject.toml").is_file() and (root / "app" / "ponder").is_dir():
        return root
    return None


def bundled_path(relative: str) -> Path:
    """The shipped file or folder at ``relative``, its path in the repository
    (``"models/catalog.toml"``, ``"resources/problems"``)."""
    root = checkout_root()
    if root is not None:
        return root.joinpath(*relative.split("/"))
    packaged = resources.files("ponder").joinpath(PACKAGED_FOLDER, *relative.split("/"))
    return Path(str(packaged))
