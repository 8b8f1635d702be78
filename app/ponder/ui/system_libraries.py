"""Before Qt starts on Linux: are the system libraries of Qt's X11 plugin there?

On a minimal Linux (a fresh Debian or Ubuntu, a container with a desktop forwarded) Qt's
``xcb`` platform plugin needs X11 libraries that PySide6's wheel does not carry
(``libxcb-cursor0`` and friends). Without them Qt prints "could not load the Qt platform plugin
xcb" and aborts the process, with no word on what to install. This check runs ``ldd`` on the
plugin *before* PySide6 is imported, so the user reads which packages to install instead.
The ``.deb`` declares the same packages as dependencies (packaging/linux/build_deb.sh).

Plain Python (no Qt import): it reads the wheel's files only.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Libraries whose Debian/Ubuntu package name does not follow the soname rule below.
_DEBIAN_EXCEPTIONS = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
# Fedora/RHEL names, for the libraries Qt's xcb plugin most often misses.
_FEDORA = {
    "libxcb-cursor.so.0": "xcb-util-cursor",
    "libxcb-icccm.so.4": "xcb-util-wm",
    "libxcb-keysyms.so.1": "xcb-util-keysyms",
    "libxcb-image.so.0": "xcb-util-image",
    "libxcb-render-util.so.0": "xcb-util-renderutil",
    "libxcb-util.so.1": "xcb-util",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11",
    "libEGL.so.1": "libglvnd-egl",
    "libfontconfig.so.1": "fontconfig",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


def missing_from_ldd(output: str) -> list[str]:
    """The sonames ``ldd`` reported as "not found", each once, in the order seen."""
    seen: list[str] = []
    for line in output.splitlines():
        match = _NOT_FOUND.match(line)
        if match and match.group(1) not in seen:
            seen.append(match.group(1))
    return seen


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships ``soname`` (Debian policy 8.1: the library's name
    with its major version appended, a hyphen between two digits)."""
    if soname in _DEBIAN_EXCEPTIONS:
        return _DEBIAN_EXCEPTIONS[soname]
    match = re.fullmatch(r"(lib[\w.+-]*?)\.so\.(\d+)(?:\.\d+)*", soname)
    if match is None:
        return soname
    name, major = match.group(1).lower(), match.group(2)
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def install_command(sonames: list[str]) -> str:
    """The command that installs ``sonames`` with this system's package manager."""
    if shutil.which("apt-get"):
        packages = dict.fromkeys(debian_package(s) for s in sonames)
        return "sudo apt-get install " + " ".join(packages)
    if shutil.which("dnf"):
        packages = dict.fromkeys(_FEDORA.get(s, s) for s in sonames)
        return "sudo dnf install " + " ".join(packages)
    return "install the packages that provide: " + ", ".join(sonames)


def xcb_plugin() -> Path | None:
    """Qt's xcb platform plugin inside the installed PySide6 wheel, if there is one."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    plugin = root / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def will_use_xcb(environ: dict[str, str] | os._Environ[str]) -> bool:
    """Whether Qt would start on its X11 plugin here (Linux, and no other platform chosen)."""
    if not sys.platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    wayland = environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland"
    return bool(environ.get("DISPLAY")) and not wayland


def missing_libraries_message(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """ "" when Qt's X11 plugin can load (or is not going to be used); otherwise what is
    missing and the exact command that installs it, for the user."""
    if not will_use_xcb(environ):
        return ""
    plugin, ldd = xcb_plugin(), shutil.which("ldd")
    if plugin is None or ldd is None:
        return ""
    try:
        result = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    missing = missing_from_ldd(result.stdout)
    if not missing:
        return ""
    return (
        "the desktop app cannot open a window: Qt's X11 support needs system libraries that "
        f"are not installed ({', '.join(missing)}). Install them with:\n\n"
        f"    {install_command(missing)}\n\n"
        "then start Ponder again. (The terminal commands, `ponder chat` and `ponder ask`, "
        "work without them.)"
    )
