"""Planning a fork of a reply's thinking, and the events that open it."""

from __future__ import annotations

from ponder.core.teaching.fork import fork_prelude, plan_fork, plan_think_longer
from stored_reply import CUT, EVENTS, store_reply


def test_plan_fork_marks_every_character_a_person_wrote() -> None:
    original = "First, 12 + 30 = 42. So the answer is 42."
    # Cut short, nothing edited: all kept text is the model's; the insertion gets a space.
    plan = plan_fork(original, original[:20], "Wait, let me check.", None)
    assert (plan.kept, plan.inserted) == ("First, 12 + 30 = 42.", " Wait, let me check.")
    # An edit in the middle: from the first changed character on, it is the person's.
    edited = "First, 12 + 31 = 43."
    plan = plan_fork(original, edited, "", 64)
    assert plan.kept == "First, 12 + 3" and plan.inserted == "1 = 43."
    assert plan.budget == 64
    # Nothing kept at all: the whole thinking is the person's.
    assert plan_fork(original, "", "Hint: add.", None).inserted == "Hint: add."


def test_a_fork_keeps_ponders_interventions_before_the_fork_point_marked() -> None:
    _id, message = store_reply()
    wait = next(i for i in message.interventions if i.reason == "min_thinking")
    # Cut inside the injected "Wait": the part kept is still Ponder's, not the model's.
    kept = message.thinking[: wait.offset + 3]
    events = fork_prelude(message, kept, " Hint: count the r's.")
    assert "".join(getattr(e, "visible", "") or getattr(e, "text", "") for e in events) == (
        kept + " Hint: count the r's."
    )
    reasons = [getattr(e, "reason", None) for e in events]
    assert reasons == [None, "min_thinking", "fork"]
    assert events[1].visible == "\nWa"  # type: ignore[union-attr]
    # Cut after the whole budget cut: it keeps its full injected text (with the end tag).
    cut = next(i for i in message.interventions if i.reason == "budget_spent")
    events = fork_prelude(message, message.thinking[: cut.end], "")
    assert [getattr(e, "reason", None) for e in events][-1] == "budget_spent"
    assert events[-1].text == CUT.text  # type: ignore[union-attr]


def test_think_longer_goes_on_from_before_the_cut_without_the_stop_message() -> None:
    _id, message = store_reply()
    cut = next(i for i in message.interventions if i.reason == "budget_spent")
    plan = plan_think_longer(message, "Wait")
    assert plan.prefix == message.thinking[: cut.offset] and plan.inserted == ""
    assert CUT.visible not in plan.prefix
    reasons = [getattr(e, "reason", None) for e in plan.prelude]
    # The model's text, Ponder's earlier "Wait" still marked, then the person's mark.
    assert reasons == [None, "min_thinking", None, "think_longer"]
    mark = plan.prelude[-1]
    assert mark.position == cut.position and mark.visible == ""  # type: ignore[union-attr]


def test_think_longer_after_a_thinking_the_model_ended_itself_adds_wait() -> None:
    events = tuple(e for e in EVENTS if e is not CUT)
    _id, message = store_reply(events)
    plan = plan_think_longer(message, "Hmm")
    assert plan.prefix == message.thinking + "\nHmm" and plan.inserted == "\nHmm"
    assert plan.prelude[-1].reason == "think_longer"  # type: ignore[union-attr]
    assert plan.prelude[-1].position == 50  # type: ignore[union-attr]
