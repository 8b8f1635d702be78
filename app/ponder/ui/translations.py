"""The window's language: which one, and Qt's translators that speak it.

English is the source language (the strings in the code). Another language needs Ponder's
catalogue, ``resources/translations/ponder_<lang>.qm`` (compiled from the ``.ts`` beside it by
``make translations``), and Qt's own, ``qtbase_<lang>.qm`` from PySide6's translations folder
(the standard buttons and dialogs: OK, Cancel, Restore Defaults, the file dialog).

``install_translations`` runs once, before any widget is built: a widget reads its text when it
is made, so a language chosen in the settings is used from the next start.

Core's words (``ponder.core.phrases``: the chip, interventions, fit reasons, errors) are
translated where the window shows them, by ``shown``; ``QT_TRANSLATE_NOOP`` marks words the
window keeps in a table (the same marker core uses).

Thread: GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ponder.core.bundled import bundled_path
from ponder.core.phrases import QT_TRANSLATE_NOOP, phrase_of

log = logging.getLogger(__name__)

__all__ = [
    "CATALOGUE",
    "CATALOGUE_FOLDER",
    "LANGUAGES",
    "QT_CATALOGUE",
    "QT_TRANSLATE_NOOP",
    "TRANSLATOR_NAME",
    "catalogue_folder",
    "chosen_locale",
    "install_translations",
    "remove_translations",
    "shown",
    "system_locale",
]

CATALOGUE_FOLDER = "resources/translations"
CATALOGUE = "ponder"
QT_CATALOGUE = "qtbase"
TRANSLATOR_NAME = "ponder-translator"

LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}
"""The languages Ponder speaks, each named in itself (a person looks for their own language's
name, so these are never translated)."""


def shown(value: object) -> str:
    """``value`` as the window shows it: a phrase core made (``ponder.core.phrases``), or an
    exception raised with one, in the window's language; anything else as ``str`` gives it.

    The phrase's template is translated in its context, then formatted with its values, each
    phrase among them translated the same way. A translation that does not fit its values (a
    damaged catalogue) falls back to the English text rather than failing.
    """
    phrase = phrase_of(value)
    if phrase is None:
        return str(value)
    template = QCoreApplication.translate(phrase.context, phrase.template)
    if phrase.args is None:
        return template
    args = {name: shown(arg) if phrase_of(arg) else arg for name, arg in phrase.args.items()}
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError):
        log.warning("translation of %r does not fit its values", phrase.template)
        return str.__str__(phrase)


def catalogue_folder() -> Path:
    """Where Ponder's compiled catalogues are, in a checkout, a wheel or a bundle."""
    return bundled_path(CATALOGUE_FOLDER)


def system_locale() -> QLocale:
    """The computer's locale: what "system" means (the tests pin it, so a German computer
    runs the English tests in English)."""
    return QLocale.system()


def chosen_locale(language: str) -> QLocale:
    """The locale for the ``language`` setting: the system's for "system"."""
    return system_locale() if language == "system" else QLocale(language)


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
    QLocale.setDefault(system_locale())
