"""Local files and model packs: ``ponder import`` and the USB-stick round trip, verified."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ponder.core.downloads.errors import (
    ChecksumMismatchError,
    DownloadBusyError,
    DownloadError,
    InvalidModelError,
)
from ponder.core.downloads.part_files import PartFiles, exclusive
from ponder.core.models.catalog import load_catalog
from ponder.core.models.file_hash import sha256_file
from ponder.core.models.local_import import ModelImportError, import_gguf
from ponder.core.models.packs import MANIFEST, SUMS, PackError, export_pack, import_pack, read_pack
from ponder.core.models.store import ModelStore


@pytest.fixture
def store(tmp_path: Path) -> ModelStore:
    return ModelStore(tmp_path / "models")


@pytest.fixture
def user_file(tmp_path: Path, smollm2_path: Path) -> Path:
    """A copy of the demo GGUF somewhere in the user's files."""
    path = tmp_path / "downloads" / smollm2_path.name
    path.parent.mkdir()
    shutil.copyfile(smollm2_path, path)
    return path


def test_import_copies_validates_and_records(store: ModelStore, user_file: Path) -> None:
    model = import_gguf(store, user_file, catalog=load_catalog())
    assert model.path == store.root / "imported" / user_file.name
    assert model.path.read_bytes() == user_file.read_bytes()
    assert model.sha256 == sha256_file(user_file) and model.source == "import"
    assert model.catalog_id == "smollm2-135m-demo"  # same name and the pinned sha256
    assert store.installed() == [model]
    assert import_gguf(store, user_file).path == model.path  # the same file again: a no-op
    # Nothing but the model and its record among the files a person sees (the lock file, which
    # must outlive its lock, is in the hidden .locks folder).
    assert sorted(p.name for p in model.path.parent.iterdir()) == [
        ".locks",
        user_file.name,
        user_file.name + ".ponder.json",
    ]


def test_a_file_named_with_an_upper_case_extension_is_installed_and_listed(
    store: ModelStore, user_file: Path
) -> None:
    shouting = user_file.rename(user_file.with_name("Model.GGUF"))
    model = import_gguf(store, shouting, link=True)
    assert model.path.name == "Model.gguf" and store.installed() == [model]


def test_an_import_blocked_by_another_says_so(store: ModelStore, user_file: Path) -> None:
    dest = store.import_path(user_file.name)
    dest.parent.mkdir(parents=True)
    with (
        exclusive(PartFiles.of(dest).lock, dest),
        pytest.raises(DownloadBusyError, match="already being copied in"),
    ):
        import_gguf(store, user_file)


def test_import_can_hard_link(store: ModelStore, user_file: Path) -> None:
    model = import_gguf(store, user_file, link=True)
    assert model.path.stat().st_ino == user_file.stat().st_ino


def test_import_refuses_bad_files_and_copies_nothing(
    store: ModelStore, tmp_path: Path, r1_part_path: Path
) -> None:
    truncated = tmp_path / "r1-7b.gguf"
    truncated.symlink_to(r1_part_path)  # the first 95 MB of the real 4.7 GB file
    with pytest.raises(InvalidModelError, match="truncated"):
        import_gguf(store, truncated)
    text = tmp_path / "notes.gguf"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(InvalidModelError, match="not a model Ponder can load"):
        import_gguf(store, text)
    with pytest.raises(InvalidModelError, match=r"not a \.gguf"):
        import_gguf(store, r1_part_path)
    with pytest.raises(ModelImportError, match="no file") as missing:
        import_gguf(store, tmp_path / "missing.gguf")
    assert not isinstance(missing.value, DownloadError)  # nothing was downloaded
    assert (store.installed() == [] and not store.root.exists()) or not any(store.root.rglob("*"))


def test_a_different_file_with_the_same_name_is_refused(
    store: ModelStore, user_file: Path, tmp_path: Path
) -> None:
    import_gguf(store, user_file)
    other = tmp_path / "other" / user_file.name
    other.parent.mkdir()
    data = bytearray(user_file.read_bytes())
    data[-1] ^= 0xFF  # tensor data differs, the header is the same
    other.write_bytes(bytes(data))
    with pytest.raises(ModelImportError, match="different model called"):
        import_gguf(store, other)


def test_pack_round_trip_to_an_offline_machine(
    store: ModelStore, user_file: Path, tmp_path: Path
) -> None:
    catalog = load_catalog()
    entry, quant = catalog.resolve("smollm2-135m-demo")
    model = import_gguf(store, user_file, catalog=catalog)
    stick = tmp_path / "usb"
    folder = export_pack(store, model, entry, stick)
    assert folder == stick / f"{entry.id}-{quant.name}"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [quant.file, MANIFEST, SUMS, "README.txt"]
    )
    assert (folder / SUMS).read_text() == f"{model.sha256}  {quant.file}\n"  # sha256sum -c
    info = read_pack(folder)
    assert info.entry is not None and info.entry.id == entry.id and info.sha256 == model.sha256
    classroom = ModelStore(tmp_path / "classroom-pc" / "models")
    installed = import_pack(classroom, folder)
    assert installed.sha256 == model.sha256 and installed.source == "pack"
    assert installed.entry is not None and installed.entry["id"] == entry.id
    assert classroom.installed() == [installed]


def test_a_damaged_pack_installs_nothing(
    store: ModelStore, user_file: Path, tmp_path: Path
) -> None:
    model = import_gguf(store, user_file)
    folder = export_pack(store, model, None, tmp_path / "usb")
    packed = folder / model.filename
    data = bytearray(packed.read_bytes())
    data[60_000_000] ^= 0x01  # one flipped bit on the stick
    packed.write_bytes(bytes(data))
    classroom = ModelStore(tmp_path / "pc" / "models")
    with pytest.raises(ChecksumMismatchError, match="damaged"):
        import_pack(classroom, folder)
    leftovers = [p.name for p in classroom.root.rglob("*") if p.is_file()]
    assert classroom.installed() == [] and all(n.endswith(".lock") for n in leftovers)
    assert all(p.parent.name == ".locks" for p in classroom.root.rglob("*.lock"))


def test_a_tampered_manifest_is_refused(store: ModelStore, user_file: Path, tmp_path: Path) -> None:
    model = import_gguf(store, user_file)
    folder = export_pack(store, model, None, tmp_path / "usb")
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["model"]["file"] = "../../evil.gguf"
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(PackError, match="damaged") as damaged:
        import_pack(ModelStore(tmp_path / "pc"), folder)
    assert isinstance(damaged.value, ModelImportError)
    assert not isinstance(damaged.value, DownloadError)
    with pytest.raises(PackError, match="not a Ponder model pack"):
        read_pack(tmp_path)
