"""The thinking budget beside the composer and its advanced controls (minimum thinking)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ponder.core.reasoning.families import QWEN3_HYBRID, R1_DISTILL_QWEN
from ponder.core.settings import CUSTOM, Settings
from ponder.ui.chat.budget_controls import AdvancedThinkingDialog, BudgetSelector


def test_a_minimum_above_the_budget_is_refused_with_a_clear_message(qtbot: QtBot) -> None:
    settings = Settings(thinking_budget=CUSTOM, custom_thinking_budget=20)
    dialog = AdvancedThinkingDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.min_tokens.setValue(60)
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.problem.isVisible()
    assert dialog.problem.text().startswith(
        "The minimum (60 tokens) is more than the thinking budget (20 tokens)"
    )
    dialog.min_tokens.setValue(16)
    assert not dialog.problem.isVisible()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.apply_to(settings).min_thinking_tokens == 16


def test_any_minimum_is_kept_when_the_budget_is_unlimited(qtbot: QtBot) -> None:
    dialog = AdvancedThinkingDialog(Settings(thinking_budget="unlimited"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.min_tokens.setValue(5000)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted and not dialog.problem.isVisible()


def test_the_active_minimum_and_its_waits_show_beside_the_budget(qtbot: QtBot) -> None:
    selector = BudgetSelector(Settings(min_thinking_tokens=512, max_waits=3, wait_text="Wait"))
    qtbot.addWidget(selector)
    selector.show()
    assert selector.minimum.isVisible()
    assert selector.minimum.text() == "min 512 · “Wait” ×3"
    selector.select(CUSTOM, 100)
    assert selector.minimum.text() == "min 512 (more than the budget: no effect)"
    selector.select("off")
    assert not selector.minimum.isVisible()
    selector.set_settings(Settings())
    assert not selector.minimum.isVisible()


def test_keeping_the_minimum_after_a_restart_is_a_choice_in_the_dialog(qtbot: QtBot) -> None:
    settings = Settings()
    dialog = AdvancedThinkingDialog(settings)
    qtbot.addWidget(dialog)
    assert not dialog.keep_minimum.isChecked()
    dialog.min_tokens.setValue(300)
    assert not dialog.apply_to(settings).keep_min_thinking
    dialog.keep_minimum.setChecked(True)
    assert dialog.apply_to(settings).keep_min_thinking


def test_effort_presets_set_the_budget_for_the_loaded_family(qtbot: QtBot) -> None:
    selector = BudgetSelector(Settings(thinking_budget="standard"))
    qtbot.addWidget(selector)
    emitted: list[Settings] = []
    selector.changed.connect(emitted.append)
    selector.set_family(QWEN3_HYBRID)
    assert "Low: thinking off (the template's enable_thinking=false)" in selector.effort.toolTip()
    assert selector.effort.currentData() is None  # 1024 is no Qwen3 effort
    selector.effort.activated.emit(selector.effort.findData("low"))
    assert emitted[-1].thinking_budget == "off" and selector.effort.currentData() == "low"
    selector.set_family(R1_DISTILL_QWEN)
    selector.effort.activated.emit(selector.effort.findData("low"))  # 512: a custom budget
    assert (emitted[-1].thinking_budget, emitted[-1].custom_thinking_budget) == (CUSTOM, 512)
    assert selector.custom.isVisible() or not selector.isVisible()
    assert selector.effort.currentData() == "low"
    selector.effort.activated.emit(selector.effort.findData("high"))
    assert emitted[-1].thinking_budget == "unlimited"
    # Picking a budget by hand shows which effort it is, if any.
    selector.select("deep")
    assert selector.effort.currentData() == "medium"
    selector.select("quick")
    assert selector.effort.currentData() is None
