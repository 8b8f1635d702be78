"""The window in another language: the setting, Ponder's catalogue and Qt's, and the
catalogue kept in step with the code (ui/translations.py, resources/translations/)."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
import pytest
from app_driving import AppFactory
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot

from ponder.core.paths import AppPaths
from ponder.core.settings import Settings, load_settings, save_settings
from ponder.ui.translations import (
    LANGUAGES,
    TRANSLATOR_NAME,
    catalogue_folder,
    install_translations,
    remove_translations,
)
from ponder.ui.window.settings_dialog import SettingsDialog

ROOT = Path(__file__).resolve().parents[2]
# Where lupdate looks (the Makefile's TRANSLATED): the window's tr() strings, and the words
# core and the engine mark for it (core/phrases.py).
TRANSLATED = [ROOT / "app" / "ponder" / part for part in ("ui", "core", "engine")]
TRANSLATIONS = ROOT / "resources" / "translations"
PYSIDE = Path(PySide6.__file__).parent


def _tool(name: str) -> str:
    """Qt's lupdate or lrelease as PySide6 ships them (``make translations`` runs the same)."""
    found = shutil.which(name, path=str(PYSIDE))
    if found is None:
        pytest.fail(f"PySide6 has no {name} in {PYSIDE}")
    return found


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) → the <translation> element of every message in ``ts``."""
    root = ET.parse(ts).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = translation
    return found


def _start_in(language: str) -> None:
    """Settings on the test's PONDER_HOME that ask for ``language``."""
    paths = AppPaths.from_environment().ensure()
    save_settings(Settings(language=language), paths.settings_file)  # type: ignore[arg-type]


def test_every_shipped_language_has_a_compiled_catalogue() -> None:
    for code in LANGUAGES:
        if code == "en":
            continue  # the source language: the strings in the code
        assert (TRANSLATIONS / f"ponder_{code}.ts").is_file()
        assert (catalogue_folder() / f"ponder_{code}.qm").is_file()


def test_german_installs_ponders_and_qts_catalogues(qapp: QCoreApplication) -> None:
    try:
        installed = install_translations(qapp, "de")
        assert len(installed) == 2  # ponder_de.qm and qtbase_de.qm
        assert QCoreApplication.translate("Menus", "&File") == "&Datei"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
        assert QLocale().language() == QLocale.Language.German
    finally:
        remove_translations(qapp)
    assert not qapp.findChildren(QTranslator, TRANSLATOR_NAME)
    assert QCoreApplication.translate("Menus", "&File") == "&File"


def test_english_installs_nothing(qapp: QCoreApplication) -> None:
    try:
        assert install_translations(qapp, "en") == []
        assert QCoreApplication.translate("Menus", "&File") == "&File"
    finally:
        remove_translations(qapp)


def test_the_window_speaks_german(make_app: AppFactory, qtbot: QtBot) -> None:
    _start_in("de")
    app = make_app(load=False)
    window = app.window
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Datei", "&Gespräch", "&Ansicht", "&Unterricht", "&Modelle", "&Hilfe"]
    teach = window.menuBar().actions()[3].menu()
    assert isinstance(teach, QMenu)
    assert "&Budget-Reihe …" in [a.text() for a in teach.actions()]
    composer = window.composer
    assert composer.editor.placeholderText() == "Fragen Sie etwas … (Strg+Eingabe zum Senden)"
    assert composer.send_button.text() == "Senden"
    assert composer.budget.preset.currentText() == "Normal (1024)"


def test_the_settings_dialog_offers_the_languages_and_keeps_the_choice(
    make_app: AppFactory, qtbot: QtBot
) -> None:
    app = make_app(load=False)
    dialog = SettingsDialog(app.settings.settings, app.paths, cores=4, parent=app.window)
    qtbot.addWidget(dialog)
    choices = [dialog.language.itemData(i) for i in range(dialog.language.count())]
    assert choices == ["system", *LANGUAGES]
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    app.settings.update(dialog.result_settings())
    assert load_settings(app.paths.settings_file).language == "de"
    # Qt's own buttons in the dialog follow the language too (qtbase_de.qm).
    install_translations(QCoreApplication.instance(), "de")  # type: ignore[arg-type]
    try:
        german = SettingsDialog(app.settings.settings, app.paths, cores=4, parent=app.window)
        qtbot.addWidget(german)
        buttons = german.findChild(QDialogButtonBox)
        assert buttons is not None
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel.text().replace("&", "") == "Abbrechen"
        assert german.windowTitle() == "Einstellungen"
    finally:
        remove_translations(QCoreApplication.instance())  # type: ignore[arg-type]


def test_a_bad_language_in_the_settings_file_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        Settings(language="klingon")  # type: ignore[arg-type]


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("ponder_*.ts")), ids=lambda p: p.name)
def test_the_catalogue_is_up_to_date_and_finished(ts: Path, tmp_path: Path) -> None:
    """lupdate over the code finds no string the committed .ts lacks, and none it no longer
    needs; every message is translated. (Run ``make translations`` and translate.)"""
    fresh = tmp_path / ts.name
    shutil.copy(ts, fresh)
    sources = sorted(str(p) for folder in TRANSLATED for p in folder.rglob("*.py"))
    subprocess.run(
        [
            _tool("lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    committed, updated = _messages(ts), _messages(fresh)
    assert sorted(set(updated) - set(committed)) == [], "new strings: run make translations"
    assert sorted(set(committed) - set(updated)) == [], "gone strings: run make translations"
    unfinished = [key for key, t in committed.items() if t.get("type") or not t.text]
    assert unfinished == [], "untranslated"


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("ponder_*.ts")), ids=lambda p: p.name)
def test_the_compiled_catalogue_matches_its_source(ts: Path, tmp_path: Path) -> None:
    compiled = tmp_path / ts.with_suffix(".qm").name
    subprocess.run(
        [_tool("lrelease"), "-silent", str(ts), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == ts.with_suffix(".qm").read_bytes(), "run make translations"


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("ponder_*.ts")), ids=lambda p: p.name)
def test_translations_keep_every_placeholder(ts: Path) -> None:
    """A translation that drops or renames a {placeholder} would raise in str.format."""
    import re

    def holes(text: str) -> list[str]:
        return sorted(re.findall(r"\{[^{}]*\}", text))

    wrong = [
        (context, source)
        for (context, source), translation in _messages(ts).items()
        if holes(source) != holes(translation.text or "")
        or source.count("&") != (translation.text or "").count("&")
    ]
    assert wrong == []


def test_no_german_menu_gives_two_items_the_same_key(make_app: AppFactory) -> None:
    """Alt+letter picks one item: within a menu (and the menu bar) the letters differ."""
    _start_in("de")
    app = make_app(load=False)
    bar = app.window.menuBar()

    def keys(texts: list[str]) -> list[str]:
        return [t[t.index("&") + 1].lower() for t in texts if "&" in t]

    clashes = []
    menus = [("bar", [a.text() for a in bar.actions()])]
    for action in bar.actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        menus.append((action.text(), [a.text() for a in menu.actions() if a.text()]))
    for name, texts in menus:
        letters = keys(texts)
        if len(letters) != len(set(letters)):
            clashes.append((name, texts))
    assert clashes == [], "\n".join(f"{name}: {texts}" for name, texts in clashes)
