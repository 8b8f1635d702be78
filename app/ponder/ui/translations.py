"""The window's language: which one, and Qt's translators that speak it.

English is the source language (the strings in the code). Another language needs Ponder's
catalogue, ``resources/translations/ponder_<lang>.qm`` (compiled from the ``.ts`` beside it by
``make translations``), and Qt's own, ``qtbase_<lang>.qm`` from PySide6's translations folder
(the standard buttons and dialogs: OK, Cancel, Restore Defaults, the file dialog).

``install_translations`` runs once, before any widget is built: a widget reads its text when it
is made, so a language chosen in the settings is used from the next start.

Thread: GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ponder.core.bundled import bundled_path

log = logging.getLogger(__name__)

CATALOGUE_FOLDER = "resources/translations"
CATALOGUE = "ponder"
QT_CATALOGUE = "qtbase"
TRANSLATOR_NAME = "ponder-translator"

LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}
"""The languages Ponder speaks, each named in itself (a person looks for their own language's
name, so these are never translated)."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (lupdate looks for it)
    """Marks ``text`` for lupdate in ``context`` and returns it unchanged: for words kept in
    a table and translated where they are shown (``QCoreApplication.translate(context, text)``
    or ``self.tr(text)`` in a class named ``context``). Qt's own returns ``object`` to mypy."""
    return text


def catalogue_folder() -> Path:
    """Where Ponder's compiled catalogues are, in a checkout, a wheel or a bundle."""
    return bundled_path(CATALOGUE_FOLDER)


def chosen_locale(language: str) -> QLocale:
    """The locale for the ``language`` setting: the system's for "system"."""
    return QLocale.system() if language == "system" else QLocale(language)


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Installs the translators for ``language`` (a ``Settings.language``) into ``app`` and
    returns those installed (none for English). Translators an earlier call installed are
    removed first, so a second app in the same process (the tests) starts clean."""
    remove_translations(app)
    locale = chosen_locale(language)
    QLocale.setDefault(locale)  # numbers and dates in the widgets, as the words
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return []
    installed = []
    for name, folder in (
        (CATALOGUE, str(catalogue_folder())),
        (QT_CATALOGUE, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        translator.setObjectName(TRANSLATOR_NAME)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.info("no %s translation for %s in %s", name, locale.name(), folder)
            translator.setParent(None)
    return installed


def remove_translations(app: QCoreApplication) -> None:
    """Takes out the translators ``install_translations`` put in, and the locale it chose."""
    for translator in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(translator)
        translator.setParent(None)  # no longer the app's: freed with its last reference
    QLocale.setDefault(QLocale.system())
