"""The PyInstaller spec: valid Python, nothing the app uses left out, unused Qt parts dropped."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from packaging_files import APP_ID, ICONS, PACKAGING, ROOT, SPEC, spec_names


def app_sources() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in (ROOT / "app" / "ponder").rglob("*.py")]


def test_the_spec_is_valid_python() -> None:
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


def test_no_qt_module_the_app_imports_is_excluded() -> None:
    excluded = set(spec_names("QT_EXCLUDES")["QT_EXCLUDES"])
    used = {m for text in app_sources() for m in re.findall(r"PySide6\.(Qt\w+)", text)}
    assert used, "the app should import some Qt modules"
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert not {f"PySide6.{m}" for m in used} & excluded


def test_no_package_the_app_imports_is_excluded() -> None:
    excluded = set(spec_names("PY_EXCLUDES")["PY_EXCLUDES"])
    imported: set[str] = set()
    for text in app_sources():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
    assert "llama_cpp" in imported
    assert not imported & excluded
    # llama_cpp imports numpy itself: leaving it out broke the engine once.
    assert "numpy" not in excluded


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platforms/libqminimalegl.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/imageformats/libqwebp.so", False),
        ("PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        # Qt's own words in each language Ponder ships a catalogue for, and no others.
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qtbase_ja.qm", False),
        ("PySide6/Qt/translations/qt_help_de.qm", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("llama_cpp/lib/libllama.so", True),
    ],
)
def test_the_qt_file_filter(dest: str, kept: bool) -> None:
    names = spec_names("QT_PLUGINS_KEPT", "QT_TRANSLATIONS_KEPT", "keep_qt_file", ROOT=ROOT)
    assert names["keep_qt_file"](dest) is kept


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("libQt6Pdf.so.6", False),
        ("Qt6Quick.dll", False),
        ("libQt6Network.so.6", False),
        ("libQt6Svg.so.6", True),
        ("libQt6Widgets.so.6", True),
        ("libQt6Gui.so.6", True),
    ],
)
def test_unused_qt_libraries_are_dropped(name: str, kept: bool) -> None:
    pattern = spec_names("UNUSED_QT_LIBS")["UNUSED_QT_LIBS"]
    assert (pattern.search(name) is None) is kept


def test_the_spec_version_is_the_package_version() -> None:
    from ponder import __version__

    names = spec_names("ponder_version", APP=ROOT / "app")
    assert names["ponder_version"]() == __version__


def test_the_bundle_carries_the_data_files_where_the_wheel_does() -> None:
    datas = spec_names("ponder_data_files")["ponder_data_files"](ROOT)
    bundled = {Path(folder) / Path(source).name: Path(source) for source, folder in datas}
    # ponder/data/<path in the repository>: where ponder.core.bundled looks in a bundle.
    assert bundled[Path("ponder/data/models/catalog.toml")] == ROOT / "models" / "catalog.toml"
    problems = ROOT / "resources" / "problems"
    for path in problems.glob("*.toml"):
        assert bundled[Path("ponder/data/resources/problems") / path.name] == path


def test_the_files_the_spec_names_exist() -> None:
    text = SPEC.read_text(encoding="utf-8")
    names = re.findall(r'ICONS / "([^"]+)"', text)
    assert names
    for name in names:
        assert (ICONS / name).is_file(), name
    assert (PACKAGING / "ponder_entry.py").is_file()
    assert (PACKAGING / "macos" / "Info.plist").is_file()


def test_the_entry_script_runs_the_cli(tmp_path: object) -> None:
    # The bundle runs this file as __main__; run it the same way (no bundle needed).
    import subprocess

    result = subprocess.run(
        [sys.executable, str(PACKAGING / "ponder_entry.py"), "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ponder ")


def test_the_icons_are_what_the_installers_expect() -> None:
    icons = ICONS
    assert (icons / "ponder-256.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (icons / "ponder-512.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (icons / "ponder.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # ICO header
    import xml.etree.ElementTree as ET

    assert ET.parse(icons / "ponder.svg").getroot().tag.endswith("svg")
    assert APP_ID  # the installed icon name (tested with the desktop entry)


def test_the_icon_font_is_bundled() -> None:
    """ponder/ui/theme/icons.py draws every icon from qtawesome's Phosphor font, which it
    loads from files beside its code: the spec collects them (no hook is relied on)."""
    text = SPEC.read_text(encoding="utf-8")
    assert 'collect_data_files("qtawesome", includes=' in text
    icons = (ROOT / "app" / "ponder" / "ui" / "theme" / "icons.py").read_text(encoding="utf-8")
    assert "from qtawesome import IconicFont" in icons
    # Only the font icons.py loads is bundled, and it is the one qtawesome ships.
    import qtawesome

    from ponder.ui.theme.icons import _FONT

    names = spec_names("ICON_FONT_FILES", "keep_icon_font")
    bundled = names["ICON_FONT_FILES"]
    assert tuple(bundled) == tuple(_FONT[1:])
    fonts = Path(qtawesome.__file__).parent / "fonts"
    assert all((fonts / name).is_file() for name in bundled)
    # PyInstaller's qtawesome hook collects every font: the others are dropped.
    keep = names["keep_icon_font"]
    assert all(keep(f"qtawesome/fonts/{name}") for name in bundled)
    assert not keep("qtawesome/fonts/fontawesome6-solid-webfont-6.7.2.ttf")
    assert not keep("qtawesome/fonts/materialdesignicons6-webfont-charmap-6.9.96.json")
    assert keep("qtawesome/__init__.py") and keep("PySide6/Qt/lib/libQt6Gui.so.6")
