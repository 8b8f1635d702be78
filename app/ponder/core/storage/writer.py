"""Writes a reply to the conversation database while it streams.

A generation yields many small events (a token or two each). Committing each one would cost
an fsync per token; committing only at the end would lose the whole reply in a crash. The
writer buffers text in memory and commits at most every ``interval_s`` seconds, and at once on
every structural event (an intervention, the stats, an error, the end). A crash loses at most
the last interval of text. Each commit appends a chunk row (cost: the size of the new text);
when the reply ends, its text moves into the message row in one last transaction.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from types import TracebackType

from ponder.core.assembly import ReplyAssembly
from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    ErrorEvent,
    Event,
    InterventionEvent,
    NoticeEvent,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.storage.records import MessageStatus, NotFoundError, phrases_json, to_json

DEFAULT_COMMIT_INTERVAL_S = 0.15

# A write transaction: entered, it yields the connection; it commits on a clean exit and rolls
# back on an error (``ConversationStore.transaction`` is the one the app passes).
Transaction = Callable[[], AbstractContextManager[sqlite3.Connection]]

_DONE_STATUS: dict[str, MessageStatus] = {"cancelled": "cancelled", "error": "error"}


class StreamingMessageWriter:
    """Feeds one assistant reply's events into the database as they arrive.

    Made by ``ConversationStore.begin_reply``, which passes its own ``transaction``; use it on
    the thread that owns that store (the thread that consumes the engine's events), never on
    the GUI thread: each commit waits for an fsync. Feed it every event of the generation
    (``feed``); ``DoneEvent`` finishes it. Load events are ignored. If the stream ends without
    ``DoneEvent``, call ``finish``; used as a context manager, an unfinished reply is finished
    as ``interrupted`` on exit.

    Text that arrives while nothing else does (a stalled stream) waits in memory until the
    next event or a ``flush_if_due`` call: callers with a timer may call it on each tick.
    ``clock`` is injectable so tests and benchmarks can pace the stream without sleeping.
    """

    def __init__(
        self,
        transaction: Transaction,
        *,
        message_id: int,
        conversation_id: int,
        interval_s: float = DEFAULT_COMMIT_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._transaction = transaction
        self.message_id = message_id
        self.conversation_id = conversation_id
        self.interval_s = interval_s
        self._clock = clock
        # The reply so far (folded once, in core.assembly); what the next commit writes.
        self._reply = ReplyAssembly()
        self._pending: dict[str, list[str]] = {"thinking": [], "answer": []}
        self._interventions_written = 0
        self._stats_dirty = False
        self._error_dirty = False
        self._last_commit = clock()
        self._status: MessageStatus = "streaming"
        self.commits = 0  # transactions committed so far (for tests and benchmarks)

    # ----- state -------------------------------------------------------------------------------

    @property
    def status(self) -> MessageStatus:
        """``streaming`` until finished, then the status the reply was stored with."""
        return self._status

    @property
    def finished(self) -> bool:
        return self._status != "streaming"

    @property
    def thinking(self) -> str:
        """All thinking fed so far (committed or not), interventions' visible text included."""
        return self._reply.thinking

    @property
    def answer(self) -> str:
        """All answer text fed so far (committed or not)."""
        return self._reply.answer

    @property
    def reply(self) -> ReplyAssembly:
        """The reply folded so far (read it; feed the writer, not the fold)."""
        return self._reply

    # ----- feeding -----------------------------------------------------------------------------

    def feed(self, event: Event) -> None:
        """Takes one event of the generation; commits when due or when the event is structural."""
        if self.finished:
            raise RuntimeError(f"the reply {self.message_id} is already finished ({self.status})")
        if self._reply.stopped and isinstance(
            event, ThinkingEvent | AnswerEvent | InterventionEvent
        ):
            return  # it came after Stop: the fold drops it, so must the chunks
        self._reply.feed(event)
        if isinstance(event, ThinkingEvent):
            self._append("thinking", event.text)
            self.flush_if_due()
        elif isinstance(event, AnswerEvent):
            self._append("answer", event.text)
            self.flush_if_due()
        elif isinstance(event, InterventionEvent):
            self._append("thinking", event.visible)
            self.flush()
        elif isinstance(event, StatsEvent):
            self._stats_dirty = True
            self.flush()
        elif isinstance(event, ErrorEvent):
            self._error_dirty = True
            self.flush()
        elif isinstance(event, NoticeEvent) and self._reply.stats is not None:
            self._stats_dirty = True  # a notice after the figures: they carry it
            self.flush()
        elif isinstance(event, DoneEvent):
            self.finish(_DONE_STATUS.get(event.reason), done_reason=event.reason)
        # Load events belong to no message.

    def _append(self, kind: str, text: str) -> None:
        if text:
            self._pending[kind].append(text)

    def flush_if_due(self) -> None:
        """Commits buffered text if the last commit is at least ``interval_s`` old."""
        if self._clock() - self._last_commit >= self.interval_s:
            self.flush()

    def flush(self) -> None:
        """Commits whatever is buffered now. On failure the buffer is kept for the next try."""
        if self.finished:
            return
        chunks = [
            (self.message_id, kind, "".join(parts))
            for kind, parts in self._pending.items()
            if parts
        ]
        unwritten = len(self._reply.interventions) > self._interventions_written
        if not (chunks or unwritten or self._stats_dirty or self._error_dirty):
            self._last_commit = self._clock()
            return
        try:
            with self._transaction() as conn:
                row = conn.execute(
                    "SELECT status FROM messages WHERE id = ?", (self.message_id,)
                ).fetchone()
                if row is None:
                    raise NotFoundError(
                        "This reply was deleted while it was being written; stop the "
                        "generation, or send the message again to keep a new reply."
                    )
                if row[0] == "interrupted":
                    # Another store, opened meanwhile, took this live reply for a crashed one.
                    conn.execute(
                        "UPDATE messages SET status = 'streaming' WHERE id = ?",
                        (self.message_id,),
                    )
                conn.executemany(
                    "INSERT INTO message_chunks(message_id, kind, text) VALUES (?, ?, ?)", chunks
                )
                self._write_structural(conn)
        except NotFoundError:
            self._status = "error"
            raise
        for parts in self._pending.values():
            parts.clear()
        self._written()

    def _written(self) -> None:
        """Forgets what the last commit wrote (called only after it succeeded)."""
        self._interventions_written = len(self._reply.interventions)
        self._stats_dirty = self._error_dirty = False
        self._last_commit = self._clock()
        self.commits += 1

    def _write_structural(self, conn: sqlite3.Connection) -> None:
        """Writes pending interventions, stats and error inside the caller's transaction."""
        reply = self._reply
        unwritten = reply.interventions[self._interventions_written :]
        if unwritten:
            conn.executemany(
                "INSERT INTO interventions(message_id, reason, text, visible, position, tokens, "
                "text_offset) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (self.message_id, i.reason, i.text, i.visible, i.position, i.tokens, i.offset)
                    for i in unwritten
                ],
            )
        # The error and the notices with their phrases, to be shown in the window's language
        # when read back (``records.with_phrases``).
        if self._stats_dirty and reply.stats is not None:
            conn.execute(
                "UPDATE generations SET stats_json = ?, seed = COALESCE(?, seed), "
                "notice_phrases = ? WHERE message_id = ?",
                (
                    to_json(reply.stats),
                    reply.stats.seed,
                    phrases_json(reply.stats.notices),
                    self.message_id,
                ),
            )
        if self._error_dirty and reply.error is not None:
            conn.execute(
                "UPDATE messages SET error = ?, error_kind = ?, error_phrase = ? WHERE id = ?",
                (reply.error, reply.error_kind, phrases_json([reply.error]), self.message_id),
            )

    # ----- finishing ---------------------------------------------------------------------------

    def finish(
        self, status: MessageStatus | None = None, *, done_reason: str | None = None
    ) -> MessageStatus:
        """Stores the whole text in the message row with its final status; returns the status.

        ``status`` None: ``error`` if an error event came (``cancelled`` if its kind was
        ``cancelled``), else ``complete``. Calling it again does nothing.
        """
        if self.finished:
            return self._status
        if status is None:
            if self._reply.error is None:
                status = "complete"
            else:
                status = "cancelled" if self._reply.error_kind == "cancelled" else "error"
        if status == "streaming":
            raise ValueError("a finished reply cannot have the status 'streaming'")
        now = time.time()
        with self._transaction() as conn:
            self._write_structural(conn)
            conn.execute(
                "UPDATE messages SET content = ?, thinking = ?, status = ? WHERE id = ?",
                (self.answer, self.thinking, status, self.message_id),
            )
            conn.execute("DELETE FROM message_chunks WHERE message_id = ?", (self.message_id,))
            conn.execute(
                "UPDATE generations SET done_reason = ?, finished_at = ? WHERE message_id = ?",
                (done_reason, now, self.message_id),
            )
            conn.execute(
                "UPDATE conversations SET updated_at = ? WHERE id = ?",
                (now, self.conversation_id),
            )
        for parts in self._pending.values():
            parts.clear()
        self._written()
        self._status = status
        return status

    def __enter__(self) -> StreamingMessageWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self.finished:
            self.finish("interrupted")
