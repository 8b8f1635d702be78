"""How far a draft model drafts: as far as its drafts pay for themselves, judged by time.

A draft model (a smaller model with the same tokenizer) proposes where the context has nothing
to propose, but unlike the context lookup its proposals cost time: one decode of the draft
model per drafted token, before the verification batch. So drafting pays only where

    (1 + expected kept tokens) / (plain step + batch's extra cost + drafting cost)

beats one token per plain step. The plain step and the batch's extra cost are the context
lookup's measurements (``DraftPacing``: the same model, the same batches); this class measures
what a drafted token costs the draft model, learns how often its tokens are kept by the draft
model's own confidence (its probability of the token it drafted), and keeps its own
``LossGuard`` (a draft model that loses time pauses without pausing the free context lookup).

Two decisions: before drafting, how many tokens at most (``limit``: from the kept rate of its
recent drafts, cost included); after, how many of them to verify (``length``: from each drafted
token's confidence; the drafting is paid by then, so only the batch's cost counts).

Pure logic: the caller passes the seconds it measured (tests inject them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ponder.engine.speculation.pacing import DraftPacing, LossGuard


class ModelDraftPacing:
    """Draft lengths for a draft model, from the session's timings and the model's record."""

    # Confidence is told apart in this many equal bands.
    BANDS = 10
    DECAY = 0.97
    PRIOR_WEIGHT = 4.0
    # Before anything is measured: a drafted token is kept this often, and costs the draft
    # model this share of a plain step (optimistic, so that it is tried and measured).
    PRIOR_KEPT = 0.6
    PRIOR_TOKEN_COST = 0.25
    # The draft model stops at a token it is less sure of than this (llama.cpp's p_min
    # default), unless drafting eagerly.
    MIN_CONFIDENCE = 0.75
    # While drafting is judged not to pay but would at half the measured drafting cost (the
    # machine's load changes, and so does what drafting costs), it is tried again with one
    # token after this many tokens declined, then after twice as many each time it still
    # does not pay. A retry is dear: the draft model first evaluates every token written
    # since it last drafted. Where drafting is far from paying, it is not retried at all.
    FIRST_RETRY = 256
    MAX_RETRY = 1 << 14

    def __init__(self, timing: DraftPacing, *, max_pause: int = 256) -> None:
        self.timing = timing  # the context lookup's pacing: plain step and batch costs
        self.max_draft = timing.max_draft
        self.eager = timing.eager
        self.guard = LossGuard(max_pause)
        self.token_s: float | None = None  # what one drafted token costs the draft model
        self._kept = [0.0, 0.0]  # [kept, tried] over all drafted tokens, decayed
        self._bands = [[0.0, 0.0] for _ in range(self.BANDS)]
        self._declined = 0
        self._retry_after = self.FIRST_RETRY

    # ----- measurements ----------------------------------------------------------------------

    def record_drafting(self, seconds: float, tokens: int) -> None:
        """The draft model drafted ``tokens`` tokens (and caught up with the context) in
        ``seconds``."""
        if tokens <= 0:
            return
        sample = seconds / tokens
        if self.token_s is None:
            self.token_s = sample
        else:
            # Like the plain step: falls fast, rises slowly, one slow sample moves it so far.
            sample = min(sample, 3.0 * self.token_s)
            weight = 0.5 if sample < self.token_s else 0.1
            self.token_s += weight * (sample - self.token_s)

    def record_outcome(
        self, confidences: Sequence[float], kept: int, *, seconds: float | None
    ) -> None:
        """Of the drafted tokens (their confidences, in order), the model kept the first
        ``kept``. ``seconds``: the batch's cost plus the drafting's."""
        for index, confidence in enumerate(confidences[: kept + 1]):
            hit = 1.0 if index < kept else 0.0
            band = self._bands[self._band(confidence)]
            band[0] = band[0] * self.DECAY + hit
            band[1] = band[1] * self.DECAY + 1.0
            self._kept[0] = self._kept[0] * self.DECAY + hit
            self._kept[1] = self._kept[1] * self.DECAY + 1.0
        step = self.timing.step_s
        if seconds is None or not confidences or not step or self.eager:
            return
        self.guard.record((1 + kept) - seconds / step)

    # ----- decisions ---------------------------------------------------------------------------

    def kept_rate(self) -> float:
        """How often a drafted token of the draft model is kept, over its recent drafts."""
        kept, tried = self._kept
        return (kept + self.PRIOR_KEPT * self.PRIOR_WEIGHT) / (tried + self.PRIOR_WEIGHT)

    def kept_chance(self, confidence: float) -> float:
        """How likely a drafted token the draft model was ``confidence`` sure of is kept."""
        kept, tried = self._bands[self._band(confidence)]
        return (kept + confidence * self.PRIOR_WEIGHT) / (tried + self.PRIOR_WEIGHT)

    def limit(self, available: int) -> int:
        """The most tokens to ask the draft model for now (0: do not draft): the length with
        the best expected tokens per second, its drafting cost included."""
        limit = min(available, self.max_draft)
        if limit <= 0:
            return 0
        if self.eager:
            return limit
        step = self.timing.step_s
        if not self.guard.ready() or step is None or self.timing.needs_plain_step():
            return 0
        token_s = self.token_s if self.token_s is not None else self.PRIOR_TOKEN_COST * step
        chances = [self.kept_rate()] * limit
        best = self._best_length(chances, lambda n: n * token_s)
        if best > 0:
            if self._declined:  # it pays again: the next retry, if any, comes early
                self._retry_after = self.FIRST_RETRY
            self._declined = 0
            return best
        if self._best_length(chances, lambda n: n * token_s / 2) == 0:
            return 0  # far from paying: not worth what a retry costs
        self._declined += 1
        if self._declined < self._retry_after:
            return 0
        self._declined = 0
        self._retry_after = min(self.MAX_RETRY, self._retry_after * 2)
        return 1  # measure again, with one token

    def length(self, confidences: Sequence[float]) -> int:
        """How many of the drafted tokens (their confidences, in order) to verify: the length
        with the best expected tokens per second, the drafting being paid already."""
        if self.eager:
            return len(confidences)
        if self.timing.step_s is None:
            return 0
        return self._best_length([self.kept_chance(c) for c in confidences], lambda _n: 0.0)

    def stops_at(self, confidence: float) -> bool:
        """Whether the draft model stops drafting at a token it is ``confidence`` sure of."""
        return not self.eager and confidence < self.MIN_CONFIDENCE

    # ----- internals ---------------------------------------------------------------------------

    def _best_length(self, chances: Sequence[float], drafting_s: Callable[[int], float]) -> int:
        """The length (0: none) whose expected kept tokens per second beat plain steps
        most; ``drafting_s(n)``: what drafting n tokens costs."""
        step = self.timing.step_s
        assert step is not None
        best, best_rate = 0, self.timing.MARGIN / step
        expected, together = 1.0, 1.0
        for length, chance in enumerate(chances, start=1):
            together *= chance
            expected += together
            rate = expected / (step + self.timing.extra_cost(length) + drafting_s(length))
            if rate > best_rate:
                best, best_rate = length, rate
        return best

    def _band(self, confidence: float) -> int:
        return max(0, min(self.BANDS - 1, int(confidence * self.BANDS)))
