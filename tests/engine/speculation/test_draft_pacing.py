"""Adaptive draft length: more while the model keeps the drafts, a pause when it does not."""

from __future__ import annotations

from ponder.engine.speculation.pacing import DraftPacing


def test_grows_while_every_draft_is_kept_up_to_the_maximum() -> None:
    pacing = DraftPacing(8, start=2)
    lengths = []
    for _ in range(5):
        length = pacing.allowed()
        lengths.append(length)
        pacing.record(length, length)
    assert lengths == [2, 4, 6, 8, 8]


def test_shrinks_to_what_was_kept() -> None:
    pacing = DraftPacing(8, start=6)
    pacing.record(6, 2)
    assert pacing.allowed() == 3


def test_misses_in_a_row_pause_drafting_longer_each_time() -> None:
    pacing = DraftPacing(8, max_pause=16)
    pauses = []
    for _ in range(5):
        while pacing.allowed() == 0:
            pass
        pacing.record(1, 0)
        pauses.append(pacing.pause)
    assert pauses == [0, 4, 8, 16, 16]
    # A kept draft ends the streak: the next miss does not pause.
    while pacing.allowed() == 0:
        pass
    pacing.record(1, 1)
    pacing.record(2, 0)
    assert pacing.pause == 0


def test_off_never_drafts() -> None:
    pacing = DraftPacing(0)
    assert pacing.allowed() == 0
