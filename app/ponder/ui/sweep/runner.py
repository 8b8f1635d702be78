"""Runs budget sweeps on the engine, on the engine's worker thread.

``SweepRunner`` is a worker on the same QThread as the chat's ``TurnRunner`` (see
``ponder.ui.engine_host``): the engine answers one caller at a time, and sharing the thread
queues a sweep behind a turn (and a turn behind a sweep) without a lock; the ``SweepQueue``
holds the engine's lease while a sweep runs. A sweep is saved to its JSON file after every
finished cell, so closing the laptop mid-lesson loses at most the generation under way
(``SweepRun``).

Signals reach the GUI queued. Cells are few (one per generation), so each is a signal; the
live token count (thinking and answer) of the generation under way is throttled to a few
updates a second.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal, Slot

from ponder.core.events import AnswerEvent, Event, ThinkingEvent
from ponder.core.request import Sampling
from ponder.core.teaching.problems import Problem, ProblemSet
from ponder.core.teaching.sweep import SweepBudget, SweepCell, new_result
from ponder.core.teaching.sweep_files import SweepFolder, SweepWriteError
from ponder.engine.protocol import Engine

log = logging.getLogger(__name__)
PROGRESS_INTERVAL_S = 0.25


@dataclass(frozen=True)
class SweepJob:
    """One queued sweep: what to run, and where its results go. Frozen: it crosses to the
    runner's thread (``dataclasses.replace`` makes a changed copy; the copy shares ``cancel``).

    ``cancel`` may be set from any thread. The results are written, as they come, to a new
    file in ``folder``."""

    id: int
    problems: ProblemSet
    budgets: tuple[SweepBudget, ...]
    sampling: Sampling
    max_tokens: int | None
    folder: SweepFolder
    model_path: str = ""
    model_sha256: str | None = None
    cancel: threading.Event = field(default_factory=threading.Event)

    @property
    def total(self) -> int:
        return len(self.problems.problems) * len(self.budgets)


class SweepRunner(QObject):
    """Lives on the engine's worker thread (see the module docstring).

    What its signals carry is the receiver's to keep: ``started`` an empty ``SweepResult``
    (a copy), ``cell_done`` a ``SweepCell`` (frozen), ``finished`` the final ``SweepResult``,
    which this runner no longer touches once it is sent.
    """

    started = Signal(int, object, str)  # job id, the empty SweepResult, the file it goes to
    cell_started = Signal(int, str, str)  # job id, problem id, budget label
    # job id, tokens generated so far in the generation under way (thinking and answer), and
    # whether it is writing its answer yet (an "off" cell answers from its first token)
    progress = Signal(int, int, bool)
    cell_done = Signal(int, object)  # job id, SweepCell
    finished = Signal(int, object, str)  # job id, SweepResult, "" or why it was not saved

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self._engine = engine

    @Slot(object)
    def run(self, job: SweepJob) -> None:
        """Runs ``job`` to the end (or its cancel) on the loaded model, saving as it goes."""
        result = new_result(
            job.problems,
            job.budgets,
            model_path=job.model_path,
            model_sha256=job.model_sha256,
            sampling=job.sampling,
            max_tokens=job.max_tokens,
        )
        sweep = job.folder.start(result)
        self.started.emit(job.id, dataclasses.replace(result, cells=[]), str(sweep.path))
        save_error = ""
        tokens = 0
        answering = False
        last_progress = 0.0

        def on_start(problem: Problem, budget: SweepBudget) -> None:
            nonlocal tokens, answering, last_progress
            tokens, answering, last_progress = 0, False, 0.0
            self.cell_started.emit(job.id, problem.id, budget.label)

        def on_event(event: Event) -> None:
            nonlocal tokens, answering, last_progress
            if isinstance(event, ThinkingEvent | AnswerEvent):  # about one per token
                tokens += 1
                turned = isinstance(event, AnswerEvent) and not answering
                answering = answering or turned
                now = time.monotonic()
                if turned or now - last_progress >= PROGRESS_INTERVAL_S:
                    last_progress = now
                    self.progress.emit(job.id, tokens, answering)

        def on_cell(cell: SweepCell) -> None:
            self.cell_done.emit(job.id, cell)

        def on_save_error(exc: SweepWriteError) -> None:
            nonlocal save_error
            log.warning("%s", exc)
            save_error = self.tr(
                "{problem} Its results stay on screen: free some disk space, then export them."
            ).format(problem=exc)

        if not job.cancel.is_set():
            try:
                sweep.run(
                    self._engine,
                    cancel=job.cancel,
                    on_start=on_start,
                    on_event=on_event,
                    on_cell=on_cell,
                    on_save_error=on_save_error,
                )
            except Exception as exc:  # the engine process could not even start
                log.exception("sweep %s failed", job.id)
                save_error = self.tr("The sweep stopped: {problem}").format(problem=exc)
        result.cancelled = job.cancel.is_set()
        result.finished_at = result.finished_at or time.time()
        self.finished.emit(job.id, result, save_error)
