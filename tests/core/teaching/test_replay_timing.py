"""When each piece of a saved reply appears in a replay (no clock, no Qt)."""

from __future__ import annotations

import pytest

from ponder.core.teaching.replay_timing import ReplaySchedule
from stored_reply import store_reply


def test_replay_schedule_reaches_the_stored_text_and_steps_consistently() -> None:
    _id, message = store_reply()
    schedule = ReplaySchedule.from_message(message)
    assert schedule.thinking_text() == "" and schedule.answer_text() == ""
    # Half the recorded thinking time shows about half the thinking, and no answer yet.
    schedule.advance(2.5)
    assert 0 < len(schedule.thinking_text()) < len(message.thinking)
    assert schedule.answer_text() == ""
    schedule.advance(1000.0)
    assert schedule.finished
    assert schedule.thinking_text() == message.thinking
    assert schedule.answer_text() == message.content
    # Every step forward then back returns to the same text, by word and by paragraph.
    for by in ("word", "paragraph"):
        schedule.seek(3)
        before = (schedule.position, schedule.thinking_text())
        schedule.step_forward(by)  # type: ignore[arg-type]
        assert schedule.position > before[0]
        assert schedule.thinking_text().startswith(before[1])
        schedule.step_back(by)  # type: ignore[arg-type]
        assert schedule.position <= before[0]
    schedule.seek(0)
    stops = []
    while not schedule.finished:
        schedule.step_forward("paragraph")
        stops.append(schedule.thinking_text() + "|" + schedule.answer_text())
    # Paragraph steps stop at paragraph ends: "straw has one r" begins the thinking's second.
    assert any(s.endswith("let me check again.\n\n|") for s in stops)
    schedule.step_back("word")
    assert schedule.answer_text() == message.content[: len(schedule.answer_text())]
    assert len(schedule.answer_text()) < len(message.content)


def test_speed_and_fixed_rate_change_the_schedule() -> None:
    _id, message = store_reply()
    schedule = ReplaySchedule.from_message(message)
    # At the recorded pace the replay lasts as long as the generation did.
    assert schedule.duration == pytest.approx(5.0 + 1.0, rel=0.05)
    assert schedule.recorded_tokens_per_s == pytest.approx(10.0)
    halfway = schedule.time_at(len(schedule.units) // 2)
    schedule.set_speed(4.0)
    assert schedule.duration == pytest.approx(6.0 / 4, rel=0.05)
    assert schedule.time_at(len(schedule.units) // 2) == pytest.approx(halfway / 4)
    schedule.set_speed(0.5)
    assert schedule.time_at(len(schedule.units) // 2) == pytest.approx(halfway * 2)
    # A fixed 70 tokens/s plays the reply's 70-odd tokens in about a second.
    schedule.set_fixed_rate(70.0)
    assert schedule.duration == pytest.approx(sum(u.tokens for u in schedule.units) / 70.0)
    assert 0.9 < schedule.duration < 1.2
    # Advancing by the same seconds shows more at a higher speed.
    schedule.set_speed(1.0)
    schedule.advance(1.0)
    slow = schedule.position
    schedule.seek(0)
    schedule.set_speed(8.0)
    schedule.advance(1.0)
    assert schedule.position > slow
    with pytest.raises(ValueError, match="above zero"):
        schedule.set_speed(0)


def test_interventions_are_units_at_their_stored_offsets() -> None:
    _id, message = store_reply()
    schedule = ReplaySchedule.from_message(message)
    injected = [u for u in schedule.units if u.reason is not None]
    stored = message.interventions
    assert [(u.reason, u.start, u.end) for u in injected] == [
        (i.reason, i.offset, i.end) for i in stored
    ]
    # The "Wait" Ponder added appears only once the replay reaches its place.
    first = schedule.units.index(injected[0])
    assert "\nWait" not in schedule.thinking_text(first)
    assert schedule.thinking_text(first + 1).endswith("\nWait")
