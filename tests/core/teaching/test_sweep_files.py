"""Saved sweeps: the folder (list, load, delete) and the run that saves its file as it goes,
on the real engine (the ``engine`` fixture of this folder) and real files."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from ponder.core.paths import AppPaths
from ponder.core.request import Sampling
from ponder.core.teaching.problems import Problem, ProblemSet
from ponder.core.teaching.sweep import (
    SweepBudget,
    SweepCell,
    SweepResult,
    new_result,
    parse_budgets,
)
from ponder.core.teaching.sweep_files import (
    SweepFileError,
    SweepFolder,
    SweepRun,
    SweepWriteError,
    load_sweep,
    write_sweep,
)
from ponder.engine.client import EngineClient

GREEDY = Sampling(temperature=0.0, seed=1)
TWO = ProblemSet(
    "Two sums",
    "",
    (
        Problem("add", "What is 2 + 3? Answer with a number.", "5", "number"),
        Problem("mul", "What is 4 × 5? Answer with a number.", "20", "number"),
    ),
    "test",
)


def _sweep(budgets: str = "off,8", max_tokens: int | None = 12) -> SweepResult:
    return new_result(
        TWO, parse_budgets(budgets), model_path="m.gguf", sampling=GREEDY, max_tokens=max_tokens
    )


def _cell(problem_id: str = "add", budget: str = "off") -> SweepCell:
    return SweepCell(problem_id, budget, "5", "", "5", True, 0, 2, 0, 0, 0.1, "eos")


def test_the_sweeps_folder_is_in_the_data_folder(tmp_path: Path) -> None:
    paths = AppPaths.from_environment({"PONDER_HOME": str(tmp_path)})
    assert paths.sweeps == tmp_path / "data" / "sweeps"


@pytest.mark.model
def test_a_run_saves_its_file_after_every_cell_and_at_the_end(
    engine: EngineClient, tmp_path: Path
) -> None:
    folder = SweepFolder(tmp_path / "sweeps")
    sweep = folder.start(_sweep())
    assert sweep.path is not None and sweep.path.parent == folder.path
    assert not sweep.path.exists(), "the file is written at the first cell"
    on_disk_at_start: list[int] = []

    def on_start(_problem: Problem, _budget: SweepBudget) -> None:
        assert sweep.path is not None
        on_disk_at_start.append(len(load_sweep(sweep.path).cells) if sweep.path.exists() else 0)

    result = sweep.run(engine, on_start=on_start)
    assert on_disk_at_start == [0, 1, 2, 3]
    assert folder.saved() == [sweep.path]
    again = folder.load(sweep.path)
    assert again == result and again.summary() == result.summary()
    assert again.finished_at is not None and not again.cancelled and again.max_tokens == 12
    assert [p.name for p in folder.path.iterdir()] == [sweep.path.name], "no temporary file"


@pytest.mark.model
def test_a_cancelled_run_keeps_what_finished_in_its_file(
    engine: EngineClient, tmp_path: Path
) -> None:
    folder = SweepFolder(tmp_path)
    cancel = threading.Event()
    sweep = folder.start(_sweep("off,8,16"))
    result = sweep.run(engine, cancel=cancel, on_cell=lambda _cell: cancel.set())
    assert result.cancelled and len(result.cells) == 1
    assert sweep.path is not None
    saved = load_sweep(sweep.path)
    assert saved.cancelled and saved.cells == result.cells

    nothing = folder.start(_sweep())
    assert nothing.run(engine, cancel=cancel).cells == []
    assert folder.saved() == [sweep.path], "a sweep that finished no cell leaves no file"


@pytest.mark.model
def test_a_file_that_cannot_be_written_stops_the_run_or_is_reported(
    engine: EngineClient, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the sweeps folder should be", encoding="utf-8")
    folder = SweepFolder(blocked)
    with pytest.raises(SweepWriteError, match=r"could not be saved to .*not-a-folder"):
        folder.start(_sweep()).run(engine)

    reported: list[SweepWriteError] = []
    sweep = folder.start(_sweep())
    result = sweep.run(engine, on_save_error=reported.append)
    assert len(result.cells) == 4, "the sweep goes on; its results stay in memory"
    assert len(reported) == 5  # after each cell, and at the end


def test_an_unsaved_run_writes_nothing(tmp_path: Path) -> None:
    sweep = SweepRun(_sweep(), None)
    sweep.result.cells.append(_cell())
    sweep.save()
    assert list(tmp_path.iterdir()) == []


def test_saved_sweeps_are_listed_newest_first_loaded_and_deleted(tmp_path: Path) -> None:
    folder = SweepFolder(tmp_path / "sweeps")
    assert folder.saved() == []
    result = _sweep()
    path = folder.save(result)
    assert path.parent == folder.path and path.name.endswith("-two-sums.json")
    assert folder.save(result) != path, "a second save keeps the first"
    result.cells.append(_cell())
    write_sweep(result, path)  # the same file, rewritten as the sweep grows
    assert folder.load(path).cells == [_cell()]
    older = folder.path / "20200101-000000-old.json"
    older.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    second = path.with_name(path.stem + "-2.json")
    assert folder.saved() == [path, second, older]
    folder.delete(older)
    folder.delete(older)  # gone already: nothing to do
    assert older not in folder.saved() and len(folder.saved()) == 2


def test_a_damaged_file_gives_a_clear_error(tmp_path: Path) -> None:
    folder = SweepFolder(tmp_path)
    damaged = tmp_path / "20200101-000000-damaged.json"
    for damage, why in (
        ("{", "is not a saved sweep Ponder can read"),
        ('{"cells": []}', "is not a saved sweep Ponder can read"),
        ("[1, 2]", "is not a saved sweep Ponder can read"),
    ):
        damaged.write_text(damage, encoding="utf-8")
        with pytest.raises(SweepFileError, match=f"^{re.escape(damaged.name)} .*{why}"):
            folder.load(damaged)
    damaged.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(SweepFileError, match="could not be read"):
        folder.load(damaged)
    with pytest.raises(SweepFileError, match="could not be read"):
        folder.load(tmp_path / "missing.json")


def test_a_file_that_cannot_be_deleted_says_so(tmp_path: Path) -> None:
    folder = SweepFolder(tmp_path)
    stuck = tmp_path / "20200101-000000-stuck.json"
    (stuck / "inside").mkdir(parents=True)  # a folder: unlink refuses it
    with pytest.raises(SweepWriteError, match=r"Could not delete 20200101-000000-stuck\.json"):
        folder.delete(stuck)


def test_a_full_disk_leaves_the_previous_file(tmp_path: Path) -> None:
    import resource
    import signal

    result = _sweep("off")
    path = SweepFolder(tmp_path).save(result)
    before = path.read_bytes()
    result.cells.extend(
        SweepCell("add", "off", "x" * 5000, "y" * 5000, None, False, 0, 1, 0, 0, 0.1, "eos")
        for _ in range(20)
    )
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 100, hard))
    try:
        with pytest.raises(OSError):
            write_sweep(result, path)
        with pytest.raises(SweepWriteError, match="could not be saved"):
            SweepRun(result, path).save()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
