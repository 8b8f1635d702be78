"""For tests of readers that must not block: run a call in a thread with a deadline, and
skip marks for the special files (named pipes, devices) only some systems have."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")


def finishes(call: Callable[[], Any], unblock: Path | None = None) -> BaseException | None:
    """Run ``call`` in a thread; fail if it is still running after 10 s. Returns what it
    raised. ``unblock``: a FIFO to open for writing afterwards, so a hung reader ends."""
    raised: list[BaseException | None] = [None]

    def run() -> None:
        try:
            call()
        except BaseException as exc:
            raised[0] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    hung = thread.is_alive()
    if hung and unblock is not None:
        os.close(os.open(unblock, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(10)
    assert not hung, "the reader blocked"
    return raised[0]
