"""Progress reports, pause/cancel and the retry policy of a transfer (download or copy).

Plain objects shared between the thread that moves bytes and whoever watches it (the CLI's
progress bar, the GUI's download QObject).
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ponder.core.downloads.errors import DownloadStoppedError
from ponder.core.phrases import QT_TRANSLATE_NOOP

Phase = Literal["checking", "downloading", "verifying"]


@dataclass(frozen=True, slots=True)
class Progress:
    """One progress report. ``speed`` is bytes/s over the last few seconds; ``eta_s`` None
    while unknown. In the ``checking`` phase, ``done`` counts the part's bytes re-hashed."""

    phase: Phase
    done: int
    total: int
    speed: float = 0.0
    eta_s: float | None = None
    resumed_from: int = 0


ProgressCallback = Callable[[Progress], None]


class TransferControl:
    """Pause and cancel, for a download running in another thread. Pause keeps the partial
    file for resuming; cancel deletes it. Both take effect within one chunk (1 MiB)."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._request: Literal["pause", "cancel"] | None = None

    def pause(self) -> None:
        self._request = "pause"
        self._event.set()

    def cancel(self) -> None:
        self._request = "cancel"
        self._event.set()

    @property
    def requested(self) -> Literal["pause", "cancel"] | None:
        return self._request

    def check(self) -> None:
        """Raise ``DownloadStoppedError`` if pause or cancel was asked for."""
        if self._request is not None:
            paused = self._request == "pause"
            raise DownloadStoppedError(
                QT_TRANSLATE_NOOP("Downloads", "Download paused; run it again to resume.")
                if paused
                else QT_TRANSLATE_NOOP("Downloads", "Download cancelled."),
                paused=paused,
            )

    def sleep(self, seconds: float) -> None:
        """Wait (for a retry), waking at once on pause or cancel."""
        self._event.wait(seconds)
        self.check()


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard to try: ``attempts`` consecutive failures without a byte arriving; but a
    server that accepts the connection and then sends nothing (a stuck proxy, a stalled
    mirror) is given up on once no byte has come for ``stall_limit`` seconds, not retried
    for minutes: the user hears within ~10 s, and running the download again resumes it."""

    attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 30.0
    connect_timeout: float = 10.0
    read_timeout: float = 10.0
    stall_limit: float = 10.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_delay)
        backoff = min(self.base_delay * 2 ** (attempt - 1), self.max_delay)
        return backoff * random.uniform(0.5, 1.0)  # jitter: clients retrying in step


class ProgressMeter:
    """Throttled progress reports with a speed over a sliding window."""

    def __init__(self, callback: ProgressCallback | None, total: int, resumed_from: int) -> None:
        self.callback, self.total, self.resumed_from = callback, total, resumed_from
        self.samples: deque[tuple[float, int]] = deque()
        self.last = 0.0

    def report(self, phase: Phase, done: int, force: bool = False) -> None:
        if self.callback is None:
            return
        now = time.monotonic()
        if phase == "downloading":
            self.samples.append((now, done))
            while len(self.samples) > 2 and now - self.samples[0][0] > 5.0:
                self.samples.popleft()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        speed, eta = 0.0, None
        if phase == "downloading" and len(self.samples) > 1:
            (t0, d0), (t1, d1) = self.samples[0], self.samples[-1]
            if t1 > t0:
                speed = (d1 - d0) / (t1 - t0)
                eta = (self.total - done) / speed if speed > 0 else None
        self.callback(Progress(phase, done, self.total, speed, eta, self.resumed_from))


__all__ = [
    "Phase",
    "Progress",
    "ProgressCallback",
    "ProgressMeter",
    "RetryPolicy",
    "TransferControl",
]
