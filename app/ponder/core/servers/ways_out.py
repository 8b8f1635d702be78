"""The advice a server message ends with, in the words of where the person reads it.

A fault or a refusal says what happened once (``connection``, ``addresses``, ``registry``);
what to do about it depends on where it is read: the command line names its commands and
options, the window its controls. The caller that knows which passes ``COMMAND_LINE`` or
``WINDOW`` (a ``ServerConnection`` carries it for the faults of its requests).
"""

from __future__ import annotations

from dataclasses import dataclass

from ponder.core.phrases import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True)
class WaysOut:
    """One surface's ways out. ``set_key`` takes ``{name}``, the server's name."""

    set_key: str
    ca_file: str
    list_models: str
    give_key: str
    add_server: str


COMMAND_LINE = WaysOut(
    set_key="Set it with `ponder servers add {name} URL --key-stdin --replace`.",
    ca_file="add it with --ca-file",
    list_models="`ponder servers check` lists its models.",
    give_key="give the key with --key-stdin instead",
    add_server="add one with `ponder servers add`",
)
WINDOW = WaysOut(
    set_key=QT_TRANSLATE_NOOP(
        "Servers", "Check the key and add the server again (Models → Servers)."
    ),
    ca_file=QT_TRANSLATE_NOOP("Servers", "give its CA file when you add it (Models → Servers)"),
    list_models=QT_TRANSLATE_NOOP("Servers", "Check (Models → Servers) lists its models."),
    give_key=QT_TRANSLATE_NOOP("Servers", "give the key in the API key field instead"),
    add_server=QT_TRANSLATE_NOOP("Servers", "add one in Models → Servers"),
)

__all__ = ["COMMAND_LINE", "WINDOW", "WaysOut"]
