"""Drafted tokens in llama.cpp's KV cache, verified by sampling the model at each of them.

Lives in the engine's child process, used by the token loop (engine/generation.py). A generated
token is evaluated together with up to k tokens drafted after it (prompt lookup), in one
llama_decode with logits at every position. The loop then samples the model at each drafted
position with its own sampler chain, in order, exactly as it would have one token at a time:
while the sample equals the draft, the drafted token is already evaluated and is simply taken;
at the first difference (or when a rule of the loop changes what comes next) the rest of the
drafts are removed from the KV cache. The sampler is called once per generated token, on the
same logits, so the output is the model's own at any temperature and seed.

Like generation.py this uses ``Llama``'s private ``_ctx``/``_batch``: the pinned bindings have
no public way to ask for logits at every position of one batch.
"""

from __future__ import annotations

import llama_cpp

from ponder.engine.speculation.pacing import DraftPacing
from ponder.engine.speculation.prompt_lookup import PromptLookup


class Speculator:
    """The drafts of one turn: proposes, evaluates, takes and drops them.

    ``max_draft=0`` turns speculation off: nothing is ever drafted and the loop evaluates one
    token at a time, as before.
    """

    def __init__(self, llm: llama_cpp.Llama, *, max_draft: int) -> None:
        self.llm = llm
        self.lookup = PromptLookup()
        self.pacing = DraftPacing(max_draft)
        self.enabled = max_draft > 0
        self.pending: list[int] = []  # drafted tokens in the KV cache at n_tokens and after
        self._batch_start: int | None = None  # position of the batch whose logits are live
        self._batch_drafted = 0
        self._batch_accepted = 0
        self.drafted_tokens = 0
        self.accepted_tokens = 0
        self.batches = 0

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
        if room <= 0:
            return []
        allowed = self.pacing.allowed()
        if allowed <= 0:
            return []
        return self.lookup.propose(min(room, allowed))

    def verify(self, token: int, drafts: list[int]) -> None:
        """Evaluates ``token`` and its drafts in one batch, with logits at every position;
        ``token`` becomes part of the context, the drafts wait to be taken or dropped."""
        llm = self.llm
        start = llm.n_tokens
        tokens = [token, *drafts]
        ctx = llm._ctx
        ctx.kv_cache_seq_rm(0, start, -1)
        llm._batch.set_batch(batch=tokens, n_past=start, logits_all=True)
        ctx.decode(llm._batch)
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
            self.pacing.record(self._batch_drafted, self._batch_accepted)
            self._batch_drafted = 0
            self._batch_accepted = 0

    def _sync(self) -> None:
        """Brings the lookup's copy of the context up to the tokens evaluated since."""
        known, now = len(self.lookup), self.llm.n_tokens
        if known > now:
            self.lookup.truncate(now)
        elif known < now:
            self.lookup.extend(self.llm.input_ids[known:now].tolist())
