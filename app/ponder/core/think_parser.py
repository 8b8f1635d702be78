"""Split a model's streamed output into thinking and answer text.

The model's output arrives in pieces that have nothing to do with characters or tags: a token
may end in the middle of a multi-byte UTF-8 character, and ``</think>`` may arrive as ``</``,
``thi``, ``nk>``. The parser decodes bytes incrementally, holds back only the text that could
still become a tag, and emits everything else at once. Its result is the same however the
stream is chunked (tests/core/test_think_parser.py proves it with a property test).

The engine drives the model by token ids (ponder.core.reasoning.tag_watch knows token positions); this
parser is the text-level view used wherever text arrives in pieces: the engine's events, the
remote backend, the CLI, stored traces.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Literal

Kind = Literal["thinking", "answer"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text that is certainly thinking or certainly answer (never a tag)."""

    kind: Kind
    text: str


def _held_suffix_length(text: str, tag: str) -> int:
    """Length of the longest suffix of ``text`` that is a proper prefix of ``tag``.

    That suffix is the earliest place a tag could still begin; everything before it can be
    emitted now. Holding back less would emit half a tag; holding back more would delay text.
    """
    for length in range(min(len(text), len(tag) - 1), 0, -1):
        if tag.startswith(text[-length:]):
            return length
    return 0


class ThinkStreamParser:
    """Streaming thinking/answer splitter for ``<think>…</think>`` style output.

    ``feed`` takes bytes (token pieces, decoded incrementally: a character split across feeds
    comes out whole, invalid bytes become U+FFFD) or text, and returns the segments that are
    certain so far; ``flush`` returns the rest at the end of the stream. Tags are not emitted.
    In the answer an opening tag starts a new think block (``thinking_blocks`` counts them);
    inside thinking only the closing tag counts, an opening tag there is plain text.

    Whitespace right after a closing tag belongs to the answer, but models put a blank line
    there (R1: ``</think>\\n\\n``) that nobody wants to see: ``strip_answer_leading_ws`` drops
    it, and ``strip_thinking_leading_ws`` likewise drops the newline after an opening tag.
    Both drop whitespace as it arrives, so they do not depend on chunking either.
    """

    def __init__(
        self,
        open_tag: str = "<think>",
        close_tag: str = "</think>",
        start_in_thinking: bool = False,
        *,
        strip_answer_leading_ws: bool = True,
        strip_thinking_leading_ws: bool = True,
    ) -> None:
        if not open_tag or not close_tag:
            raise ValueError("think tags must not be empty")
        self.open_tag = open_tag
        self.close_tag = close_tag
        self.strip_answer_leading_ws = strip_answer_leading_ws
        self.strip_thinking_leading_ws = strip_thinking_leading_ws
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._held = ""  # decoded text that could still become a tag
        self._in_thinking = start_in_thinking
        self._strip_pending = start_in_thinking and strip_thinking_leading_ws
        self._blocks = 1 if start_in_thinking else 0

    # ----- state -------------------------------------------------------------------------------

    @property
    def in_thinking(self) -> bool:
        """Whether the stream is inside a think block now."""
        return self._in_thinking

    @property
    def thinking_blocks(self) -> int:
        """How many think blocks have begun (a stream that starts in thinking counts one)."""
        return self._blocks

    @property
    def pending_bytes(self) -> bool:
        """Whether an incomplete UTF-8 character is held (more bytes are needed to finish it)."""
        buffered, _flag = self._decoder.getstate()
        return bool(buffered)

    @property
    def held_text(self) -> str:
        """Text held back because it could still become a tag."""
        return self._held

    # ----- input -------------------------------------------------------------------------------

    def feed(self, data: bytes | str) -> list[Segment]:
        """Adds a piece of output; returns the segments that are certain now."""
        if isinstance(data, str):
            # Through the decoder too, so that text keeps its place after held partial bytes.
            data = data.encode("utf-8", "surrogatepass")
        text = self._decoder.decode(data, final=False)
        out: list[Segment] = []
        if text:
            self._scan(text, out)
        return out

    def flush(self) -> list[Segment]:
        """Ends the stream: an unfinished character becomes U+FFFD, held text is emitted."""
        out: list[Segment] = []
        tail = self._decoder.decode(b"", final=True)
        if tail:
            self._scan(tail, out)
        self._release_held(out)
        return out

    def switch_to(self, kind: Kind) -> list[Segment]:
        """Changes state from outside (the engine injected a tag itself).

        Text held as a possible tag is released as text of the current state first. Bytes of an
        unfinished character stay in the decoder: callers wait for ``pending_bytes`` to clear
        before cutting thinking, so that no character is split across the cut.
        """
        out: list[Segment] = []
        self._release_held(out)
        entering = kind == "thinking"
        if entering != self._in_thinking:
            self._enter(thinking=entering)
        return out

    # ----- work --------------------------------------------------------------------------------

    def _scan(self, text: str, out: list[Segment]) -> None:
        buffer = self._held + text
        while True:
            tag = self.close_tag if self._in_thinking else self.open_tag
            found = buffer.find(tag)
            if found < 0:
                keep = _held_suffix_length(buffer, tag)
                self._emit(buffer[: len(buffer) - keep], out)
                self._held = buffer[len(buffer) - keep :]
                return
            self._emit(buffer[:found], out)
            buffer = buffer[found + len(tag) :]
            self._enter(thinking=not self._in_thinking)

    def _enter(self, *, thinking: bool) -> None:
        self._in_thinking = thinking
        if thinking:
            self._blocks += 1
            self._strip_pending = self.strip_thinking_leading_ws
        else:
            self._strip_pending = self.strip_answer_leading_ws

    def _release_held(self, out: list[Segment]) -> None:
        held, self._held = self._held, ""
        self._emit(held, out)

    def _emit(self, text: str, out: list[Segment]) -> None:
        if self._strip_pending and text:
            text = text.lstrip()
            self._strip_pending = not text
        if not text:
            return
        kind: Kind = "thinking" if self._in_thinking else "answer"
        if out and out[-1].kind == kind:
            out[-1] = Segment(kind, out[-1].text + text)
        else:
            out.append(Segment(kind, text))


def merge_segments(segments: list[Segment]) -> list[Segment]:
    """Joins adjacent segments of the same kind (what a view shows as one block)."""
    merged: list[Segment] = []
    for segment in segments:
        if not segment.text:
            continue
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged


__all__ = ["Kind", "Segment", "ThinkStreamParser", "merge_segments"]
