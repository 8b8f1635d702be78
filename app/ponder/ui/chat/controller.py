"""The conversation on show and the turn being generated: the chat's model.

``ChatController`` turns user actions (send, stop, regenerate, edit-and-resend, fork, open a
conversation, switch branch) into work for the ``TurnRunner`` and turns the runner's results
into signals the widgets draw. Streamed events are drained from the ``EventBuffer`` by a
~33 ms timer and handed on as one batch per tick. The model and the engine are the
``EngineHost``'s: a turn leases the engine from it for as long as it runs.

Thread: GUI thread. It reads the conversation database through the GUI thread's store (small
reads and edits the user asked for); the runner's own store writes the streaming replies.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from ponder.core.events import Event
from ponder.core.request import GenerateRequest, LoadRequest, Message, ThinkingControl
from ponder.core.storage.store import (
    ConversationSettings,
    ConversationStore,
    SearchHit,
    StorageError,
    StoredMessage,
)
from ponder.core.teaching.fork import fork_prelude, plan_think_longer
from ponder.ui.chat.live_reply import GenerationDefaults, LiveReply
from ponder.ui.chat.turn_runner import EventBuffer, TurnJob, TurnRunner
from ponder.ui.engine_host import CHAT_TURN, EngineBusyError, EngineHost, EngineLease
from ponder.ui.translations import shown

log = logging.getLogger(__name__)

DRAIN_INTERVAL_MS = 33  # streamed text is drawn at most ~30 times a second
TITLE_LENGTH = 48


class ChatController(QObject):
    """See the module docstring.

    Signals (all on this thread, connected directly): ``conversation_opened`` carries the
    conversation's id (0: none) and a ``list[StoredMessage]`` (a copy; the messages are
    frozen); ``reply_begun``, ``reply_updated`` and ``reply_ended`` carry the ``LiveReply``
    being written, which this controller alone changes (views read it, on this thread).
    """

    conversations_changed = Signal()
    conversation_opened = Signal(int, list)  # id (0: none), list[StoredMessage]
    reply_begun = Signal(object, int)  # LiveReply, messages of the thread kept on screen
    reply_updated = Signal(object, str)  # LiveReply, answer text added since the last update
    reply_ended = Signal(object)  # LiveReply
    busy_changed = Signal(bool)
    error_raised = Signal(str)
    # TurnJob (frozen), to the runner's slot: a queued connection runs it on the runner's thread.
    _generate_requested = Signal(object)

    def __init__(
        self,
        store: ConversationStore,
        host: EngineHost,
        runner: TurnRunner,
        buffer: EventBuffer,
        *,
        defaults: GenerationDefaults | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.host = host
        self._buffer = buffer
        self.defaults = defaults or GenerationDefaults()
        self.thinking = ThinkingControl()
        self.conversation_id: int | None = None
        # The conversation's own settings; a new one keeps them until its first message.
        self.conversation_settings = ConversationSettings()
        self.messages: list[StoredMessage] = []
        self.live: LiveReply | None = None
        self._lease: EngineLease | None = None  # the engine, while a turn runs
        self._tokens = itertools.count(1)
        self._jobs: dict[int, TurnJob] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_INTERVAL_MS)
        self._timer.timeout.connect(self.drain)
        self._generate_requested.connect(runner.generate)
        runner.reply_started.connect(self._on_reply_started)
        runner.reply_finished.connect(self._on_reply_finished)
        runner.job_failed.connect(self._on_job_failed)
        runner.store_failed.connect(self.error_raised)

    # ----- state -------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.live is not None

    # ----- conversations -----------------------------------------------------------------------

    def open_conversation(self, conversation_id: int | None) -> None:
        """Shows a conversation (None: a new, empty one, created on the first message)."""
        settings = ConversationSettings()
        try:
            messages = self.store.thread(conversation_id) if conversation_id else []
            if conversation_id:
                settings = self.store.conversation_settings(conversation_id)
        except StorageError as exc:
            self.error_raised.emit(shown(exc))
            conversation_id, messages = None, []
        self.conversation_id = conversation_id
        self.conversation_settings = settings
        self.messages = messages
        self.conversation_opened.emit(conversation_id or 0, list(messages))

    def conversation_model(self, conversation_id: int) -> str | None:
        """The model the conversation was last held with: a server model's reference
        (``model_id``), else its file; None when not recorded or unreadable."""
        try:
            conversation = self.store.get_conversation(conversation_id)
        except StorageError:
            return None
        return conversation.model_id or conversation.model_path

    def select_branch(self, message_id: int) -> None:
        """Shows another version of a message (regenerated or edited) and what followed it."""
        if self.busy:
            return
        try:
            self.messages = self.store.select_branch(message_id)
        except StorageError as exc:
            self.error_raised.emit(shown(exc))
            return
        self.conversation_opened.emit(self.conversation_id or 0, list(self.messages))

    def versions(self, messages: list[StoredMessage]) -> dict[int, list[int]]:
        """Each message's versions (its siblings' ids, oldest first)."""
        versions: dict[int, list[int]] = {}
        try:
            for message in messages:
                versions[message.id] = [m.id for m in self.store.siblings(message.id)]
        except StorageError as exc:
            log.warning("could not read message versions: %s", exc)
        return versions

    def search(self, query: str) -> list[SearchHit]:
        try:
            return self.store.search(query)
        except StorageError as exc:
            self.error_raised.emit(shown(exc))
            return []

    def set_conversation_settings(self, settings: ConversationSettings) -> bool:
        """The settings for every later turn of the conversation on show (kept in memory for a
        new conversation until its first message creates it); False if they were not saved."""
        if self.conversation_id is not None:
            try:
                self.store.set_conversation_settings(self.conversation_id, settings)
            except StorageError as exc:
                self.error_raised.emit(shown(exc))
                return False
        self.conversation_settings = settings
        return True

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        try:
            self.store.rename_conversation(conversation_id, title)
        except StorageError as exc:
            self.error_raised.emit(shown(exc))
        self.conversations_changed.emit()

    def delete_conversation(self, conversation_id: int) -> None:
        """Deletes a conversation (stopping its answer first if one is being written)."""
        if self.live is not None and self.live.conversation_id == conversation_id:
            self.stop()
            self.error_raised.emit(self.tr("Stop the answer first, then delete the conversation."))
            return
        try:
            self.store.delete_conversation(conversation_id)
        except StorageError as exc:
            self.error_raised.emit(shown(exc))
        if conversation_id == self.conversation_id:
            self.open_conversation(None)
        self.conversations_changed.emit()

    def delete_message(self, message_id: int) -> None:
        """Deletes a message of the conversation on show and the replies that followed it
        (not while an answer is being written), and shows what remains."""
        if self.busy:
            self.error_raised.emit(self.tr("Stop the answer first, then delete the message."))
            return
        try:
            self.store.delete_message(message_id)
        except StorageError as exc:
            self.error_raised.emit(shown(exc))
        self.open_conversation(self.conversation_id)

    # ----- turns -------------------------------------------------------------------------------

    def send(self, text: str) -> bool:
        """Sends a new message at the end of the thread on show; False if it cannot now."""
        text = text.strip()
        if not text or not self._can_generate():
            return False
        if self.conversation_id is None:
            try:
                title = " ".join(text.split())[:TITLE_LENGTH]
                model_id, model_path, sha256 = self.host.conversation_model
                conversation = self.store.create_conversation(
                    title, model_id=model_id, model_path=model_path, model_sha256=sha256
                )
            except StorageError as exc:
                self.error_raised.emit(shown(exc))
                return False
            self.conversation_id = conversation.id
            if self.conversation_settings != ConversationSettings():
                self.set_conversation_settings(self.conversation_settings)
            self.conversations_changed.emit()
        parent = self.messages[-1].id if self.messages else None
        return self._start(len(self.messages), self.messages, parent, text)

    def regenerate(self, reply_id: int | None = None) -> bool:
        """A new reply to the user message before ``reply_id`` (default: the last reply);
        the old reply stays as a version to switch back to."""
        if not self._can_generate():
            return False
        index = self._index(reply_id) if reply_id else _last_index(self.messages, "assistant")
        if index is None or self.messages[index].parent_id is None:
            return False
        user_index = index - 1
        kept = self.messages[: user_index + 1]
        return self._start(len(kept), kept, self.messages[index].parent_id, None)

    def edit_and_resend(self, message_id: int, text: str) -> bool:
        """Sends ``text`` in place of the user message ``message_id`` (which stays as a
        version), and generates a new reply to it."""
        text = text.strip()
        index = self._index(message_id)
        if not text or index is None or not self._can_generate():
            return False
        kept = self.messages[:index]
        return self._start(len(kept), kept, self.messages[index].parent_id, text)

    def fork(
        self,
        reply_id: int,
        kept: str,
        inserted: str,
        thinking: ThinkingControl | None = None,
    ) -> bool:
        """A new version of the reply ``reply_id`` whose thinking starts with ``kept`` (the
        trace up to the fork point, maybe edited) and ``inserted`` (a hint, a deliberate
        error, a "Wait"), and goes on from there. The engine reuses its cache as far as the
        new prompt matches. The inserted text is stored as a "fork" intervention, so the trace
        shows where a person stepped in. ``thinking``: the budget for what follows (thinking
        cannot be off: the fork is itself thinking)."""
        index = self._reply_index(reply_id)
        if index is None or not (kept or inserted) or not self._can_generate():
            return False
        reply = self.messages[index]
        if not reply.thinking.startswith(kept):
            raise ValueError("the kept thinking must be the start of the reply's thinking")
        control = thinking or self.thinking
        if control.budget == 0:
            control = replace(control, budget=None)
        prelude = fork_prelude(reply, kept, inserted)
        history = self.messages[:index]
        return self._start(
            len(history),
            history,
            reply.parent_id,
            None,
            thinking=control,
            thinking_prefix=kept + inserted,
            prelude=prelude,
            compare_to=reply_id,
        )

    def think_longer_after(self, reply_id: int, tokens: int | None) -> bool:
        """A new version of the answered reply ``reply_id`` whose thinking goes on from where
        it was cut, with ``tokens`` more thinking (None: no limit); then the model answers."""
        index = self._reply_index(reply_id)
        if index is None or not self._can_generate():
            return False
        reply = self.messages[index]
        plan = plan_think_longer(reply, self.thinking.wait_text)
        control = replace(self.thinking, budget=tokens, min_tokens=0)
        history = self.messages[:index]
        return self._start(
            len(history),
            history,
            reply.parent_id,
            None,
            thinking=control,
            thinking_prefix=plan.prefix,
            prelude=plan.prelude,
        )

    def compare_with_model(
        self, reply_id: int, request: LoadRequest, sha256: str | None = None
    ) -> bool:
        """A new version of the reply ``reply_id`` written by another model (loaded for this
        turn; the current model is loaded again after it), with the same controls."""
        index = self._reply_index(reply_id)
        if index is None or self.host.load_request is None or not self._can_generate():
            return False
        reply = self.messages[index]
        history = self.messages[:index]
        return self._start(
            len(history),
            history,
            reply.parent_id,
            None,
            switch_model=(request, sha256),
            compare_to=reply_id,
        )

    def stop(self) -> None:
        """Stops the turn being generated, at once (through the host, which tells the engine
        directly). Nothing if no turn holds the engine."""
        if self._lease is not None:
            self._lease.stop()

    def answer_now(self) -> bool:
        """Ends the running thinking now: the model answers (the engine adds the early-stop
        message). False, and nothing happens, when no reply is thinking."""
        live = self.live
        if live is None or not live.trace.steerable or not self.host.answer_now():
            return False
        live.trace.ending = "answer_now"
        self.reply_updated.emit(live, "")
        return True

    def think_longer(self, tokens: int | None) -> bool:
        """Raises the running thinking budget by ``tokens`` (None: no limit) without
        restarting. False when no reply is thinking."""
        live = self.live
        if live is None or not live.trace.steerable:
            return False
        return self.host.extend_budget(tokens)

    def _stopping(self) -> None:
        """The host stops this turn (the user's Stop, another model loaded, shutdown)."""
        live = self.live
        if live is None or live.finished:
            return
        live.stopping = True
        live.trace.ending = "stopped"
        job = self._jobs.get(live.token)
        if job is not None:
            job.stop.set()
        self.reply_updated.emit(live, "")

    def _can_generate(self) -> bool:
        if self.busy:
            return False
        reason = self.host.refusal()
        if reason is not None:
            self.error_raised.emit(reason)
            return False
        return True

    def _release(self) -> None:
        """Gives the engine back (after ``live`` is cleared: whoever takes it next sees the
        chat idle)."""
        lease, self._lease = self._lease, None
        if lease is not None:
            lease.release()

    def _reply_index(self, reply_id: int) -> int | None:
        """Where the reply ``reply_id`` (an answer to a user's message) is in the thread."""
        index = self._index(reply_id)
        if index is None:
            return None
        reply = self.messages[index]
        return index if reply.role == "assistant" and reply.parent_id is not None else None

    def _index(self, message_id: int | None) -> int | None:
        for index, message in enumerate(self.messages):
            if message.id == message_id:
                return index
        return None

    def _start(
        self,
        keep: int,
        history: list[StoredMessage],
        parent_id: int | None,
        text: str | None,
        *,
        thinking: ThinkingControl | None = None,
        thinking_prefix: str = "",
        prelude: tuple[Event, ...] = (),
        switch_model: tuple[LoadRequest, str | None] | None = None,
        compare_to: int | None = None,
    ) -> bool:
        """Starts the turn on the engine; False (the user told why) if the host refused."""
        assert self.conversation_id is not None
        try:
            lease = self.host.acquire(CHAT_TURN, self._stopping)
        except EngineBusyError as exc:  # _can_generate asked the host a moment ago
            self.error_raised.emit(shown(exc))
            return False
        self._lease = lease
        messages = [m.to_request_message() for m in history if m.content or m.role == "user"]
        if text is not None:
            messages.append(Message("user", text))
        control = thinking or self.thinking
        settings = self.conversation_settings
        request = GenerateRequest(
            messages=tuple(messages),
            thinking=control,
            sampling=settings.sampling(self.defaults.sampling),
            max_tokens=self.defaults.max_tokens,
            system_prompt=settings.system_prompt or None,
            thinking_prefix=thinking_prefix,
            past_reasoning=settings.past_reasoning,
        )
        token = next(self._tokens)
        model_path, model_sha256 = self.host.model_label, self.host.model_sha256
        if switch_model is not None:
            model_path, model_sha256 = switch_model[0].model_path, switch_model[1]
        job = TurnJob(
            token,
            self.conversation_id,
            parent_id,
            text,
            request,
            model_path=model_path,
            model_sha256=model_sha256,
            prelude=prelude,
            switch_model=switch_model[0] if switch_model else None,
            restore_model=self.host.load_request if switch_model else None,
            conversation_model=None if switch_model else self.host.conversation_model,
        )
        self._jobs[token] = job
        self.messages = list(history)
        self.live = LiveReply(token, self.conversation_id, text, compare_to=compare_to)
        self.live.trace.thinking_off = control.budget == 0
        self._buffer.take()  # nothing of an older turn is left to draw
        self._timer.start()
        self.busy_changed.emit(True)
        self.reply_begun.emit(self.live, keep)
        self._generate_requested.emit(job)
        return True

    # ----- streaming -----------------------------------------------------------------------

    def drain(self) -> None:
        """Applies the events that arrived since the last tick (one batch, one redraw)."""
        live = self.live
        batch = self._buffer.take()
        if live is None or not batch:
            if live is not None and live.trace.thinking_now:
                self.reply_updated.emit(live, "")  # the live clock still moves
            return
        added = live.apply([event for token, event in batch if token == live.token])
        self.reply_updated.emit(live, added)

    def _on_reply_started(self, token: int, user_id: int, reply_id: int) -> None:
        live = self.live
        if live is None or live.token != token:
            return
        live.reply_id = reply_id
        if live.user_text is not None:
            live.user_message_id = user_id

    def _on_reply_finished(self, token: int, reply_id: int, status: str) -> None:
        self._jobs.pop(token, None)
        live = self.live
        if live is None or live.token != token:
            return
        self.drain()
        live.status = status
        live.trace.finish(live.trace.stats)
        self._timer.stop()
        self.live = None
        self._release()
        if live.conversation_id == self.conversation_id:
            try:
                self.messages = self.store.thread(live.conversation_id)
            except StorageError as exc:
                self.error_raised.emit(shown(exc))
        self.busy_changed.emit(False)
        self.reply_ended.emit(live)
        self.conversations_changed.emit()
        if live.error:
            self.error_raised.emit(shown(live.error))

    def _on_job_failed(self, token: int, message: str) -> None:
        self._jobs.pop(token, None)
        live = self.live
        if live is not None and live.token == token:
            live.status, live.error = "error", message
            self._timer.stop()
            self.live = None
            self._release()
            self.busy_changed.emit(False)
            self.reply_ended.emit(live)
        self.error_raised.emit(message)

    def set_thinking(self, control: ThinkingControl) -> None:
        """The thinking controls for the next turns (from the composer)."""
        self.thinking = replace(control)


def _last_index(messages: list[StoredMessage], role: str) -> int | None:
    for index in range(len(messages) - 1, -1, -1):
        if messages[index].role == role:
            return index
    return None
