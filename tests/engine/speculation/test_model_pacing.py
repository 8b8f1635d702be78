"""How far a draft model drafts: its drafting cost counted, its record by confidence learnt.

Pure logic: the seconds a real loop would measure are passed in.
"""

from __future__ import annotations

from ponder.engine.speculation.model_pacing import ModelDraftPacing
from ponder.engine.speculation.pacing import DraftPacing

STEP = 0.010  # seconds of a plain one-token step


def paced(*, extra_per_draft: float, eager: bool = False) -> ModelDraftPacing:
    """Model pacing over timings where each drafted token adds ``extra_per_draft`` steps to a
    verification batch."""
    timing = DraftPacing(8, eager=eager)
    for _ in range(3):
        timing.record_step(STEP)
    for drafted in range(1, 9):
        timing.record_batch(drafted, STEP * (1 + extra_per_draft * drafted))
    timing.record_step(STEP)
    return ModelDraftPacing(timing)


def keeps(pacing: ModelDraftPacing, share: float, *, confidence: float = 0.9) -> None:
    """The draft model's recent drafts: the first ``share`` of each 8-token draft kept (the
    tokens after the first miss were never tried)."""
    for _ in range(40):
        pacing.record_outcome([confidence] * 8, round(8 * share), seconds=None)


def test_nothing_is_drafted_before_a_plain_step_is_measured() -> None:
    pacing = ModelDraftPacing(DraftPacing(8))
    assert pacing.limit(8) == 0
    assert pacing.length([0.99, 0.99]) == 0


def test_a_cheap_draft_model_whose_drafts_are_kept_drafts_long() -> None:
    # A GPU: a batch costs about a step; the draft model costs a tenth of a step a token.
    pacing = paced(extra_per_draft=0.05)
    pacing.record_drafting(8 * 0.1 * STEP, 8)
    keeps(pacing, 0.9)
    assert pacing.limit(8) >= 5
    assert pacing.limit(3) == 3


def test_a_draft_model_as_slow_as_the_model_never_drafts() -> None:
    # SmolLM2 drafting for itself: each drafted token costs a whole step before the batch.
    pacing = paced(extra_per_draft=0.05)
    pacing.record_drafting(8 * STEP, 8)
    keeps(pacing, 1.0)
    assert pacing.limit(8) == 0


def test_the_drafting_cost_decides_where_the_batch_alone_would_pay() -> None:
    pacing = paced(extra_per_draft=0.05)
    keeps(pacing, 0.6)
    pacing.record_drafting(8 * 0.05 * STEP, 8)
    assert pacing.limit(8) > 0
    slow = paced(extra_per_draft=0.05)
    keeps(slow, 0.6)
    slow.record_drafting(8 * 0.9 * STEP, 8)
    assert slow.limit(8) == 0


def test_drafted_tokens_the_draft_model_is_unsure_of_are_not_verified() -> None:
    # A CPU: each verified token costs 0.7 of a step, so only likely tokens are worth it.
    pacing = paced(extra_per_draft=0.7)
    for _ in range(40):
        pacing.record_outcome([0.95, 0.95, 0.95], 3, seconds=None)
        pacing.record_outcome([0.3, 0.3], 0, seconds=None)
    assert pacing.kept_chance(0.95) > 0.9 and pacing.kept_chance(0.3) < 0.2
    assert pacing.length([0.95, 0.95, 0.3, 0.3]) == 2
    assert pacing.length([0.3, 0.95]) == 0


def test_the_draft_model_stops_at_a_token_it_is_unsure_of_unless_eager() -> None:
    pacing = paced(extra_per_draft=0.05)
    assert pacing.stops_at(0.5) and not pacing.stops_at(0.9)
    eager = paced(extra_per_draft=0.05, eager=True)
    assert not eager.stops_at(0.01)
    assert eager.limit(6) == 6 and eager.length([0.1, 0.1]) == 2


def test_a_draft_model_that_loses_time_pauses_without_pausing_the_context_lookup() -> None:
    pacing = paced(extra_per_draft=0.05)
    pacing.record_drafting(8 * 0.1 * STEP, 8)
    for _ in range(4):  # nothing kept; each costs the batch and the drafting
        pacing.record_outcome([0.9] * 8, 0, seconds=STEP * 2.2)
    assert pacing.guard.pauses == 1 and pacing.guard.pause > 0
    assert pacing.limit(8) == 0  # paused
    assert pacing.timing.pauses == 0 and pacing.timing.wants_proposal()


def test_a_draft_model_far_from_paying_is_never_retried() -> None:
    # SmolLM2 drafting for itself on a CPU (each verified draft costs 0.8 of a step): even at
    # half its cost it would not pay, and a retry costs evaluating every token written since.
    pacing = paced(extra_per_draft=0.8)
    pacing.record_drafting(8 * STEP, 8)
    keeps(pacing, 1.0)
    assert not any(pacing.limit(8) for _ in range(4 * ModelDraftPacing.FIRST_RETRY))


def test_a_draft_model_near_paying_is_retried_ever_more_rarely() -> None:
    # Measured a little too dear (under load, say): retried with one token, after 256
    # declined tokens, then 512, ...; a cheaper measurement makes it draft again.
    pacing = paced(extra_per_draft=0.05)
    keeps(pacing, 0.6)
    pacing.record_drafting(8 * STEP, 8)
    first = ModelDraftPacing.FIRST_RETRY
    limits = [pacing.limit(8) for _ in range(8 * first)]
    retries = [i + 1 for i, limit in enumerate(limits) if limit]
    assert retries == [first, 3 * first, 7 * first] and {limits[i - 1] for i in retries} == {1}
    for _ in range(6):
        pacing.record_drafting(0.05 * STEP, 1)
    assert pacing.limit(8) > 0


def test_a_plain_step_is_taken_now_and_then_whatever_proposes() -> None:
    pacing = paced(extra_per_draft=0.05)
    pacing.record_drafting(8 * 0.1 * STEP, 8)
    keeps(pacing, 0.9)
    for _ in range(DraftPacing.PROBE_EVERY):
        pacing.timing.record_batch(4, STEP * 1.2)
    assert pacing.limit(8) == 0
    pacing.timing.record_step(STEP)
    assert pacing.limit(8) > 0
