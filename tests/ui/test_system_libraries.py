"""Qt's X11 plugin on a minimal Linux: Ponder names the missing packages instead of letting Qt
abort ("could not load the Qt platform plugin xcb")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import run_ponder
from ponder.ui import system_libraries as sl

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibEGL.so.1 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-render-util.so.0 => not found
"""


def test_ldd_output_gives_each_missing_library_once() -> None:
    assert sl.missing_from_ldd(LDD_OUTPUT) == [
        "libxcb-icccm.so.4",
        "libxcb-cursor.so.0",
        "libEGL.so.1",
        "libxkbcommon-x11.so.0",
        "libxcb-render-util.so.0",
    ]


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libEGL.so.1", "libegl1"),
        ("libfontconfig.so.1", "libfontconfig1"),
        ("libfoo2.so.3", "libfoo2-3"),
    ],
)
def test_debian_package_names(soname: str, package: str) -> None:
    assert sl.debian_package(soname) == package


@pytest.mark.parametrize(
    ("environ", "xcb"),
    [
        ({"DISPLAY": ":0"}, True),
        ({}, False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, False),
    ],
)
def test_which_runs_would_use_the_x11_plugin(environ: dict[str, str], xcb: bool) -> None:
    assert sl.will_use_xcb(environ) is (xcb and sys.platform.startswith("linux"))


def test_no_x11_plugin_in_use_means_nothing_to_say() -> None:
    assert sl.missing_libraries_message({"QT_QPA_PLATFORM": "offscreen"}) == ""


def _missing_here() -> list[str]:
    plugin, ldd = sl.xcb_plugin(), shutil.which("ldd")
    if plugin is None or ldd is None:
        return []
    out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False)
    return sl.missing_from_ldd(out.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux's")
def test_the_message_names_exactly_what_ldd_finds_missing_here() -> None:
    missing = _missing_here()
    message = sl.missing_libraries_message({"DISPLAY": ":0"})
    if not missing:
        assert message == ""
        return
    for soname in missing:
        assert soname in message
    assert sl.install_command(missing) in message


@pytest.mark.skipif(not _missing_here(), reason="this machine has every library of Qt's X11 plugin")
def test_ponder_gui_on_a_minimal_linux_prints_the_install_command() -> None:
    """Before the check, Qt aborted the process (SIGABRT) with "could not load the Qt platform
    plugin xcb"; now the command exits 2 with the packages to install."""
    result = run_ponder("gui", DISPLAY=":77", QT_QPA_PLATFORM="", timeout=60)
    assert result.returncode == 2, result.stderr
    assert sl.install_command(_missing_here()) in result.stderr
    assert "Aborted" not in result.stderr and "could not load" not in result.stderr


def _library_dir(soname: str) -> Path | None:
    """The folder the loader finds ``soname`` in for Qt's X11 plugin here (None: not found)."""
    plugin, ldd = sl.xcb_plugin(), shutil.which("ldd")
    if plugin is None or ldd is None:
        return None
    out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False)
    for line in out.stdout.splitlines():
        name, _, where = line.strip().partition(" => ")
        if name == soname and where.startswith("/"):
            return Path(where.split(" (")[0]).parent
    return None


def _hiding(folder: Path, soname: str, tmp: Path, command: str) -> list[str]:
    """``command`` in a user and mount namespace of its own where ``folder`` lacks
    ``soname`` (an overlay over the folder with the library deleted): a minimal Linux as far
    as that library goes, made without root and without touching the machine."""
    for part in ("upper", "work", "merged"):
        (tmp / part).mkdir(parents=True)
    script = (
        f"mount -t overlay overlay -o lowerdir={folder},upperdir={tmp / 'upper'},"
        f"workdir={tmp / 'work'} {tmp / 'merged'} && rm -f {tmp / 'merged'}/{soname}* && "
        f"mount --bind {tmp / 'merged'} {folder} && exec {command}"
    )
    return ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux's")
def test_make_run_where_libxcb_cursor0_is_missing_prints_the_install_command(
    tmp_path: Path,
) -> None:
    """The test above runs only on a machine that lacks the libraries. This one makes such a
    machine where they are installed: libxcb-cursor0 is hidden from a private view of the
    file system, and `ponder` with no arguments (what `make run` starts) runs in that view.
    Without the check Qt aborts there ("could not load the Qt platform plugin xcb")."""
    soname = "libxcb-cursor.so.0"
    folder = _library_dir(soname)
    if folder is None or shutil.which("unshare") is None:
        pytest.skip(f"{soname} is not found here, or unshare is missing")
    probe = subprocess.run(
        _hiding(folder, soname, tmp_path / "probe", f"ls {folder}"),
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip(f"no user namespaces with overlay mounts here: {probe.stderr.strip()}")
    assert soname not in probe.stdout  # the view lacks it; the machine does not
    assert (folder / soname).exists()

    python = f"{sys.executable} -m ponder.cli"
    result = subprocess.run(
        _hiding(folder, soname, tmp_path / "run", python),
        capture_output=True,
        text=True,
        env=dict(os.environ, DISPLAY=":77", QT_QPA_PLATFORM=""),
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert sl.install_command([soname]) in result.stderr
    assert "could not load" not in result.stderr and "Aborted" not in result.stderr
