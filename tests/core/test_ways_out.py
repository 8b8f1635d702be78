"""Each message that ends with advice gives the advice of where it is read: the command line
its commands and options, the window its menus (``core/ways_out``). Real downloads from the
loopback hub and a real damaged SQLite file."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest

from hub_server import HubServer
from ponder.core.downloads.errors import ModelFileError
from ponder.core.downloads.hub import Hub
from ponder.core.downloads.transfer import RetryPolicy
from ponder.core.models.catalog import load_catalog
from ponder.core.models.hardware import HardwareInfo
from ponder.core.models.install import install_from_hub
from ponder.core.models.store import ModelStore
from ponder.core.phrases import Phrase
from ponder.core.storage.store import ConversationStore, DatabaseDamagedError
from ponder.core.ways_out import COMMAND_LINE, WINDOW, WaysOut
from resume_harness import FILE, REPO

QUICK = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)


def _command_line_words(text: str) -> list[str]:
    """The command line's words in ``text``: a ``ponder`` command or an option."""
    return [word for word in ("ponder ", "`ponder", " --") if word in text]


def test_the_window_words_every_way_out_without_a_command() -> None:
    for field in fields(WaysOut):
        window, command_line = getattr(WINDOW, field.name), getattr(COMMAND_LINE, field.name)
        assert isinstance(window, Phrase), field.name  # translated in the window
        assert _command_line_words(window) == [], (field.name, window)
        assert window != command_line, field.name


def _download_messages(
    hub: HubServer, store: ModelStore, tiny: HardwareInfo, ways_out: WaysOut, monkeypatch
) -> dict[str, str]:
    """What each refused or failed download says, read where ``ways_out`` says."""
    source = Hub(hub.endpoint, ways_out=ways_out)
    entry, quant = load_catalog().resolve("smollm2-135m-demo")
    drifted = replace(quant, file=FILE, sha256="ab" * 32, size=1)
    attempts = {
        "no such file": lambda: install_from_hub(store, source, REPO, "nope.gguf", retry=QUICK),
        "pin drift": lambda: install_from_hub(
            store, source, REPO, FILE, entry=entry, quant=drifted, retry=QUICK
        ),
        "too large (catalog)": lambda: install_from_hub(
            store, source, REPO, FILE, entry=entry, quant=quant, hw=tiny, retry=QUICK
        ),
        "too large (file)": lambda: install_from_hub(store, source, REPO, FILE, hw=tiny),
        "damaged download": lambda: install_from_hub(store, source, REPO, FILE, retry=QUICK),
    }
    said: dict[str, str] = {}
    for name, attempt in attempts.items():
        hub.flip_byte_at = 50_000_000 if name == "damaged download" else None
        with pytest.raises(ModelFileError) as refused:
            attempt()
        said[name] = str(refused.value)
    hub.flip_byte_at = None
    with monkeypatch.context() as offline:
        offline.setenv("HF_HUB_OFFLINE", "1")
        with pytest.raises(ModelFileError) as refused:
            install_from_hub(store, source, REPO, FILE, retry=QUICK)
        said["offline"] = str(refused.value)
    return said


def test_download_refusals_advise_each_surface_its_own_way(
    hub: HubServer,
    tmp_path: Path,
    tiny_machine: HardwareInfo,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window showed `ponder catalog check`, `ponder pack import DIR` and --force."""
    store = ModelStore(tmp_path / "models")
    command_line = _download_messages(hub, store, tiny_machine, COMMAND_LINE, monkeypatch)
    window = _download_messages(hub, store, tiny_machine, WINDOW, monkeypatch)
    for name, text in command_line.items():
        assert _command_line_words(text), (name, text)
    for name, text in window.items():
        assert _command_line_words(text) == [], (name, text)
    assert "`ponder pack import DIR`" in command_line["offline"]
    assert "Models → Import a model pack…" in window["offline"]
    assert "`ponder catalog check`" in command_line["no such file"]
    assert "--force" in command_line["too large (catalog)"]
    assert "the Catalog marks what fits" in window["too large (catalog)"]
    # The same fault is told once: only the way out differs.
    for name in window:
        assert window[name].split(".")[0] == command_line[name].split(".")[0], name


def test_a_damaged_history_advises_each_surface_its_own_way(tmp_path: Path) -> None:
    """The command line was told to restart Ponder (the window's dialog), the window to run
    `ponder conversations --recover`: each message said both."""
    path = tmp_path / "conversations.sqlite3"
    path.write_bytes(b"SQLite format 3\0" + b"\xff" * 8192)
    said = {}
    for ways_out in (COMMAND_LINE, WINDOW):
        with pytest.raises(DatabaseDamagedError) as damaged:
            ConversationStore(path, verify=True, ways_out=ways_out).close()
        said[ways_out] = str(damaged.value)
        assert damaged.value.path == path
    assert "`ponder conversations --recover`" in said[COMMAND_LINE]
    assert "Restart Ponder" not in said[COMMAND_LINE]
    assert "Restart Ponder to choose what to do" in said[WINDOW]
    assert _command_line_words(said[WINDOW]) == [], said[WINDOW]
    assert path.read_bytes().startswith(b"SQLite format 3\0")  # nothing was changed
