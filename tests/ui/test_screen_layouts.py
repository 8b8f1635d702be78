"""Nothing cut off at the sizes a 1024 × 640 screen gives each window (#13 item 3), checked by
one checker (``layout_check.clipped_things``) on every window and dialog, with the model
loaded (its name, where it runs and the context meter are shown) and a finished reply on
screen. The screenshots behind these: ``benchmarks/screenshots.py``."""

from __future__ import annotations

import contextlib

import pytest
from app_driving import AppFactory
from layout_check import clipped_things
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QTreeWidget, QWidget
from pytestqt.qtbot import QtBot

from ponder.core.events import Event, ThinkingEvent
from ponder.core.storage.store import StoredMessage
from ponder.core.teaching.problems import load_problem_set
from ponder.core.teaching.sweep import SweepCell, new_result, parse_budgets
from ponder.ui.chat.live_reply import LiveReply
from ponder.ui.chat.suggestions import SuggestionPanel
from ponder.ui.elided_label import ElidedLabel
from ponder.ui.main import PonderApp
from ponder.ui.models.manager import ModelManagerDialog
from ponder.ui.screen_fit import initial_size
from ponder.ui.sweep.window import SweepWindow
from ponder.ui.teaching.presenter import PresenterView
from ponder.ui.window.about import about_box
from ponder.ui.window.settings_dialog import SettingsDialog
from ponder.ui.window.shortcuts import ShortcutsDialog
from stored_reply import EVENTS, QUESTION, store_reply

SMALL = QRect(0, 0, 1024, 640)
# What ``initial_size`` gives a window too large for SMALL: the screen less a frame's room.
ROOM = (1016, 600)


def _at_small_size(qtbot: QtBot, widget: QWidget) -> QWidget:
    """``widget`` shown at the size the app gives it on a 1024 × 640 screen."""
    hint = widget.size()
    initial_size(widget, hint.width(), hint.height(), SMALL)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    return widget


def _loaded(make_app: AppFactory) -> PonderApp:
    """The app with the demo model loaded and the small screen's window size."""
    app = make_app()
    app.window.resize(*ROOM)
    QApplication.processEvents()
    return app


