"""Child process of test_screen_fit.py: the app on a 1024 × 640 screen (Qt's offscreen
platform with a screen of that size; a platform is chosen once per process), its windows and
dialogs opened as a person would; prints what the test checks, as JSON."""

from __future__ import annotations

import json
import sys

from layout_check import clipped_things
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from ponder.core.events import LoadedEvent
from ponder.ui.main import LaunchOptions, PonderApp
from ponder.ui.models.manager import ModelManagerDialog
from ponder.ui.window.settings_dialog import SettingsDialog


def _rect(widget: QWidget) -> list[int]:
    g: QRect = widget.frameGeometry()
    return [g.x(), g.y(), g.width(), g.height()]


def main() -> int:
    qapp = QApplication(sys.argv[:1])
    app = PonderApp(qapp, LaunchOptions(load_model=False))
    window = app.window
    window.show()
    window.model_bar.ready(  # where the model runs, as a loaded model shows it
        LoadedEvent("/m/Model-7B.gguf", "qwen3", 4096, 32768, False, 0, "CPU (AVX2)", None, None)
    )
    window.composer.meter.set_context(4096)
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
        "clipped": {
            name: clipped_things(widget)
            for name, widget in (
                ("main", window),
                ("settings", settings),
                ("manager", manager),
                ("sweeps", sweeps),
            )
        },
        "sweep_detail_width": sweeps.detail.width(),
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
