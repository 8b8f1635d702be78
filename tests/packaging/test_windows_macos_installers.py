"""The Windows (Inno Setup) and macOS (Info.plist, DMG) installer sources, checked as text:
they cannot be built here."""

from __future__ import annotations

import plistlib
import re
from pathlib import PureWindowsPath

from packaging_files import APP_ID, PACKAGING, ROOT, spec_names

ISS = PACKAGING / "windows" / "ponder.iss"


def iss_text() -> str:
    return ISS.read_text(encoding="utf-8")


def setup_values() -> dict[str, str]:
    section = iss_text().split("[Setup]", 1)[1].split("\n[", 1)[0]
    pairs = (line.split("=", 1) for line in section.splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def from_iss(relative: str) -> str:
    """A path written in the .iss (relative to its folder) as a POSIX path from the root."""
    parts = PureWindowsPath(relative).parts
    return str(ISS.parent.joinpath(*parts).resolve().relative_to(ROOT))


def test_the_files_it_references_exist_or_are_the_bundle() -> None:
    values = setup_values()
    assert (ROOT / from_iss(values["SetupIconFile"])).is_file()
    assert from_iss(values["OutputDir"]) == "dist"
    sources = re.findall(r'^Source: "([^"]+)"', iss_text(), re.MULTILINE)
    # The only source is the PyInstaller output folder, named by the spec's COLLECT.
    assert [from_iss(s.removesuffix("\\*")) for s in sources] == ["dist/ponder"]
    assert 'name="ponder"' in (PACKAGING / "ponder.spec").read_text(encoding="utf-8")


def test_it_installs_per_user_with_a_start_menu_entry() -> None:
    values = setup_values()
    assert values["PrivilegesRequired"] == "lowest"
    assert values["DefaultDirName"].startswith("{localappdata}")
    icons = iss_text().split("[Icons]", 1)[1]
    assert 'Name: "{group}\\Ponder"; Filename: "{app}\\ponder.exe"' in icons


def test_the_uninstaller_deletes_user_data_only_when_asked() -> None:
    from ponder.core.paths import APP_NAME

    code = iss_text().split("[Code]", 1)[1]
    deletions = re.findall(r"DelTree\(ExpandConstant\('([^']+)'\)", code)
    # platformdirs(APP_NAME, appauthor=False) puts everything under %LOCALAPPDATA%\APP_NAME.
    assert deletions == [f"{{localappdata}}\\{APP_NAME}"]
    assert "not UninstallSilent" in code and "IDYES" in code
    assert "MB_DEFBUTTON2" in code  # "No" (keep the data) is the default answer
    assert code.index("IDYES") < code.index("DelTree")


def test_the_info_plist_template_fills_in() -> None:
    template = (PACKAGING / "macos" / "Info.plist").read_bytes()
    assert b"@VERSION@" in template
    info = plistlib.loads(template.replace(b"@VERSION@", b"1.2.3"))
    assert info["CFBundleIdentifier"] == APP_ID
    assert info["CFBundleShortVersionString"] == "1.2.3"
    assert info["CFBundleExecutable"] == "ponder"
    assert info["NSHighResolutionCapable"] is True
    plistlib.loads((PACKAGING / "macos" / "entitlements.plist").read_bytes())


def test_signing_and_notarization_run_only_with_credentials() -> None:
    script = (PACKAGING / "macos" / "build_dmg.sh").read_text(encoding="utf-8")
    lines = script.splitlines()
    for command in ("codesign --force", "xcrun notarytool", "xcrun stapler"):
        for number, line in enumerate(lines):
            if command in line:
                assert line.startswith((" ", "\t")), f"not inside an if block: {line}"
                guard = next(lines[i] for i in range(number, -1, -1) if lines[i].startswith("if "))
                assert "MACOS_SIGN_IDENTITY" in guard or "APPLE_ID" in guard, line


def test_the_spec_reads_the_same_bundle_id() -> None:
    text = (PACKAGING / "ponder.spec").read_text(encoding="utf-8")
    assert 'info["CFBundleIdentifier"]' in text
    assert spec_names("NATIVE_SUFFIXES")["NATIVE_SUFFIXES"] == (".so", ".dll", ".dylib")