def test_the_main_window_keeps_within_a_small_screen_once_a_model_is_loaded(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    """Where the model runs and the context meter made the window 60 px wider than a
    1024-pixel screen (its right edge, Send and the panel were off it), and the suggestions
    were cut mid-line."""
    app = _loaded(make_app)
    window = app.window
    window.new_conversation()
    window.set_panel_visible(True)
    QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= ROOM[0] and hint.height() <= ROOM[1], hint
    # The words beside the model and the meter give up their width (to a short form, whole
    # in a tooltip) rather than set the window's: with a wider font they pushed it past
    # the screen.
    for label in (window.model_bar.state, window.composer.meter.label):
        assert label.text()
        whole = label.fontMetrics().horizontalAdvance(label.text())
        assert label.minimumSizeHint().width() < whole * 0.6, label.text()
    assert window.width() == ROOM[0], window.width()
    assert window.view.suggestions.isVisible()
    assert clipped_things(window) == []


def test_a_conversation_with_its_trace_and_stats_shows_everything_whole(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = _loaded(make_app)
    conversation_id, _reply = store_reply()
    app.window.refresh_conversations()
    app.controller.open_conversation(conversation_id)
    app.window.set_panel_visible(True)
    QApplication.processEvents()
    assert app.window.width() == ROOM[0]
    assert clipped_things(app.window) == []


def test_suggestions_wrap_in_a_narrow_window(qtbot: QtBot) -> None:
    """Each card shows its whole prompt, wrapped, however narrow the conversation is."""
    panel = SuggestionPanel()
    qtbot.addWidget(panel)
    panel.set_hint("Ask something, or start from one of these.")
    for width in (360, 520, 900):
        panel.resize(width, 600)
        panel.show()
        QApplication.processEvents()
        assert panel.minimumSizeHint().width() <= 360
        assert clipped_things(panel) == [], width
        for button in panel.buttons:
            title, prompt = (label.text() for label in button.findChildren(QLabel))
            assert button.accessibleName() == f"{title}: {prompt}"


def _name_column_problems(tree: QTreeWidget) -> list[str]:
    """Top-level rows whose name is wider than its column and whose tooltip does not say it."""
    column = tree.columnWidth(0) - tree.indentation() - 8
    metrics = tree.fontMetrics()
    return [
        item.text(0)
        for item in (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
        if item is not None
        and metrics.horizontalAdvance(item.text(0)) > column
        and item.text(0) not in item.toolTip(0)
    ]


@pytest.mark.parametrize("tab", [0, 1, 2])
def test_the_model_manager_fits_and_names_every_model(
    qtbot: QtBot, make_app: AppFactory, tab: int
) -> None:
    """The Installed tab's name column was cut with no way to read the name (the last column
    took the spare width); the catalog's names are whole or in their tooltips."""
    app = _loaded(make_app)
    dialog = ModelManagerDialog(app.library, app.engine_host.model_path, app.window)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(tab)
    _at_small_size(qtbot, dialog)
    qtbot.waitUntil(lambda: app.library.hardware is not None, timeout=60_000)
    QApplication.processEvents()
    assert dialog.width() <= ROOM[0] and dialog.height() <= ROOM[1]
    assert clipped_things(dialog) == []
    tree = {0: dialog.installed, 1: dialog.catalog}.get(tab)
    if tree is not None:
        assert tree.topLevelItemCount() > 0
        assert _name_column_problems(tree) == []
        header = tree.header()
        assert not header.stretchLastSection()
        if tab == 0:
            # The names take the spare width: the demo's whole name fits on this screen.
            demo = tree.topLevelItem(0)
            assert tree.fontMetrics().horizontalAdvance(demo.text(0)) < tree.columnWidth(0)


def test_settings_shortcuts_and_conversation_settings_fit(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = _loaded(make_app)
    settings = SettingsDialog(app.settings.settings, app.paths, 4, app.window)
    shortcuts = ShortcutsDialog(app.window)
    conversation = app.window.edit_conversation_settings(None)
    assert conversation is not None
    for dialog in (settings, shortcuts, conversation):
        with contextlib.suppress(TypeError):
            qtbot.addWidget(dialog)
        _at_small_size(qtbot, dialog)
        assert dialog.width() <= ROOM[0] and dialog.height() <= ROOM[1]
        assert clipped_things(dialog) == [], dialog
        dialog.close()


def test_the_sweep_window_gives_the_results_the_width_on_a_small_screen(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    """The set-up column took half of a 1024-pixel window (temperature and seed side by side,
    pixel sizes meant for a large screen), leaving the run's detail a 70-pixel sliver."""
    app = make_app(load=False)
    problems = load_problem_set("arithmetic")
    budgets = parse_budgets("off,128,512,2048")
    result = new_result(problems, budgets, model_path="/m/Model-7B.gguf", max_tokens=None)
    for budget in budgets:
        for problem in problems.problems:
            result.cells.append(
                SweepCell(problem.id, budget.label, "4", "", "4", True, 160, 3, 0, 0, 1.2, "eos")
            )
    path = app.sweeps.files.save(result)
    window = app.window.teaching.open_sweeps()
    assert isinstance(window, SweepWindow)
    window.close()
    window.resize(*ROOM)
    window.show()
    qtbot.waitExposed(window)
    tips = [window.list.item(i).toolTip() for i in range(window.list.count())]
    window.list.setCurrentRow(next(i for i, tip in enumerate(tips) if str(path) in tip))
    QApplication.processEvents()
    # (The test platform's screen is 800 pixels wide: the window is fitted to it on show; the
    # run's detail on a real 1024 × 640 screen is checked in test_screen_fit.)
    setup_column = window.splitter.widget(0).minimumSizeHint().width()
    assert setup_column <= 0.35 * ROOM[0], setup_column
    left, right = window.splitter.sizes()
    assert left <= max(0.3 * (left + right) + 2, setup_column), (left, right)
    assert clipped_things(window) == []
    # A cell's second line breaks between its parts, never inside "160 tokens" or "1.2 s".
    assert "160\u00a0tokens · 1.2\u00a0s" in window.grid.item(0, 1).text()


def test_an_elided_label_gives_up_width_and_says_its_whole_text(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    label = ElidedLabel()
    row = QHBoxLayout(holder)
    row.addWidget(label)
    label.set_texts("CPU · 4,096 tokens of context", "CPU")
    assert label.minimumSizeHint().width() < label.sizeHint().width()
    holder.resize(600, 40)
    holder.show()
    QApplication.processEvents()
    assert label.shown_text() == "CPU · 4,096 tokens of context" and label.toolTip() == ""
    holder.resize(label.minimumSizeHint().width() + 4, 40)
    QApplication.processEvents()
    assert label.shown_text() == "CPU" and label.toolTip() == "CPU · 4,096 tokens of context"
    label.setText("A model file with a very long name indeed.gguf")  # no short form: "…"
    assert label.shown_text().endswith("…") and label.toolTip().startswith("A model file")
    label.setToolTip("chosen")
    assert label.toolTip() == "chosen"


def test_a_window_as_large_as_the_screen_leaves_room_for_its_frame(qtbot: QtBot) -> None:
    """Replay (1280 × 720) on a 1280 × 720 screen: its buttons were under the screen's edge
    once the title bar was added."""
    widget = QWidget()
    qtbot.addWidget(widget)
    initial_size(widget, 1280, 720, QRect(0, 0, 1280, 720))
    assert widget.width() <= 1280 - 8 and widget.height() <= 720 - 40


def test_a_window_too_large_is_not_placed_before_it_is_framed(qtbot: QtBot) -> None:
    """A position given before the window manager frames a window put its title bar above
    the screen (the sweep window's, at 1024 × 640): ``initial_size`` leaves where it goes
    to the window manager, and fits the shown window to the screen."""
    widget = QWidget()
    qtbot.addWidget(widget)
    screen = widget.screen().availableGeometry()
    initial_size(widget, screen.width() + 600, screen.height() + 400)
    assert not widget.testAttribute(Qt.WidgetAttribute.WA_Moved)
    widget.move(screen.right() - 50, screen.bottom() - 50)  # where a saved position put it
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: screen.contains(widget.frameGeometry()))


def test_replay_presenter_and_about_show_everything_whole(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = _loaded(make_app)
    conversation_id, reply = store_reply()
    app.window.refresh_conversations()
    app.controller.open_conversation(conversation_id)
    replay = app.window.teaching.open_replay(reply.id)
    assert replay is not None
    about = about_box(app.window)
    qtbot.addWidget(about)
    for window in (replay, about):
        _at_small_size(qtbot, window)
        assert clipped_things(window) == [], window
        window.close()
    app.window.teaching.open_presenter()
    presenter = app.window.teaching.presenter
    assert presenter is not None
    qtbot.waitExposed(presenter)
    # Full screen on the test platform's 800-pixel screen is narrower than the smallest
    # screen Ponder fits (1024 × 640): the presenter is checked at that screen's size.
    presenter.showNormal()
    presenter.resize(1024, 640)
    QApplication.processEvents()
    assert clipped_things(presenter) == []
    presenter.close()


def test_the_window_opens_maximised_the_first_time_on_a_screen_too_small_for_it(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    """The test platform's screen (800 pixels wide) is smaller than the window's preferred
    1280 × 800: the first time, it opens maximised; after that, as the person left it."""
    app = make_app(load=False)
    window = app.window
    window.hide()
    window.show_on_screen()
    qtbot.waitUntil(window.isMaximized)
    screen = window.screen().availableGeometry()
    assert window.frameGeometry().width() <= screen.width()
    window.showNormal()
    window.resize(780, 560)
    window.close()  # saves where it was
    again = make_app(load=False)
    again.window.hide()
    again.window.show_on_screen()
    qtbot.waitExposed(again.window)
    assert not again.window.isMaximized()
    assert (again.window.width(), again.window.height()) == (780, 560)


def _long_reply_events() -> tuple[Event, ...]:
    """A reply whose thinking is several screens long."""
    steps = tuple(
        ThinkingEvent(f"Step {n}: check the divisor {n} against the number, and say why.\n\n")
        for n in range(1, 40)
    )
    return steps + EVENTS[6:]


def _long_reply() -> tuple[int, StoredMessage]:
    return store_reply(_long_reply_events())


@pytest.mark.parametrize("size", [(800, 600), (1024, 640)])
def test_presenter_mode_fits_a_small_projector_and_opens_at_the_first_line(
    qtbot: QtBot, make_app: AppFactory, size: tuple[int, int]
) -> None:
    """Presenter mode would not go below 831 pixels (the reveal button beside "Answer", the
    keys hint on one line, the panel's header), so an 800 × 600 projector cut its right edge;
    and its thinking opened scrolled to the end, its top line cut (a text view shows its
    cursor when first shown, and the cursor had followed the text to the end)."""
    app = make_app(load=False)
    conversation_id, _reply = _long_reply()
    app.window.refresh_conversations()
    app.controller.open_conversation(conversation_id)
    app.window.teaching.open_presenter()
    presenter = app.window.teaching.presenter
    assert isinstance(presenter, PresenterView)
    qtbot.waitExposed(presenter)
    presenter.showNormal()
    QApplication.processEvents()  # fitted to the test platform's screen once shown
    presenter.resize(*size)
    QApplication.processEvents()
    assert presenter.minimumSizeHint().width() <= 800
    assert (presenter.width(), presenter.height()) == size
    bar = presenter.panel.view.verticalScrollBar()
    assert bar.maximum() > 0  # the thinking is longer than the view
    assert bar.value() == 0, (bar.value(), bar.maximum())
    assert presenter.panel.trace_text.startswith("Step 1:")
    assert clipped_things(presenter) == []
    presenter.reveal()
    QApplication.processEvents()
    assert clipped_things(presenter) == []
    # While a reply streams the panel's header holds Answer now too, and the view follows
    # the newest line.
    live = LiveReply(token=1, conversation_id=conversation_id, user_text=QUESTION)
    app.controller.reply_begun.emit(live, 0)
    for event in _long_reply_events()[:30]:
        app.controller.reply_updated.emit(live, live.apply([event]))
    QApplication.processEvents()
    assert presenter.panel.answer_now.isVisible()
    assert clipped_things(presenter) == []
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    presenter.close()
