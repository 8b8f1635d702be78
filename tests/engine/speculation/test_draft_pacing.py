"""Draft length from measured timings: drafts where they pay, a pause where they do not.

Pure logic: the seconds a real loop would measure are passed in.
"""

from __future__ import annotations

from ponder.engine.speculation.pacing import DraftPacing

STEP = 0.010  # seconds of a plain one-token step


def measured(*, extra_per_draft: float, steps: int = 3) -> DraftPacing:
    """Pacing that has seen plain steps and one batch of each length, each drafted token
    adding ``extra_per_draft`` plain steps."""
    pacing = DraftPacing(8)
    for _ in range(steps):
        pacing.record_step(STEP)
    for drafted in range(1, 9):
        pacing.record_batch(drafted, STEP * (1 + extra_per_draft * drafted))
    pacing.record_step(STEP)
    return pacing


def test_nothing_is_drafted_before_a_plain_step_is_measured() -> None:
    pacing = DraftPacing(8)
    assert pacing.draft_length(match=8, available=8) == 0
    pacing.record_step(STEP)
    assert pacing.draft_length(match=8, available=8) > 0  # the prior guesses drafts are cheap


def test_where_a_batch_costs_about_a_step_long_drafts_are_taken() -> None:
    # Memory-bound decoding (a GPU, a large model): a batch of 9 costs 1.4 steps.
    pacing = measured(extra_per_draft=0.05)
    assert pacing.draft_length(match=2, available=8) == 8
    assert pacing.draft_length(match=2, available=3) == 3


def test_where_each_draft_costs_nearly_a_step_only_likely_drafts_are_taken() -> None:
    # Compute-bound (a small model on a CPU core): each draft costs 0.9 of a step.
    pacing = measured(extra_per_draft=0.9)
    assert pacing.draft_length(match=2, available=8) == 0
    # Long matches whose drafts were always kept: worth drafting after all.
    for _ in range(40):
        pacing.record_outcome(10, 8, 8, seconds=None)
    assert pacing.draft_length(match=10, available=8) > 0
    assert pacing.draft_length(match=2, available=8) == 0


def test_kept_chance_is_learnt_by_match_length_from_checked_proposals() -> None:
    pacing = DraftPacing(8)
    before_short, before_long = pacing.kept_chance(2), pacing.kept_chance(8)
    assert before_short < before_long  # the prior already trusts long matches more
    for _ in range(20):
        pacing.record_outcome(2, 4, 0, seconds=None)  # first token after a 2-match: missed
    assert pacing.kept_chance(2) < before_short
    assert pacing.kept_chance(8) == before_long
    for _ in range(20):
        # After a 4-match, three kept then a miss: match lengths 4, 5, 6 kept, 7 missed.
        pacing.record_outcome(4, 8, 3, seconds=None)
    assert pacing.kept_chance(5) > 0.9 and pacing.kept_chance(7) < 0.2


def test_checked_proposals_cost_nothing_and_never_pause_drafting() -> None:
    pacing = measured(extra_per_draft=0.9)
    for _ in range(50):
        pacing.record_outcome(3, 8, 0, seconds=None)
    assert pacing.pause == 0 and pacing.pauses == 0 and pacing.balance == 0.0


def test_drafting_that_loses_time_pauses_longer_each_time() -> None:
    pacing = measured(extra_per_draft=0.9)
    pauses = []
    for _ in range(4):
        # Each batch of 4 drafts costs 4.6 steps and yields one token: 3.6 steps lost.
        pacing.record_outcome(4, 4, 0, seconds=STEP * 4.6)
        pauses.append(pacing.pause)
        while not pacing.wants_proposal():
            pass
    assert pauses == [8, 16, 32, 64]
    assert pacing.pauses == 4


def test_small_losses_within_the_allowance_do_not_pause() -> None:
    pacing = measured(extra_per_draft=0.9)
    pacing.record_outcome(4, 2, 1, seconds=STEP * 2.8)  # 2 tokens for 2.8 steps: 0.8 lost
    pacing.record_outcome(4, 2, 1, seconds=STEP * 2.8)
    assert pacing.pause == 0 and round(pacing.balance, 6) == -1.6


