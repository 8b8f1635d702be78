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

Where the context proposes nothing worth drafting and the session has a draft model
(``draft_model.py``), the draft model proposes instead, as far as its ``ModelDraftPacing`` says
its drafts pay for the time they take to write.

Like generation.py this uses ``Llama``'s private ``_ctx``/``_batch``: the pinned bindings have
no public way to ask for logits at every position of one batch.
"""

from __future__ import annotations

import time

import llama_cpp

from ponder.engine.speculation.draft_model import DraftModel
from ponder.engine.speculation.model_pacing import ModelDraftPacing
from ponder.engine.speculation.pacing import DraftPacing
from ponder.engine.speculation.prompt_lookup import PromptLookup, Proposal


class ModelDrafting:
    """A session's draft model and its pacing (both kept across turns)."""

    def __init__(self, model: DraftModel, pacing: ModelDraftPacing) -> None:
        self.model = model
        self.pacing = pacing


class Speculator:
    """The drafts of one turn: proposes, evaluates, takes and drops them.

    ``pacing`` is the session's (what it learnt carries over to the next turn); ``None`` (or
    one with ``max_draft=0``) turns speculation off: nothing is ever drafted and the loop
    evaluates one token at a time, as before.
    """

    def __init__(
        self,
        llm: llama_cpp.Llama,
        pacing: DraftPacing | None = None,
        drafting: ModelDrafting | None = None,
    ) -> None:
        self.llm = llm
        self.lookup = PromptLookup()
        self.pacing = pacing if pacing is not None else DraftPacing(0)
        self.enabled = self.pacing.max_draft > 0
        self.drafting = drafting if self.enabled else None
        # The draft model's confidences in the drafts of the live batch (None: the context
        # proposed them), and what writing them cost.
        self._batch_confidences: list[float] | None = None
        self._drafting_s = 0.0
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
        self.model_drafted_tokens = 0
        self.model_accepted_tokens = 0
        self.batches = 0
        self._pauses_before = self._all_pauses()

    @property
    def pauses(self) -> int:
        """How often drafting paused during this turn (it was not paying for itself)."""
        return self._all_pauses() - self._pauses_before

    def _all_pauses(self) -> int:
        model = self.drafting.pacing.guard.pauses if self.drafting is not None else 0
        return self.pacing.pauses + model

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
            if self._batch_confidences is not None:
                self.model_accepted_tokens += 1
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
        if room <= 0:
            return []
        if self.pacing.eager and self.drafting is not None:
            # Drafting eagerly measures the draft model: it proposes wherever it can.
            return self._model_drafts(room) or self._lookup_drafts(room)
        return self._lookup_drafts(room) or self._model_drafts(room)

    def _lookup_drafts(self, room: int) -> list[int]:
        """What the context proposes, as far as the pacing says it pays (a proposal not
        drafted is kept to be checked against what the model writes instead)."""
        if not self.pacing.wants_proposal():
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

    def _model_drafts(self, room: int) -> list[int]:
        """What the draft model proposes (none without one, or where it does not pay)."""
        if self.drafting is None:
            return []
        model, pacing = self.drafting.model, self.drafting.pacing
        limit = pacing.limit(room)
        if limit <= 0:
            return []
        started = time.perf_counter()
        try:
            drafted = model.propose(self.lookup.tokens, limit, pacing.stops_at)
        except RuntimeError:
            # llama.cpp failed to decode for the draft model (out of memory on a GPU, say):
            # the turn goes on drafting from the context only; the model's text is unchanged.
            self.drafting = None
            return []
        seconds = time.perf_counter() - started
        if drafted.caught_up <= self.pacing.max_draft + 1:
            # Catching up with a prompt or an injection is not the drafting's recurring cost.
            pacing.record_drafting(seconds, max(1, len(drafted.tokens)))
        length = pacing.length(drafted.confidences)
        if length <= 0:
            return []
        self._batch_confidences = drafted.confidences[:length]
        self._drafting_s = seconds
        return drafted.tokens[:length]

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
        if self._batch_confidences is not None:
            self.model_drafted_tokens += len(drafts)
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
            if self._batch_confidences is not None and self.drafting is not None:
                self.drafting.pacing.record_outcome(
                    self._batch_confidences,
                    self._batch_accepted,
                    seconds=self._batch_s + self._drafting_s,
                )
            else:
                self.pacing.record_outcome(
                    self._batch_match,
                    self._batch_drafted,
                    self._batch_accepted,
                    seconds=self._batch_s,
                )
            self._batch_drafted = 0
            self._batch_accepted = 0
        self._batch_confidences = None

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
