"""Child process for test_storage's crash test: streams one long reply until it is killed.

Run as ``python storage_crash_child.py DATABASE SEED``. It prints ``reply ID`` once the reply
exists, then ``flushed T A`` after each explicit commit (T, A: thinking and answer characters
known to be on disk). The parent kills it (SIGKILL) at a random moment and checks the file.
``trace(seed)`` is the whole stream, so the parent can tell what a prefix must look like.
"""

from __future__ import annotations

import random
import sys
import time

from ponder.core.events import AnswerEvent, DoneEvent, InterventionEvent, ThinkingEvent
from ponder.core.request import GenerateRequest, Message
from ponder.core.storage.store import ConversationStore

PIECES = (" Wait", ",", " let", " me", " check", " 17 × 3", " = 51", ".", "\n\n", " é", "🙂", " so")
THINKING_EVENTS = 1500
ANSWER_EVENTS = 500
WAIT = "\nWait"
FLUSH_EVERY = 25


def trace(seed: int) -> list[tuple[str, str]]:
    """(kind, text) of every event: thinking, one intervention halfway, then the answer."""
    rng = random.Random(seed)
    events = [("thinking", rng.choice(PIECES)) for _ in range(THINKING_EVENTS)]
    events.insert(THINKING_EVENTS // 2, ("intervention", WAIT))
    return events + [("answer", rng.choice(PIECES)) for _ in range(ANSWER_EVENTS)]


def main(database: str, seed: int) -> None:
    store = ConversationStore(database)
    conversation = store.create_conversation("crash")
    user = store.add_message(conversation.id, "user", "Count", parent_id=None)
    request = GenerateRequest(messages=(Message("user", "Count"),))
    writer = store.begin_reply(conversation.id, user.id, request, interval_s=0.005)
    print(f"reply {writer.message_id}", flush=True)
    for i, (kind, text) in enumerate(trace(seed)):
        if kind == "thinking":
            writer.feed(ThinkingEvent(text))
        elif kind == "answer":
            writer.feed(AnswerEvent(text))
        else:
            writer.feed(
                InterventionEvent(
                    text=text, reason="min_thinking", position=i, tokens=2, visible=text
                )
            )
        if i % FLUSH_EVERY == FLUSH_EVERY - 1:
            writer.flush()
            print(f"flushed {len(writer.thinking)} {len(writer.answer)}", flush=True)
        time.sleep(0.0003)
    writer.feed(DoneEvent("eos"))
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
