"""The main window's menus, actions and keyboard shortcuts.

Thread: GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
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
            window,
            QCoreApplication.translate("Menus", "&New conversation"),
            QKeySequence.StandardKey.New,
            QCoreApplication.translate("Menus", "Start a new conversation"),
        ),
        rename_conversation=_action(
            window, QCoreApplication.translate("Menus", "&Rename conversation"), "F2"
        ),
        delete_conversation=_action(
            window, QCoreApplication.translate("Menus", "&Delete conversation…")
        ),
        import_model=_action(
            window,
            QCoreApplication.translate("Menus", "&Import model…"),
            QKeySequence.StandardKey.Open,
            QCoreApplication.translate("Menus", "Add a .gguf model file from this computer"),
        ),
        import_pack=_action(
            window,
            QCoreApplication.translate("Menus", "Import a model &pack…"),
            None,
            QCoreApplication.translate(
                "Menus",
                "Install a model from a pack folder (made with `ponder pack export`, e.g. on a "
                "USB stick), checksum-verified",
            ),
        ),
        model_manager=_action(
            window,
            QCoreApplication.translate("Menus", "&Models…"),
            "Ctrl+M",
            QCoreApplication.translate("Menus", "Download, import, pick and delete models"),
        ),
        settings=_action(
            window,
            QCoreApplication.translate("Menus", "&Settings…"),
            QKeySequence.StandardKey.Preferences,
        ),
        quit=_action(
            window, QCoreApplication.translate("Menus", "&Quit"), QKeySequence.StandardKey.Quit
        ),
        send=_action(
            window,
            QCoreApplication.translate("Menus", "&Send"),
            "Ctrl+Return",
            QCoreApplication.translate("Menus", "Send the message"),
        ),
        stop=_action(
            window,
            QCoreApplication.translate("Menus", "S&top"),
            "Esc",
            QCoreApplication.translate("Menus", "Stop the answer now"),
        ),
        answer_now=_action(
            window,
            QCoreApplication.translate("Menus", "&Answer now"),
            ANSWER_NOW_SHORTCUT,
            QCoreApplication.translate(
                "Menus", "Stop thinking now and answer (the early-stop message from the settings)"
            ),
        ),
        regenerate=_action(
            window,
            QCoreApplication.translate("Menus", "&Regenerate"),
            "Ctrl+R",
            QCoreApplication.translate("Menus", "Write a new answer"),
        ),
        toggle_thinking=_action(
            window,
            QCoreApplication.translate("Menus", "&Chain of thought"),
            "Ctrl+T",
            QCoreApplication.translate("Menus", "Show or hide the chain-of-thought panel"),
        ),
        toggle_sidebar=_action(
            window,
            QCoreApplication.translate("Menus", "C&onversations"),
            "Ctrl+Shift+L",
            QCoreApplication.translate("Menus", "Show or hide the conversations list"),
        ),
        focus_search=_action(
            window,
            QCoreApplication.translate("Menus", "&Find conversation"),
            QKeySequence.StandardKey.Find,
        ),
        about=_action(window, QCoreApplication.translate("Menus", "&About Ponder")),
        presenter=_action(
            window,
            QCoreApplication.translate("Menus", "&Presenter mode"),
            "F11",
            QCoreApplication.translate("Menus", "Thinking and answer in large type for a class"),
        ),
        replay_trace=_action(
            window,
            QCoreApplication.translate("Menus", "Re&play trace…"),
            "Ctrl+Shift+Y",
            QCoreApplication.translate("Menus", "Play the reply's thinking back"),
        ),
        budget_sweep=_action(
            window,
            QCoreApplication.translate("Menus", "&Budget sweep…"),
            "Ctrl+Shift+B",
            QCoreApplication.translate(
                "Menus", "Run problems at several thinking budgets: the grid and the accuracy chart"
            ),
        ),
        fork=_action(
            window,
            QCoreApplication.translate("Menus", "&Fork the thinking…"),
            "Ctrl+Shift+K",
            QCoreApplication.translate(
                "Menus", "Edit or add to the reply's thinking and let the model go on from there"
            ),
        ),
        compare_versions=_action(
            window,
            QCoreApplication.translate("Menus", "&Compare versions side by side"),
            "Ctrl+Shift+C",
            QCoreApplication.translate(
                "Menus",
                "The reply beside another version of it (regenerated, forked, another model)",
            ),
        ),
        other_model=_action(
            window,
            QCoreApplication.translate("Menus", "Answer with &another model…"),
            None,
            QCoreApplication.translate(
                "Menus", "The same question answered by another model, shown side by side"
            ),
        ),
        export_conversation=_action(
            window,
            QCoreApplication.translate("Menus", "&Export conversation…"),
            "Ctrl+E",
            QCoreApplication.translate(
                "Menus", "Save this conversation, thinking included, as HTML, Markdown or PDF"
            ),
        ),
        conversation_settings=_action(
            window,
            QCoreApplication.translate("Menus", "Conversation se&ttings…"),
            "Ctrl+Shift+,",
            QCoreApplication.translate(
                "Menus",
                "System prompt, temperature, top-p, seed and past reasoning for this conversation",
            ),
        ),
        next_conversation=_action(
            window, QCoreApplication.translate("Menus", "Ne&xt conversation"), "Ctrl+Down"
        ),
        previous_conversation=_action(
            window, QCoreApplication.translate("Menus", "Pre&vious conversation"), "Ctrl+Up"
        ),
        keyboard_shortcuts=_action(
            window,
            QCoreApplication.translate("Menus", "&Keyboard shortcuts"),
            "Ctrl+/",
            QCoreApplication.translate("Menus", "Every shortcut of the window"),
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
    file_menu = bar.addMenu(QCoreApplication.translate("Menus", "&File"))
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
    chat = bar.addMenu(QCoreApplication.translate("Menus", "&Conversation"))
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
    view = bar.addMenu(QCoreApplication.translate("Menus", "&View"))
    view.addAction(a.toggle_thinking)
    view.addAction(a.toggle_sidebar)
    view.addSeparator()
    view.addAction(a.presenter)
    teach = bar.addMenu(QCoreApplication.translate("Menus", "&Teach"))
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
    models = bar.addMenu(QCoreApplication.translate("Menus", "&Models"))
    models.addAction(a.model_manager)
    models.addAction(a.import_model)
    models.addAction(a.import_pack)
    help_menu = bar.addMenu(QCoreApplication.translate("Menus", "&Help"))
    help_menu.addAction(a.keyboard_shortcuts)
    help_menu.addAction(a.about)
    return a
