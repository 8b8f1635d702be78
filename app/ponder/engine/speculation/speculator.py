"""Drafted tokens in llama.cpp's KV cache, verified by sampling the model at each of them.

Lives in the engine's child process, used by the token loop (engine/generation.py). A generated
token is evaluated together with up to k tokens drafted after it (prompt lookup), in one
llama_decode with logits at every position. The loop then samples the model at each drafted
position with its own sampler chain, in order, exactly as it would have one token at a time:
while the sample equals the draft, the drafted token is already evaluated and is simply taken;
at the first difference (or when a rule of the loop changes what comes next) the rest of the
drafts are removed from the KV cache. The sampler is called once per generated token, on the
same logits, so the output is the model's own at any temperature and seed.

How many tokens to draft is the session's ``DraftPacing``'s decision, from the seconds measured
here: each verification batch, each plain step (the loop reports it), and what became of each
proposal, drafted or not.

Like generation.py this uses ``Llama``'s private ``_ctx``/``_batch``: the pinned bindings have
no public way to ask for logits at every position of one batch.
"""

from __future__ import annotations

import time

import llama_cpp

from ponder.engine.speculation.pacing import DraftPacing
from ponder.engine.speculation.prompt_lookup import PromptLookup, Proposal


class Speculator:
    """The drafts of one turn: proposes, evaluates, takes and drops them.

    ``pacing`` is the session's (what it learnt carries over to the next turn); ``None`` (or
    one with ``max_draft=0``) turns speculation off: nothing is ever drafted and the loop
    evaluates one token at a time, as before.
    """

    def __init__(self, llm: llama_cpp.Llama, pacing: DraftPacing | None = None) -> None:
        self.llm = llm
        self.lookup = PromptLookup()
        self.pacing = pacing if pacing is not None else DraftPacing(0)
        self.enabled = self.pacing.max_draft > 0
        self.pending: list[int] = []  # drafted tokens in the KV cache at n_tokens and after
        self._batch_start: int | None = None  # position of the batch whose logits are live
        self._batch_drafted = 0
        self._batch_accepted = 0
        self._batch_match = 0
        self._batch_s = 0.0
        # A proposal not drafted, and the context length it was made at: checked against what
        # the model writes instead (the pacing learns from it at no cost).
        self._unchecked: tuple[int, Proposal] | None = None
        self.drafted_tokens = 0
        self.accepted_tokens = 0
        self.batches = 0
        self._pauses_before = self.pacing.pauses

    @property
    def pauses(self) -> int:
        """How often drafting paused during this turn (it was not paying for itself)."""
        return self.pacing.pauses - self._pauses_before

    def logits_index(self) -> int:
        """Which output of the last llama_decode predicts the next token (-1: its last)."""
        if self._batch_start is None:
            return -1
        return self.llm.n_tokens - 1 - self._batch_start

    def take(self, token: int) -> bool:
        """The loop decided to evaluate ``token`` next: True when it is the next draft, which
        is already in the KV cache (it is now part of the context); otherwise the drafts go."""
        if self.pending and self.pending[0] == token:
            self.pending.pop(0)
            self.llm.n_tokens += 1
            self._batch_accepted += 1
            self.accepted_tokens += 1
            return True
        self.drop()
        return False

    def propose(self, token: int, room: int) -> list[int]:
        """Up to ``room`` tokens to draft after ``token``, which is about to be evaluated."""
        if not self.enabled:
            return []
        self._close_batch()
        self._sync()
        self.lookup.extend((token,))
        self._check_unchecked()
        if room <= 0 or not self.pacing.wants_proposal():
            return []
        proposal = self.lookup.proposal(min(room, self.pacing.max_draft))
        if not proposal.tokens:
            return []
        length = self.pacing.draft_length(proposal.match, len(proposal.tokens))
        if length <= 0:
            if self._unchecked is None:
                self._unchecked = (len(self.lookup), proposal)
            return []
        self._unchecked = None  # the batch's outcome says the same
        self._batch_match = proposal.match
        return proposal.tokens[:length]

    def record_step(self, seconds: float) -> None:
        """The loop evaluated a generated token alone in ``seconds``."""
        if self.enabled:
            self.pacing.record_step(seconds)

    def verify(self, token: int, drafts: list[int]) -> None:
        """Evaluates ``token`` and its drafts in one batch, with logits at every position;
        ``token`` becomes part of the context, the drafts wait to be taken or dropped."""
        llm = self.llm
        start = llm.n_tokens
        tokens = [token, *drafts]
        ctx = llm._ctx
        started = time.perf_counter()
        ctx.kv_cache_seq_rm(0, start, -1)
        llm._batch.set_batch(batch=tokens, n_past=start, logits_all=True)
        ctx.decode(llm._batch)
        self._batch_s = time.perf_counter() - started
        self.pacing.record_batch(len(drafts), self._batch_s)
        llm.input_ids[start : start + len(tokens)] = tokens
        llm.n_tokens = start + 1
        self.pending = list(drafts)
        self._batch_start = start
        self._batch_drafted = len(drafts)
        self._batch_accepted = 0
        self.drafted_tokens += len(drafts)
        self.batches += 1

    def drop(self) -> None:
        """Removes the drafts not taken from the KV cache; the logits of the last batch are
        no longer the ones to sample (whatever is evaluated next replaces them)."""
        if self.pending:
            self.llm._ctx.kv_cache_seq_rm(0, self.llm.n_tokens, -1)
            self.pending = []
        self._close_batch()
        self._batch_start = None

    def rewind(self, position: int) -> None:
        """The context is rolled back to ``position`` (a refused end of thinking)."""
        self.drop()
        self.llm._ctx.kv_cache_seq_rm(0, position, -1)
        self.llm.n_tokens = position
        self.lookup.truncate(position)

    def _close_batch(self) -> None:
        if self._batch_drafted:
            self.pacing.record_outcome(
                self._batch_match,
                self._batch_drafted,
                self._batch_accepted,
                seconds=self._batch_s,
            )
            self._batch_drafted = 0
            self._batch_accepted = 0

    def _check_unchecked(self) -> None:
        """Compares the proposal not drafted with what came instead, once that says whether
        it would have been kept (a difference, or all of it written)."""
        if self._unchecked is None:
            return
        at, proposal = self._unchecked
        written = self.lookup.tokens[at:]
        if len(self.lookup) < at:  # the context was rolled back past it
            self._unchecked = None
            return
        kept = 0
        wanted = proposal.tokens
        while kept < len(written) and kept < len(wanted) and written[kept] == wanted[kept]:
            kept += 1
        if kept < len(written) or kept == len(wanted):
            self.pacing.record_outcome(proposal.match, len(wanted), kept, seconds=None)
            self._unchecked = None

    def _sync(self) -> None:
        """Brings the lookup's copy of the context up to the tokens evaluated since."""
        known, now = len(self.lookup), self.llm.n_tokens
        if known > now:
            self.lookup.truncate(now)
        elif known < now:
            self.lookup.extend(self.llm.input_ids[known:now].tolist())