def test_drafting_that_pays_resets_the_pause_length() -> None:
    pacing = measured(extra_per_draft=0.2)
    pacing.record_outcome(4, 4, 0, seconds=STEP * 5)  # 4 steps lost: pause 8
    assert pacing.pause == 8
    pacing.pause = 0
    pacing.record_outcome(4, 4, 0, seconds=STEP * 5)  # lost again: pause 16
    assert pacing.pause == 16
    pacing.pause = 0
    for _ in range(5):
        pacing.record_outcome(8, 8, 8, seconds=STEP * 2.6)  # 9 tokens for 2.6 steps
    assert pacing.balance == DraftPacing.MAX_BALANCE
    pacing.record_outcome(4, 8, 0, seconds=STEP * 13)  # 12 steps lost: the short pause again
    assert pacing.pause == DraftPacing.FIRST_PAUSE


def test_a_plain_step_is_taken_after_many_batches_in_a_row() -> None:
    pacing = measured(extra_per_draft=0.05)
    for _ in range(DraftPacing.PROBE_EVERY - 1):
        pacing.record_batch(8, STEP * 1.4)
    assert pacing.draft_length(match=4, available=8) == 8
    pacing.record_batch(8, STEP * 1.4)
    assert pacing.draft_length(match=4, available=8) == 0  # time to measure a step again
    pacing.record_step(STEP)
    assert pacing.draft_length(match=4, available=8) == 8


def test_unmeasured_lengths_are_scaled_from_the_nearest_measured_one() -> None:
    pacing = DraftPacing(8)
    pacing.record_step(STEP)
    assert round(pacing.extra_cost(4), 6) == round(STEP * DraftPacing.PRIOR_DRAFT_COST * 4, 6)
    pacing.record_batch(2, STEP * 2.6)  # 0.8 of a step per draft
    assert round(pacing.extra_cost(2), 6) == round(STEP * 1.6, 6)
    assert round(pacing.extra_cost(6), 6) == round(STEP * 4.8, 6)


def test_a_slow_outlier_moves_the_step_cost_only_so_far() -> None:
    pacing = DraftPacing(8)
    pacing.record_step(STEP)
    pacing.record_step(STEP * 100)  # another process took the core
    assert pacing.step_s is not None and pacing.step_s <= STEP * 1.31


def test_an_extra_cost_measured_as_nothing_can_still_grow() -> None:
    pacing = DraftPacing(8)
    pacing.record_step(STEP)
    pacing.record_batch(4, STEP)  # as fast as a step: extra cost 0
    assert pacing.extra_cost(4) == 0.0
    for _ in range(30):
        pacing.record_batch(4, STEP * 3)
    assert pacing.extra_cost(4) > STEP * 1.5


def test_eager_pacing_drafts_everything_and_never_pauses() -> None:
    pacing = DraftPacing(8, eager=True)
    assert pacing.draft_length(match=2, available=5) == 5
    assert pacing.draft_length(match=2, available=20) == 8
    pacing.record_step(STEP)
    for _ in range(10):
        pacing.record_outcome(2, 8, 0, seconds=STEP * 9)
    assert pacing.pause == 0 and pacing.wants_proposal()


def test_report_gives_the_draft_cost_in_steps() -> None:
    assert DraftPacing(8).report().draft_cost is None
    report = measured(extra_per_draft=0.5).report()
    assert report.draft_cost is not None and round(report.draft_cost, 6) == 0.5


def test_max_draft_zero_never_drafts() -> None:
    pacing = DraftPacing(0)
    pacing.record_step(STEP)
    assert not pacing.wants_proposal()
    assert pacing.draft_length(match=8, available=8) == 0


def test_a_step_cost_measured_under_load_falls_back_to_the_quiet_cost() -> None:
    """Another process took the core while the plain steps were measured, then left: drafts
    must not look free against the inflated step (a batch compared with it measured 'no extra
    cost' and the pacing drafted everything, 0.90x on prose under load)."""
    pacing = DraftPacing(8)
    for _ in range(5):
        pacing.record_step(STEP * 2)  # under load
    for _ in range(3):
        pacing.record_step(STEP)  # quiet again
    assert pacing.step_s is not None and pacing.step_s <= STEP * 1.15


def test_a_batch_cheaper_than_the_step_shows_the_step_was_measured_under_load() -> None:
    pacing = DraftPacing(8)
    pacing.record_step(STEP * 2)  # the only plain step, measured under load
    for _ in range(4):
        pacing.record_batch(4, STEP * 1.6)  # quiet: 0.15 of a step per draft really
    assert pacing.step_s is not None and pacing.step_s < STEP * 1.7
    # Compute-bound drafts stay expensive: nothing after a short match is worth drafting.
    for _ in range(6):
        pacing.record_batch(4, STEP * 3.8)  # 0.7 of a step per draft on a quiet machine
        pacing.record_step(STEP)
    assert pacing.draft_length(match=2, available=8) == 0
