"""One turn of generation on a loaded llama.cpp model, with Ponder's reasoning control.

Lives in the engine's child process. The loop samples one token at a time and decides, before a
token is evaluated, whether to accept it: an end of thinking that comes before the minimum is
refused and a continuation ("Wait") injected; when the thinking budget is spent, an early-stop
message and the end-of-thinking tag are injected. Injections are evaluated as one batch on top
of the KV cache: nothing already evaluated is evaluated again (``Stats.evaluated_tokens``, the
tokens handed to llama_decode, against ``Stats.kv_tokens``, llama.cpp's own count of the cache,
let tests prove it).

The private handles of ``llama_cpp.Llama`` (``_model.vocab``, ``_ctx``) are used on purpose: the
pinned bindings (see pyproject.toml) expose no public vocab or context handle.
"""

from __future__ import annotations

import codecs
import ctypes
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import llama_cpp

from ponder.core.events import (
    AnswerEvent,
    Event,
    InterventionEvent,
    InterventionReason,
    Stats,
    ThinkingEvent,
)
from ponder.core.reasoning.tag_watch import TagFound, TagWatcher, TextPiece
from ponder.core.request import ThinkingControl
from ponder.engine.live_control import LiveControls, NoLiveControls
from ponder.engine.safe_tokenize import SafeTokenizer
from ponder.engine.speculation.pacing import DraftPacing
from ponder.engine.speculation.speculator import ModelDrafting, Speculator

# How many extra tokens the budget cut may wait for a multi-byte character to complete.
_MAX_CHARACTER_TOKENS = 4


class Cancelled(Exception):
    """The caller cancelled the generation (checked between tokens and inside llama_decode)."""


class ContextFull(Exception):
    """The context window has no room for what must be evaluated next."""


@dataclass(frozen=True, slots=True)
class ThinkTags:
    """The think tags of the loaded model: text always, token ids when they are single tokens.

    ``close_injection`` is what Ponder evaluates to end thinking (the family's
    ``end_of_thinking``: ``</think>`` and a blank line, or gpt-oss's ``<|end|>`` and final
    channel header). Tags are watched by id only when both are single tokens.
    """

    open_text: str = "<think>"
    close_text: str = "</think>"
    open_id: int | None = None
    close_id: int | None = None
    close_injection: str = "</think>\n\n"

    @property
    def by_id(self) -> bool:
        return self.open_id is not None and self.close_id is not None


@dataclass(slots=True)
class _Clock:
    """Splits decode time into thinking and answer time (prompt evaluation is apart)."""

    thinking_s: float = 0.0
    answer_s: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    def lap(self, in_thinking: bool) -> None:
        now = time.perf_counter()
        if in_thinking:
            self.thinking_s += now - self.started
        else:
            self.answer_s += now - self.started
        self.started = now


class AbortFlag:
    """Makes llama_decode abortable: llama.cpp calls back between graph nodes.

    The callback costs a Python call per node, so it is installed only around batch
    evaluations (the prompt, injections); single-token decode steps check between tokens.
    """

    def __init__(self, ctx: Any, is_cancelled: Callable[[], bool]) -> None:
        self._ctx = ctx
        self._callback = llama_cpp.ggml_abort_callback(lambda _data: bool(is_cancelled()))
        self._null = llama_cpp.ggml_abort_callback()  # a NULL function pointer

    def __enter__(self) -> AbortFlag:
        llama_cpp.llama_set_abort_callback(self._ctx, self._callback, None)
        return self

    def __exit__(self, *exc: object) -> None:
        llama_cpp.llama_set_abort_callback(self._ctx, self._null, None)


def injection_tokens(
    tokenizer: SafeTokenizer, visible: str, close_injection: str | None
) -> list[int]:
    """The tokens of one injection: ``visible`` (a Wait text or early-stop message, which a
    person may have typed) as plain text, so ``</think>`` in it cannot end the thinking; then,
    when ``close_injection`` is given, the family's real end of thinking (``</think>`` and a
    blank line; gpt-oss's ``<|end|>`` and final-channel header), the family's own markers
    tokenized with special tokens parsed."""
    tokens = tokenizer.untrusted(visible) if visible else []
    if close_injection is not None:
        tokens += tokenizer.trusted(close_injection)
    return tokens


