"""How many tokens to draft next: as many as pay for themselves, judged by measured time.

A verification batch of 1 + k tokens costs more than one decode step; how much more depends on
the machine. Where decoding is memory-bound (a 7B model, a GPU) it costs nearly one step; where
it is compute-bound (a small model on a CPU: SmolLM2 on one core costs about 0.7 of a step per
extra token) a rejected draft is pure loss. So the pacing measures, in this session:

- the cost of a plain one-token step and the extra cost per drafted token of a batch
  (moving averages of the seconds the loop reports);
- how often a drafted token is kept, by the length of the context match it continues (a draft
  that continues an 8-token match is kept far more often than one after a 2-token match).
  Proposals the loop did not draft are checked against what the model then wrote, so this is
  learnt at no cost while drafting is paused.

It drafts the length with the best expected tokens per second, and nothing when no length beats
one plain step. As a last guard it keeps a balance of the seconds drafting actually saved
(kept tokens times the step cost, minus the batch's cost): when it goes negative, drafting
pauses for a number of generated tokens that doubles with each further pause. Every so many
batches in a row one plain step is taken, so the step cost stays measured.

Pure logic: the caller passes the seconds it measured (tests inject them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PacingReport:
    """What the pacing learnt, for the bench."""

    step_s: float | None  # a plain one-token step
    extra_s_per_draft: float | None  # what each drafted token adds to a batch
    pauses: int  # times the balance went negative and drafting paused

    @property
    def draft_cost(self) -> float | None:
        """A drafted token's cost in plain steps (1.0: drafting one costs a whole step)."""
        if self.step_s is None or self.extra_s_per_draft is None or self.step_s <= 0:
            return None
        return self.extra_s_per_draft / self.step_s


class LossGuard:
    """The last guard of a proposer: a balance of the plain steps its drafting saved (kept
    tokens, plus the generated one, minus what the batch and the drafting cost, in steps).
    When it goes below ``-MAX_LOSS`` drafting pauses for ``FIRST_PAUSE`` generated tokens, then
    twice as long each time until drafting pays again (the balance reaches ``MAX_BALANCE``)."""

    MAX_BALANCE = 8.0
    MAX_LOSS = 3.0
    FIRST_PAUSE = 8

    def __init__(self, max_pause: int = 256) -> None:
        self.max_pause = max_pause
        self.balance = 0.0  # steps saved by drafting since the last pause (negative: lost)
        self.pause = 0  # generated tokens to wait before drafting again
        self.pauses = 0
        self._pause_length = self.FIRST_PAUSE

    def record(self, saved_steps: float) -> None:
        """A batch saved ``saved_steps`` plain steps (negative: it lost that many)."""
        self.balance = min(self.MAX_BALANCE, self.balance + saved_steps)
        if self.balance < -self.MAX_LOSS:
            self.pause = self._pause_length
            self._pause_length = min(self.max_pause, self._pause_length * 2)
            self.pauses += 1
            self.balance = 0.0
        elif self.balance >= self.MAX_BALANCE:
            self._pause_length = self.FIRST_PAUSE  # drafting pays: the next pause starts short

    def ready(self) -> bool:
        """Whether drafting may go on now (not while paused); counts a paused step down."""
        if self.pause > 0:
            self.pause -= 1
            return False
        return True


