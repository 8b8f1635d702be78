"""Subcommands of the ``ponder`` command line, one module each.

Every module exposes ``register(subparsers)``, which adds its parser and sets
``func=run`` on it; ``run(args) -> int`` is the exit status. User mistakes raise
``ponder.commands.UserError`` (one readable line, exit 2); never a traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix: printed as one line, exit status 2."""
