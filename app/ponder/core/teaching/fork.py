"""Forking a reply's thinking: what the model continues from, and the events that open it.

A teacher shows what a hint, a planted error or one more "Wait" does to the reasoning: the
model goes on from the edited thinking. Whatever a person changed or inserted is a "fork"
intervention, so the trace never passes off a person's words as the model's. The Fork
dialog asks; this module plans. "Think longer" after an answer is a fork too: the model goes
on from where its thinking was cut (``plan_think_longer``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from ponder.core.events import Event, InterventionEvent, InterventionReason, ThinkingEvent
from ponder.core.storage.records import StoredMessage
from ponder.core.trace import PlacedIntervention, trace_spans

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


# Interventions that cut a reply's thinking short: Think longer goes on from just before them.
CUT_REASONS = frozenset({"budget_spent", "answer_now", "context_full", "stopped"})


@dataclass(frozen=True, slots=True)
class ThinkLonger:
    """How an answered reply thinks longer: the model continues from ``prefix`` (its thinking
    up to where it was cut, then ``inserted``); ``prelude`` opens the new version's trace,
    ending with the person's "think_longer" mark."""

    prefix: str
    inserted: str
    prelude: tuple[Event, ...]


def plan_think_longer(reply: StoredMessage, wait_text: str) -> ThinkLonger:
    """Where the stored ``reply`` thinks longer from (see ``plan_think_longer_from``)."""
    stats = reply.generation.stats if reply.generation else None
    tokens = stats.thinking_tokens if stats else 0
    return plan_think_longer_from(reply.thinking, reply.interventions, tokens, wait_text)


def plan_think_longer_from(
    thinking: str,
    interventions: Sequence[PlacedIntervention],
    thinking_tokens: int,
    wait_text: str,
) -> ThinkLonger:
    """Where a reply (its ``thinking``, ``interventions`` and ``thinking_tokens``; stored,
    or just assembled in the terminal) thinks longer from. A thinking cut short (a budget,
    Answer now, a full context, Stop) goes on from just before the cut, without the
    early-stop message; a thinking the model ended itself goes on after ``wait_text`` (as
    minimum thinking does)."""
    cut = next((i for i in reversed(interventions) if i.reason in CUT_REASONS), None)
    if cut is not None:
        kept, inserted, position = thinking[: cut.offset], "", cut.position
    else:
        kept, position = thinking, thinking_tokens
        spacer = "" if not kept or kept[-1].isspace() else "\n"
        inserted = f"{spacer}{wait_text}" if wait_text else ""
    mark = InterventionEvent(inserted, "think_longer", position, tokens=0, visible=inserted)
    return ThinkLonger(kept + inserted, inserted, (*_prelude(interventions, kept, ""), mark))


def fork_prelude(reply: StoredMessage, kept: str, inserted: str) -> tuple[Event, ...]:
    """The events that open a fork of ``reply``: its thinking up to the fork point (``kept``,
    a prefix of ``reply.thinking``) with Ponder's interventions in it still marked as
    Ponder's, then ``inserted`` as the person's "fork" intervention."""
    return _prelude(reply.interventions, kept, inserted)


def _prelude(
    interventions: Sequence[PlacedIntervention], kept: str, inserted: str
) -> tuple[Event, ...]:
    events: list[Event] = []
    for span in trace_spans(kept, interventions, upto=len(kept)):
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
