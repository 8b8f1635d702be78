"""The ``ponder`` command: the app by default, subcommands for scripted use."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ponder import __version__
from ponder.commands import UserError
from ponder.core.paths import DataFolderError

# Each entry is a module under ponder.commands exposing register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "chat",
    "ask",
    "inspect",
    "bench",
    "models",
    "download",
    "import_model",
    "catalog",
    "pack",
    "gui",
    "sweep",
    "export",
    "conversations",
    "servers",
)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="ponder",
        description="Run small distilled reasoning models locally, thinking beside the answer.",
    )
    parser.add_argument("--version", action="version", version=f"ponder {__version__}")
    from ponder.commands import gui

    gui.add_top_level_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"ponder.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the engine's child process, in a frozen (bundled) app
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        # No command: the desktop app (or its self-test).
        from ponder.commands import gui

        args.func = gui.run
    elif getattr(args, "self_test", False) and args.command != "gui":
        parser.error("--self-test is an option of `ponder` alone, not of a command")
    try:
        return int(args.func(args))
    except (UserError, DataFolderError) as exc:
        print(f"ponder: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("ponder: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
