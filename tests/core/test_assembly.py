"""The one fold of a generation's events: what the writer stores, the sweep and the GUI read."""

from __future__ import annotations

from ponder.core.assembly import ReplyAssembly
from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    ErrorEvent,
    LoadProgressEvent,
    NoticeEvent,
    ThinkingEvent,
)
from ponder.core.trace import TraceState
from stored_reply import CUT, EVENTS, KEEP_GOING, store_reply


def test_a_finished_reply_folds_to_what_is_stored() -> None:
    reply = ReplyAssembly()
    reply.feed(LoadProgressEvent(0.5))  # not part of a reply: ignored
    reply.feed_all(EVENTS)
    _id, stored = store_reply()
    assert reply.thinking == stored.thinking and reply.answer == stored.content
    assert KEEP_GOING.visible in reply.thinking and CUT.visible in reply.thinking
    assert [
        (i.reason, i.text, i.visible, i.position, i.tokens, i.offset) for i in reply.interventions
    ] == [
        (i.reason, i.text, i.visible, i.position, i.tokens, i.offset) for i in stored.interventions
    ]
    for item in reply.interventions:
        assert reply.thinking[item.offset : item.end] == item.visible
    assert reply.stats == stored.generation.stats  # type: ignore[union-attr]
    assert reply.done_reason == "eos" and not reply.failed and reply.error is None
    assert reply.thinking_events == 4 and reply.answer_started
    assert reply.thinking_chars == len(reply.thinking)


def test_an_error_ends_the_reply_and_keeps_what_came_before() -> None:
    reply = ReplyAssembly()
    assert (reply.thinking, reply.answer, reply.done_reason) == ("", "", None)
    reply.feed_all(
        [
            ThinkingEvent("Let me "),
            ThinkingEvent("see."),
            KEEP_GOING,
            AnswerEvent("4"),
            ErrorEvent("The engine stopped. Start it again.", kind="engine_crashed"),
            DoneEvent("error"),
        ]
    )
    assert reply.thinking == "Let me see.\nWait" and reply.answer == "4"
    assert reply.failed and reply.error_kind == "engine_crashed"
    assert reply.error == "The engine stopped. Start it again."
    assert reply.done_reason == "error" and reply.stats is None
    assert [(i.reason, i.offset) for i in reply.interventions] == [("min_thinking", 11)]
    # The text is joined once and read again for free; more text still lands after it.
    reply.feed(AnswerEvent("2"))
    assert reply.answer == "42"


def test_the_writer_and_the_sweep_read_the_same_fold() -> None:
    """A sweep cell and the stored reply, from one stream: same thinking, same count."""
    from ponder.core.request import GenerateRequest, Sampling
    from ponder.core.teaching.problems import Problem
    from ponder.core.teaching.sweep import parse_budget, run_cell

    class Replayed:
        def generate(self, request: GenerateRequest) -> list:
            return list(EVENTS)

        def cancel(self) -> None:
            pass

    problem = Problem(id="r", question="How many r's are in strawberry?", answer="3", kind="number")
    cell = run_cell(Replayed(), problem, parse_budget("40"), sampling=Sampling(), max_tokens=None)
    _id, stored = store_reply()
    assert cell.thinking == stored.thinking and cell.answer == stored.content
    assert cell.interventions == len(stored.interventions) == 2
    assert cell.done_reason == "eos" and cell.correct is True and cell.error is None


def test_stop_marks_where_the_person_stopped_and_nothing_after_it_is_added() -> None:
    reply = ReplyAssembly()
    reply.feed_all(EVENTS[:2])
    mark = reply.stop_mark()
    assert (mark.reason, mark.position, mark.visible, mark.tokens) == ("stopped", 2, "", 0)
    reply.feed(mark)
    before = reply.thinking
    reply.feed_all(EVENTS[2:])  # what the engine had already sent when Stop came
    assert reply.stopped and reply.thinking == before and reply.answer == ""
    assert [i.reason for i in reply.interventions] == ["stopped"]
    assert reply.interventions[0].offset == len(before)
    assert reply.runs[-1].reason == "stopped" and reply.runs[-1].text == ""
    assert reply.done_reason == "eos" and reply.stats is not None  # the figures still come


def test_a_stopped_reply_is_stored_as_the_person_saw_it() -> None:
    events = (*EVENTS[:2], ReplyAssembly().stop_mark(), *EVENTS[2:])
    _id, stored = store_reply(events)
    assert stored.thinking == "".join(e.text for e in EVENTS[:2])  # type: ignore[union-attr]
    assert stored.content == ""
    assert [i.reason for i in stored.interventions] == ["stopped"]


def test_notices_are_folded_and_kept_with_the_figures_so_a_stored_reply_says_them() -> None:
    ignored = NoticeEvent("the server ignored the thinking budget", "control_ignored")
    estimate = NoticeEvent("the thinking figure is an estimate", "estimate")
    events = (*EVENTS[:2], ignored, *EVENTS[2:-2], estimate, *EVENTS[-2:])
    reply = ReplyAssembly()
    reply.feed_all(events)
    assert reply.notices == [ignored.message, estimate.message]
    assert reply.stats is not None and reply.stats.notices == (ignored.message, estimate.message)
    _id, stored = store_reply(events)
    assert stored.generation is not None and stored.generation.stats is not None
    assert stored.generation.stats.notices == (ignored.message, estimate.message)
    assert TraceState.from_message(stored).notices == (ignored.message, estimate.message)
    # A live trace follows them as they come, before the figures.
    live = TraceState(live=True)
    partial = ReplyAssembly()
    partial.feed_all(events[:3])
    live.follow(partial)
    assert live.notices == (ignored.message,)


def test_a_notice_after_the_figures_is_still_stored() -> None:
    late = NoticeEvent("late word from the server", "notice")
    events = (*EVENTS[:-1], late, EVENTS[-1])
    _id, stored = store_reply(events)
    assert stored.generation is not None and stored.generation.stats is not None
    assert stored.generation.stats.notices == (late.message,)
