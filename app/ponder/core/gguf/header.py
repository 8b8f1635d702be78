"""A bounded, pure-Python reader for the header of a GGUF file.

This is the first thing that touches a model file, before llama.cpp ever sees it, so it trusts
nothing: every count and length is checked against the bytes that remain in the file (and a
sane cap) before anything is allocated, and every problem becomes a :class:`GGUFError` with a
short ``reason`` code and a message written for the user.

Why not the ``gguf`` package: its reader memory-maps the whole file and builds numpy views from
counts it has not checked, so a truncated download or a hostile count crashes it (it does on
the truncated DeepSeek-R1 test file). Here the file is read through a buffered window, so
reading the header of a 20 GB model costs the header's bytes, not the model's.

Layout (GGUF v2/v3, little-endian): magic ``GGUF``, version u32, tensor count u64, key/value
count u64, the key/value pairs, the tensor infos, padding to ``general.alignment``, the data.
"""

from __future__ import annotations

import os
import stat
import struct
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any, BinaryIO

from ponder.core.gguf.errors import GGUFError, truncated_error
from ponder.core.gguf.window import BoundedWindow

GGUF_MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (2, 3)
DEFAULT_ALIGNMENT = 32
MAX_DIMS = 4  # GGML_MAX_DIMS

# Sane caps, far above any real model (Gemma's 262k-token vocabulary, DeepSeek-V3's ~1.8k
# tensors, chat templates of a few KiB), so that a plausible-but-absurd count is named as
# such instead of making us read gigabytes of "header".
MAX_KV_COUNT = 1 << 16
MAX_TENSOR_COUNT = 1 << 20
MAX_KEY_BYTES = 4096
MAX_ARRAY_LENGTH = 1 << 24
MAX_ALIGNMENT = 1 << 20
# Real headers are a few MiB (R1's 152k tokens and merges: 6 MB); this bounds what a hostile
# header in a multi-gigabyte file can make us parse and hold in memory.
MAX_HEADER_BYTES = 256 << 20

_MIN_KV_BYTES = 8 + 4 + 1  # empty key, type, one-byte value
_MIN_TENSOR_INFO_BYTES = 8 + 4 + 4 + 8  # empty name, n_dims = 0, type, offset


class GGUFValueType(IntEnum):
    """The type code of a metadata value (``gguf_type`` in llama.cpp)."""

    UINT8 = 0
    INT8 = 1
    UINT16 = 2
    INT16 = 3
    UINT32 = 4
    INT32 = 5
    FLOAT32 = 6
    BOOL = 7
    STRING = 8
    ARRAY = 9
    UINT64 = 10
    INT64 = 11
    FLOAT64 = 12


# struct format codes of the fixed-size types (a bool is one byte, read as u8).
_SCALAR_FORMATS: dict[GGUFValueType, str] = {
    GGUFValueType.UINT8: "B",
    GGUFValueType.INT8: "b",
    GGUFValueType.UINT16: "H",
    GGUFValueType.INT16: "h",
    GGUFValueType.UINT32: "I",
    GGUFValueType.INT32: "i",
    GGUFValueType.FLOAT32: "f",
    GGUFValueType.BOOL: "B",
    GGUFValueType.UINT64: "Q",
    GGUFValueType.INT64: "q",
    GGUFValueType.FLOAT64: "d",
}
INTEGER_TYPES = frozenset(
    t for t, fmt in _SCALAR_FORMATS.items() if fmt in "bBhHiIqQ" and t != GGUFValueType.BOOL
)


@dataclass(frozen=True, slots=True)
class TensorInfo:
    """One tensor as the header describes it; ``offset`` is relative to the data section."""

    name: str
    shape: tuple[int, ...]  # ggml order: shape[0] is the fastest-varying dimension
    ggml_type: int
    offset: int

    @property
    def n_elements(self) -> int:
        count = 1
        for dim in self.shape:
            count *= dim
        return count


@dataclass(frozen=True)
class GGUFHeader:
    """Everything in a GGUF file except the tensor data.

    ``metadata`` maps each key to a Python value (arrays become lists, strings ``str`` decoded
    as UTF-8 with invalid bytes kept as surrogate escapes); ``value_types`` keeps each key's
    GGUF type and, for arrays, the element type, because llama.cpp checks exact types.
    """

    path: Path
    version: int
    metadata: dict[str, Any]
    value_types: dict[str, tuple[GGUFValueType, GGUFValueType | None]]
    tensors: tuple[TensorInfo, ...]
    alignment: int
    data_offset: int
    file_size: int
    header_end: int = field(default=0)  # where the tensor infos end (before padding)

    @property
    def architecture(self) -> str | None:
        value = self.metadata.get("general.architecture")
        return value if isinstance(value, str) else None


