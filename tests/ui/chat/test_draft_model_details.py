"""A reply that a draft model helped write says, in the tooltip of its details line, how many
of the draft model's tokens the model kept; the stored record carries the figures, so a
reload says the same."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ponder.core.events import Stats, StatsEvent
from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.chat.messages import AssistantMessageWidget
from stored_reply import EVENTS, store_reply


def _widget(qtbot: QtBot, stats: Stats) -> AssistantMessageWidget:
    events = tuple(StatsEvent(stats) if isinstance(e, StatsEvent) else e for e in EVENTS)
    _id, message = store_reply(events)
    widget = AssistantMessageWidget(MarkdownRenderer())
    qtbot.addWidget(widget)
    widget.show_details(message)
    return widget


def test_the_draft_models_share_is_in_the_details_tooltip(qtbot: QtBot) -> None:
    drafted = Stats(
        thinking_tokens=50,
        answer_tokens=20,
        thinking_s=5.0,
        answer_s=1.0,
        drafted_tokens=80,
        accepted_tokens=60,
        model_drafted_tokens=52,
        model_accepted_tokens=40,
    )
    widget = _widget(qtbot, drafted)
    assert "drafts kept 75%" in widget.details.text()
    assert widget.details.toolTip().splitlines()[-1] == "draft model: 40 of 52 kept"
    context_only = Stats(thinking_tokens=50, drafted_tokens=16, accepted_tokens=12)
    assert "draft model" not in _widget(qtbot, context_only).details.toolTip()
