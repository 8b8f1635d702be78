"""The user's settings: one frozen dataclass, every default declared once, saved as JSON.

The file (``AppPaths.settings_file``) may be edited by hand. Loading never fails because of
it: unknown keys are ignored, a value of the wrong type or out of range falls back to its
default (each with a logged warning), and a file that is not JSON at all is moved aside to
``settings.json.corrupt`` so the next save does not destroy what the user wrote. Saving is
atomic: a crash or a full disk leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
import types
import typing
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ponder.core.bounded_files import UnreadableFileError, parse_json, read_bounded_text
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.request import (
    CONTEXT_RANGE,
    DEFAULT_STOP_MESSAGE,
    MAX_WAITS_RANGE,
    STOP_MESSAGE_PRESETS,
    THREADS_RANGE,
    LoadRequest,
    ThinkingControl,
)

log = logging.getLogger(__name__)

SETTINGS_MAX_BYTES = 1024 * 1024  # the file is a few kilobytes; more is not a settings file

Theme = Literal["system", "light", "dark"]
# The window's language: the system's, or one Ponder has a translation for (English is the
# source; resources/translations/ holds the others).
Language = Literal["system", "en", "de"]
BudgetPreset = Literal["off", "quick", "standard", "deep", "unlimited", "custom"]

# Thinking budget presets (tokens; None = unlimited). "custom" uses custom_thinking_budget.
THINKING_BUDGET_PRESETS: dict[str, int | None] = {
    "off": 0,
    "quick": 256,
    "standard": 1024,
    "deep": 4096,
    "unlimited": None,
}
CUSTOM = "custom"

# Defaults that the engine's request types already declare are taken from them, not repeated.
_LOAD = LoadRequest(model_path="")
_THINK = ThinkingControl()


class SettingsError(Exception):
    """The settings could not be saved; the message is written for the user."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user can set. Change it with ``replace``; save with ``save_settings``.

    ``None`` means "automatic" or "not set" where a field allows it.
    """

    # The model and how it runs.
    threads: int | None = _LOAD.n_threads  # None: the physical cores
    gpu_layers: int = _LOAD.gpu_layers  # -1: all that fit ("auto"), 0: CPU only
    context_size: int = _LOAD.n_ctx
    models_folder: str | None = None  # None: AppPaths.models
    last_model_path: str | None = None
    # Speculative decoding (drafts from the context, verified in one batch; same output).
    speculative_decoding: bool = _LOAD.speculate
    # While speculating, let the catalog's small draft model of the same tokenizer draft too,
    # when it is installed and memory allows (core.models.load_policy picks it).
    use_draft_model: bool = True
    # Reasoning control, the defaults of the composer's thinking budget.
    thinking_budget: BudgetPreset = "standard"
    custom_thinking_budget: int = 2048
    min_thinking_tokens: int = _THINK.min_tokens
    # Whether the minimum thinking outlives a restart; unless asked, it lasts one session.
    keep_min_thinking: bool = False
    wait_text: str = _THINK.wait_text
    max_waits: int = _THINK.max_waits
    stop_message: str = DEFAULT_STOP_MESSAGE  # a key of STOP_MESSAGE_PRESETS, or "custom"
    custom_stop_message: str = ""
    auto_open_thinking_panel: bool = True  # open the chain-of-thought panel while thinking
    # Custom think tags for a model whose family Ponder does not know; used when both are set.
    custom_think_open: str = ""
    custom_think_close: str = ""
    # Appearance and window.
    theme: Theme = "system"
    language: Language = "system"  # used from the next start
    font_size: int | None = None  # points; None: the system's
    window_geometry: str | None = None  # opaque (Qt's saveGeometry, base64)
    # The main splitter's sizes as proportions ("0.2000,0.4700,0.3300"), so that a layout
    # saved on a large screen opens sensibly on a small one; anything else is ignored.
    window_state: str | None = None

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            problem = _problem(field.name, value)
            if problem:
                raise ValueError(f"setting {field.name} = {value!r}: {problem}")

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes``; raises ValueError for an unknown name or a bad value."""
        return dataclasses.replace(self, **changes)

    @property
    def thinking_budget_tokens(self) -> int | None:
        """The budget in tokens (0: thinking off, None: unlimited)."""
        if self.thinking_budget == CUSTOM:
            return self.custom_thinking_budget
        return THINKING_BUDGET_PRESETS[self.thinking_budget]

    @property
    def stop_message_text(self) -> str:
        """The early-stop text injected when the budget is spent ("" injects only the tag)."""
        if self.stop_message == CUSTOM:
            return self.custom_stop_message
        return STOP_MESSAGE_PRESETS[self.stop_message]

    @property
    def custom_think_tags(self) -> tuple[str, str] | None:
        """The custom (start, end) think tags, or None unless both are set and usable."""
        try:
            return think_tags(self.custom_think_open, self.custom_think_close)
        except ValueError:
            return None

    def thinking_control(self) -> ThinkingControl:
        """The default thinking control for a new turn, from these settings."""
        return ThinkingControl(
            budget=self.thinking_budget_tokens,
            min_tokens=self.min_thinking_tokens,
            max_waits=self.max_waits,
            wait_text=self.wait_text,
            stop_message=self.stop_message_text,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every setting."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "settings") -> Settings:
        """Settings from a (hand-edited) dict: unknown keys and bad values are skipped with
        a logged warning, so the result always holds; ``source`` names the file in warnings."""
        names = {field.name for field in dataclasses.fields(cls)}
        accepted: dict[str, Any] = {}
        for key, value in data.items():
            if key not in names:
                log.warning("%s: ignoring unknown setting %r", source, key)
                continue
            problem = _problem(key, value)
            if problem:
                log.warning("%s: %s = %r %s; using the default", source, key, value, problem)
                continue
            accepted[key] = value
        if not accepted.get("keep_min_thinking", False):
            accepted.pop("min_thinking_tokens", None)  # a minimum lasts one session
        return cls(**accepted)


MAX_THINK_TAG_CHARS = 64


def think_tags(start: str, end: str) -> tuple[str, str] | None:
    """Custom think tags as the user typed them: None when both are empty (the family's own),
    the pair when both are set, different and short; otherwise ValueError, in words."""
    if not start.strip() and not end.strip():
        return None
    if not start.strip() or not end.strip():
        raise ValueError(
            QT_TRANSLATE_NOOP(
                "Settings", "Give both think tags, the start and the end, or neither."
            )
        )
    if start == end:
        raise ValueError(QT_TRANSLATE_NOOP("Settings", "The start and end think tags must differ."))
    if max(len(start), len(end)) > MAX_THINK_TAG_CHARS:
        raise ValueError(
            QT_TRANSLATE_NOOP(
                "Settings", "A think tag can be at most {limit} characters long."
            ).format(limit=MAX_THINK_TAG_CHARS)
        )
    return start, end


# ----- validation ----------------------------------------------------------------------------
# Written by hand because the usual libraries (pydantic, cattrs) reject a whole object on the
# first bad field; a hand-edited settings file must instead keep every field that is fine.

_HINTS = typing.get_type_hints(Settings)

# No model has this many layers; far below the C int that llama.cpp takes.
MAX_GPU_LAYERS = 100_000

_RANGES: dict[str, Callable[[Any], bool]] = {
    "threads": lambda v: v is None or THREADS_RANGE[0] <= v <= THREADS_RANGE[1],
    "gpu_layers": lambda v: -1 <= v <= MAX_GPU_LAYERS,
    "context_size": lambda v: CONTEXT_RANGE[0] <= v <= CONTEXT_RANGE[1],
    # A turn's thinking cannot outgrow the largest context.
    "custom_thinking_budget": lambda v: 1 <= v <= CONTEXT_RANGE[1],
    "min_thinking_tokens": lambda v: 0 <= v <= CONTEXT_RANGE[1],
    "max_waits": lambda v: MAX_WAITS_RANGE[0] <= v <= MAX_WAITS_RANGE[1],
    "stop_message": lambda v: v == CUSTOM or v in STOP_MESSAGE_PRESETS,
    "font_size": lambda v: v is None or 6 <= v <= 72,
    "custom_think_open": lambda v: len(v) <= MAX_THINK_TAG_CHARS,
    "custom_think_close": lambda v: len(v) <= MAX_THINK_TAG_CHARS,
}


def _fits(value: Any, hint: Any) -> bool:
    """Whether a JSON value has the type ``hint`` (int, str, bool, None, unions, Literal)."""
    origin = typing.get_origin(hint)
    if origin is Literal:
        return any(type(value) is type(a) and value == a for a in typing.get_args(hint))
    if origin in (types.UnionType, typing.Union):
        return any(_fits(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is int:  # bool is an int to Python, not to a user
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def _problem(name: str, value: Any) -> str:
    """Why ``value`` cannot be the setting ``name`` ("" if it can)."""
    hint = _HINTS[name]
    if not _fits(value, hint):
        if typing.get_origin(hint) is Literal:
            return "is not one of " + ", ".join(repr(a) for a in typing.get_args(hint))
        return "has the wrong type"
    if isinstance(value, str):
        # JSON can spell a lone surrogate (\ud800): it loads, but no UTF-8 file can hold it.
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "is not valid text"
        if name in _PATHS and "\0" in value:
            return "is not a valid path"
    check = _RANGES.get(name)
    if check is not None and not check(value):
        return "is out of range"
    return ""


_PATHS = frozenset({"models_folder", "last_model_path"})


# ----- the file ------------------------------------------------------------------------------


def load_settings(path: Path) -> Settings:
    """The settings in ``path``; the defaults if it is missing or unreadable (never raises)."""
    try:
        data = parse_json(read_bounded_text(path, SETTINGS_MAX_BYTES), str(path))
        if not isinstance(data, dict):
            raise UnreadableFileError(f"{path} does not hold a JSON object")
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        log.warning("could not read the settings file %s (%s); using the defaults", path, exc)
        return Settings()
    except UnreadableFileError as exc:
        if not path.is_file():  # a pipe or a device where the file was: nothing to keep aside
            log.warning("%s; using the defaults", exc)
            return Settings()
        aside = path.with_name(path.name + ".corrupt")
        try:
            os.replace(path, aside)
            kept = f"moved it to {aside}"
        except OSError:
            kept = "left it in place"
        log.warning(
            "the settings file %s is not valid (%s); %s and using defaults", path, exc, kept
        )
        return Settings()
    return Settings.from_dict(data, source=str(path))


def save_settings(settings: Settings, path: Path) -> None:
    """Writes ``settings`` to ``path`` atomically: a temporary file in the same folder,
    flushed to disk, then renamed over the old file. Raises SettingsError if it cannot."""
    # Hand-written: `atomicwrites`, the library that did this, is archived.
    text = json.dumps(settings.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    temp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise SettingsError(
            QT_TRANSLATE_NOOP(
                "Settings",
                "Could not save the settings to {path}: {problem}. Your previous settings are "
                "unchanged; check that the folder is writable and the disk has space.",
            ).format(path=path, problem=exc.strerror or exc)
        ) from exc
    finally:
        if temp is not None:
            with suppress(OSError):
                os.unlink(temp)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Makes a rename in ``folder`` durable (POSIX; Windows cannot open folders this way)."""
    if os.name == "nt":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
