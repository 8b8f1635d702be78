"""The desktop app follows the same load policy as ``ponder ask``: a model that cannot fit is
refused with the same words, and "Load anyway" (the command line's ``--force``) loads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_driving import LOAD_TIMEOUT_MS, AppFactory
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ponder.core.models.hardware import HardwareInfo
from ponder.core.models.load_policy import ModelTooLarge, plan_load


@pytest.mark.model
def test_a_model_too_large_is_refused_at_start_and_load_anyway_loads_it(
    qtbot: QtBot, make_app: AppFactory, smollm2_path: Path, tiny_machine: HardwareInfo
) -> None:
    app = make_app(wait=False)  # starts on --model SmolLM2
    app.library.hardware = tiny_machine  # before the start, which runs from the event loop
    with pytest.raises(ModelTooLarge) as policy:
        plan_load(smollm2_path, tiny_machine, n_ctx=app.settings.settings.context_size)

    def refusal() -> QMessageBox | None:
        shown = [box for box in app.window.findChildren(QMessageBox) if box.isVisible()]
        return shown[0] if shown else None

    qtbot.waitUntil(lambda: refusal() is not None)
    box = refusal()
    assert box is not None
    assert box.windowTitle() == "Model too large"
    assert box.text() == str(policy.value)  # the words ``ponder ask`` prints
    assert not app.engine_host.loading and app.engine_host.model_path is None

    anyway = next(button for button in box.buttons() if button.text() == "Load anyway")
    anyway.click()
    qtbot.waitUntil(lambda: app.engine_host.ready, timeout=LOAD_TIMEOUT_MS)
    assert app.engine_host.model_path == str(smollm2_path)
