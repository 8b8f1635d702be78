""" "Download it" on the first-run page when the download cannot happen (#13 item 2): the error
shows where the person is looking, styled as an error; a failed download leaves nothing busy;
the manager opens on the download's row; the page says when the computer looks offline."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from app_driving import LOAD_TIMEOUT_MS, AppFactory
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hub_server import HostedRepo, HubServer
from ponder.ui.models.manager import ModelManagerDialog

FAIL_TIMEOUT_MS = 60_000


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _inspect_manager(qtbot: QtBot, seen: dict[str, Any]) -> None:
    """Runs while the modal manager is open: waits for the download to fail, notes what the
    person sees, closes the dialog."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, ModelManagerDialog):
        QTimer.singleShot(50, lambda: _inspect_manager(qtbot, seen))
        return
    current = dialog._current_catalog()
    seen["selected"] = (current[0].id, current[1].name) if current else None
    seen["tab"] = dialog.tabs.currentIndex()
    try:
        qtbot.waitUntil(
            lambda: any(s.state == "failed" for s in dialog.library.downloads.values()),
            timeout=FAIL_TIMEOUT_MS,
        )
        seen["bar_shown"] = dialog.download_bar.isVisible()
        seen["cancel"] = dialog.cancel_button.isEnabled()
        seen["button"] = dialog.download_button.text()
        seen["status"] = dialog.status.text()
        seen["kind"] = dialog.status.property("kind")
    finally:
        dialog.reject()


@pytest.mark.parametrize("where", ["loopback hub", "no such file", "unreachable"])
def test_a_failed_download_from_the_welcome_page_shows_its_error_and_stops(
    qtbot: QtBot,
    make_app: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    hub: HubServer,
    where: str,
) -> None:
    endpoint = hub.endpoint if where != "unreachable" else f"http://127.0.0.1:{_closed_port()}"
    monkeypatch.setenv("HF_ENDPOINT", endpoint)
    app = make_app(first_run=True)
    library, welcome = app.library, app.window.welcome
    qtbot.waitUntil(
        lambda: library.recommendation() is not None and library.hub_problem is not None,
        timeout=LOAD_TIMEOUT_MS,
    )
    if where == "unreachable":
        assert welcome.offline.isVisible() and welcome.offline.property("kind") == "error"
        assert welcome.offline.text().startswith("This computer looks offline")
    else:
        assert library.hub_problem == "" and welcome.offline.isHidden()
    pick = library.recommendation()
    assert pick is not None and welcome.download_button.isVisible()
    if where == "no such file":  # the repository is there, without the file
        assert pick.entry.repo is not None
        hub.repos[pick.entry.repo] = HostedRepo(pick.entry.revision or "main")
    seen: dict[str, Any] = {}
    QTimer.singleShot(0, lambda: _inspect_manager(qtbot, seen))
    welcome.download_button.click()  # the manager is modal: this returns when it closed
    assert seen["tab"] == 1 and seen["selected"] == (pick.entry.id, pick.quant.name)
    assert seen["bar_shown"] is False and seen["cancel"] is False
    assert seen["button"] == "Try again" and seen["kind"] == "error"
    assert seen["status"], "the real error is shown with the row selected"
    # In the window's words, not the command line's commands and options (a missing file
    # said "`ponder catalog check` compares the catalog with the hub").
    assert "ponder " not in seen["status"] and " --" not in seen["status"], seen["status"]
    # Back on the welcome page: the same error, where the person clicked.
    assert welcome.download_error.isVisible()
    assert welcome.download_error.text() == f"The download failed: {seen['status']}"
    assert welcome.download_error.property("kind") == "error"
    assert welcome.download_button.text() == "Try again" and welcome.download_button.isEnabled()