class DraftPacing:
    """The draft length for the next batch (0: do not draft now), learnt from timings."""

    # The longest context match the acceptance is told apart by (longer ones count as this).
    MAX_MATCH = 12
    # Moving-average weight of a new timing. The plain step's cost falls fast and rises slowly,
    # so it follows the machine's quiet cost and not another process's load (which comes and
    # goes between the rare plain steps and the batches measured against them); a low step
    # cost only makes drafts look dearer, never cheaper.
    TIMING_WEIGHT = 0.1
    STEP_FALL_WEIGHT = 0.5
    STEP_RISE_WEIGHT = 0.05
    # Weight of the prior in an acceptance estimate.
    PRIOR_WEIGHT = 4.0
    # Past outcomes fade: each new trial of a match length scales its counts by this.
    DECAY = 0.97
    # A drafted length must promise this much more speed than plain steps to be drafted.
    MARGIN = 1.03
    # Before any batch is measured, a drafted token is guessed to cost this many steps.
    PRIOR_DRAFT_COST = 0.5
    # Batches in a row after which one plain step is taken to re-measure the step cost.
    PROBE_EVERY = 24
    # The guard against drafting that loses time (LossGuard's limits).
    MAX_BALANCE = LossGuard.MAX_BALANCE
    FIRST_PAUSE = LossGuard.FIRST_PAUSE

    def __init__(self, max_draft: int, *, eager: bool = False, max_pause: int = 256) -> None:
        self.max_draft = max(0, max_draft)
        # Eager: draft all that is proposed, whatever it costs (to measure how often drafts
        # are kept, and for tests that need drafts); the output is the same either way.
        self.eager = eager
        self.guard = LossGuard(max_pause)
        self.step_s: float | None = None
        # What a batch of one token and k drafts costs beyond a plain step, by k (None: not
        # measured yet).
        self._extra_s: list[float | None] = [None] * (self.max_draft + 1)
        # Per context-match length: [kept, tried], decayed.
        self._counts = [[0.0, 0.0] for _ in range(self.MAX_MATCH + 1)]
        self._batches_in_a_row = 0

    # The guard's state, read (and in tests set) as the pacing's own.
    @property
    def balance(self) -> float:
        return self.guard.balance

    @property
    def pause(self) -> int:
        return self.guard.pause

    @pause.setter
    def pause(self, tokens: int) -> None:
        self.guard.pause = tokens

    @property
    def pauses(self) -> int:
        return self.guard.pauses

    # ----- measurements ----------------------------------------------------------------------

    def record_step(self, seconds: float) -> None:
        """A plain one-token decode step took ``seconds``."""
        self.step_s = self._step_average(seconds)
        self._batches_in_a_row = 0

    def record_batch(self, drafted: int, seconds: float) -> None:
        """A verification batch of one token and ``drafted`` drafts took ``seconds``."""
        self._batches_in_a_row += 1
        if not 0 < drafted <= self.max_draft or self.step_s is None:
            return
        if seconds < self.step_s:
            # A batch never costs less than a plain step: the step was measured under load.
            # Against it no extra cost can be measured; the step cost comes down instead.
            self.step_s = self._step_average(seconds)
            return
        extra = max(0.0, seconds - self.step_s)
        self._extra_s[drafted] = self._average(self._extra_s[drafted], extra)

    def record_outcome(self, match: int, drafted: int, kept: int, *, seconds: float | None) -> None:
        """Of ``drafted`` tokens proposed after a context match of ``match`` tokens, the model
        kept the first ``kept``. ``seconds``: the batch's cost when they were drafted; None
        for a proposal checked against the plain steps that followed (it cost nothing)."""
        for index in range(min(drafted, kept + 1)):
            counts = self._counts[self._bucket(match + index)]
            counts[0] = counts[0] * self.DECAY + (1.0 if index < kept else 0.0)
            counts[1] = counts[1] * self.DECAY + 1.0
        if seconds is None or drafted <= 0 or not self.step_s or self.eager:
            return
        self.guard.record((1 + kept) - seconds / self.step_s)

    # ----- decisions ---------------------------------------------------------------------------

    def kept_chance(self, match: int) -> float:
        """How likely a drafted token continuing a ``match``-token context match is kept."""
        kept, tried = self._counts[self._bucket(match)]
        prior = 1.0 - 1.0 / max(2, match)  # 2: 0.5, 4: 0.75, 8: 0.875 until measured
        return (kept + prior * self.PRIOR_WEIGHT) / (tried + self.PRIOR_WEIGHT)

    def wants_proposal(self) -> bool:
        """Whether a proposal is worth looking up now (not while paused); counts a paused
        step down."""
        return self.guard.ready() and self.max_draft > 0

    def draft_length(self, match: int, available: int) -> int:
        """How many of ``available`` proposed tokens (after a ``match``-token context match)
        to draft: the length with the best expected tokens per second, 0 when plain steps are
        faster or the step cost needs measuring."""
        limit = min(available, self.max_draft)
        if self.eager:
            return max(0, limit)
        if limit <= 0 or self.step_s is None or self.needs_plain_step():
            return 0
        step = self.step_s
        best, best_rate = 0, self.MARGIN / step
        expected, chance = 1.0, 1.0
        for length in range(1, limit + 1):
            chance *= self.kept_chance(match + length - 1)
            expected += chance
            rate = expected / (step + self.extra_cost(length))
            if rate > best_rate:
                best, best_rate = length, rate
        return best

    def needs_plain_step(self) -> bool:
        """Whether the next token should be evaluated alone, to measure the plain step again
        (after ``PROBE_EVERY`` batches in a row), whatever would propose drafts."""
        return self._batches_in_a_row >= self.PROBE_EVERY

    def extra_cost(self, drafted: int) -> float:
        """Seconds ``drafted`` drafts add to a step: measured, else scaled from the nearest
        measured length, else guessed (PRIOR_DRAFT_COST steps each)."""
        measured = self._extra_s[drafted]
        if measured is not None:
            return measured
        known = [k for k, s in enumerate(self._extra_s) if s is not None]
        if not known:
            return (self.step_s or 0.0) * self.PRIOR_DRAFT_COST * drafted
        nearest = min(known, key=lambda k: (abs(k - drafted), -k))
        return self._extra_s[nearest] * drafted / nearest  # type: ignore[operator]

    def report(self) -> PacingReport:
        known = [(k, s) for k, s in enumerate(self._extra_s) if s is not None]
        per_draft = sum(s for _, s in known) / sum(k for k, _ in known) if known else None
        return PacingReport(step_s=self.step_s, extra_s_per_draft=per_draft, pauses=self.pauses)

    # ----- internals ---------------------------------------------------------------------------

    def _bucket(self, match: int) -> int:
        return max(0, min(self.MAX_MATCH, match))

    def _average(self, current: float | None, sample: float) -> float:
        if current is None:
            return sample
        # One slow sample (another process took the core) moves the average by a bounded step
        # (bounded by a step's cost too: an extra cost measured as 0 may still grow).
        sample = min(sample, 3.0 * current + (self.step_s or 0.0))
        return current + self.TIMING_WEIGHT * (sample - current)

    def _step_average(self, sample: float) -> float:
        current = self.step_s
        if current is None:
            return sample
        sample = min(sample, 3.0 * current)
        weight = self.STEP_FALL_WEIGHT if sample < current else self.STEP_RISE_WEIGHT
        return current + weight * (sample - current)
