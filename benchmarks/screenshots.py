"""Screenshots of every window and dialog at several screen sizes, light and dark.

For each size the script starts its own X server (Xvfb) and window manager (openbox), so the
windows are placed, framed and maximised by a real window manager, as a person would see
them; ``--display :N`` uses a display that is already running (its own size) instead, and
``--offscreen`` uses Qt's offscreen platform with a screen of each size (no frames). Each
size and theme runs the app in a child process on a temporary ``PONDER_HOME`` (never the
person's own data), with a stored conversation instead of a model's reply: nothing has to
generate. The demo model is loaded (it is small), so the window looks as it does in use.

Shots (``<scene>_<theme>_<W>x<H>.png`` in ``--out``): the welcome page (first run), an empty
conversation with its suggestions, a conversation with a thinking trace, a code block and its
stats with the thinking panel open, the model manager on each tab, Settings, the
conversation's settings, the Budget sweep window with a finished sweep, presenter mode,
replay, Help → Keyboard shortcuts and About.

Run: ``python benchmarks/screenshots.py --out /tmp/shots`` (``--sizes 1024x640,1280x720``,
``--themes light,dark``, ``--scenes manager_catalog,settings`` for a few).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

SIZES = "1024x640,1280x720,1440x900,1920x1080"
THEMES = "light,dark"
SETTLE_MS = 600  # time for the window manager to map, frame and place a window

QUESTION = "Write a Python function that says whether a number is prime, and explain it."
THINKING = (
    "The user wants a prime test. The simplest correct way is trial division up to the square "
    "root of n: any factor larger than the root pairs with one smaller than it.\n\n"
    "Edge cases: n < 2 is not prime; 2 and 3 are prime; even numbers above 2 are not.\n"
    "So loop i from 3 to isqrt(n) in steps of 2. Wait, let me check 9: isqrt(9) = 3, and "
    "9 % 3 == 0, so it returns False. Good. And 25: isqrt is 5, 25 % 5 == 0. Good.\n\n"
    "I could mention Miller–Rabin for very large numbers, but keep the answer short."
)
ANSWER = (
    "Trial division up to the square root is enough: if *n* had a factor larger than "
    "√n, it would also have one smaller than √n.\n\n"
    "```python\nfrom math import isqrt\n\n\ndef is_prime(n: int) -> bool:\n"
    '    """True when n is a prime number."""\n    if n < 2:\n        return False\n'
    "    if n % 2 == 0:\n        return n == 2\n    for i in range(3, isqrt(n) + 1, 2):\n"
    "        if n % i == 0:\n            return False\n    return True\n```\n\n"
    "- Numbers below 2 are not prime.\n- Even numbers are prime only when they are 2.\n"
    "- Only odd divisors up to `isqrt(n)` are tried, so the loop runs about √n / 2 times.\n"
)


# ----- the parent: X servers and child processes ---------------------------------------------


def parse_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def free_display() -> int:
    """A display number no X server uses (from 40 up; helpers running beside pick others)."""
    for number in range(40, 100):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise SystemExit("No free X display number between :40 and :99.")


@contextlib.contextmanager
def x_server(width: int, height: int) -> Iterator[str]:
    """Xvfb with an openbox window manager at ``width`` × ``height``; yields the display."""
    for tool in ("Xvfb", "openbox"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (or use --offscreen or --display).")
    display = f":{free_display()}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{display[1:]}")
    deadline = time.monotonic() + 20
    while not socket.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"Xvfb did not start on {display}.")
        time.sleep(0.1)
    manager = subprocess.Popen(
        ["openbox"],
        env=dict(os.environ, DISPLAY=display),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)  # openbox takes the screen before the first window maps
    try:
        yield display
    finally:
        for process in (manager, server):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def run_child(
    out: Path, size: tuple[int, int], theme: str, scenes: str, env: dict[str, str]
) -> bool:
    command = [
        sys.executable,
        __file__,
        "--child",
        "--out",
        str(out),
        "--sizes",
        f"{size[0]}x{size[1]}",
        "--themes",
        theme,
        "--scenes",
        scenes,
    ]
    result = subprocess.run(command, env=env, check=False, timeout=600)
    return result.returncode == 0


def parent(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s]
    themes = [t for t in args.themes.split(",") if t]
    failed = []
    for size in sizes:
        for theme in themes:
            env = dict(os.environ)
            env.pop("QT_QPA_PLATFORM", None)
            with contextlib.ExitStack() as stack:
                if args.offscreen:
                    config = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "s.json"
                    screen = {"name": "shots", "x": 0, "y": 0, "width": size[0], "height": size[1]}
                    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
                    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
                elif args.display:
                    env["DISPLAY"] = args.display
                    env["QT_QPA_PLATFORM"] = "xcb"
                else:
                    env["DISPLAY"] = stack.enter_context(x_server(*size))
                    env["QT_QPA_PLATFORM"] = "xcb"
                print(f"{size[0]}x{size[1]} {theme}…", flush=True)
                if not run_child(out, size, theme, args.scenes, env):
                    failed.append(f"{size[0]}x{size[1]} {theme}")
    print(f"Screenshots in {out}" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


# ----- the child: the app, its windows, the shots --------------------------------------------


def child(args: argparse.Namespace) -> int:
    """One size and theme: builds the app on a temporary home and takes every scene."""
    width, height = parse_size(args.sizes)
    theme = args.themes
    wanted = {s for s in args.scenes.split(",") if s}
    with tempfile.TemporaryDirectory(prefix="ponder-shots-") as home:
        os.environ["PONDER_HOME"] = home
        shooter = Shooter(Path(args.out), f"{theme}_{width}x{height}", theme, wanted)
        return shooter.run()


class Shooter:
    """Builds the app as a person would find it and saves one PNG per scene."""

    def __init__(self, out: Path, suffix: str, theme: str, wanted: set[str]) -> None:
        from PySide6.QtWidgets import QApplication

        self.out = out
        self.suffix = suffix
        self.theme = theme
        self.wanted = wanted
        self.qapp = QApplication(sys.argv[:1])
        self.offscreen = self.qapp.platformName() == "offscreen"

    # ----- helpers -----------------------------------------------------------------------------

    def settle(self, ms: int = SETTLE_MS) -> None:
        from PySide6.QtTest import QTest

        QTest.qWait(ms)

    def want(self, scene: str) -> bool:
        return not self.wanted or scene in self.wanted

    def shoot(self, scene: str, widget: object) -> None:
        """The screen as it is (with the window manager's frames); offscreen, the window."""
        from PySide6.QtWidgets import QWidget

        assert isinstance(widget, QWidget)
        self.settle()
        if self.offscreen:
            pixmap = widget.window().grab()
        else:
            screen = widget.screen() or self.qapp.primaryScreen()
            pixmap = screen.grabWindow(0)
        path = self.out / f"{scene}_{self.suffix}.png"
        if not pixmap.save(str(path)):
            raise SystemExit(f"Could not write {path}.")
        print(f"  {path.name}", flush=True)

    def write_settings(self, **fields: object) -> None:
        from dataclasses import replace

        from ponder.core.paths import AppPaths
        from ponder.core.settings import Settings, load_settings, save_settings

        paths = AppPaths.from_environment().ensure()
        current = load_settings(paths.settings_file) if paths.settings_file.exists() else Settings()
        save_settings(replace(current, theme=self.theme, **fields), paths.settings_file)

    def app(self, *, load: bool) -> object:
        from ponder.ui.main import LaunchOptions, PonderApp

        app = PonderApp(self.qapp, LaunchOptions(load_model=load, n_threads=1))
        app.window.show_on_screen()  # as ui/main.py shows it: maximised on a small screen
        self.settle()
        return app

    def wait_for_hardware(self, app: object) -> None:
        from ponder.ui.main import PonderApp

        assert isinstance(app, PonderApp)
        app.library.probe_hardware()
        deadline = time.monotonic() + 30
        while app.library.hardware is None and time.monotonic() < deadline:
            self.settle(100)

    # ----- scenes ------------------------------------------------------------------------------

    def run(self) -> int:
        from ponder.ui.main import PonderApp

        self.write_settings()
        if self.want("welcome"):
            app = self.app(load=True)  # no model chosen yet: the welcome page
            assert isinstance(app, PonderApp)
            self.wait_for_hardware(app)  # the welcome page recommends a model for it
            self.shoot("welcome", app.window)
            app.shutdown()
            app.window.close()
            app.window.deleteLater()
        app = self.app(load=False)
        assert isinstance(app, PonderApp)
        demo = app.library.demo
        if demo is not None:
            app.window.use_model(str(demo), n_threads=1, remember=False)
            deadline = time.monotonic() + 60
            while not app.engine_host.ready and time.monotonic() < deadline:
                self.settle(100)
        try:
            self.scenes(app)
        finally:
            app.shutdown()
            app.window.close()
        return 0

    def scenes(self, app: object) -> None:
        from ponder.ui.main import PonderApp

        assert isinstance(app, PonderApp)
        window = app.window
        window.activateWindow()
        if self.want("empty"):
            window.new_conversation()
            self.shoot("empty", window)
        reply_id = self.store_conversation(app)
        if self.want("conversation"):
            window.set_panel_visible(True)
            self.shoot("conversation", window)
        for index, tab in enumerate(("installed", "catalog", "servers")):
            if self.want(f"manager_{tab}"):
                self.dialog(app, f"manager_{tab}", lambda i=index: self.manager(app, i))
        if self.want("settings"):
            self.dialog(app, "settings", lambda: self.settings_dialog(app))
        if self.want("conversation_settings"):
            self.dialog(
                app, "conversation_settings", lambda: window.edit_conversation_settings(None)
            )
        if self.want("shortcuts"):
            self.dialog(app, "shortcuts", lambda: self.shortcuts(app))
        if self.want("about"):
            self.dialog(app, "about", lambda: self.about(app))
        if self.want("sweep"):
            self.dialog(app, "sweep", lambda: self.sweep(app))
        if self.want("replay"):
            self.dialog(app, "replay", lambda: self.replay(app, reply_id))
        if self.want("presenter"):
            self.dialog(app, "presenter", lambda: self.presenter(app))

    def dialog(self, app: object, scene: str, opens: Callable[[], object]) -> None:
        from PySide6.QtWidgets import QWidget

        widget = opens()
        assert isinstance(widget, QWidget), scene
        widget.raise_()
        widget.activateWindow()
        self.shoot(scene, widget)
        widget.close()
        self.settle(100)

    def store_conversation(self, app: object) -> int:
        """A finished turn saved as the app saves one, then opened: the reply's thinking in
        the panel, its code block and stats under it."""
        from ponder.core.events import AnswerEvent, DoneEvent, Stats, StatsEvent, ThinkingEvent
        from ponder.core.request import GenerateRequest, Message, ThinkingControl
        from ponder.ui.main import PonderApp

        assert isinstance(app, PonderApp)
        store = app.controller.store
        conversation = store.create_conversation("Is it prime?")
        user = store.add_message(conversation.id, "user", QUESTION, parent_id=None)
        request = GenerateRequest((Message("user", QUESTION),), ThinkingControl(budget=1024))
        model = app.library.demo
        writer = store.begin_reply(
            conversation.id, user.id, request, model_path=str(model) if model else None
        )
        for event in (
            ThinkingEvent(THINKING),
            AnswerEvent(ANSWER),
            StatsEvent(
                Stats(
                    prompt_tokens=42,
                    thinking_tokens=118,
                    answer_tokens=164,
                    prompt_eval_s=0.21,
                    thinking_s=2.4,
                    answer_s=3.1,
                    first_token_s=0.25,
                    stop_reason="eos",
                )
            ),
            DoneEvent("eos"),
        ):
            writer.feed(event)
        app.window.refresh_conversations()
        app.controller.open_conversation(conversation.id)
        return writer.message_id

    def manager(self, app: object, tab: int) -> object:
        from ponder.ui.main import PonderApp
        from ponder.ui.models.manager import ModelManagerDialog

        assert isinstance(app, PonderApp)
        dialog = ModelManagerDialog(app.library, app.engine_host.model_path, app.window)
        dialog.tabs.setCurrentIndex(tab)
        dialog.show()
        self.wait_for_hardware(app)  # the fit badges wait for the hardware probe
        return dialog

    def settings_dialog(self, app: object) -> object:
        from ponder.ui.main import PonderApp
        from ponder.ui.window.settings_dialog import SettingsDialog

        assert isinstance(app, PonderApp)
        dialog = SettingsDialog(app.settings.settings, app.paths, os.cpu_count() or 1, app.window)
        dialog.show()
        return dialog

    def shortcuts(self, app: object) -> object:
        from ponder.ui.main import PonderApp
        from ponder.ui.window.shortcuts import ShortcutsDialog

        assert isinstance(app, PonderApp)
        dialog = ShortcutsDialog(app.window)
        dialog.show()
        return dialog

    def about(self, app: object) -> object:
        from ponder.ui.main import PonderApp
        from ponder.ui.window.about import about_box

        assert isinstance(app, PonderApp)
        box = about_box(app.window)
        box.show()
        return box

    def sweep(self, app: object) -> object:
        """A finished sweep of the arithmetic set at four budgets, saved and chosen."""
        from ponder.core.teaching.problems import load_problem_set
        from ponder.core.teaching.sweep import SweepCell, new_result, parse_budgets
        from ponder.ui.main import PonderApp
        from ponder.ui.sweep.window import SweepWindow

        assert isinstance(app, PonderApp)
        problems = load_problem_set("arithmetic")
        budgets = parse_budgets("off,128,512,2048")
        model = str(app.library.demo or "/models/demo.gguf")
        result = new_result(problems, budgets, model_path=model, max_tokens=None)
        for b, budget in enumerate(budgets):
            for p, problem in enumerate(problems.problems):
                correct = (p + b) % 4 != 0
                tokens = min(40 * (b + 1) * (p + 2), 2048) if budget.label != "off" else 0
                result.cells.append(
                    SweepCell(
                        problem.id,
                        budget.label,
                        "42",
                        "…",
                        "42",
                        correct,
                        tokens,
                        30 + p,
                        0,
                        0,
                        0.4 + tokens / 200,
                        "eos",
                    )
                )
        path = app.sweeps.files.save(result)
        window = app.window.teaching.open_sweeps()
        assert isinstance(window, SweepWindow)
        tips = [window.list.item(i).toolTip() for i in range(window.list.count())]
        window.list.setCurrentRow(next(i for i, tip in enumerate(tips) if str(path) in tip))
        return window

    def replay(self, app: object, reply_id: int) -> object:
        """The reply replayed up to part way through its answer."""
        from ponder.ui.main import PonderApp
        from ponder.ui.teaching.replay import ReplayWindow

        assert isinstance(app, PonderApp)
        window = app.window.teaching.open_replay(reply_id)
        assert isinstance(window, ReplayWindow)
        window.advance(3.5)
        return window

    def presenter(self, app: object) -> object:
        from ponder.ui.main import PonderApp

        assert isinstance(app, PonderApp)
        app.window.teaching.open_presenter()
        presenter = app.window.teaching.presenter
        assert presenter is not None
        return presenter


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="folder for the PNGs")
    parser.add_argument("--sizes", default=SIZES, help=f"screen sizes (default {SIZES})")
    parser.add_argument("--themes", default=THEMES, help=f"themes (default {THEMES})")
    parser.add_argument("--scenes", default="", help="only these scenes (comma-separated)")
    parser.add_argument("--display", help="an X display already running (its own size)")
    parser.add_argument("--offscreen", action="store_true", help="Qt's offscreen platform")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    return child(args) if args.child else parent(args)


if __name__ == "__main__":
    sys.exit(main())
