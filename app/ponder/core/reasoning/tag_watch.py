"""Find think tags in a token stream when the tags are not single tokens.

Some models (non-reasoners driven through thinking, older vocabularies) have no ``</think>``
token: the tag arrives as text spread over several tokens (``</`` ``think`` ``>``). The engine
must know exactly which tokens formed a tag — to refuse a premature end of thinking it rolls the
KV cache back to the token where the tag began — so this watcher works on bytes with token
positions, not on decoded text. It holds back only the bytes that could still become a tag.
Tags are ASCII, so a held-back suffix never splits a multi-byte character.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["thinking", "answer"]


@dataclass(frozen=True, slots=True)
class TextPiece:
    """Bytes of trace or answer that are certainly not part of a tag."""

    kind: Kind
    data: bytes


@dataclass(frozen=True, slots=True)
class TagFound:
    """A complete tag. ``start_position`` is the KV position of the token in which the tag
    begins; ``prefix`` the bytes of that token before the tag (already emitted as text)."""

    tag: Literal["open", "close"]
    start_position: int
    prefix: bytes


WatchItem = TextPiece | TagFound


def _partial_suffix_start(buf: bytes, tag: bytes, lower: int) -> int:
    """Start of the longest suffix of ``buf[lower:]`` that is a proper prefix of ``tag``."""
    first = max(lower, len(buf) - len(tag) + 1)
    for start in range(first, len(buf)):
        if tag.startswith(buf[start:]):
            return start
    return len(buf)


class TagWatcher:
    """Splits a stream of (position, token bytes) into text and tags, tracking positions."""

    def __init__(self, open_tag: str, close_tag: str, *, in_thinking: bool) -> None:
        self._tags = {"open": open_tag.encode(), "close": close_tag.encode()}
        self.in_thinking = in_thinking
        self._held: list[tuple[int, bytes]] = []
        self._emitted = 0  # bytes of the first held token already emitted

    @property
    def held_bytes(self) -> bytes:
        return b"".join(piece for _, piece in self._held)[self._emitted :]

    def set_state(self, *, in_thinking: bool) -> list[WatchItem]:
        """Switch state from outside (an injected tag); held bytes are released as text first."""
        items = self.flush()
        self.in_thinking = in_thinking
        return items

    def reset(self, *, in_thinking: bool) -> None:
        """Forget held bytes without emitting them (the tokens were rolled back)."""
        self._held = []
        self._emitted = 0
        self.in_thinking = in_thinking

    def push(self, position: int, piece: bytes) -> list[WatchItem]:
        self._held.append((position, piece))
        items: list[WatchItem] = []
        while True:
            kind: Kind = "thinking" if self.in_thinking else "answer"
            which: Literal["open", "close"] = "close" if self.in_thinking else "open"
            tag = self._tags[which]
            buf = b"".join(p for _, p in self._held)
            found = buf.find(tag, self._emitted)
            if found < 0:
                cut = _partial_suffix_start(buf, tag, self._emitted)
                if cut > self._emitted:
                    items.append(TextPiece(kind, buf[self._emitted : cut]))
                self._drop_before(cut)
                return items
            if found > self._emitted:
                items.append(TextPiece(kind, buf[self._emitted : found]))
            start_position, prefix = self._locate(found)
            items.append(TagFound(which, start_position, prefix))
            self.in_thinking = which == "open"
            # The tag ends inside the newest token; what follows it is text of the new state.
            self._drop_before(found + len(tag))

    def _locate(self, offset: int) -> tuple[int, bytes]:
        end = 0
        for position, piece in self._held:
            if offset < end + len(piece):
                return position, piece[: offset - end]
            end += len(piece)
        raise AssertionError("offset beyond held bytes")  # pragma: no cover

    def _drop_before(self, offset: int) -> None:
        """Forget held tokens that end at or before ``offset``; remember a partial emit."""
        end = 0
        keep_from = len(self._held)
        for index, (_, piece) in enumerate(self._held):
            if end + len(piece) > offset:
                keep_from = index
                break
            end += len(piece)
        self._held = self._held[keep_from:]
        self._emitted = offset - end if self._held else 0

    def flush(self) -> list[WatchItem]:
        """Release held bytes as text (end of stream, or a forced state change)."""
        rest = self.held_bytes
        self._held = []
        self._emitted = 0
        if not rest:
            return []
        return [TextPiece("thinking" if self.in_thinking else "answer", rest)]