class Turn:
    """Runs one generation. ``emit`` receives events as they happen."""

    def __init__(
        self,
        llm: llama_cpp.Llama,
        sampler: Any,
        tags: ThinkTags,
        control: ThinkingControl,
        *,
        tokenizer: SafeTokenizer,
        emit: Callable[[Event], None],
        is_cancelled: Callable[[], bool],
        starts_in_thinking: bool,
        max_tokens: int | None,
        answer_reserve: int,
        live: LiveControls | NoLiveControls | None = None,
        pacing: DraftPacing | None = None,
        drafting: ModelDrafting | None = None,
    ) -> None:
        self.llm = llm
        self.tokenizer = tokenizer
        self.sampler = sampler
        self.tags = tags
        self.control = control
        self.emit = emit
        self.is_cancelled = is_cancelled
        self.max_tokens = max_tokens
        self.answer_reserve = answer_reserve
        self.in_thinking = starts_in_thinking
        self.thinking_tokens = 0
        self.answer_tokens = 0
        self.injected_tokens = 0
        self.waits_used = 0
        self.budget_spent = False
        self.vocab = llm._model.vocab
        self.n_ctx = llm.n_ctx()
        self._ctx = llm._ctx.ctx
        self._abort = AbortFlag(self._ctx, is_cancelled)
        self._decoders = {
            "thinking": codecs.getincrementaldecoder("utf-8")("replace"),
            "answer": codecs.getincrementaldecoder("utf-8")("replace"),
        }
        self._answer_started = False
        self._watcher = (
            None
            if tags.by_id
            else TagWatcher(tags.open_text, tags.close_text, in_thinking=starts_in_thinking)
        )
        self.clock = _Clock()
        self._cut_at: float | None = None
        self.cut_to_answer_s: float | None = None
        self._prompt_started = time.perf_counter()
        self.first_token_s: float | None = None
        self.evaluated_tokens = 0  # tokens handed to llama_decode (all pass through _eval)
        self._pieces: dict[int, bytes] = {}
        self._buf = ctypes.create_string_buffer(64)
        self._pending_cut = 0  # tokens waited for a character to complete before a budget cut
        # Live controls: the person's "answer now" and "think longer" (read before each step).
        self.live = live if live is not None else NoLiveControls()
        self.answer_now = False
        self._answer_now_seen: tuple[int, float] | None = None  # (decode calls, time) seen
        self.answer_now_steps: int | None = None
        self.answer_now_s: float | None = None
        self.decode_calls = 0
        # Drafted tokens (speculative decoding): every generated token passes through
        # _advance, every other evaluation drops the drafts first. ``pacing``: the session's
        # (None: no speculation); ``drafting``: its draft model, if it has one.
        self.speculator = Speculator(llm, pacing, drafting)

    def _piece(self, token: int) -> bytes:
        """The bytes of one token (special tokens render as nothing). The bindings'
        LlamaModel.token_to_piece returns its whole 32-byte buffer, NULs included."""
        piece = self._pieces.get(token)
        if piece is None:
            n = llama_cpp.llama_token_to_piece(
                self.vocab, token, self._buf, len(self._buf), 0, False
            )
            if n < 0:
                self._buf = ctypes.create_string_buffer(-n)
                n = llama_cpp.llama_token_to_piece(
                    self.vocab, token, self._buf, len(self._buf), 0, False
                )
            piece = self._pieces[token] = self._buf.raw[:n]
        return piece

    # ----- evaluation ------------------------------------------------------------------------

    def _eval(self, tokens: Sequence[int], *, abortable: bool) -> None:
        self.speculator.drop()  # what is evaluated now replaces whatever was drafted
        if not tokens:
            return
        if self.llm.n_tokens + len(tokens) > self.n_ctx:
            raise ContextFull
        try:
            if abortable:
                with self._abort:
                    self.llm.eval(tokens)
            else:
                self.llm.eval(tokens)
        except RuntimeError as exc:
            if self.is_cancelled():
                raise Cancelled from exc
            raise
        self.evaluated_tokens += len(tokens)
        self.decode_calls += 1

    def _advance(self, token: int) -> None:
        """Evaluates a generated token: taken from the drafts when the model sampled what was
        drafted (already evaluated), else evaluated with fresh drafts after it in one batch."""
        if self.speculator.take(token):
            return
        drafts = self.speculator.propose(token, self._draft_room())
        if not drafts:
            started = time.perf_counter()
            self._eval([token], abortable=False)
            self.speculator.record_step(time.perf_counter() - started)
            return
        self.speculator.verify(token, drafts)
        self.evaluated_tokens += 1 + len(drafts)
        self.decode_calls += 1

    def _draft_room(self) -> int:
        """How many tokens may follow the one being evaluated before a rule surely intervenes
        (max_tokens, the budget, the context): drafting further would be wasted."""
        room = self.n_ctx - self.llm.n_tokens - 1
        if self.in_thinking:
            room = min(room, self.n_ctx - self.answer_reserve - self.llm.n_tokens - 1)
            budget, extra = self.control.budget, self.live.extra_budget()
            if budget is not None and extra is not None:  # None: the person lifted the budget
                room = min(room, budget + extra - self.thinking_tokens - 1)
        if self.max_tokens is not None:
            room = min(room, self.max_tokens - self.thinking_tokens - self.answer_tokens - 1)
        return room

    def evaluate_prompt(self, prompt: list[int]) -> int:
        """Evaluates the prompt, reusing the longest cached prefix; returns the reused count."""
        self._prompt_started = time.perf_counter()
        cached = 0
        limit = min(self.llm.n_tokens, len(prompt) - 1)  # always evaluate >= 1 token for logits
        ids = self.llm.input_ids
        while cached < limit and ids[cached] == prompt[cached]:
            cached += 1
        self.llm.n_tokens = cached
        self._eval(prompt[cached:], abortable=True)
        return cached

    # ----- emission ----------------------------------------------------------------------------

    def _emit_text(self, kind: str, data: bytes, *, final: bool = False) -> None:
        text = self._decoders[kind].decode(data, final)
        if kind == "answer" and not self._answer_started:
            # The tag is followed by blank lines ("</think>\n\n"); they are layout, not answer.
            text = text.lstrip()
            self._answer_started = bool(text)
        if text:
            self.emit(ThinkingEvent(text) if kind == "thinking" else AnswerEvent(text))

    def _finish_thinking_text(self) -> None:
        if self._watcher is not None:
            for item in self._watcher.set_state(in_thinking=False):
                if isinstance(item, TextPiece):
                    self._emit_text(item.kind, item.data)
        self._emit_text("thinking", b"", final=True)

    # ----- interventions ------------------------------------------------------------------------

    def _inject(self, reason: InterventionReason, visible: str, *, close: bool) -> None:
        tokens = injection_tokens(
            self.tokenizer, visible, self.tags.close_injection if close else None
        )
        text = visible
        if close:
            text += self.tags.close_injection
        self._eval(tokens, abortable=True)
        self.injected_tokens += len(tokens)
        self.emit(
            InterventionEvent(
                text=text,
                reason=reason,
                position=self.thinking_tokens,
                tokens=len(tokens),
                visible=visible,
            )
        )

    def _may_stop_thinking(self) -> bool:
        return (
            self.thinking_tokens >= self.control.min_tokens
            or self.waits_used >= self.control.max_waits
        )

    def _inject_wait(self) -> None:
        self.waits_used += 1
        self._inject("min_thinking", f"\n{self.control.wait_text}", close=False)

    def _cut_thinking(self, reason: InterventionReason) -> None:
        """Ends the thinking now: early-stop message (if any) and the end tag."""
        self._cut_at = time.perf_counter()
        self._finish_thinking_text()
        self.budget_spent = True
        message = self.control.stop_message if reason in ("budget_spent", "answer_now") else ""
        self._inject(reason, message, close=True)
        self.in_thinking = False

    def _on_open_tag(self) -> None:
        """The model opened a think block (by id or by text)."""
        if self.control.thinking_off or self.budget_spent or self._answer_now_requested():
            self.in_thinking = False
            if self._watcher is not None:
                self._watcher.in_thinking = False
            reason: InterventionReason = "budget_spent"
            if self.control.thinking_off:
                reason = "thinking_off"
            elif self.answer_now:
                reason = "answer_now"
            self._inject(reason, "", close=True)
            return
        self.in_thinking = True
        self._decoders["thinking"] = codecs.getincrementaldecoder("utf-8")("replace")

    def _on_text_close_tag(self, tag: TagFound) -> bool:
        """A textual end tag while thinking: accept it (True), or roll back to where it began
        and inject a wait (False: what followed the tag is gone)."""
        if self._may_stop_thinking():
            self.in_thinking = False
            self._emit_text("thinking", b"", final=True)
            return True
        rolled_back = self.llm.n_tokens - tag.start_position
        self.speculator.rewind(tag.start_position)
        self.thinking_tokens -= rolled_back
        assert self._watcher is not None
        self._watcher.reset(in_thinking=True)
        prefix = self.tokenizer.untrusted(tag.prefix.decode("utf-8", "replace"))
        self._eval(prefix, abortable=True)
        self.injected_tokens += len(prefix)
        self._inject_wait()
        return False

    # ----- the loop ------------------------------------------------------------------------------

    def _budget_reached(self) -> bool:
        budget = self.control.budget
        if budget is None:
            return False
        if budget == 0:
            return True  # thinking off stays off: no grant reopens it
        extra = self.live.extra_budget()
        return extra is not None and self.thinking_tokens >= budget + extra

    def _answer_now_requested(self) -> bool:
        """Whether the person asked to answer now (latched: asked once is asked)."""
        if not self.answer_now and self.live.answer_now():
            self.answer_now = True
            self._answer_now_seen = (self.decode_calls, time.perf_counter())
        return self.answer_now

    def _ready_to_cut(self) -> bool:
        """Whether the thinking may be cut now: at a character boundary, or after waiting
        ``_MAX_CHARACTER_TOKENS`` tokens for one."""
        if not self._decoders["thinking"].getstate()[0] or (
            self._pending_cut >= _MAX_CHARACTER_TOKENS
        ):
            return True
        self._pending_cut += 1  # finish the current character first
        return False

    def _first_answer_token(self) -> None:
        if self._cut_at is not None and self.cut_to_answer_s is None:
            self.cut_to_answer_s = time.perf_counter() - self._cut_at
        seen = self._answer_now_seen
        if seen is not None and self.answer_now_steps is None:
            self.answer_now_steps = self.decode_calls - seen[0]
            self.answer_now_s = time.perf_counter() - seen[1]

    def run(self) -> str:
        """Generates until the end of the turn; returns the stop reason."""
        clock = _Clock()
        vocab = self.vocab
        close_id, open_id = self.tags.close_id, self.tags.open_id
        if self.in_thinking and self._budget_reached():
            self._cut_thinking("thinking_off" if self.control.thinking_off else "budget_spent")
        reason = "eos"
        self.clock = clock
        try:
            while True:
                if self.is_cancelled():
                    raise Cancelled
                if self.max_tokens is not None and (
                    self.thinking_tokens + self.answer_tokens >= self.max_tokens
                ):
                    reason = "max_tokens"
                    break
                if self.in_thinking and self.llm.n_tokens >= self.n_ctx - self.answer_reserve:
                    self._cut_thinking("context_full")
                if self.in_thinking and self._answer_now_requested() and self._ready_to_cut():
                    self._cut_thinking("answer_now")
                token = self.sampler.sample(self.llm._ctx, self.speculator.logits_index())
                if self.first_token_s is None:
                    self.first_token_s = time.perf_counter() - self._prompt_started
                thinking_step = self.in_thinking
                if llama_cpp.llama_vocab_is_eog(vocab, token):
                    if self.in_thinking and not self._may_stop_thinking():
                        self._inject_wait()
                        clock.lap(thinking_step)
                        continue
                    if self.in_thinking:
                        # Ending the turn inside thinking would leave no answer at all: close
                        # the thinking (the end-of-turn token is never evaluated) and go on.
                        self._cut_thinking("unclosed_thinking")
                        clock.lap(thinking_step)
                        continue
                    break
                if token == close_id and self.in_thinking:
                    if not self._may_stop_thinking():
                        self._inject_wait()
                    else:
                        self._advance(token)
                        self.thinking_tokens += 1
                        self._finish_thinking_text()
                        self.in_thinking = False
                    clock.lap(thinking_step)
                    continue
                if token == open_id and not self.in_thinking:
                    self._advance(token)
                    self.answer_tokens += 1
                    self._on_open_tag()
                    clock.lap(thinking_step)
                    continue
                self._advance(token)
                piece = self._piece(token)
                if self.in_thinking:
                    self.thinking_tokens += 1
                else:
                    self.answer_tokens += 1
                    self._first_answer_token()
                self._take_piece(self.llm.n_tokens - 1, piece)
                if self.in_thinking and self._budget_reached() and self._ready_to_cut():
                    self._cut_thinking(
                        "thinking_off" if self.control.thinking_off else "budget_spent"
                    )
                clock.lap(thinking_step)
        except ContextFull:
            reason = "context_full"
        finally:
            self.speculator.drop()  # drafts not taken leave the KV cache, however the turn ends
        self.flush_text()
        return reason

    def _take_piece(self, position: int, piece: bytes) -> None:
        if self._watcher is None:
            self._emit_text("thinking" if self.in_thinking else "answer", piece)
            return
        for item in self._watcher.push(position, piece):
            if isinstance(item, TextPiece):
                # Our state decides the kind: an injected close may have overruled the watcher.
                self._emit_text("thinking" if self.in_thinking else "answer", item.data)
            elif item.tag == "open":
                self._on_open_tag()
            elif self.in_thinking and not self._on_text_close_tag(item):
                return  # rolled back: the rest of this token no longer exists

    def flush_text(self) -> None:
        """Emits whatever text is still held (end of turn, or cancelled)."""
        if self._watcher is not None:
            for item in self._watcher.flush():
                if isinstance(item, TextPiece):
                    self._emit_text(item.kind, item.data)
        self._emit_text("thinking", b"", final=True)
        self._emit_text("answer", b"", final=True)

    def stats(
        self, *, prompt_tokens: int, cached: int, prompt_eval_s: float, reason: str, seed: int
    ) -> Stats:
        clock = self.clock
        pacing = self.speculator.pacing.report()
        return Stats(
            prompt_tokens=prompt_tokens,
            cached_prompt_tokens=cached,
            thinking_tokens=self.thinking_tokens,
            answer_tokens=self.answer_tokens,
            injected_tokens=self.injected_tokens,
            prompt_eval_s=prompt_eval_s,
            thinking_s=clock.thinking_s,
            answer_s=clock.answer_s,
            stop_reason=reason,
            seed=seed,
            evaluated_tokens=self.evaluated_tokens,
            kv_tokens=self.kv_tokens(),
            cut_to_answer_s=self.cut_to_answer_s,
            first_token_s=self.first_token_s,
            answer_now_steps=self.answer_now_steps,
            answer_now_s=self.answer_now_s,
            drafted_tokens=self.speculator.drafted_tokens,
            accepted_tokens=self.speculator.accepted_tokens,
            draft_batches=self.speculator.batches,
            draft_cost=pacing.draft_cost,
            draft_pauses=self.speculator.pauses,
            model_drafted_tokens=self.speculator.model_drafted_tokens,
            model_accepted_tokens=self.speculator.model_accepted_tokens,
        )

    def kv_tokens(self) -> int:
        """How many positions llama.cpp's KV cache holds now (its own account)."""
        memory = llama_cpp.llama_get_memory(self._ctx)
        return int(llama_cpp.llama_memory_seq_pos_max(memory, 0)) + 1
