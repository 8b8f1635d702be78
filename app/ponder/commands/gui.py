"""The desktop app from the command line: ``ponder`` (no command), ``ponder gui``, and
``ponder --self-test [--model PATH] [--screenshot FILE]``.

PySide6 is imported only when the app actually starts, so the other commands (``ponder ask``)
never load Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ponder.commands import UserError


def add_top_level_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``ponder`` itself (used when no command is given)."""
    group = parser.add_argument_group("the desktop app (when no command is given)")
    group.add_argument(
        "--self-test",
        action="store_true",
        help="open the window, send one prompt through the real engine, check that the "
        "thinking and the answer arrived, and exit (0: it works)",
    )
    group.add_argument(
        "--model",
        dest="app_model",
        metavar="PATH",
        help="the GGUF to use for this run (default: the last one used; for --self-test: "
        "the built-in demo model)",
    )
    group.add_argument(
        "--screenshot", metavar="FILE", help="with --self-test: save the window as a PNG"
    )


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "gui", help="open the desktop app (what `ponder` alone does)", description=__doc__
    )
    parser.add_argument("--model", dest="app_model", metavar="PATH", help="GGUF to use")
    parser.set_defaults(func=run, self_test=False, screenshot=None)


def run(args: argparse.Namespace) -> int:
    model = getattr(args, "app_model", None)
    screenshot = getattr(args, "screenshot", None)
    if getattr(args, "self_test", False):
        from ponder.ui.self_test import run_self_test

        return run_self_test(model=model, screenshot=screenshot)
    if screenshot:
        raise UserError("--screenshot goes with --self-test")
    if (
        sys.platform.startswith("linux")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        and "QT_QPA_PLATFORM" not in os.environ
    ):
        raise UserError(
            "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
            "Use `ponder chat` in a terminal, or run the app where there is a desktop."
        )
    from ponder.ui.system_libraries import missing_libraries_message

    missing = missing_libraries_message()
    if missing:
        raise UserError(missing)
    try:
        from ponder.ui.main import LaunchOptions
        from ponder.ui.main import run as run_app
    except ImportError as exc:
        raise UserError(
            f"the desktop app cannot start: {exc}. Reinstall Ponder (PySide6 is missing), or "
            "use the terminal commands (`ponder chat`, `ponder ask`)."
        ) from None
    return run_app(LaunchOptions(model=model))
