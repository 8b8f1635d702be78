"""One remote reply as it streams: thinking and answer, Ponder's interventions, the checks.

``RemoteReply`` takes the decoded pieces of each leg (``wire.Delta``) and yields the events
the local engine yields. It decides, piece by piece, whether Ponder must step in:

* **budget**: where the server keeps it (llama-server, vLLM) Ponder watches that it does; the
  text llama-server injects at the cut (``reasoning_budget_message``) is recognised and shown
  as the ``budget_spent`` intervention. Where the server ignores the budget (a template without
  thinking markers, a server without the field) the thinking is cut by Ponder: the stream is
  closed and the reply continues with the thinking closed, and a notice says the server
  ignored it. The budget is per turn, across every leg.
* **Answer now**: llama-server's control endpoint where the reply was armed for it, else the
  same cut as a budget.
* **minimum thinking**: when thinking ends too early, the stream is closed and the reply is
  continued with the thinking reopened after the wait text (llama-server only; elsewhere a
  notice says it is unavailable).
* **thinking off**: checked; thinking that arrives anyway gets a notice, and is closed at once
  where the server can continue the reply.

Thread: the engine's worker thread; ``request_answer_now``/``extend_budget`` from any thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any, Literal

from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    ErrorEvent,
    Event,
    InterventionEvent,
    InterventionReason,
    NoticeEvent,
    Stats,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.reasoning.tag_watch import TagFound, TagWatcher, TextPiece
from ponder.core.request import GenerateRequest
from ponder.core.servers.connection import ServerFault
from ponder.core.servers.controls import Support, can_continue_assistant
from ponder.core.trace import tokens_text
from ponder.engine.remote.bodies import Dialect, Leg
from ponder.engine.remote.wire import Delta

# Pieces of thinking past the budget (beyond the early-stop message) after which a server that
# was asked to keep the budget is taken to have ignored it.
BUDGET_GRACE = 8


class Cancelled(Exception):
    """The person stopped the reply."""


# What a step of the reply decides: None (go on reading), a ``Leg`` (close this stream and
# continue the reply with that request) or ``STOP`` (close this stream; the reply ends).
STOP: Literal["stop"] = "stop"
Step = Leg | Literal["stop"] | None


def _estimate_tokens(text: str) -> int:
    """About how many tokens ``text`` takes (4 characters a token), for injections."""
    return max(1, round(len(text) / 4)) if text else 0


class RemoteReply:
    """The state of one reply across its legs. ``controls``: the server's control map;
    ``count_tokens``: an exact counter (llama-server's ``/tokenize``) or None."""

    def __init__(
        self,
        request: GenerateRequest,
        dialect: Dialect,
        controls: dict[str, Support],
        *,
        server: str,
        count_tokens: Callable[[str], int | None] | None = None,
        left_out_turns: int = 0,
        left_out_estimated: bool = False,
    ) -> None:
        self.request = request
        # Earlier turns left out to fit the server's context (``engine.remote.context``), and
        # whether they were chosen by an estimate (the server cannot count tokens).
        self.left_out_turns = left_out_turns
        self.left_out_estimated = left_out_estimated
        self.dialect = dialect
        self.controls = controls
        self.server = server
        self.count_tokens = count_tokens
        self.control = request.thinking
        self.can_continue = can_continue_assistant(dialect.kind)
        # The trace as shown (model text and the interventions' visible text) and the model's
        # own thinking alone (for the counts).
        self.trace: list[str] = []
        self.model_thinking: list[str] = []
        self.thinking_tokens = 0  # model thinking pieces (one per token on these servers)
        self.answer_tokens = 0
        self.injected_tokens = 0
        self.phase = "start"  # "start", "thinking", "answer"
        self.waits = 0
        self.cut_done = False  # the thinking was ended for a budget or Answer now
        self.unclosed_done = False
        self.off_checked = False
        self.legs = 0
        self.stop_reason = "eos"
        self.completion_id: str | None = None
        self.usage: dict[str, Any] = {}
        self.prompt_ms: float | None = None
        self.server_timings: dict[str, Any] = {}  # llama-server's own, of the last leg
        self.started = time.perf_counter()
        self.first_piece_at: float | None = None
        self.thinking_started: float | None = None
        self.thinking_ended: float | None = None
        self.answer_started: float | None = None
        self.cut_at: float | None = None
        # The server's own cut in progress: the reason, the trace position, the text held.
        self.server_cut: InterventionReason | None = None
        self.server_cut_position = 0
        self.held: list[str] = []
        self.held_pieces = 0
        self.budget_notice_sent = False
        self._lock = threading.Lock()
        self._answer_now = False
        self._extra: int | None = 0  # None: no budget any more
        self._extend_refused = False
        self.native_budget = bool(self.control.budget) and (
            controls.get("budget") == "honoured" and (dialect.split or dialect.kind == "vllm")
        )
        # A fork: the reply goes on from thinking already written (the trace so far holds
        # it; the budget counts new tokens only, as locally).
        self.prefix = request.thinking_prefix
        if self.prefix:
            self.trace.append(self.prefix)
        self.watcher = TagWatcher(*dialect.tags, in_thinking=dialect.prefill or bool(self.prefix))
        self.position = 0

    # ----- live controls (any thread) ----------------------------------------------------------

    def request_answer_now(self) -> None:
        with self._lock:
            self._answer_now = True

    def extend_budget(self, tokens: int | None) -> None:
        """More thinking for this reply. A budget the server keeps itself (llama-server,
        vLLM) was sent with the request and cannot be raised mid-reply: refused, with a
        notice at the next piece."""
        if self.native_budget:
            with self._lock:
                self._extend_refused = True
            return
        with self._lock:
            if tokens is None or self._extra is None:
                self._extra = None
            else:
                self._extra += tokens

    def _take_answer_now(self) -> bool:
        with self._lock:
            asked, self._answer_now = self._answer_now, False
            return asked

    @property
    def budget(self) -> int | None:
        """The running budget (the request's plus what the person added), None: unlimited."""
        with self._lock:
            extra = self._extra
        if self.control.budget is None or extra is None:
            return None
        return self.control.budget + extra

    @property
    def server_keeps_budget(self) -> bool:
        return self.native_budget

    # ----- requests ----------------------------------------------------------------------------

    def first_leg(self) -> Leg:
        """The first request: the turn, or its continuation from a fork's thinking."""
        return Leg(self.prefix, thinking_open=True) if self.prefix else Leg()

    def refusal(self) -> str:
        """Why this reply cannot run on the server ("" when it can): a fork needs the
        server to continue a model's reasoning, as minimum thinking does."""
        if self.prefix and self.controls.get("min_thinking") != "honoured":
            return (
                f"{self.server} cannot continue a model's reasoning, so a fork (thinking that "
                "goes on from a point of another reply) cannot run there. Fork on a model on "
                "this computer or on llama-server."
            )
        if self.prefix and self.control.thinking_off:
            return (
                "A fork continues the model's thinking, so thinking cannot be off for it. "
                "Choose a thinking budget other than Off."
            )
        return ""

    def opening_notices(self) -> Iterator[Event]:
        if self.left_out_turns and self.left_out_estimated:
            yield NoticeEvent(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{server} does not count tokens: the earlier turns left out to fit "
                    "its context were chosen by an estimate of the conversation's length.",
                ).format(server=self.server),
                "estimate",
            )
        if self.control.min_tokens and self.controls.get("min_thinking") != "honoured":
            yield NoticeEvent(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "Minimum thinking is unavailable on {server}: it cannot continue a "
                    'model\'s reasoning, so no "Wait" will be added to this reply.',
                ).format(server=self.server),
                "control_unavailable",
            )
        if self.control.thinking_off and self.controls.get("thinking_off") == "unavailable":
            yield NoticeEvent(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{server} has no switch for thinking off; Ponder will say if the "
                    "model thinks anyway.",
                ).format(server=self.server),
                "control_unavailable",
            )

    def body_for(self, leg: Leg, make: Callable[..., dict[str, Any]]) -> dict[str, Any]:
        self.legs += 1
        max_tokens = self.request.max_tokens
        if max_tokens is not None:
            max_tokens = max(1, max_tokens - self.thinking_tokens - self.answer_tokens)
        return make(self.dialect, self.request, leg, max_tokens=max_tokens)

    # ----- one leg -----------------------------------------------------------------------------

    def consume(
        self, deltas: Iterable[Delta], post_control: Callable[[str], bool]
    ) -> Generator[Event, None, Leg | None]:
        """Yields the events of one leg's pieces; returns the next leg, or None at the end."""
        finish: str | None = None
        stream = iter(deltas)
        try:
            for delta in stream:
                if self.first_piece_at is None and (delta.reasoning or delta.content):
                    self.first_piece_at = time.perf_counter()
                self._note_meta(delta)
                if delta.reasoning:
                    next_leg = yield from self._thinking_piece(delta.reasoning, post_control)
                    if next_leg is not None:
                        return next_leg if isinstance(next_leg, Leg) else None
                if delta.content:
                    self.position += 1
                    for item in self.watcher.push(self.position, delta.content.encode()):
                        next_leg = yield from self._content_item(item, post_control)
                        if next_leg is not None:
                            return next_leg if isinstance(next_leg, Leg) else None
                if delta.finish:
                    finish = delta.finish
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # closes the HTTP stream when Ponder stepped in mid-leg
        for item in self.watcher.flush():
            next_leg = yield from self._content_item(item, post_control)
            if next_leg is not None:
                return next_leg if isinstance(next_leg, Leg) else None
        step = yield from self._leg_ended(finish)
        return step if isinstance(step, Leg) else None

    def _note_meta(self, delta: Delta) -> None:
        if delta.completion_id:
            self.completion_id = delta.completion_id
        if delta.usage and self.legs == 1:
            self.usage = {k: v for k, v in delta.usage.items() if v is not None}
        if delta.timings:
            self.server_timings = delta.timings
            if self.prompt_ms is None and "prompt_ms" in delta.timings:
                self.prompt_ms = float(delta.timings["prompt_ms"])

    def _content_item(
        self, item: TextPiece | TagFound, post_control: Callable[[str], bool]
    ) -> Generator[Event, None, Step]:
        if isinstance(item, TagFound):
            if item.tag == "close":
                return (yield from self._thinking_end())
            return None  # a think block opens in the text: what follows is thinking
        text = item.data.decode("utf-8", "replace")
        if item.kind == "thinking":
            return (yield from self._thinking_piece(text, post_control))
        return (yield from self._answer_piece(text))

    def _thinking_piece(
        self, text: str, post_control: Callable[[str], bool]
    ) -> Generator[Event, None, Step]:
        now = time.perf_counter()
        if self.thinking_started is None:
            self.thinking_started = now
        if self.phase == "answer":  # a second think block after some answer text
            self.thinking_ended = None
        self.phase = "thinking"
        if self.control.thinking_off and not self.off_checked:
            self.off_checked = True
            yield NoticeEvent(
                f'{self.server} ignored "thinking off": the model thinks anyway.'
                + (" Ponder closed the thinking." if self.can_continue else ""),
                "control_ignored",
            )
            if self.can_continue:
                return (yield from self._cut("thinking_off", ""))
        if self.server_cut is not None:
            self.held.append(text)
            self.held_pieces += 1
            limit = _estimate_tokens(self.control.stop_message) + BUDGET_GRACE
            if self.held_pieces > limit:  # the server did not end the thinking after all
                yield from self._release_held()
                reason = self.server_cut
                self.server_cut = None
                if reason == "budget_spent":
                    yield from self._budget_ignored()
                return (yield from self._cut(reason, self.control.stop_message))
            return None
        self.thinking_tokens += 1
        self.trace.append(text)
        self.model_thinking.append(text)
        yield ThinkingEvent(text)
        with self._lock:
            refused, self._extend_refused = self._extend_refused, False
        if refused:
            yield NoticeEvent(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{server} keeps the thinking budget it was given when the reply "
                    "began; it cannot be raised in the middle of this reply.",
                ).format(server=self.server),
                "control_unavailable",
            )
        if self.cut_done:
            return None
        if self._take_answer_now():
            if self._server_ends_thinking(post_control):
                self._start_server_cut("answer_now")
                return None
            return (yield from self._cut("answer_now", self.control.stop_message))
        budget = self.budget
        if budget is not None and budget > 0 and self.thinking_tokens >= budget:
            if self.server_keeps_budget and self.dialect.kind == "llama-server":
                self._start_server_cut("budget_spent")
                return None
            if self.server_keeps_budget and self.thinking_tokens < budget + BUDGET_GRACE:
                return None  # vLLM: give it a few pieces to close the thinking itself
            if self.server_keeps_budget:
                yield from self._budget_ignored()
            return (yield from self._cut("budget_spent", self.control.stop_message))
        return None

    def _server_ends_thinking(self, post_control: Callable[[str], bool]) -> bool:
        return (
            self.dialect.kind == "llama-server"
            and self.dialect.split
            and self.controls.get("answer_now") == "honoured"
            and self.completion_id is not None
            and post_control(self.completion_id)
        )

    def _start_server_cut(self, reason: InterventionReason) -> None:
        self.server_cut = reason
        self.server_cut_position = self.thinking_tokens
        self.cut_at = time.perf_counter()
        self.cut_done = True

    def _budget_ignored(self) -> Iterator[Event]:
        if not self.budget_notice_sent:
            self.budget_notice_sent = True
            yield NoticeEvent(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{server} did not keep the thinking budget of {budget}; Ponder ended "
                    "the thinking itself.",
                ).format(server=self.server, budget=tokens_text(self.budget or 0)),
                "control_ignored",
            )

    def _release_held(self) -> Iterator[Event]:
        """Held thinking that was the model's own after all, as thinking."""
        text = "".join(self.held)
        self.thinking_tokens += self.held_pieces
        self.held, self.held_pieces = [], 0
        if text:
            self.trace.append(text)
            self.model_thinking.append(text)
            yield ThinkingEvent(text)

    def _settle_server_cut(self) -> Iterator[Event]:
        """The thinking ended after the server's cut: the held text ends with the early-stop
        message the server injected; the rest before it was still the model's."""
        reason = self.server_cut
        assert reason is not None
        self.server_cut = None
        text = "".join(self.held)
        message = self.control.stop_message.strip()
        where = text.rfind(message) if message else -1
        if message and where < 0:
            # No message came: the server cut without one (or the model ended by itself).
            yield from self._release_held()
            injected = ""
        else:
            before, injected = (text[:where], text[where:]) if message else (text, "")
            self.held = [before] if before else []
            self.held_pieces = max(0, self.held_pieces - _estimate_tokens(injected))
            yield from self._release_held()
        tokens = _estimate_tokens(injected) + 1
        self.injected_tokens += tokens
        self.trace.append(injected)
        yield InterventionEvent(
            injected + self.dialect.tags[1], reason, self.server_cut_position, tokens, injected
        )

    def _cut(self, reason: InterventionReason, message: str) -> Generator[Event, None, Step]:
        """Ponder ends the thinking itself: the stream is dropped and the reply continues with
        the thinking closed (where the server can continue a message)."""
        self.cut_done = True
        self.cut_at = time.perf_counter()
        tokens = _estimate_tokens(message) + 1
        self.injected_tokens += tokens
        self.trace.append(message)
        yield InterventionEvent(
            message + self.dialect.tags[1], reason, self.thinking_tokens, tokens, message
        )
        self._end_thinking_phase()
        if not self.can_continue:
            yield NoticeEvent(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{server} cannot continue a reply, so the thinking was stopped here "
                    "and no answer follows.",
                ).format(server=self.server),
                "control_unavailable",
            )
            self.stop_reason = "stopped"
            return STOP
        return Leg("".join(self.trace), thinking_open=False, first=False)

    def _end_thinking_phase(self) -> None:
        if self.thinking_ended is None:
            self.thinking_ended = time.perf_counter()
        self.phase = "answer"
        self.watcher.reset(in_thinking=False)

    def _thinking_end(self) -> Generator[Event, None, Step]:
        """The model (or the server's cut) closed the thinking."""
        if self.phase != "thinking":
            return None
        if self.server_cut is not None:
            yield from self._settle_server_cut()
        elif self._wants_wait():
            return (yield from self._wait())
        if self.thinking_ended is None:
            self.thinking_ended = time.perf_counter()
        self.phase = "answer"
        return None

    def _wants_wait(self) -> bool:
        return (
            not self.cut_done
            and self.controls.get("min_thinking") == "honoured"
            and self.thinking_tokens < self.control.min_tokens
            and self.waits < self.control.max_waits
        )

    def _wait(self) -> Generator[Event, None, Step]:
        self.waits += 1
        text = self.control.wait_text
        tokens = _estimate_tokens(text)
        self.injected_tokens += tokens
        self.trace.append(text)
        yield InterventionEvent(text, "min_thinking", self.thinking_tokens, tokens, text)
        self.watcher.reset(in_thinking=True)
        return Leg("".join(self.trace), thinking_open=True, first=False)

    def _answer_piece(self, text: str) -> Generator[Event, None, Step]:
        if self.phase == "thinking":
            next_leg = yield from self._thinking_end()
            if next_leg is not None:
                return next_leg  # the piece is dropped: the model goes on thinking
        if self.phase == "start":
            self.phase = "answer"
        if self.answer_started is None:
            text = text.lstrip()  # the blank line after the thinking, as locally
            if not text:
                return None
            self.answer_started = time.perf_counter()
        self.answer_tokens += 1
        yield AnswerEvent(text)
        return None

    def _leg_ended(self, finish: str | None) -> Generator[Event, None, Step]:
        self.stop_reason = {"length": "max_tokens", "stop": "eos"}.get(finish or "", "eos")
        if self.phase != "thinking":
            return None
        if self.server_cut is not None:
            yield from self._settle_server_cut()
            return None
        if finish == "length":
            return None
        if self._wants_wait():
            return (yield from self._wait())
        if self.can_continue and not self.unclosed_done:
            # The model ended its turn inside its thinking: close it so that it answers.
            self.unclosed_done = True
            self.injected_tokens += 1
            yield InterventionEvent(
                self.dialect.tags[1] + "\n\n", "unclosed_thinking", self.thinking_tokens, 1, ""
            )
            self._end_thinking_phase()
            return Leg("".join(self.trace), thinking_open=False, first=False)
        return None

    # ----- the end -----------------------------------------------------------------------------

    def fail(self, fault: ServerFault) -> Iterator[Event]:
        if self.server_cut is not None:
            yield from self._release_held()
        yield ErrorEvent(fault.message, fault.kind)
        yield from self.finish("error")

    def finish(self, reason: str) -> Iterator[Event]:
        if reason == "cancelled" and self.held:
            yield from self._release_held()
        end = time.perf_counter()
        if self.thinking_started is not None and self.thinking_ended is None:
            self.thinking_ended = end
        thinking_s = (
            (self.thinking_ended or end) - self.thinking_started
            if self.thinking_started is not None
            else 0.0
        )
        answer_s = end - self.answer_started if self.answer_started is not None else 0.0
        exact = None
        if self.count_tokens is not None and reason != "error":
            exact = self.count_tokens("".join(self.model_thinking))
        if exact is None and self.thinking_tokens and reason != "error":
            yield NoticeEvent(
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{server} does not count reasoning tokens: the thinking figure "
                    "({thinking_tokens}) is Ponder's count of streamed pieces, an "
                    "estimate.",
                ).format(server=self.server, thinking_tokens=self.thinking_tokens),
                "estimate",
            )
        prompt_eval_s = (
            self.prompt_ms / 1000.0
            if self.prompt_ms is not None
            else (self.first_piece_at or end) - self.started
        )
        yield StatsEvent(
            Stats(
                prompt_tokens=int(self.usage.get("prompt_tokens") or 0),
                thinking_tokens=exact if exact is not None else self.thinking_tokens,
                answer_tokens=self.answer_tokens,
                injected_tokens=self.injected_tokens,
                prompt_eval_s=prompt_eval_s,
                thinking_s=thinking_s,
                answer_s=answer_s,
                stop_reason=reason,
                seed=self.request.sampling.seed,
                cut_to_answer_s=(
                    self.answer_started - self.cut_at
                    if self.cut_at is not None and self.answer_started is not None
                    else None
                ),
                # From sending the request to the first streamed piece (network included).
                first_token_s=(
                    self.first_piece_at - self.started if self.first_piece_at is not None else None
                ),
            ).with_left_out(self.left_out_turns)
        )
        yield DoneEvent(reason)
