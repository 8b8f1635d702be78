"""Live controls of a running generation: "answer now" and "think longer", in shared memory.

The child reads requests from a pipe, and that pipe waits behind the generation it would steer
(as cancellation would: see ``child.py``). So the parent writes live controls into a small
shared array that the token loop reads before every step:

* slot 0: the id of the request that must answer now (stop thinking at the next character);
* slot 1: the id of the request that the extra budget in slot 2 belongs to;
* slot 2: extra thinking tokens granted to that request, on top of its budget
  (``UNLIMITED``: no budget any more).

The parent writes slot 2 before slot 1, and only for the running request: a reader that sees
its own id in slot 1 sees the value written for it. Plain integers, no lock: each slot is one
aligned 64-bit word, and a stale read only delays a control by one token.
"""

from __future__ import annotations

from typing import Any

UNLIMITED = -1
_ANSWER_NOW, _EXTRA_FOR, _EXTRA = 0, 1, 2
SLOTS = 3


class LiveBoard:
    """The parent's side: writes the controls for ``request_id``. Any thread may call it."""

    def __init__(self, slots: Any) -> None:
        self._slots = slots

    def answer_now(self, request_id: int) -> None:
        self._slots[_ANSWER_NOW] = request_id

    def extend(self, request_id: int, tokens: int | None) -> None:
        """Grants ``tokens`` more thinking tokens (added to earlier grants), or unlimited
        thinking when ``tokens`` is None."""
        if tokens is not None and tokens <= 0:
            raise ValueError("a budget can only grow by a positive number of tokens")
        current = self._slots[_EXTRA] if self._slots[_EXTRA_FOR] == request_id else 0
        total = UNLIMITED if tokens is None or current == UNLIMITED else current + tokens
        self._slots[_EXTRA] = total
        self._slots[_EXTRA_FOR] = request_id


class LiveControls:
    """The child's side, for one request: what the person asked for so far."""

    def __init__(self, slots: Any, request_id: int) -> None:
        self._slots = slots
        self._id = request_id

    def answer_now(self) -> bool:
        return bool(self._slots[_ANSWER_NOW] == self._id)

    def extra_budget(self) -> int | None:
        """Extra thinking tokens granted so far; None: the budget was lifted."""
        if self._slots[_EXTRA_FOR] != self._id:
            return 0
        extra = int(self._slots[_EXTRA])
        return None if extra == UNLIMITED else extra


class NoLiveControls:
    """Controls of a generation nobody steers (tests, tools that call ``Turn`` directly)."""

    def answer_now(self) -> bool:
        return False

    def extra_budget(self) -> int | None:
        return 0
