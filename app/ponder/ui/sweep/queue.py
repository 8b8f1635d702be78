"""The queue of budget sweeps: what waits, what runs, and what finished, on the GUI thread.

A teacher queues several sweeps (a problem set at off / 256 / 1024…, then another set) and
lets them run while the class works. One sweep runs at a time, on the model loaded in the
window, holding the engine's lease from the ``EngineHost`` (so no chat turn is written
meanwhile: the chat is refused, and told why, until the sweep releases it). Loading another
model stops the sweep under way (its finished cells are kept and saved); the sweeps still
waiting run on the new model.

Thread: GUI thread. The work itself is the ``SweepRunner``'s, on the engine's worker thread.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ponder.core.request import Sampling
from ponder.core.teaching.problems import ProblemSet
from ponder.core.teaching.sweep import SweepBudget, SweepCell, SweepResult
from ponder.core.teaching.sweep_files import SweepFolder
from ponder.core.trace import tokens_text
from ponder.ui.engine_host import BUDGET_SWEEP, EngineBusyError, EngineHost, EngineLease
from ponder.ui.sweep.runner import SweepJob, SweepRunner
from ponder.ui.translations import shown

SweepState = Literal["queued", "running", "done", "cancelled", "failed"]


@dataclass
class QueuedSweep:
    """A sweep as the window lists it. ``result``: what ran (set as it starts; the final
    result once it ends); ``cells``: the cells so far, as they arrived on this thread;
    ``current``: the (problem id, budget) under way, ``tokens`` the tokens it has generated so
    far (thinking and answer) and ``answering`` whether it is writing its answer yet."""

    job: SweepJob
    state: SweepState = "queued"
    result: SweepResult | None = None
    path: Path | None = None
    current: tuple[str, str] | None = None
    tokens: int = 0
    answering: bool = False
    message: str = ""
    cells: list[SweepCell] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.job.id

    def snapshot(self) -> SweepResult | None:
        """The sweep as far as it got (None before it starts), for the grid and the chart."""
        if self.result is None:
            return None
        if self.state in ("done", "cancelled"):
            return self.result
        return dataclasses.replace(self.result, cells=list(self.cells))

    @property
    def title(self) -> str:
        budgets = ", ".join(b.label for b in self.job.budgets)
        return f"{self.job.problems.name} · {budgets}"

    @property
    def status_text(self) -> str:
        done, total = len(self.cells), self.job.total
        if self.state == "queued":
            return QCoreApplication.translate("SweepQueue", "waiting · {total} runs").format(
                total=total
            )
        if self.state == "running":
            where = f" · {self.current[0]} @ {self.current[1]}" if self.current else ""
            return QCoreApplication.translate(
                "SweepQueue", "running {done}/{total}{where} · {tokens}"
            ).format(done=done, total=total, where=where, tokens=shown(tokens_text(self.tokens)))
        if self.state == "cancelled":
            return QCoreApplication.translate("SweepQueue", "stopped at {done}/{total}").format(
                done=done, total=total
            )
        if self.state == "failed":
            return self.message or QCoreApplication.translate("SweepQueue", "failed")
        return QCoreApplication.translate("SweepQueue", "done · {total} runs").format(total=total)


class SweepQueue(QObject):
    """See the module docstring. The window draws what its signals say (ids: it reads the
    sweep itself with ``find``)."""

    changed = Signal()  # something in the list changed (added, started, ended, removed)
    sweep_updated = Signal(int)  # a sweep's cells or live figures changed
    problem = Signal(str)  # something the user should read (cannot save, no model…)
    _run_requested = Signal(object)  # SweepJob (frozen), to the runner's slot on its thread

    def __init__(
        self,
        host: EngineHost,
        runner: SweepRunner,
        files: SweepFolder,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._host = host
        self._runner = runner
        self._lease: EngineLease | None = None  # the engine, while a sweep runs
        self.files = files  # the saved sweeps: the window lists, loads and deletes through it
        self.sweeps: list[QueuedSweep] = []
        self._ids = itertools.count(1)
        self._run_requested.connect(runner.run)
        runner.started.connect(self._on_started)
        runner.cell_started.connect(self._on_cell_started)
        runner.progress.connect(self._on_progress)
        runner.cell_done.connect(self._on_cell_done)
        runner.finished.connect(self._on_finished)
        host.freed.connect(self._start_next)
        host.model_ready.connect(lambda _event: self._start_next())
        host.model_loading.connect(lambda _path: self._model_changing())

    # ----- what the window asks ------------------------------------------------------------------

    @property
    def running(self) -> QueuedSweep | None:
        return next((s for s in self.sweeps if s.state == "running"), None)

    def find(self, sweep_id: int) -> QueuedSweep | None:
        return next((s for s in self.sweeps if s.id == sweep_id), None)

    def add(
        self,
        problems: ProblemSet,
        budgets: list[SweepBudget],
        *,
        sampling: Sampling,
        max_tokens: int | None,
    ) -> QueuedSweep:
        """Queues a sweep; it starts as soon as the model is free."""
        job = SweepJob(
            id=next(self._ids),
            problems=problems,
            budgets=tuple(budgets),
            sampling=sampling,
            max_tokens=max_tokens,
            folder=self.files,
        )
        queued = QueuedSweep(job)
        self.sweeps.append(queued)
        self.changed.emit()
        self._start_next()
        if queued.state == "queued" and not self._host.ready:
            self.problem.emit(self.tr("The sweep waits for a model: pick one in the main window."))
        return queued

    def cancel(self, sweep_id: int) -> None:
        """Stops a running sweep at once (its finished cells are kept), or drops a waiting one."""
        queued = self.find(sweep_id)
        if queued is None:
            return
        if queued.state == "queued":
            self.sweeps.remove(queued)
            self.changed.emit()
        elif queued.state == "running" and self._lease is not None:
            self._lease.stop()

    def cancel_all(self) -> None:
        """Drops the waiting sweeps and stops the one running (at shutdown)."""
        for queued in list(self.sweeps):
            self.cancel(queued.id)

    def remove(self, sweep_id: int) -> None:
        """Takes a finished sweep off the list (its file stays)."""
        queued = self.find(sweep_id)
        if queued is not None and queued.state not in ("running", "queued"):
            self.sweeps.remove(queued)
            self.changed.emit()

    # ----- running -------------------------------------------------------------------------------

    def _start_next(self) -> None:
        if self.running is not None or not self._host.free:
            return
        queued = next((s for s in self.sweeps if s.state == "queued"), None)
        if queued is None:
            return
        cancel = queued.job.cancel
        try:
            self._lease = self._host.acquire(BUDGET_SWEEP, cancel.set)
        except EngineBusyError:  # taken meanwhile: the sweep waits for the next release
            return
        host = self._host
        queued.job = dataclasses.replace(
            queued.job, model_path=host.model_label or "", model_sha256=host.model_sha256
        )
        queued.state = "running"
        queued.result = None
        self.changed.emit()
        self._run_requested.emit(queued.job)

    def _model_changing(self) -> None:
        """Another model is loading: the host has stopped the sweep under way; say why."""
        running = self.running
        if running is not None:
            running.message = self.tr("stopped: another model was loaded")

    def _on_started(self, sweep_id: int, result: SweepResult, path: str) -> None:
        queued = self.find(sweep_id)
        if queued is not None:
            queued.result, queued.path = result, Path(path)
            self.sweep_updated.emit(sweep_id)

    def _on_cell_started(self, sweep_id: int, problem_id: str, budget: str) -> None:
        queued = self.find(sweep_id)
        if queued is not None:
            queued.current, queued.tokens, queued.answering = (problem_id, budget), 0, False
            self.sweep_updated.emit(sweep_id)

    def _on_progress(self, sweep_id: int, tokens: int, answering: bool) -> None:
        queued = self.find(sweep_id)
        if queued is not None:
            queued.tokens, queued.answering = tokens, answering
            self.sweep_updated.emit(sweep_id)

    def _on_cell_done(self, sweep_id: int, cell: SweepCell) -> None:
        queued = self.find(sweep_id)
        if queued is not None:
            queued.cells.append(cell)
            queued.current = None
            self.sweep_updated.emit(sweep_id)

    def _on_finished(self, sweep_id: int, result: SweepResult, save_error: str) -> None:
        queued = self.find(sweep_id)
        if queued is not None:
            queued.result = result
            queued.current = None
            if result.cancelled:
                queued.state = "cancelled"
            else:  # a message and nothing run: the engine could not run it at all
                queued.state = "failed" if save_error and not result.cells else "done"
            if save_error:
                queued.message = save_error
                self.problem.emit(save_error)
            self.changed.emit()
            self.sweep_updated.emit(sweep_id)
        # Last: the release lets the chat in, or starts the next sweep (``freed``).
        lease, self._lease = self._lease, None
        if lease is not None:
            lease.release()
        self._start_next()