def _read_value(cur: BoundedWindow, vtype: GGUFValueType, what: str) -> Any:
    if vtype == GGUFValueType.STRING:
        return cur.string(what)
    fmt = _SCALAR_FORMATS[vtype]
    size = struct.calcsize(fmt)
    start = cur.take(size, what)
    value = struct.unpack_from("<" + fmt, cur.buf, start)[0]
    return bool(value) if vtype == GGUFValueType.BOOL else value


def _value_type(cur: BoundedWindow, code: int, what: str) -> GGUFValueType:
    try:
        return GGUFValueType(code)
    except ValueError:
        raise cur.error("bad_value_type", f"{what} has unknown value type code {code}") from None


def _read_array(cur: BoundedWindow, key: str) -> tuple[GGUFValueType, list[Any]]:
    elem = _value_type(cur, cur.u32(f"the element type of {key!r}"), f"an element of {key!r}")
    if elem == GGUFValueType.ARRAY:
        raise cur.error("nested_array", f"{key!r} is an array of arrays, which llama.cpp rejects")
    count = cur.u64(f"the length of {key!r}")
    if count > MAX_ARRAY_LENGTH:
        raise cur.error(
            "array_too_long",
            f"{key!r} claims {count:,} elements (the limit is {MAX_ARRAY_LENGTH:,})",
        )
    if elem == GGUFValueType.STRING:
        cur.require(count * 8, f"{count:,} strings of {key!r}")
        return elem, cur.string_array(count, repr(key))
    fmt = _SCALAR_FORMATS[elem]
    size = struct.calcsize(fmt)
    start = cur.take(count * size, f"{count:,} elements of {key!r}")
    values = struct.unpack_from(f"<{count}{fmt}", cur.buf, start)
    if elem == GGUFValueType.BOOL:
        return elem, [bool(v) for v in values]
    return elem, list(values)


def _read_tensor_info(cur: BoundedWindow, index: int) -> TensorInfo:
    what = f"tensor {index}"
    raw_name = cur.raw_string(f"the name of {what}", MAX_KEY_BYTES)
    name = raw_name.decode("utf-8", "surrogateescape")
    n_dims = cur.u32(f"the dimension count of {what}")
    if n_dims > MAX_DIMS:
        raise cur.error(
            "bad_dims", f"tensor {name!r} has {n_dims} dimensions (llama.cpp allows {MAX_DIMS})"
        )
    start = cur.take(8 * n_dims, f"the shape of tensor {name!r}")
    shape = struct.unpack_from(f"<{n_dims}Q", cur.buf, start)
    ggml_type = cur.u32(f"the type of tensor {name!r}")
    offset = cur.u64(f"the offset of tensor {name!r}")
    return TensorInfo(name=name, shape=tuple(shape), ggml_type=ggml_type, offset=offset)


def _alignment(cur: BoundedWindow, metadata: dict[str, Any], types: dict[str, Any]) -> int:
    if "general.alignment" not in metadata:
        return DEFAULT_ALIGNMENT
    value = metadata["general.alignment"]
    if types["general.alignment"] != (GGUFValueType.UINT32, None):
        raise cur.error("bad_alignment", "general.alignment is not a 32-bit unsigned integer")
    if value <= 0 or value & (value - 1) or value > MAX_ALIGNMENT:
        raise cur.error(
            "bad_alignment",
            f"general.alignment is {value}, which is not a power of two up to {MAX_ALIGNMENT:,}",
        )
    return int(value)


