"""Child process of test_quit.py: starts the app (no model), opens and cancels the dialogs
named on the command line through their menu actions, then quits as a person would. Qt's
warnings go to stderr, where the test reads them."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from ponder.ui import main as ui_main
from ponder.ui.window.main_window import MainWindow


def _window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def _cancel_dialog() -> None:
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, QDialog):
        dialog.reject()
    else:  # not shown yet: look again in a moment
        QTimer.singleShot(50, _cancel_dialog)


def _open(names: list[str]) -> None:
    if not names:
        _window().menu_actions.quit.trigger()
        return
    QTimer.singleShot(50, _cancel_dialog)
    getattr(_window().menu_actions, names[0]).trigger()  # returns when the dialog closed
    QTimer.singleShot(0, lambda: _open(names[1:]))


def main() -> int:
    qapp = QApplication(sys.argv[:1])
    QTimer.singleShot(200, lambda: _open(sys.argv[1:]))
    status = ui_main.run(ui_main.LaunchOptions(load_model=False))
    del qapp
    return status


if __name__ == "__main__":
    sys.exit(main())
