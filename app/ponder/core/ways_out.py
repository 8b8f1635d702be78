"""The advice a message ends with, in the words of where the person reads it.

A message says what happened once (a server's fault, offline mode, a damaged download, a
damaged history…); what to do about it depends on where it is read: the command line names
its commands and options, the window its menus and buttons. ``COMMAND_LINE`` and ``WINDOW``
word each way out once. The caller that knows where it runs passes one to the object that
makes the message (``ServerConnection``, ``Hub``, ``ConversationStore``…), which keeps it for
the faults it meets; the command line's is every default.

The command line speaks English only, so its words are plain text; the window's are marked
for translation (``ui/translations.shown`` translates them inside the message they end).
"""

from __future__ import annotations

from dataclasses import dataclass

from ponder.core.phrases import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True)
class WaysOut:
    """One surface's ways out. ``set_key`` takes ``{name}``, the server's name."""

    # Servers (``core/servers``).
    set_key: str
    ca_file: str
    list_models: str
    give_key: str
    add_server: str
    # Downloads and the catalog (``core/downloads``, ``core/models/install``).
    bring_model: str  # offline: how a model arrives without the network
    catalog_check: str  # how to see whether the hub changed under the catalog
    catalog_drift: str  # the hub's file is not the one the catalog pins
    smaller_model: str  # a catalog model that will not run here
    download_anyway: str  # a file too large for this computer's memory
    # The conversation history (``core/storage``).
    damaged_history: str


COMMAND_LINE = WaysOut(
    set_key="Set it with `ponder servers add {name} URL --key-stdin --replace`.",
    ca_file="add it with --ca-file",
    list_models="`ponder servers check` lists its models.",
    give_key="give the key with --key-stdin instead",
    add_server="add one with `ponder servers add`",
    bring_model="bring the model on a USB stick as a model pack (`ponder pack import DIR`) "
    "or as a .gguf file (`ponder import PATH`)",
    catalog_check="`ponder catalog check` compares the catalog with the hub",
    catalog_drift="update Ponder, or run `ponder catalog check` to see what changed",
    smaller_model="Pick a smaller model or quant (`ponder models` shows what fits), or pass "
    "--force to download it anyway.",
    download_anyway="Pass --force to download it anyway.",
    damaged_history="`ponder conversations --recover` copies what can still be read into a new "
    "file (the damaged file is kept); or start Ponder's window to choose what to do: read "
    "what can still be read, restore a backup, or start a new history.",
)
WINDOW = WaysOut(
    set_key=QT_TRANSLATE_NOOP(
        "Servers", "Check the key and add the server again (Models → Servers)."
    ),
    ca_file=QT_TRANSLATE_NOOP("Servers", "give its CA file when you add it (Models → Servers)"),
    list_models=QT_TRANSLATE_NOOP("Servers", "Check (Models → Servers) lists its models."),
    give_key=QT_TRANSLATE_NOOP("Servers", "give the key in the API key field instead"),
    add_server=QT_TRANSLATE_NOOP("Servers", "add one in Models → Servers"),
    bring_model=QT_TRANSLATE_NOOP(
        "Downloads",
        "bring the model on a USB stick as a model pack (Models → Import a model pack…) or as "
        "a .gguf file (Models → Import model…)",
    ),
    catalog_check=QT_TRANSLATE_NOOP(
        "Downloads", "a newer Ponder brings a catalog checked against the hub"
    ),
    catalog_drift=QT_TRANSLATE_NOOP(
        "Downloads", "update Ponder: a newer version's catalog is checked against the hub"
    ),
    smaller_model=QT_TRANSLATE_NOOP(
        "Downloads", "Pick a smaller model or quant: the Catalog marks what fits."
    ),
    download_anyway=QT_TRANSLATE_NOOP(
        "Downloads", "Pick a smaller model in the Catalog (Models → Models…)."
    ),
    damaged_history=QT_TRANSLATE_NOOP(
        "Storage",
        "Restart Ponder to choose what to do: read what can still be read, recover it into "
        "a new file, restore a backup, or start a new history (the damaged file is kept).",
    ),
)

__all__ = ["COMMAND_LINE", "WINDOW", "WaysOut"]
