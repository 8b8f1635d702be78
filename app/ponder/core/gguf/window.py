"""A forward-only, bounded read window over a file, for parsing untrusted binary headers.

``take(n)`` refuses, before reading anything, to go past the file size measured at the start;
bytes are read through a window of about 1 MiB, so a header is parsed without reading (or
mapping) the rest of a multi-gigabyte file.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

from ponder.core.gguf.errors import GGUFError, malformed_error, truncated_error

MAX_STRING_BYTES = 16 << 20  # far above any real value (chat templates are a few KiB)

_READ_CHUNK = 1 << 20
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")


class BoundedWindow:
    """Reads a file forward through a window, refusing to read past the end it measured.

    Every read names what it is reading, so that running off the end of the file becomes a
    "truncated" error that says what the header promised and where the file really ends.
    """

    def __init__(self, stream: BinaryIO, path: Path, file_size: int, limit: int) -> None:
        self.stream = stream
        self.path = path
        self.file_size = file_size
        self.limit = limit  # the most bytes a header may span, however big the file
        self.buf = b""
        self.pos = 0  # position in buf
        self.base = 0  # file offset of buf[0]

    @property
    def offset(self) -> int:
        return self.base + self.pos

    def require(self, n: int, what: str) -> None:
        """Fail, naming ``what``, unless ``n`` more bytes exist and stay within the limit."""
        end = self.offset + n
        if end > self.file_size:
            raise truncated_error(self.path, what, end, self.file_size)
        if end > self.limit:
            raise self.error(
                "header_too_large",
                f"{what} would make the header {end:,} bytes long (the limit is {self.limit:,})",
            )

    def error(self, reason: str, message: str) -> GGUFError:
        return malformed_error(self.path, reason, message)

    def take(self, n: int, what: str) -> int:
        """Make ``n`` bytes available; return their start in ``buf`` and move past them."""
        self.require(n, what)
        if self.pos + n > len(self.buf):
            tail = self.buf[self.pos :]
            self.base += self.pos
            self.pos = 0
            need = n - len(tail)
            more = self.stream.read(max(need, _READ_CHUNK))
            if len(more) < need:  # the file shrank while we read it
                raise truncated_error(self.path, what, self.offset + n, self.base + len(tail))
            self.buf = tail + more
        start = self.pos
        self.pos += n
        return start

    def u32(self, what: str) -> int:
        start = self.take(4, what)  # before reading self.buf: take() may replace it
        value: int = _U32.unpack_from(self.buf, start)[0]
        return value

    def u64(self, what: str) -> int:
        start = self.take(8, what)
        value: int = _U64.unpack_from(self.buf, start)[0]
        return value

    def raw_string(self, what: str, cap: int) -> bytes:
        n = self.u64(what)
        if n > cap:
            raise self.error(
                "string_too_long", f"{what} claims a length of {n:,} bytes (the limit is {cap:,})"
            )
        start = self.take(n, what)
        return self.buf[start : start + n]

    def string(self, what: str) -> str:
        return self.raw_string(what, MAX_STRING_BYTES).decode("utf-8", "surrogateescape")

    def string_array(self, count: int, what: str) -> list[str]:
        """Read ``count`` strings; the fast path parses straight out of the window.

        This loop is most of the time spent on a real header (two arrays of ~150k strings),
        hence the local names; the slow path (a string across the window's edge, too long,
        or past the end of the file) goes through :meth:`string`, which checks everything.
        """
        out: list[str] = []
        append = out.append
        unpack = _U64.unpack_from
        done = 0
        while done < count:
            buf, pos = self.buf, self.pos
            last = len(buf) - 8  # a length prefix must start at or before this
            for _ in range(count - done):
                if pos > last:
                    break
                start = pos + 8
                stop = start + unpack(buf, pos)[0]
                if stop > last + 8 or stop - start > MAX_STRING_BYTES:
                    break
                append(buf[start:stop].decode("utf-8", "surrogateescape"))
                pos = stop
            self.pos = pos
            done = len(out)
            if done < count:
                append(self.string(f"{what} item {done}"))
                done += 1
        return out
