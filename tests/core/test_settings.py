"""Settings: defaults declared once, a forgiving loader, an atomic writer, on real files."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest

from ponder.core.paths import AppPaths
from ponder.core.request import STOP_MESSAGE_PRESETS, LoadRequest, ThinkingControl
from ponder.core.settings import (
    THINKING_BUDGET_PRESETS,
    Settings,
    SettingsError,
    load_settings,
    save_settings,
)


@pytest.fixture
def path() -> Path:
    return AppPaths.from_environment().settings_file  # under the test's own PONDER_HOME


CHANGED = Settings(
    threads=6,
    gpu_layers=20,
    context_size=8192,
    models_folder="/srv/models",
    last_model_path="/srv/models/r1.gguf",
    thinking_budget="custom",
    custom_thinking_budget=777,
    min_thinking_tokens=64,
    keep_min_thinking=True,
    wait_text="Hmm, wait — ",
    max_waits=2,
    stop_message="custom",
    custom_stop_message="Assez réfléchi.",
    auto_open_thinking_panel=False,
    theme="dark",
    font_size=14,
    window_geometry="AdnQywADAAAAAAHgAAAA",
    window_state="AAAA/wAAAAD9AAAAAQ==",
)


def test_defaults_come_from_one_place() -> None:
    settings = Settings()
    load, think = LoadRequest(model_path=""), ThinkingControl()
    assert (settings.threads, settings.gpu_layers, settings.context_size) == (None, -1, 4096)
    assert (settings.gpu_layers, settings.context_size) == (load.gpu_layers, load.n_ctx)
    assert (settings.theme, settings.auto_open_thinking_panel) == ("system", True)
    control = settings.thinking_control()
    assert control == ThinkingControl(budget=THINKING_BUDGET_PRESETS["standard"])
    assert (control.wait_text, control.max_waits) == (think.wait_text, think.max_waits)


def test_presets_and_custom_values_make_the_thinking_control() -> None:
    assert Settings(thinking_budget="off").thinking_control().thinking_off
    assert Settings(thinking_budget="unlimited").thinking_budget_tokens is None
    assert Settings(stop_message="none").stop_message_text == ""
    control = CHANGED.thinking_control()
    assert control == ThinkingControl(
        budget=777,
        min_tokens=64,
        max_waits=2,
        wait_text="Hmm, wait — ",
        stop_message="Assez réfléchi.",
    )
    assert Settings(stop_message="time").stop_message_text == STOP_MESSAGE_PRESETS["time"]


def test_replace_changes_fields_and_refuses_bad_ones() -> None:
    settings = Settings().replace(theme="light", font_size=12)
    assert (settings.theme, settings.font_size) == ("light", 12)
    with pytest.raises(ValueError, match="context_size"):
        settings.replace(context_size=-1)
    with pytest.raises(ValueError, match="theme"):
        settings.replace(theme="purple")
    with pytest.raises(TypeError):
        settings.replace(no_such_setting=1)


def test_round_trip(path: Path) -> None:
    save_settings(CHANGED, path)
    assert load_settings(path) == CHANGED
    save_settings(Settings(), path)  # over an existing file
    assert load_settings(path) == Settings()
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_a_missing_file_gives_the_defaults_and_writes_nothing(path: Path) -> None:
    assert load_settings(path) == Settings()
    assert not path.exists()


@pytest.mark.parametrize(
    "content",
    [b'{"theme": "dark",', b"\xff\xfe not utf-8", b"[1, 2, 3]", b"", b"null"],
    ids=["truncated", "binary", "list", "empty", "null"],
)
def test_a_corrupt_file_gives_the_defaults_and_is_kept_aside(
    path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING):
        assert load_settings(path) == Settings()
    assert "not valid" in caplog.text
    assert path.with_name("settings.json.corrupt").read_bytes() == content
    save_settings(CHANGED, path)
    assert load_settings(path) == CHANGED


def test_unknown_keys_are_ignored_with_a_warning(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"theme": "dark", "telemetry": True, "colour": "teal"}))
    with caplog.at_level(logging.WARNING):
        settings = load_settings(path)
    assert settings == Settings(theme="dark")
    assert "'telemetry'" in caplog.text and "'colour'" in caplog.text


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("threads", True),
        ("threads", 0),
        ("threads", "4"),
        ("gpu_layers", "auto"),
        ("gpu_layers", -2),
        ("context_size", 4096.0),
        ("context_size", 10),
        ("theme", "purple"),
        ("theme", None),
        ("font_size", 500),
        ("thinking_budget", 1024),
        ("stop_message", "shout"),
        ("auto_open_thinking_panel", "yes"),
        ("auto_open_thinking_panel", 1),
        ("wait_text", 5),
        ("window_geometry", {"x": 1}),
        ("max_waits", [3]),
    ],
)
def test_a_bad_value_falls_back_to_its_default_alone(
    path: Path, key: str, value: Any, caplog: pytest.LogCaptureFixture
) -> None:
    data = CHANGED.to_dict() | {key: value}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    with caplog.at_level(logging.WARNING):
        settings = load_settings(path)
    assert getattr(settings, key) == getattr(Settings(), key)
    assert settings == CHANGED.replace(**{key: getattr(Settings(), key)})
    assert key in caplog.text


def test_a_failed_write_leaves_the_old_file_and_no_debris(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(CHANGED, path)
    before = path.read_bytes()

    def disk_error(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", disk_error)  # the write reaches the file, fsync fails
    with pytest.raises(SettingsError, match="previous settings are unchanged"):
        save_settings(Settings(), path)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_a_write_that_cannot_replace_the_target_leaves_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.mkdir()  # a folder where the file should be: the rename fails
    with pytest.raises(SettingsError, match="Could not save the settings"):
        save_settings(CHANGED, target)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
    assert target.is_dir() and not any(target.iterdir())


BIG = "1" + "0" * 100


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("wait_text", r'"\ud800"'),  # a lone surrogate: read fine, then cannot be written
        ("custom_stop_message", r'"ok \udfff ok"'),
        ("models_folder", r'"\ud83d/models"'),
        ("last_model_path", r'"/srv/a\u0000b.gguf"'),  # no path holds a NUL
        ("gpu_layers", BIG),
        ("custom_thinking_budget", BIG),
        ("min_thinking_tokens", BIG),
        ("gpu_layers", "NaN"),
        ("context_size", "Infinity"),
        ("min_thinking_tokens", "-Infinity"),
        ("custom_thinking_budget", "1e400"),
        ("window_state", '["AAAA", 1, null]'),
        ("window_geometry", '{"x": [1, {"y": NaN}]}'),
    ],
)
def test_a_damaged_value_loads_as_its_default_and_the_settings_save_again(
    path: Path, key: str, raw: str, caplog: pytest.LogCaptureFixture
) -> None:
    text = json.dumps(CHANGED.to_dict(), ensure_ascii=False)
    text = text[: text.rindex("}")] + ", " + json.dumps(key) + ": " + raw + "}"  # the last wins
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings = load_settings(path)
    assert settings == CHANGED.replace(**{key: getattr(Settings(), key)})
    assert key in caplog.text
    save_settings(settings, path)  # raised UnicodeEncodeError for a surrogate
    assert load_settings(path) == settings


def test_an_unknown_key_with_a_surrogate_is_ignored(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(r'{"\ud800": "\udc00", "theme": "dark"}', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings = load_settings(path)
    assert settings == Settings(theme="dark")
    save_settings(settings, path)
    assert load_settings(path) == settings


def test_settings_refuse_text_that_cannot_be_saved() -> None:
    with pytest.raises(ValueError, match="wait_text"):
        Settings(wait_text="\ud800")


def test_minimum_thinking_outlives_a_restart_only_when_asked() -> None:
    once = Settings(min_thinking_tokens=300).to_dict()
    assert Settings.from_dict(once).min_thinking_tokens == 0
    kept = Settings(min_thinking_tokens=300, keep_min_thinking=True).to_dict()
    assert Settings.from_dict(kept).min_thinking_tokens == 300
