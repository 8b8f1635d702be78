"""Saved sweeps: the folder of sweep files, and the run that writes its file as it goes.

Each sweep is one JSON file in ``AppPaths.sweeps``, named for its start time and problem set.
A ``SweepRun`` rewrites its file (atomically) after every finished cell, so closing the laptop
mid-lesson loses at most the generation under way. ``SweepFolder`` lists, loads and deletes
the saved sweeps and starts new runs. ``ponder sweep`` and the Budget sweep window both go
through these two; nothing else touches the files.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ponder.core.bounded_files import UnreadableFileError, parse_json, read_bounded_text
from ponder.core.events import Event
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.teaching.problems import Problem
from ponder.core.teaching.sweep import (
    SweepBudget,
    SweepCell,
    SweepEngine,
    SweepResult,
    run_sweep,
)

# A sweep keeps every cell's thinking: dozens of problems at several budgets, each up to tens
# of thousands of tokens, is tens of megabytes.
SWEEP_FILE_MAX_BYTES = 256 * 1024 * 1024


class SweepFileError(ValueError):
    """A saved sweep that cannot be read; the message says which file and why."""


class SweepWriteError(OSError):
    """A sweep file that could not be written or deleted (disk full, no permission); the
    message says which file and why, and the caller adds what the user can do about it."""


def load_sweep(path: Path) -> SweepResult:
    """A sweep saved by a ``SweepRun``; ``SweepFileError`` if it is unreadable or damaged."""
    try:
        text = read_bounded_text(path, max_bytes=SWEEP_FILE_MAX_BYTES)
    except (OSError, UnreadableFileError) as exc:
        raise SweepFileError(
            QT_TRANSLATE_NOOP(
                "Sweeps",
                "{file} could not be read: {exc}",
            ).format(file=path.name, exc=exc)
        ) from None
    try:
        data = parse_json(text, path.name)
        if not isinstance(data, dict):
            raise TypeError("the file does not hold a JSON object")
        return SweepResult.from_dict(data)
    except UnreadableFileError as exc:
        raise SweepFileError(
            QT_TRANSLATE_NOOP(
                "Sweeps",
                "{exc} It is not a saved sweep Ponder can read (damaged or from another program).",
            ).format(exc=exc)
        ) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SweepFileError(
            QT_TRANSLATE_NOOP(
                "Sweeps",
                "{file} is not a saved sweep Ponder can read (damaged or from "
                "another program): {exc!r}",
            ).format(file=path.name, exc=exc)
        ) from None


def write_sweep(result: SweepResult, path: Path) -> None:
    """Writes (or rewrites) the sweep at ``path`` atomically: a crash leaves the old or the
    new file, never half of one. OSError (disk full, no permission) goes to the caller."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(result.to_dict(), handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


class SweepRun:
    """One sweep and the file it is saved to (``path`` None: not kept, as with
    ``ponder sweep --no-save``). Made by ``SweepFolder.start``; runs on whichever thread
    calls ``run``."""

    def __init__(self, result: SweepResult, path: Path | None) -> None:
        self.result = result
        self.path = path

    def save(self) -> None:
        """Writes the sweep as far as it got to its file; ``SweepWriteError`` if it cannot."""
        if self.path is None:
            return
        try:
            write_sweep(self.result, self.path)
        except OSError as exc:
            raise SweepWriteError(
                QT_TRANSLATE_NOOP(
                    "Sweeps",
                    "The sweep could not be saved to {path} ({problem}).",
                ).format(path=self.path, problem=exc.strerror or exc)
            ) from None

    def run(
        self,
        engine: SweepEngine,
        *,
        cancel: threading.Event | None = None,
        on_start: Callable[[Problem, SweepBudget], None] | None = None,
        on_event: Callable[[Event], None] | None = None,
        on_cell: Callable[[SweepCell], None] | None = None,
        on_save_error: Callable[[SweepWriteError], None] | None = None,
    ) -> SweepResult:
        """Runs the sweep on a loaded engine (see ``run_sweep``), saving it after every cell
        and once more as it ends, however it ends (finished, cancelled, Ctrl+C, an engine
        that failed): what finished is kept. A sweep that finished no cell leaves no file.

        A file that cannot be written stops the sweep with ``SweepWriteError``, unless
        ``on_save_error`` is given: then it is told and the sweep goes on (its results are
        still in ``result``). Ctrl+C (KeyboardInterrupt) sets ``cancel`` and is re-raised
        once the finished cells are saved."""
        cancel = cancel or threading.Event()

        def save() -> None:
            try:
                self.save()
            except SweepWriteError as exc:
                if on_save_error is None:
                    raise
                on_save_error(exc)

        def cell_done(cell: SweepCell) -> None:
            if on_cell is not None:
                on_cell(cell)
            save()

        try:
            run_sweep(
                engine,
                self.result,
                cancel=cancel,
                on_start=on_start,
                on_event=on_event,
                on_cell=cell_done,
            )
        except KeyboardInterrupt:
            cancel.set()
            raise
        finally:
            self.result.cancelled = self.result.cancelled or cancel.is_set()
            self.result.finished_at = self.result.finished_at or time.time()
            if self.result.cells:
                save()
        return self.result


