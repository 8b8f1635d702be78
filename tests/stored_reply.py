"""A reply with two interventions, and the same reply saved in the real conversation database.

The strawberry question: thinking with a "Wait" Ponder added (minimum thinking) and a budget
cut, an emoji (one character to Python, two UTF-16 units to Qt), then a Markdown answer. Core
and UI tests read the same stream and the same stored row.
"""

from __future__ import annotations

import contextlib

from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    Event,
    InterventionEvent,
    Stats,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.paths import AppPaths
from ponder.core.request import GenerateRequest, Message, ThinkingControl
from ponder.core.storage.store import ConversationStore, StoredMessage

QUESTION = "How many r's are in strawberry?"
KEEP_GOING = InterventionEvent(
    text="\nWait", reason="min_thinking", position=12, tokens=2, visible="\nWait"
)
CUT = InterventionEvent(
    text="\n\nI have to stop thinking now.\n</think>\n\n",
    reason="budget_spent",
    position=40,
    tokens=9,
    visible="\n\nI have to stop thinking now.\n",
)
EVENTS: tuple[Event, ...] = (
    ThinkingEvent("Let me spell it: s-t-r-a-w-b-e-r-r-y."),
    ThinkingEvent(" The r's are at 3, 8 and 9, so 3."),
    KEEP_GOING,
    ThinkingEvent(", let me check again.\n\nstraw has one r; berry has two. "),
    ThinkingEvent("Hmm, 1 + 2 = 3 🙂."),
    CUT,
    AnswerEvent("There are **3** r's in *strawberry*:\n\n"),
    AnswerEvent("- one in *straw*\n- two in *berry*\n"),
    StatsEvent(Stats(thinking_tokens=50, answer_tokens=20, thinking_s=5.0, answer_s=1.0)),
    DoneEvent("eos"),
)


def store_reply(events: tuple[Event, ...] = EVENTS) -> tuple[int, StoredMessage]:
    """Saves the question and a reply of ``events`` as a finished turn would; (conversation
    id, the reply as stored)."""
    path = AppPaths.from_environment().ensure().database
    with contextlib.closing(ConversationStore(path)) as store:
        conversation = store.create_conversation("Strawberry")
        user = store.add_message(conversation.id, "user", QUESTION, parent_id=None)
        request = GenerateRequest((Message("user", QUESTION),), ThinkingControl(budget=40))
        writer = store.begin_reply(conversation.id, user.id, request)
        for event in events:
            writer.feed(event)
        return conversation.id, store.get_message(writer.message_id)
