"""Forking a reply's thinking: what the model continues from, and the events that open it.

A teacher shows what a hint, a planted error or one more "Wait" does to the reasoning: the
model goes on from the edited thinking. Whatever a person changed or inserted is a "fork"
intervention, so the trace never passes off a person's words as the model's. The Fork
dialog asks; this module plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from ponder.core.events import Event, InterventionEvent, InterventionReason, ThinkingEvent
from ponder.core.storage.records import StoredMessage
from ponder.core.trace import trace_spans

INSERT_PRESETS = (
    "Wait, let me double-check that.",
    "Hmm, I think I made a mistake somewhere.",
    "Hint: ",
    "Let me try a different approach.",
    "",
)


@dataclass(frozen=True, slots=True)
class ForkPlan:
    """What the model continues from: ``kept`` is the model's own thinking, untouched;
    ``inserted`` is everything a person wrote (their edits from the first changed character
    on, then the inserted text); ``budget``: thinking tokens for the continuation (None:
    unlimited)."""

    kept: str
    inserted: str
    budget: int | None


def plan_fork(original: str, edited: str, insert: str, budget: int | None) -> ForkPlan:
    """Splits ``edited`` (the thinking kept in the dialog, maybe edited) into the model's own
    words — the part equal to the start of ``original`` — and the person's."""
    common = 0
    for mine, theirs in zip(original, edited, strict=False):
        if mine != theirs:
            break
        common += 1
    if insert and edited and not edited[-1].isspace() and not insert[0].isspace():
        insert = " " + insert  # "…is 41." + "Wait" reads "…is 41. Wait"
    return ForkPlan(edited[:common], edited[common:] + insert, budget)


def fork_prelude(reply: StoredMessage, kept: str, inserted: str) -> tuple[Event, ...]:
    """The events that open a fork of ``reply``: its thinking up to the fork point (``kept``,
    a prefix of ``reply.thinking``) with Ponder's interventions in it still marked as
    Ponder's, then ``inserted`` as the person's "fork" intervention."""
    events: list[Event] = []
    for span in trace_spans(kept, reply.interventions, upto=len(kept)):
        item, visible = span.intervention, kept[span.start : span.end]
        if item is None:
            events.append(ThinkingEvent(visible))
            continue
        whole = span.end == item.end  # the fork point is after the whole injection
        reason = cast(InterventionReason, item.reason)  # stored from an InterventionEvent
        events.append(
            InterventionEvent(
                item.text if whole else visible, reason, item.position, item.tokens, visible
            )
        )
    if inserted:
        events.append(InterventionEvent(inserted, "fork", position=0, tokens=0, visible=inserted))
    return tuple(events)
