"""The main window's menus, actions and keyboard shortcuts.

Thread: GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from ponder.ui.thinking.live_controls import ANSWER_NOW_SHORTCUT


@dataclass
class WindowActions:
    """Every action of the window (the tests and the window trigger them by name)."""

    new_conversation: QAction
    rename_conversation: QAction
    delete_conversation: QAction
    import_model: QAction
    import_pack: QAction
    model_manager: QAction
    settings: QAction
    quit: QAction
    send: QAction
    stop: QAction
    answer_now: QAction
    regenerate: QAction
    toggle_thinking: QAction
    toggle_sidebar: QAction
    focus_search: QAction
    about: QAction
    presenter: QAction
    replay_trace: QAction
    budget_sweep: QAction
    fork: QAction
    compare_versions: QAction
    other_model: QAction
    export_conversation: QAction
    conversation_settings: QAction
    next_conversation: QAction
    previous_conversation: QAction
    keyboard_shortcuts: QAction


def _action(
    window: QMainWindow,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    return action


def build_menus(window: QMainWindow) -> WindowActions:
    """Creates the actions and the menu bar; the window connects them."""
    a = WindowActions(
        new_conversation=_action(
            window, "&New conversation", QKeySequence.StandardKey.New, "Start a new conversation"
        ),
        rename_conversation=_action(window, "&Rename conversation", "F2"),
        delete_conversation=_action(window, "&Delete conversation…"),
        import_model=_action(
            window,
            "&Import model…",
            QKeySequence.StandardKey.Open,
            "Add a .gguf model file from this computer",
        ),
        import_pack=_action(
            window,
            "Import a model &pack…",
            None,
            "Install a model from a pack folder (made with `ponder pack export`, e.g. on a "
            "USB stick), checksum-verified",
        ),
        model_manager=_action(
            window, "&Models…", "Ctrl+M", "Download, import, pick and delete models"
        ),
        settings=_action(window, "&Settings…", QKeySequence.StandardKey.Preferences),
        quit=_action(window, "&Quit", QKeySequence.StandardKey.Quit),
        send=_action(window, "&Send", "Ctrl+Return", "Send the message"),
        stop=_action(window, "S&top", "Esc", "Stop the answer now"),
        answer_now=_action(
            window,
            "&Answer now",
            ANSWER_NOW_SHORTCUT,
            "Stop thinking now and answer (the early-stop message from the settings)",
        ),
        regenerate=_action(window, "&Regenerate", "Ctrl+R", "Write a new answer"),
        toggle_thinking=_action(
            window, "&Chain of thought", "Ctrl+T", "Show or hide the chain-of-thought panel"
        ),
        toggle_sidebar=_action(
            window, "C&onversations", "Ctrl+Shift+L", "Show or hide the conversations list"
        ),
        focus_search=_action(window, "&Find conversation", QKeySequence.StandardKey.Find),
        about=_action(window, "&About Ponder"),
        presenter=_action(
            window, "&Presenter mode", "F11", "Thinking and answer in large type for a class"
        ),
        replay_trace=_action(
            window, "Re&play trace…", "Ctrl+Shift+Y", "Play the reply's thinking back"
        ),
        budget_sweep=_action(
            window,
            "&Budget sweep…",
            "Ctrl+Shift+B",
            "Run problems at several thinking budgets: the grid and the accuracy chart",
        ),
        fork=_action(
            window,
            "&Fork the thinking…",
            "Ctrl+Shift+K",
            "Edit or add to the reply's thinking and let the model go on from there",
        ),
        compare_versions=_action(
            window,
            "&Compare versions side by side",
            "Ctrl+Shift+C",
            "The reply beside another version of it (regenerated, forked, another model)",
        ),
        other_model=_action(
            window,
            "Answer with &another model…",
            None,
            "The same question answered by another model, shown side by side",
        ),
        export_conversation=_action(
            window,
            "&Export conversation…",
            "Ctrl+E",
            "Save this conversation, thinking included, as HTML, Markdown or PDF",
        ),
        conversation_settings=_action(
            window,
            "Conversation se&ttings…",
            "Ctrl+Shift+,",
            "System prompt, temperature, top-p, seed and past reasoning for this conversation",
        ),
        next_conversation=_action(window, "Ne&xt conversation", "Ctrl+Down"),
        previous_conversation=_action(window, "Pre&vious conversation", "Ctrl+Up"),
        keyboard_shortcuts=_action(
            window, "&Keyboard shortcuts", "Ctrl+/", "Every shortcut of the window"
        ),
    )
    a.presenter.setShortcuts([QKeySequence("F11"), QKeySequence("Ctrl+Shift+P")])
    if a.settings.shortcut().isEmpty():
        a.settings.setShortcut(QKeySequence("Ctrl+,"))
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)
    a.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
    a.about.setMenuRole(QAction.MenuRole.AboutRole)
    for toggle in (a.toggle_thinking, a.toggle_sidebar):
        toggle.setCheckable(True)
        toggle.setChecked(True)
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    for action in (
        a.new_conversation,
        a.import_model,
        a.export_conversation,
        None,
        a.settings,
        None,
        a.quit,
    ):
        file_menu.addSeparator() if action is None else file_menu.addAction(action)
    chat = bar.addMenu("&Conversation")
    for action in (
        a.send,
        a.stop,
        a.answer_now,
        a.regenerate,
        None,
        a.rename_conversation,
        a.delete_conversation,
        a.conversation_settings,
        None,
        a.focus_search,
        a.next_conversation,
        a.previous_conversation,
    ):
        chat.addSeparator() if action is None else chat.addAction(action)
    view = bar.addMenu("&View")
    view.addAction(a.toggle_thinking)
    view.addAction(a.toggle_sidebar)
    view.addSeparator()
    view.addAction(a.presenter)
    teach = bar.addMenu("&Teach")
    for action in (
        a.presenter,
        a.replay_trace,
        None,
        a.budget_sweep,
        None,
        a.fork,
        a.compare_versions,
        a.other_model,
    ):
        teach.addSeparator() if action is None else teach.addAction(action)
    models = bar.addMenu("&Models")
    models.addAction(a.model_manager)
    models.addAction(a.import_model)
    models.addAction(a.import_pack)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a.keyboard_shortcuts)
    help_menu.addAction(a.about)
    return a
