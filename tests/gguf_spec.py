"""A GGUF file as editable fields, re-serialized byte for byte: the corpus builder's tool.

``Spec.from_file(p).to_bytes() == p.read_bytes()`` for a file GGUFWriter wrote (tested), so a
test can change one count, one type code or one offset and nothing else. Items of ``kvs`` and
``tensors`` may be raw bytes, for what no well-formed field can express.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ponder.core.gguf.header import GGUFValueType, read_header

V = GGUFValueType

_FORMATS = {
    V.UINT8: "B",
    V.INT8: "b",
    V.UINT16: "H",
    V.INT16: "h",
    V.UINT32: "I",
    V.INT32: "i",
    V.FLOAT32: "f",
    V.BOOL: "?",
    V.UINT64: "Q",
    V.INT64: "q",
    V.FLOAT64: "d",
}


def pack_string(value: str | bytes, length: int | None = None) -> bytes:
    raw = value.encode("utf-8") if isinstance(value, str) else value
    return struct.pack("<Q", len(raw) if length is None else length) + raw


def pack_value(vtype: int, value: Any, elem: int | None = None) -> bytes:
    """A value without its type code (arrays carry their element type and count)."""
    if vtype == V.STRING:
        return pack_string(value)
    if vtype == V.ARRAY:
        assert elem is not None
        items = b"".join(pack_value(elem, v) for v in value)
        return struct.pack("<IQ", elem, len(value)) + items
    return struct.pack("<" + _FORMATS[V(vtype)], value)


def pack_kv(key: str | bytes, vtype: int, value: Any, elem: int | None = None) -> bytes:
    return pack_string(key) + struct.pack("<I", vtype) + pack_value(vtype, value, elem)


@dataclass(frozen=True)
class Tensor:
    name: str
    shape: tuple[int, ...]
    ggml_type: int
    offset: int

    def pack(self) -> bytes:
        dims = struct.pack(f"<I{len(self.shape)}Q", len(self.shape), *self.shape)
        return pack_string(self.name) + dims + struct.pack("<IQ", self.ggml_type, self.offset)


@dataclass(frozen=True)
class Spec:
    """A GGUF file as fields; ``kvs`` items are ``(key, vtype, value, elem)`` or raw bytes."""

    kvs: list[tuple[str, int, Any, int | None] | bytes]
    tensors: list[Tensor | bytes]
    data: bytes
    version: int = 3
    magic: bytes = b"GGUF"
    n_kv: int | None = None
    n_tensors: int | None = None
    alignment: int = 32
    trailer: bytes = field(default=b"")

    @classmethod
    def from_file(cls, path: Path) -> Spec:
        header = read_header(path)
        kvs: list[tuple[str, int, Any, int | None] | bytes] = [
            (key, header.value_types[key][0], value, header.value_types[key][1])
            for key, value in header.metadata.items()
        ]
        tensors: list[Tensor | bytes] = [
            Tensor(t.name, t.shape, t.ggml_type, t.offset) for t in header.tensors
        ]
        data = path.read_bytes()[header.data_offset :]
        return cls(kvs=kvs, tensors=tensors, data=data, alignment=header.alignment)

    def to_bytes(self) -> bytes:
        n_tensors = len(self.tensors) if self.n_tensors is None else self.n_tensors
        n_kv = len(self.kvs) if self.n_kv is None else self.n_kv
        out = bytearray(self.magic + struct.pack("<IQQ", self.version, n_tensors, n_kv))
        for kv in self.kvs:
            out += kv if isinstance(kv, bytes) else pack_kv(*kv)
        for t in self.tensors:
            out += t if isinstance(t, bytes) else t.pack()
        if self.tensors:
            out += bytes(-len(out) % self.alignment)
        return bytes(out) + self.data + self.trailer

    def set(self, key: str, vtype: int, value: Any, elem: int | None = None) -> Spec:
        """Replace (in place, keeping order) or append one key/value pair."""
        kvs = list(self.kvs)
        for i, kv in enumerate(kvs):
            if not isinstance(kv, bytes) and kv[0] == key:
                kvs[i] = (key, vtype, value, elem)
                return replace(self, kvs=kvs)
        return replace(self, kvs=[*kvs, (key, vtype, value, elem)])

    def raw(self, key: str, payload: bytes) -> Spec:
        """Replace one key/value pair with raw bytes (``payload`` follows the key)."""
        kvs = [
            pack_string(key) + payload if not isinstance(kv, bytes) and kv[0] == key else kv
            for kv in self.kvs
        ]
        return replace(self, kvs=kvs)

    def drop(self, key: str) -> Spec:
        return replace(self, kvs=[kv for kv in self.kvs if isinstance(kv, bytes) or kv[0] != key])

    def value(self, key: str) -> Any:
        return next(kv[2] for kv in self.kvs if not isinstance(kv, bytes) and kv[0] == key)

    def tensor(self, index: int, **changes: Any) -> Spec:
        tensors = list(self.tensors)
        t = tensors[index]
        assert isinstance(t, Tensor)
        tensors[index] = replace(t, **changes)
        return replace(self, tensors=tensors)