_SAVED_NAME = re.compile(r"(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})\d{2}-(.+?)(?:-(\d+))?")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def saved_label(path: Path) -> str:
    """How a saved sweep is listed, from its file name alone (``SweepFolder._new_file``):
    "Tiny checks · 5 Mar 2025, 14:02" (the file name itself if it is not one Ponder gave)."""
    match = _SAVED_NAME.fullmatch(path.stem)
    if match is None:
        return path.stem
    year, month, day, hour, minute, slug, counter = match.groups()
    if not 1 <= int(month) <= 12:
        return path.stem
    name = slug.replace("-", " ")
    name = name[:1].upper() + name[1:]
    when = f"{int(day)} {_MONTHS[int(month) - 1]} {year}, {hour}:{minute}"
    return f"{name} · {when}" + (f" ({counter})" if counter else "")


@dataclass(frozen=True, slots=True)
class SweepFolder:
    """The folder of saved sweeps (``AppPaths.sweeps``): list, load, delete, start a run.
    Plain file operations, quick enough for the GUI thread."""

    path: Path

    def saved(self) -> list[Path]:
        """The sweeps saved here, newest first."""
        if not self.path.is_dir():
            return []
        return sorted(self.path.glob("*.json"), key=lambda p: p.name, reverse=True)

    def load(self, file: Path) -> SweepResult:
        """A saved sweep; ``SweepFileError`` (with the reason) if it cannot be read."""
        return load_sweep(file)

    def delete(self, file: Path) -> None:
        """Deletes a saved sweep's file (gone already is fine); ``SweepWriteError`` if it
        cannot be deleted."""
        try:
            file.unlink(missing_ok=True)
        except OSError as exc:
            raise SweepWriteError(
                QT_TRANSLATE_NOOP(
                    "Sweeps",
                    "Could not delete {file} ({problem}).",
                ).format(file=file.name, problem=exc.strerror or exc)
            ) from None

    def start(self, result: SweepResult) -> SweepRun:
        """A run of ``result`` saved to a new file here (written at its first cell)."""
        return SweepRun(result, self._new_file(result))

    def save(self, result: SweepResult) -> Path:
        """Writes ``result`` as a new file here; returns its path. ``SweepWriteError`` if it
        cannot be written."""
        run = self.start(result)
        run.save()
        assert run.path is not None
        return run.path

    def _new_file(self, result: SweepResult) -> Path:
        """A file name not taken yet: the sweep's start time and problem set."""
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(result.started_at))
        slug = re.sub(r"[^a-z0-9]+", "-", result.problem_set.lower()).strip("-") or "sweep"
        path = self.path / f"{stamp}-{slug}.json"
        counter = 1
        while path.exists():
            counter += 1
            path = self.path / f"{stamp}-{slug}-{counter}.json"
        return path
