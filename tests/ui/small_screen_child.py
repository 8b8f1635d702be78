"""Child process of test_screen_fit.py: the app on a 1024 × 640 screen (Qt's offscreen
platform with a screen of that size; a platform is chosen once per process), its windows and
dialogs opened as a person would; prints what the test checks, as JSON."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ponder.ui.main import LaunchOptions, PonderApp
from ponder.ui.models.manager import ModelManagerDialog
from ponder.ui.window.settings_dialog import SettingsDialog


def _rect(widget: QWidget) -> list[int]:
    g: QRect = widget.frameGeometry()
    return [g.x(), g.y(), g.width(), g.height()]


def _clipped(widget: QWidget) -> list[str]:
    """Wrapped labels shorter than their text needs."""
    return [
        label.text()
        for label in widget.findChildren(QLabel)
        if label.wordWrap()
        and label.isVisible()
        and label.height() < label.heightForWidth(label.width())
    ]


def main() -> int:
    qapp = QApplication(sys.argv[:1])
    app = PonderApp(qapp, LaunchOptions(load_model=False))
    window = app.window
    window.show()
    settings = SettingsDialog(app.settings.settings, app.paths, 4, window)
    manager = ModelManagerDialog(app.library, None, window)
    sweeps = window.teaching.open_sweeps()
    assert sweeps is not None
    for widget in (settings, manager):
        widget.show()
    for _ in range(20):
        qapp.processEvents()
    screen = window.screen().availableGeometry()
    report = {
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "windows": {
            name: _rect(widget)
            for name, widget in (
                ("main", window),
                ("settings", settings),
                ("manager", manager),
                ("sweeps", sweeps),
            )
        },
        "composer_visible": window.rect().contains(
            window.composer.mapTo(window, window.composer.rect().bottomRight())
        ),
        "sweep_buttons_visible": all(
            sweeps.rect().contains(b.mapTo(sweeps, b.rect().bottomRight()))
            for b in (sweeps.stop_button, sweeps.export_button)
        ),
        "clipped": _clipped(settings),
    }
    print(json.dumps(report))
    for widget in (settings, manager, sweeps):
        widget.close()
    app.shutdown()
    settings.deleteLater()
    manager.deleteLater()
    return 0


if __name__ == "__main__":
    sys.exit(main())
