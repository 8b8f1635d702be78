"""The Budget sweep window on the real engine (SmolLM2): queue, run, grid, chart, save.

Runs are capped at a few dozen tokens so each generation takes well under a second. Set
PONDER_SCREENSHOTS to a folder to keep screenshots of the window.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_driving import TURN_TIMEOUT_MS, AppFactory
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cli_runner import run_ponder
from ponder.core.events import LoadedEvent
from ponder.core.request import LoadRequest, Sampling
from ponder.core.teaching.problems import single_problem
from ponder.core.teaching.sweep import parse_budgets
from ponder.core.teaching.sweep_files import load_sweep
from ponder.core.trace import tokens_text
from ponder.ui.main import LaunchOptions, PonderApp
from ponder.ui.sweep.window import SweepWindow

SCREENS = os.environ.get("PONDER_SCREENSHOTS")
PROBLEMS = """
name = "Tiny checks"

[[problem]]
id = "add"
question = "What is 2 + 3? Answer with a number."
answer = "5"

[[problem]]
id = "compare"
question = "Is 9 greater than 4? Answer yes or no."
answer = "yes"
"""


def _grab(widget: QWidget, name: str) -> None:
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SCREENS) / name))


def _sweep_window(app: PonderApp, tmp_path: Path, budgets: str = "off,16") -> SweepWindow:
    window = app.window.teaching.open_sweeps()
    assert isinstance(window, SweepWindow)
    problems = tmp_path / "tiny.toml"
    problems.write_text(PROBLEMS, encoding="utf-8")
    assert window.setup.open_file(str(problems))
    window.setup.budgets.setText(budgets)
    window.setup.max_tokens.setValue(24)
    return window


def test_a_queued_sweep_fills_the_grid_and_chart_and_is_saved(
    make_app: AppFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    app = make_app()
    window = _sweep_window(app, tmp_path)
    window.setup.queue_button.click()
    queued = app.sweeps.sweeps[0]
    assert queued.state == "running"
    # While the sweep has the model, the chat waits (and says why) instead of interleaving.
    with qtbot.waitSignal(app.controller.error_raised) as refused:
        assert not app.controller.send("Hello?")
    assert "budget sweep" in refused.args[0]
    status = app.window.teaching.sweep_status
    assert status.isVisibleTo(app.window) and status.text().startswith("▶ Sweep ")
    qtbot.waitUntil(lambda: queued.state == "done", timeout=TURN_TIMEOUT_MS)
    assert app.engine_host.holder is None
    assert not app.window.teaching.sweep_status.isVisibleTo(app.window)
    grid = window.grid
    assert grid.columnCount() == 2 and grid.rowCount() == 2 + 2  # problems + accuracy, tokens
    for row in range(2):
        for column in range(2):
            text = grid.item(row, column).text()
            assert text[0] in "✓✗·⚠" and "tokens" in text, text
    # Thinking off means no thinking tokens; the budget of 16 caps the thinking.
    result = window.chosen_result()
    assert result is not None and len(result.cells) == 4
    assert all(c.thinking_tokens == 0 for c in result.cells if c.budget == "off")
    assert all(c.thinking_tokens <= 16 for c in result.cells if c.budget == "16")
    assert [row.budget for row in result.summary()] == ["off", "16"]
    assert "%" in grid.item(2, 0).text() or grid.item(2, 0).text().startswith("—")
    # The file on disk is the same sweep (saved as it ran, then at the end).
    assert queued.path is not None and queued.path.is_file()
    saved = load_sweep(queued.path)
    assert len(saved.cells) == 4 and not saved.cancelled
    assert saved.model_path == app.engine_host.model_path
    # A cell's detail shows its question, key and the model's words.
    grid.setCurrentCell(0, 1)
    detail = window.detail.toPlainText()
    assert "What is 2 + 3?" in detail and "Key: 5" in detail
    # Export: HTML with the chart embedded, and Markdown.
    page = window.export(str(tmp_path / "sweep.html"))
    assert page is not None
    html = page.read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "Tiny checks" in html
    assert window.export(str(tmp_path / "sweep.md")) is not None
    pdf = window.export(str(tmp_path / "sweep.pdf"))
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF-")
    assert re.search(rb"/Subtype\s*/Image", pdf.read_bytes()), "the chart is in the PDF"
    # The chat has the model again.
    qtbot.waitUntil(lambda: not app.controller.busy)
    assert app.controller.send("Hi")
    qtbot.waitUntil(lambda: not app.controller.busy, timeout=TURN_TIMEOUT_MS)
    window.resize(1280, 720)
    _grab(window, "sweep-window.png")


def test_an_off_cell_under_way_counts_its_answer_tokens(
    make_app: AppFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    """Thinking off: the model answers at once, so the live cell says "answering…" and counts
    the answer's tokens (it read "thinking… 0 tokens" for the whole generation)."""
    app = make_app()
    window = _sweep_window(app, tmp_path, budgets="off")
    seen: list[tuple[str, int]] = []

    def record(_sweep_id: int) -> None:
        queued = app.sweeps.sweeps[0]
        if queued.current is not None:
            item = window.grid.item(0 if queued.current[0] == "add" else 1, 0)
            seen.append((item.text(), queued.tokens))

    app.sweeps.sweep_updated.connect(record)
    window.setup.queue_button.click()
    queued = app.sweeps.sweeps[0]
    qtbot.waitUntil(lambda: queued.state == "done", timeout=TURN_TIMEOUT_MS)
    live = [(text, tokens) for text, tokens in seen if tokens > 0]
    assert live, seen
    assert all(text == f"answering…\n{tokens_text(tokens)}" for text, tokens in live), live


