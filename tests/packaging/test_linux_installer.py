"""The Linux installers: desktop entry, AppStream metadata, and build_deb.sh / check_deb.sh run
for real on a stand-in bundle (a tiny ``ponder`` script), so no PyInstaller build is needed."""

from __future__ import annotations

import configparser
import os
import shutil
import stat
import subprocess
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from packaging_files import APP_ID, PACKAGING, ROOT

LINUX = PACKAGING / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_launches_ponder_with_its_icon() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Ponder"
    # `ponder` takes no file arguments, so no %f/%F field code.
    assert entry["Exec"] == "ponder"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_desktop_file_validate_accepts_it() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout


def test_the_appstream_metadata_is_well_formed_and_matches() -> None:
    text = METAINFO.read_text(encoding="utf-8")
    assert "@VERSION@" in text and "@DATE@" in text  # filled in by build_deb.sh
    root = ET.fromstring(text.replace("@VERSION@", "0.1.0").replace("@DATE@", "2026-01-01"))
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    assert root.findtext("provides/binary") == "ponder"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="no appstreamcli")
def test_appstreamcli_accepts_it(tmp_path: Path) -> None:
    filled = tmp_path / METAINFO.name
    filled.write_text(
        METAINFO.read_text(encoding="utf-8")
        .replace("@VERSION@", "0.1.0")
        .replace("@DATE@", "2026-01-01"),
        encoding="utf-8",
    )
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(filled)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "script",
    ["linux/build_deb.sh", "check_deb.sh", "build_llama.sh", "macos/build_dmg.sh"],
)
def test_the_scripts_are_executable_bash(script: str) -> None:
    path = PACKAGING / script
    assert path.stat().st_mode & stat.S_IXUSR
    subprocess.run(["bash", "-n", str(path)], check=True)


STAND_IN = """#!/bin/sh
# A stand-in for the bundle's executable: reports its arguments and environment.
echo "args: $*"
echo "virtual_env: ${VIRTUAL_ENV:-none}"
echo "pythonpath: ${PYTHONPATH:-none}"
echo "ponder_home: ${PONDER_HOME:-none}"
echo "qpa: ${QT_QPA_PLATFORM:-none}"
case "$*" in *fail*) exit 3 ;; esac
"""


def stand_in_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "bundle" / "ponder"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "marker.txt").write_text("bundled", encoding="utf-8")
    exe = bundle / "ponder"
    exe.write_text(STAND_IN, encoding="utf-8")
    exe.chmod(0o755)
    return bundle


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("needs dpkg-deb")
    tmp = tmp_path_factory.mktemp("installers")
    out = tmp / "out"
    result = subprocess.run(
        [str(LINUX / "build_deb.sh"), str(stand_in_bundle(tmp)), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    deb, tarball = (Path(line) for line in result.stdout.split())
    return deb, tarball


@needs_dpkg
def test_the_deb_installs_to_opt_with_a_launcher_and_desktop_files(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    from ponder import __version__

    deb, _ = built
    assert deb.name.startswith(f"ponder_{__version__}_")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    assert (tmp_path / "opt/ponder/_internal/marker.txt").read_text() == "bundled"
    share = tmp_path / "usr/share"
    assert (share / "applications" / DESKTOP.name).read_bytes() == DESKTOP.read_bytes()
    assert (share / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (share / "icons/hicolor/256x256/apps" / f"{APP_ID}.png").is_file()
    metainfo = (share / "metainfo" / METAINFO.name).read_text(encoding="utf-8")
    assert f'version="{__version__}"' in metainfo and "@" not in metainfo
    launcher = tmp_path / "usr/bin/ponder"
    assert launcher.stat().st_mode & stat.S_IXOTH
    assert "/opt/ponder/ponder" in launcher.read_text()
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Depends"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Package: ponder" in fields and f"Version: {__version__}" in fields
    assert "libxcb-cursor0" in fields and "libc6 (>= 2." in fields


@needs_dpkg
def test_the_tarball_holds_the_bundle(built: tuple[Path, Path]) -> None:
    from ponder import __version__

    _, tarball = built
    with tarfile.open(tarball) as tar:
        names = set(tar.getnames())
        member = tar.getmember(f"ponder-{__version__}/ponder")
        assert member.mode & stat.S_IXUSR
    assert f"ponder-{__version__}/_internal/marker.txt" in names
    assert f"ponder-{__version__}/{DESKTOP.name}" in names


@needs_dpkg
@pytest.mark.parametrize(("model", "status"), [(None, 0), ("/no/such/fail.gguf", 3)])
def test_check_deb_runs_the_self_test_in_a_clean_environment(
    built: tuple[Path, Path], model: str | None, status: int
) -> None:
    deb, _ = built
    env = dict(os.environ, VIRTUAL_ENV=str(ROOT / ".venv"), PYTHONPATH="somewhere")
    result = subprocess.run(
        [str(PACKAGING / "check_deb.sh"), str(deb), *([model] if model else [])],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == status, result.stderr
    out = result.stdout
    assert f"args: --self-test{f' --model {model}' if model else ''}\n" in out
    assert "virtual_env: none" in out and "pythonpath: none" in out
    assert "qpa: offscreen" in out
    assert "ponder_home: /" in out
    assert "installer:" in out and "unpacked:" in out
    assert f"self-test exit status {status}," in out