def _read_preamble(cur: BoundedWindow) -> tuple[int, int, int]:
    """Magic, version and the two counts, each checked before it is believed."""
    path = cur.path
    if cur.file_size == 0:
        raise GGUFError(
            path,
            "empty",
            f"{path.name} is empty; the download may have failed — download it again.",
        )
    start = cur.take(min(4, cur.file_size), "the GGUF magic")
    head = cur.buf[start : cur.pos]
    if head != GGUF_MAGIC[: len(head)]:
        raise GGUFError(
            path,
            "bad_magic",
            f"{path.name} is not a GGUF model file (it does not start with 'GGUF'). "
            "Ponder runs GGUF files; choose the .gguf file of the model.",
        )
    if len(head) < 4:
        raise truncated_error(path, "the GGUF magic", 4, cur.file_size)
    version = cur.u32("the GGUF version")
    if version not in SUPPORTED_VERSIONS:
        if int.from_bytes(version.to_bytes(4, "little"), "big") in SUPPORTED_VERSIONS:
            raise GGUFError(
                path,
                "big_endian",
                f"{path.name} is a big-endian GGUF, which this computer cannot run; "
                "download the little-endian version of the model.",
            )
        raise GGUFError(
            path,
            "bad_version",
            f"{path.name} is GGUF version {version}; Ponder reads versions 2 and 3. "
            "Download a current conversion of the model.",
        )
    n_tensors = cur.u64("the tensor count")
    n_kv = cur.u64("the metadata count")
    if n_kv > MAX_KV_COUNT:
        raise cur.error("too_many_kv", f"the header claims {n_kv:,} metadata entries")
    if n_tensors > MAX_TENSOR_COUNT:
        raise cur.error("too_many_tensors", f"the header claims {n_tensors:,} tensors")
    least = n_kv * _MIN_KV_BYTES + n_tensors * _MIN_TENSOR_INFO_BYTES
    cur.require(least, f"{n_kv:,} metadata entries and {n_tensors:,} tensors")
    return version, n_tensors, n_kv


def _read(stream: BinaryIO, path: Path, max_header_bytes: int) -> GGUFHeader:
    cur = BoundedWindow(stream, path, os.fstat(stream.fileno()).st_size, max_header_bytes)
    version, n_tensors, n_kv = _read_preamble(cur)

    metadata: dict[str, Any] = {}
    types: dict[str, tuple[GGUFValueType, GGUFValueType | None]] = {}
    for index in range(n_kv):
        raw_key = cur.raw_string(f"the name of metadata entry {index}", MAX_KEY_BYTES)
        try:
            key = raw_key.decode("utf-8")
        except UnicodeDecodeError:
            raise cur.error(
                "bad_key", f"metadata entry {index} has a name that is not UTF-8"
            ) from None
        if not key:
            raise cur.error("bad_key", f"metadata entry {index} has an empty name")
        if key in metadata:
            raise cur.error("duplicate_key", f"the metadata key {key!r} appears twice")
        vtype = _value_type(cur, cur.u32(f"the type of {key!r}"), repr(key))
        if vtype == GGUFValueType.ARRAY:
            elem, metadata[key] = _read_array(cur, key)
            types[key] = (vtype, elem)
        else:
            metadata[key] = _read_value(cur, vtype, repr(key))
            types[key] = (vtype, None)

    alignment = _alignment(cur, metadata, types)
    tensors = tuple(_read_tensor_info(cur, i) for i in range(n_tensors))
    header_end = cur.offset
    # llama.cpp pads to the alignment only when there are tensors (gguf.cpp).
    data_offset = -(-header_end // alignment) * alignment if tensors else header_end
    return GGUFHeader(
        path=path,
        version=version,
        metadata=metadata,
        value_types=types,
        tensors=tensors,
        alignment=alignment,
        data_offset=data_offset,
        file_size=cur.file_size,
        header_end=header_end,
    )


def read_header(
    path: str | os.PathLike[str], *, max_header_bytes: int = MAX_HEADER_BYTES
) -> GGUFHeader:
    """Read and structurally check a GGUF header; raise :class:`GGUFError` if it is not one.

    Only structure is checked here (bounds, type codes, duplicates, alignment); what the
    values mean is checked by :func:`ponder.core.gguf.validate.validate_gguf`.
    """
    p = Path(path)
    try:
        # Only regular files: opening a FIFO would block, a device would never end.
        if not stat.S_ISREG(p.stat().st_mode):
            kind = "a folder" if p.is_dir() else "not a regular file"
            raise GGUFError(p, "unreadable", f"{p} is {kind}, not a GGUF model file.")
        with p.open("rb") as stream:
            return _read(stream, p, max_header_bytes)
    except FileNotFoundError:
        raise GGUFError(p, "not_found", f"{p} does not exist; check the path.") from None
    except OSError as exc:
        raise GGUFError(
            p, "unreadable", f"{p} cannot be read ({exc.strerror or exc}); check its permissions."
        ) from None