def test_the_max_tokens_of_the_form_caps_every_run(
    make_app: AppFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    """The window's "Max tokens" reaches every generation of the sweep, not just its file."""
    app = make_app()
    window = _sweep_window(app, tmp_path, budgets="off,16")
    wordy = tmp_path / "wordy.toml"
    wordy.write_text(
        'name = "Wordy"\n[[problem]]\nid = "decimals"\n'
        'question = "Which is larger, 9.11 or 9.9?"\nanswer = "9.9"\n',
        encoding="utf-8",
    )
    assert window.setup.open_file(str(wordy))
    window.setup.max_tokens.setValue(12)
    window.setup.queue_button.click()
    queued = app.sweeps.sweeps[0]
    qtbot.waitUntil(lambda: queued.state == "done", timeout=TURN_TIMEOUT_MS)
    assert queued.result is not None and queued.result.max_tokens == 12
    cells = queued.result.cells
    assert [c.budget for c in cells] == ["off", "16"]
    assert all(c.error is None and c.thinking_tokens + c.answer_tokens <= 12 for c in cells)
    assert any(c.done_reason == "max_tokens" for c in cells)
    assert queued.path is not None and load_sweep(queued.path).cells == cells


def test_stop_keeps_the_finished_cells_and_the_next_sweep_runs(
    make_app: AppFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    app = make_app()
    window = _sweep_window(app, tmp_path, budgets="off,8,16,32")
    window.setup.queue_button.click()
    window.setup.budgets.setText("off")
    window.setup.queue_button.click()
    first, second = app.sweeps.sweeps
    assert (first.state, second.state) == ("running", "queued")
    assert "waiting" in second.status_text
    qtbot.waitUntil(lambda: len(first.cells) >= 1, timeout=TURN_TIMEOUT_MS)
    window.shown = ("queue", first.id)
    window.stop_button.click()
    qtbot.waitUntil(lambda: first.state == "cancelled", timeout=TURN_TIMEOUT_MS)
    assert first.result is not None and first.result.cancelled
    kept = len(first.result.cells)
    assert 1 <= kept < first.job.total
    assert first.path is not None and len(load_sweep(first.path).cells) == kept
    # The queue goes on with the next sweep.
    qtbot.waitUntil(lambda: second.state == "done", timeout=TURN_TIMEOUT_MS)
    assert second.result is not None and len(second.result.cells) == 2


def test_form_mistakes_are_explained_and_nothing_is_queued(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(load=False)
    window = app.window.teaching.open_sweeps()
    assert isinstance(window, SweepWindow)
    setup = window.setup
    setup.budgets.setText("off, lots")
    assert not setup.submit()
    assert setup.error.isVisibleTo(window) and "'lots' is not a budget" in setup.error.text()
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\n[[problem]]\nquestion = "Q?"\n', encoding="utf-8")
    assert not setup.open_file(str(broken))
    assert "the answer is missing" in setup.error.text()
    setup.problems.setCurrentIndex(setup.problems.findData("typed"))
    setup.budgets.setText("off,64")
    assert not setup.submit()
    assert "Type the question" in setup.error.text()
    assert app.sweeps.sweeps == []
    # With a question typed it queues, and waits for a model (none is loaded).
    setup.question.setPlainText("What is 6 × 7?")
    setup.key.setText("42")
    assert setup.submit()
    (queued,) = app.sweeps.sweeps
    assert queued.state == "queued" and queued.job.problems.problems[0].answer == "42"
    assert "waits for a model" in window.status.text()


def test_saved_sweeps_are_listed_and_a_damaged_file_is_explained(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ponder.core.request import Sampling
    from ponder.core.teaching.problems import load_problem_set
    from ponder.core.teaching.sweep import SweepCell, new_result

    app = make_app(load=False)
    result = new_result(
        load_problem_set("arithmetic"),
        parse_budgets("off,256"),
        model_path="/models/m.gguf",
        sampling=Sampling(temperature=0.0, seed=0),
        max_tokens=None,
    )
    problem = result.problems[0]
    result.cells.append(SweepCell(problem.id, "off", "12", "", "12", True, 0, 3, 0, 0, 0.5, "eos"))
    good = app.sweeps.files.save(result)
    damaged = app.sweeps.files.path / "20250101-000000-damaged.json"
    damaged.write_text("{not json", encoding="utf-8")
    window = app.window.teaching.open_sweeps()
    assert isinstance(window, SweepWindow)
    names = [window.list.item(i).text() for i in range(window.list.count())]
    tips = [window.list.item(i).toolTip() for i in range(window.list.count())]
    # Listed by what they are and when, in words and characters every font has (the file
    # name and a "💾" drew as a raw name and a missing-glyph box); the file is in the tooltip.
    assert "Saved: Damaged · 1 Jan 2025, 00:00" in names
    assert any(n.startswith("Saved: Arithmetic") for n in names), names
    assert all(ord(c) < 0x2600 for n in names for c in n), names
    assert any(str(good) in t for t in tips) and any(str(damaged) in t for t in tips)
    window.list.setCurrentRow(next(i for i, t in enumerate(tips) if str(good) in t))
    assert window.grid.item(0, 0).text().startswith("✓ 12")
    # The setup on the left shows how the saved sweep was set up (it kept its defaults).
    assert window.setup.budgets.text() == "off,256"
    assert window.setup.max_tokens.value() == 0
    assert "from a saved sweep" in window.setup.problems.currentText()
    # Run again: the saved sweep's problems, budgets and sampling, queued for the model now.
    assert window.again_button.isEnabled()
    assert window.run_again()
    again = app.sweeps.sweeps[-1]
    assert again.state == "queued"  # no model is loaded in this test: it waits
    assert [b.label for b in again.job.budgets] == ["off", "256"]
    assert again.job.problems.problems == tuple(result.problems)
    assert again.job.sampling == result.sampling
    tips = [window.list.item(i).toolTip() for i in range(window.list.count())]
    window.list.setCurrentRow(next(i for i, t in enumerate(tips) if str(damaged) in t))
    assert "is not a saved sweep Ponder can read" in window.status.text()
    assert window.grid.rowCount() == 0
    assert not window.again_button.isEnabled()
    # A saved sweep's file can be deleted from the list (after a question).
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    assert window.remove_button.isEnabled()
    window.remove_button.click()
    assert not damaged.exists() and good.exists()
    tips = [window.list.item(i).toolTip() for i in range(window.list.count())]
    assert not any(str(damaged) in t for t in tips)


@pytest.mark.parametrize("theme", ["light"])
def test_sweep_window_fits_a_projector(make_app: AppFactory, theme: str) -> None:
    app = make_app(load=False)
    window = app.window.teaching.open_sweeps()
    assert isinstance(window, SweepWindow)
    window.resize(1280, 720)
    assert window.grid.isVisible() and window.chart.isVisible()


def test_a_killed_engine_costs_one_cell_and_the_sweep_goes_on(
    make_app: AppFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    import signal

    app = make_app()
    window = _sweep_window(app, tmp_path, budgets="off,16")
    window.setup.max_tokens.setValue(200)
    window.setup.queue_button.click()
    queued = app.sweeps.sweeps[0]
    qtbot.waitUntil(lambda: queued.current is not None, timeout=TURN_TIMEOUT_MS)
    pid = app.engine.pid  # type: ignore[attr-defined]
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: queued.state == "done", timeout=TURN_TIMEOUT_MS)
    result = queued.result
    assert result is not None and len(result.cells) == 4
    failed = [c for c in result.cells if c.error]
    assert len(failed) == 1 and "stopped unexpectedly" in (failed[0].error or "")
    assert failed[0].done_reason == "error"
    assert failed[0].correct is None, "a failed run is not judged a wrong answer"
    summary = {row.budget: row for row in result.summary()}
    assert summary[failed[0].budget].judged == 1
    # The engine came back (restarted with the model) for the runs after it.
    assert all(c.done_reason in {"eos", "max_tokens"} for c in result.cells if not c.error)
    assert app.engine.pid not in (None, pid)  # type: ignore[attr-defined]
    row, column = next(
        (r, c) for r in range(2) for c in range(2) if window.grid.item(r, c).text().startswith("⚠")
    )
    assert "error" in window.grid.item(row, column).text()


class _BrokenEngine:
    """Loads, then cannot generate at all (as when the engine process cannot start)."""

    def load(self, request: object) -> Iterator[object]:
        yield LoadedEvent("m.gguf", "generic", 4096, 4096, False, 0, "CPU", None, None)

    def generate(self, request: object) -> Iterator[object]:
        raise RuntimeError("no engine process")
        yield  # a generator

    def cancel(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_a_sweep_the_engine_cannot_run_is_marked_failed(qapp: object, qtbot: QtBot) -> None:
    app = PonderApp(
        qapp,  # type: ignore[arg-type]
        LaunchOptions(load_model=False),
        engine=_BrokenEngine(),  # type: ignore[arg-type]
    )
    try:
        app.engine_host.load_model(LoadRequest("m.gguf"))
        qtbot.waitUntil(lambda: app.engine_host.ready)
        queued = app.sweeps.add(
            single_problem("2 + 2?", "4"), parse_budgets("off"), sampling=Sampling(), max_tokens=8
        )
        qtbot.waitUntil(lambda: queued.state not in ("queued", "running"))
        assert queued.state == "failed" and "no engine process" in queued.message
        assert app.engine_host.holder is None  # the chat is free again
    finally:
        app.shutdown()
        app.window.close()


def test_two_saved_sweeps_are_drawn_side_by_side(make_app: AppFactory) -> None:
    from ponder.core.teaching.problems import load_problem_set
    from ponder.core.teaching.sweep import SweepCell, new_result

    app = make_app(load=False)
    problems = load_problem_set("arithmetic")
    paths = []
    for model, verdicts in (
        ("/m/Small-1.5B.gguf", (False, True)),
        ("/m/Big-7B.gguf", (True, True)),
    ):
        result = new_result(problems, parse_budgets("off,256"), model_path=model, max_tokens=None)
        for budget, correct in zip(("off", "256"), verdicts, strict=True):
            result.cells.append(
                SweepCell(
                    problems.problems[0].id, budget, "", "", "1", correct, 9, 1, 0, 0, 1.0, "eos"
                )
            )
        paths.append(app.sweeps.files.save(result))
    window = app.window.teaching.open_sweeps()
    assert isinstance(window, SweepWindow)
    window.shown = ("file", str(paths[0]))
    window.refresh_list()
    assert window.chart.current_comparison_layout() is None
    assert window.compare_with(("file", str(paths[1])))
    layout = window.chart.current_comparison_layout()
    assert layout is not None and len(layout.pairs) == 2
    legend = " ".join(window.chart.legend_texts())
    assert "Small-1.5B" in legend and "Big-7B" in legend
    window.resize(1280, 720)
    _grab(window, "sweep-compare.png")
    # The choice stays while the list is redrawn; "nothing" goes back to one sweep.
    window.refresh_list()
    assert window.chart.current_comparison_layout() is not None
    assert window.compare_with(None)
    assert window.chart.current_comparison_layout() is None


def test_a_sweep_of_every_thinking_option_reads_the_same_after_a_restart(
    make_app: AppFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    """#13 item 6 with every kind of budget (off, a number, unlimited, waitK): the live grid,
    then the saved file in a new app on the same data folder: its name in the list, the
    grid as it was, and the setup fields as the sweep was set up."""
    app = make_app()
    window = _sweep_window(app, tmp_path, budgets="off,12,unlimited,wait1")
    window.setup.temperature.setValue(0.3)
    window.setup.seed.setValue(77)
    window.setup.queue_button.click()
    queued = app.sweeps.sweeps[0]
    qtbot.waitUntil(lambda: queued.state == "done", timeout=TURN_TIMEOUT_MS)
    live = [
        [window.grid.item(row, column).text() for column in range(4)]
        for row in range(window.grid.rowCount())
    ]
    assert all(text and "0 tokens" not in text.split("\n")[0] for text in live[0]), live
    result = window.chosen_result()
    assert result is not None and len(result.cells) == 8
    assert all(c.error is None for c in result.cells), result.cells
    path = queued.path
    assert path is not None
    app.shutdown()
    app.window.close()

    again = make_app(load=False)
    window = again.window.teaching.open_sweeps()
    assert isinstance(window, SweepWindow)
    tips = [window.list.item(i).toolTip() for i in range(window.list.count())]
    names = [window.list.item(i).text() for i in range(window.list.count())]
    row = next(i for i, t in enumerate(tips) if str(path) in t)
    assert names[row].startswith("Saved: Tiny checks"), names
    assert all(ord(c) < 0x2600 for c in names[row]) and path.name not in names[row]
    window.list.setCurrentRow(row)
    reloaded = [
        [window.grid.item(r, column).text() for column in range(4)]
        for r in range(window.grid.rowCount())
    ]
    assert reloaded == live
    assert window.setup.budgets.text() == "off,12,unlimited,wait1"
    assert window.setup.max_tokens.value() == 24
    assert window.setup.temperature.value() == pytest.approx(0.3)
    assert window.setup.seed.value() == 77


def test_a_runs_detail_offers_no_greyed_link_entry(make_app: AppFactory) -> None:
    """A cell's words have no links: Qt's "Copy Link Location" was always greyed out there."""
    app = make_app(load=False)
    window = app.window.teaching.open_sweeps()
    assert isinstance(window, SweepWindow)
    window.detail.setHtml("<p>What is 2 + 3?</p><p>The answer is 5.</p>")
    menu = window.detail.createStandardContextMenu()
    entries = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    assert any(e.startswith("Copy") for e in entries), entries
    assert not any("Link" in e for e in entries), entries


def _choose_saved(window: SweepWindow, path: Path) -> None:
    window.refresh_list()
    tips = [window.list.item(i).toolTip() for i in range(window.list.count())]
    window.list.setCurrentRow(next(i for i, tip in enumerate(tips) if str(path) in tip))


@pytest.mark.model
def test_the_form_shows_a_command_line_sweeps_sampling_and_what_an_unset_value_means(
    make_app: AppFactory, smollm2_path: Path
) -> None:
    """A sweep file's temperature and seed as ``ponder sweep`` wrote them (its defaults are
    greedy, seed 0; here given), and a file that leaves them unset: the form showed greedy,
    seed 0 for it and "Run again" queued that, and dropped the file's other sampling (top-p)."""
    made = run_ponder(
        "sweep", "--model", str(smollm2_path), "--threads", "2", "--ctx", "512",
        "--budgets", "off", "--max-tokens", "6", "--temperature", "0.7", "--seed", "42",
        "--json", "What is 2 + 3?",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    saved = Path(json.loads(made.stdout)["saved_to"])
    assert load_sweep(saved).sampling == Sampling(temperature=0.7, seed=42)
    app = make_app(load=False)
    window = app.window.teaching.open_sweeps()
    assert isinstance(window, SweepWindow)
    _choose_saved(window, saved)
    assert window.setup.temperature.temperature() == pytest.approx(0.7)
    assert window.setup.seed.value() == 42
    window.setup.temperature.set_temperature(0.0)  # the command line's default
    assert window.setup.temperature.text() == "0 (greedy: the same every time)"
    assert window.setup.temperature.temperature() == 0.0

    # The same file with its temperature and seed unset (as an older or hand-written file
    # has them), and a top-p the form does not show.
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["sampling"] = {"top_p": 0.9}
    unset = saved.with_name("20300101-000000-unset.json")
    unset.write_text(json.dumps(data), encoding="utf-8")
    _choose_saved(window, unset)
    assert window.setup.temperature.temperature() is None
    assert window.setup.temperature.text() == "the model's recommendation"
    assert window.setup.seed.text() == "random (a new seed each run)"
    assert window.run_again()
    assert app.sweeps.sweeps[-1].job.sampling == Sampling(top_p=0.9)
