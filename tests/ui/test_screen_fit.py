"""Every window fits a small screen (#13 item 3): sizes and positions clamped to the screen's
available geometry, splitters restored as proportions, minimum sizes within 1024 × 640."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app_driving import AppFactory
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QSplitter, QWidget
from pytestqt.qtbot import QtBot

from ponder.ui.models.manager import ModelManagerDialog
from ponder.ui.screen_fit import (
    apply_proportions,
    fit_to_screen,
    fitted,
    initial_size,
    parse_splitter_text,
    splitter_text,
)
from ponder.ui.window.settings_dialog import SettingsDialog

SMALL = QRect(0, 0, 1024, 640)
CHILD = Path(__file__).with_name("small_screen_child.py")


def test_a_rectangle_is_clamped_into_the_available_area() -> None:
    assert fitted(QRect(-50, 300, 1600, 900), SMALL) == QRect(0, 0, 1024, 640)
    assert fitted(QRect(900, 500, 400, 300), SMALL) == QRect(624, 340, 400, 300)
    assert fitted(QRect(10, 20, 300, 200), SMALL) == QRect(10, 20, 300, 200)
    # A screen that does not start at the origin (a second monitor, a top panel).
    assert fitted(QRect(0, 0, 800, 800), QRect(1920, 32, 1024, 608)) == QRect(1920, 32, 800, 608)


def test_a_widget_larger_than_the_screen_is_made_to_fit(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(1600, 1000)
    fit_to_screen(widget, SMALL)
    assert widget.width() <= 1024 and widget.height() <= 640
    initial_size(widget, 1280, 800, SMALL)
    # Too large: what fits with a window manager's frame, placed whole on the screen.
    assert (widget.width(), widget.height()) == (1016, 600)
    assert SMALL.contains(widget.frameGeometry()) and widget.pos().x() >= 0
    initial_size(widget, 720, 560, SMALL)
    assert (widget.width(), widget.height()) == (720, 560)


def test_splitter_sizes_are_kept_as_proportions(qtbot: QtBot) -> None:
    splitter = QSplitter()
    qtbot.addWidget(splitter)
    for _ in range(3):
        splitter.addWidget(QLabel("x"))
    splitter.resize(1000, 300)
    splitter.show()
    splitter.setSizes([200, 500, 300])
    text = splitter_text(splitter)
    fractions = parse_splitter_text(text)
    assert fractions is not None and [round(f, 2) for f in fractions] == [0.2, 0.5, 0.3]
    splitter.resize(500, 300)
    assert apply_proportions(splitter, fractions)
    sizes = splitter.sizes()
    assert abs(sizes[0] / sum(sizes) - 0.2) < 0.02 and abs(sizes[2] / sum(sizes) - 0.3) < 0.02
    # Qt's old binary state, garbage, or the wrong count: ignored, nothing changes.
    for bad in ("AAAA/wAAAAD9AAAAAQ==", "0.5,nan", "2,3", "", None):
        assert parse_splitter_text(bad) is None
    assert not apply_proportions(splitter, [0.5, 0.5])


def test_a_saved_window_larger_than_the_screen_restores_within_it(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    """A geometry saved on a 1920 × 1200 screen, restored on the offscreen one: the window
    (and so the composer) is on the screen, and the splitter keeps its proportions."""
    app = make_app(load=False)
    screen = app.window.screen().availableGeometry()
    big = QWidget()
    qtbot.addWidget(big)
    big.setGeometry(100, 80, screen.width() + 900, screen.height() + 600)
    geometry = bytes(big.saveGeometry().toBase64().data()).decode()
    app.window.close()
    app.settings.update_fields(window_geometry=geometry, window_state="0.2500,0.5000,0.2500")
    again = make_app(load=False)
    window = again.window
    assert screen.contains(window.geometry()), (window.geometry(), screen)
    composer = window.composer
    bottom_right = composer.mapTo(window, composer.rect().bottomRight())
    assert window.rect().contains(bottom_right)
    sizes = window.splitter.sizes()
    assert abs(sizes[0] / sum(sizes) - 0.25) < 0.03, sizes
    window.close()
    assert parse_splitter_text(again.settings.settings.window_state) is not None


def test_every_window_and_dialog_fits_a_1024_by_640_screen(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    window = app.window
    manager = ModelManagerDialog(app.library, None, window)
    settings = SettingsDialog(app.settings.settings, app.paths, 4, window)
    sweeps = window.teaching.open_sweeps()
    assert sweeps is not None
    for widget in (window, manager, settings, sweeps):
        hint = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        # Room for a window manager's title bar and borders within the available area.
        assert hint.width() <= 1024 - 16 and hint.height() <= 640 - 40, (widget, hint)
        widget.resize(1600, 1000)
        fit_to_screen(widget, SMALL)
        assert widget.width() <= 1024 and widget.height() <= 640, widget
    manager.close()
    settings.close()


def test_the_settings_dialog_shows_its_wrapped_hints_whole(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    """The hints under Context size and Models were cut off: Qt sized the dialog from a
    height worked out for another width."""
    app = make_app(load=False)
    dialog = SettingsDialog(app.settings.settings, app.paths, 4, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    wrapped = [
        label for label in dialog.findChildren(QLabel) if label.wordWrap() and label.isVisible()
    ]
    assert wrapped
    for label in wrapped:
        assert label.height() >= label.heightForWidth(label.width()), label.text()


def test_on_a_1024_by_640_screen_every_window_fits_and_nothing_is_cut(tmp_path: Path) -> None:
    """The whole app on a real (offscreen) 1024 × 640 screen: the main window, Settings, the
    model manager and the sweep window lie within it, the composer and the sweep's Stop and
    Export are on screen, and Settings' wrapped hints are whole."""
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": 1024, "height": 640}]}),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(CHILD)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}"),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["screen"] == [0, 0, 1024, 640]
    screen = QRect(*report["screen"])
    for name, rect in report["windows"].items():
        assert screen.contains(QRect(*rect)), (name, rect)
    assert report["composer_visible"] and report["sweep_buttons_visible"]
    # Nothing cut off in any of them (the checker every screen-size test uses).
    assert report["clipped"] == {"main": [], "settings": [], "manager": [], "sweeps": []}
    # The run's detail beside the sweep chart is readable, not a sliver.
    assert report["sweep_detail_width"] >= 200
