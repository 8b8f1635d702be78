"""Reading a small JSON or TOML file that anyone could have written, without trusting it.

Every data file Ponder reads (a pack manifest, a problem set, a saved sweep, the settings,
the catalog) may come from another person or be damaged. Reading one must end, quickly and
in bounded memory, with either the parsed document or an ``UnreadableFileError`` whose
message a user can act on:

* only a regular file is read: a named pipe, a device or a directory (directly or behind a
  symlink) is refused. The file is opened non-blocking and checked with ``fstat`` on the open
  descriptor, so a FIFO cannot block the open and a swap between check and read cannot slip
  a device in;
* at most ``max_bytes`` are read, whatever the file claims its size is (``/dev/zero`` or a
  file that grows while it is read cannot exhaust memory);
* the nesting depth is counted before parsing, so neither the parser nor any code that walks
  the document can run out of stack (``json`` and ``tomllib`` both recurse per level).

A missing file is reported as ``FileNotFoundError`` unchanged, because most callers say
something specific about it (which folder to choose, which names exist).
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

DEFAULT_MAX_BYTES = 4 * 1024 * 1024
# Ponder's own formats nest five or six levels; 64 leaves room for hand-written files and is
# far below where the parsers (or Python's recursion limit) get into trouble.
DEFAULT_MAX_DEPTH = 64

# Strings and comments, whose brackets are not structure. The leftmost match wins, so a quote
# inside a comment or a ``#`` inside a string is consumed by whichever started first.
_JSON_SKIP = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_TOML_SKIP = re.compile(
    r'"""[\s\S]*?"""(?!")|\'\'\'[\s\S]*?\'\'\'(?!\')|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
)
_BRACKETS = re.compile(r"[\[\]{}]")


class UnreadableFileError(ValueError):
    """A file that is not a small, well-formed document; the message says which and why."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.0f} MB" if count >= 1024 * 1024 else f"{count} bytes"


def read_bounded_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, if it holds at most ``max_bytes``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise UnreadableFileError(f"{path} is a folder, not a file.") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise UnreadableFileError(
            f"{path} is {_kind(mode)}, not an ordinary file; choose the file itself."
        )
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableFileError(
            f"{path} is larger than {_size(max_bytes)}, far more than a file of this kind "
            "holds; it is damaged or not the file Ponder expects."
        )
    return data


def read_bounded_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The UTF-8 text of the regular file at ``path``, at most ``max_bytes`` long."""
    data = read_bounded_bytes(path, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            f"{path} is not UTF-8 text (byte {exc.start} cannot be decoded); it is damaged or "
            "not the file Ponder expects."
        ) from None


def _check_depth(text: str, skip: re.Pattern[str], source: str, max_depth: int) -> None:
    depth = 0
    for match in _BRACKETS.finditer(skip.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > max_depth:
                raise UnreadableFileError(
                    f"{source} nests lists or tables more than {max_depth} levels deep; it is "
                    "damaged or not the file Ponder expects."
                )
        else:
            depth = max(depth - 1, 0)


def parse_json(text: str, source: str, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """The JSON document in ``text``; ``source`` names it in the error message."""
    _check_depth(text, _JSON_SKIP, source, max_depth)
    try:
        return json.loads(text)
    except RecursionError:  # a backstop: _check_depth should have refused it already
        raise UnreadableFileError(f"{source} nests too deeply to be read.") from None
    except ValueError as exc:
        raise UnreadableFileError(f"{source} is not valid JSON: {exc}.") from None


def parse_toml(text: str, source: str, max_depth: int = DEFAULT_MAX_DEPTH) -> dict[str, Any]:
    """The TOML document in ``text``; ``source`` names it in the error message."""
    _check_depth(text, _TOML_SKIP, source, max_depth)
    try:
        return tomllib.loads(text)
    except RecursionError:  # a backstop: _check_depth should have refused it already
        raise UnreadableFileError(f"{source} nests too deeply to be read.") from None
    except tomllib.TOMLDecodeError as exc:
        raise UnreadableFileError(f"{source} is not valid TOML: {exc}.") from None


def read_json(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = DEFAULT_MAX_DEPTH
) -> Any:
    """The JSON document in the regular file ``path``, bounded in size and depth."""
    return parse_json(read_bounded_text(path, max_bytes), str(path), max_depth)


def read_toml(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = DEFAULT_MAX_DEPTH
) -> dict[str, Any]:
    """The TOML document in the regular file ``path``, bounded in size and depth."""
    return parse_toml(read_bounded_text(path, max_bytes), str(path), max_depth)
