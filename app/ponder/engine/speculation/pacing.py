"""How many tokens to draft next, learnt from how many the model kept.

A drafted token the model rejects still cost its share of the verification batch, so drafting
must stop where the model does not follow the context: ordinary prose, where an n-gram matches
but what followed it last time is not what comes now. The draft grows while every drafted
token is kept, shrinks to what was kept, and after rejected batches in a row drafting pauses
for a number of generated tokens that doubles with each further miss (up to ``max_pause``).
"""

from __future__ import annotations


class DraftPacing:
    """The draft length for the next batch (0: do not draft now)."""

    def __init__(self, max_draft: int, *, start: int = 4, max_pause: int = 256) -> None:
        self.max_draft = max(0, max_draft)
        self.length = min(start, self.max_draft)
        self.max_pause = max_pause
        self.pause = 0  # generated tokens to wait before drafting again
        self._misses = 0  # batches in a row of which the model kept nothing

    def allowed(self) -> int:
        """How many tokens may be drafted now; counts a paused step down."""
        if self.pause > 0:
            self.pause -= 1
            return 0
        return self.length

    def record(self, drafted: int, accepted: int) -> None:
        """The outcome of one verification batch."""
        if drafted <= 0:
            return
        if accepted >= drafted:
            self.length = min(self.max_draft, self.length + 2)
        else:
            self.length = max(1, accepted + 1)
        if accepted == 0:
            self._misses += 1
            if self._misses >= 2:
                self.pause = min(self.max_pause, 4 << (self._misses - 2))
        else:
            self._misses = 0
