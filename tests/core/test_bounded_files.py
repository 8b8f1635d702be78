"""The one reader of JSON and TOML files: regular files only, bounded in size and depth."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hang_check import finishes, needs_dev_zero, needs_fifo
from ponder.core.bounded_files import (
    UnreadableFileError,
    parse_json,
    parse_toml,
    read_bounded_text,
    read_json,
    read_toml,
)


def test_a_small_document_reads(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"a": [1, {"b": "[[[{"}]}', encoding="utf-8")
    (tmp_path / "a.toml").write_text('a = [[1], ["]]]]"]]\n[[b]]\nc = 1 # [[[[\n')
    assert read_json(tmp_path / "a.json") == {"a": [1, {"b": "[[[{"}]}
    assert read_toml(tmp_path / "a.toml") == {"a": [[1], ["]]]]"]], "b": [{"c": 1}]}


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (parse_json, "[" * 100_000 + "]" * 100_000),
        (parse_json, '{"a":' * 50_000 + "1" + "}" * 50_000),
        (parse_toml, "a = " + "[" * 100_000 + "]" * 100_000),
        (parse_toml, "a = " + "{b = " * 50_000 + "1" + "}" * 50_000),
        (parse_toml, 'a = """\n"""\nb = ' + "[" * 100 + "]" * 100),
    ],
)
def test_deep_nesting_is_refused_before_the_parser_sees_it(
    parse: Callable[[str, str], Any], text: str
) -> None:
    with pytest.raises(UnreadableFileError, match="more than 64 levels deep"):
        parse(text, "the file")


def test_nesting_inside_strings_and_comments_is_not_counted() -> None:
    deep = "[" * 1000
    assert parse_json(json.dumps({"a": deep}), "x") == {"a": deep}
    toml = f'a = "{deep}"\nb = \'{deep}\'\nc = """\n{deep}"""\n# {deep}\n'
    assert parse_toml(toml, "x")["b"] == deep


def test_a_file_larger_than_the_cap_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(" " * 2000 + "{}", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="larger than 1000 bytes"):
        read_json(big, max_bytes=1000)
    assert read_json(big, max_bytes=2002) == {}


def test_a_folder_and_text_that_is_not_utf8_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="is a folder"):
        read_json(tmp_path)
    (tmp_path / "latin.toml").write_bytes(b'name = "caf\xe9"\n')
    with pytest.raises(UnreadableFileError, match="not UTF-8"):
        read_toml(tmp_path / "latin.toml")
    with pytest.raises(FileNotFoundError):
        read_json(tmp_path / "missing.json")


@needs_fifo
def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "manifest.json"
    os.mkfifo(fifo)
    raised = finishes(lambda: read_json(fifo), unblock=fifo)
    assert isinstance(raised, UnreadableFileError) and "named pipe" in str(raised)


@needs_dev_zero
def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "settings.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(UnreadableFileError, match="is a device"):
        read_bounded_text(link)
