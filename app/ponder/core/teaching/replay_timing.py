"""When each piece of a saved reply appears in a replay: the timing behind the Replay window.

A saved reply has its thinking, its answer, the interventions with their offsets in the
thinking, and the recorded token counts and seconds, but no per-token times. The replay
splits the thinking and the answer into *units* (a word with the spaces after it; an
intervention is one unit of its own, where its offset puts it) and gives each unit the share
of the recorded seconds its characters take. ``speed`` scales that recorded pace (2.0: twice
as fast); ``fixed_tokens_per_s`` replaces it with a steady rate.

No clock here: ``advance(seconds)`` moves the replay on by the seconds a caller measured, so
tests drive it by hand. Thread: any (plain Python; the window uses it on the GUI thread).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Literal

from ponder.core.events import Stats
from ponder.core.storage.records import StoredIntervention, StoredMessage
from ponder.core.trace import TraceRun, trace_spans

Part = Literal["thinking", "answer"]
Step = Literal["word", "paragraph"]

# A word with the spaces before it (at the start of a piece) and after it.
_WORD = re.compile(r"\s*\S+\s*")
# Without recorded figures: a typical small model on a laptop, and a typical token length.
DEFAULT_TOKENS_PER_S = 20.0
DEFAULT_CHARS_PER_TOKEN = 4.0
SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)


@dataclass(frozen=True, slots=True)
class ReplayUnit:
    """One piece that appears at once. ``start``/``end`` index its part's text; ``reason`` is
    set for text Ponder injected (``visible`` of the intervention, maybe empty)."""

    part: Part
    start: int
    end: int
    tokens: float
    seconds: float  # at the recorded pace (speed 1.0)
    paragraph_start: bool
    reason: str | None = None
    position: int = 0  # the intervention's token position, for its tooltip


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut into word units that together cover it exactly."""
    piece = text[start:end]
    ends = [m.end() for m in _WORD.finditer(piece)]
    if not ends or ends[-1] < len(piece):
        ends.append(len(piece))
    spans, begin = [], 0
    for stop in ends:
        if stop > begin:
            spans.append((start + begin, start + stop))
            begin = stop
    return spans


def _pace(chars: int, tokens: int, seconds: float) -> tuple[float, float]:
    """(tokens per character, recorded tokens per second) of one part."""
    per_char = tokens / chars if tokens > 0 and chars > 0 else 1 / DEFAULT_CHARS_PER_TOKEN
    rate = tokens / seconds if tokens > 0 and seconds > 0 else DEFAULT_TOKENS_PER_S
    return per_char, rate


class ReplaySchedule:
    """The units of one reply, the replay's position among them and its speed.

    ``position`` is the number of units on show (0: nothing yet; ``len(units)``: all).
    """

    def __init__(
        self,
        thinking: str,
        answer: str,
        interventions: Sequence[StoredIntervention] = (),
        stats: Stats | None = None,
    ) -> None:
        self.thinking = thinking
        self.answer = answer
        self.stats = stats
        self.speed = 1.0
        self.fixed_tokens_per_s: float | None = None
        self.position = 0
        self._into = 0.0  # seconds spent on the unit at ``position`` (not yet shown)
        self.units: list[ReplayUnit] = []
        # Seconds from the start to each position at the current pace (made when needed: the
        # window asks on every tick, and a long trace has thousands of units).
        self._times: list[float] | None = None
        spans = trace_spans(thinking, interventions)
        # The recorded thinking tokens are the model's own: injected text is left out of the
        # characters they are shared over.
        injected = sum(s.end - s.start for s in spans if s.intervention is not None)
        think_char, think_rate = _pace(
            len(thinking) - injected,
            stats.thinking_tokens if stats else 0,
            stats.thinking_s if stats else 0,
        )
        answer_char, answer_rate = _pace(
            len(answer), stats.answer_tokens if stats else 0, stats.answer_s if stats else 0
        )
        self.recorded_tokens_per_s = think_rate if thinking else answer_rate
        for span in spans:
            item = span.intervention
            if item is None:
                self._add_words(
                    "thinking", thinking, span.start, span.end, per_char=think_char, rate=think_rate
                )
                continue
            # Injected text lands at once (the engine feeds it in one go): one beat.
            self.units.append(
                ReplayUnit(
                    "thinking",
                    span.start,
                    span.end,
                    1.0,
                    1.0 / think_rate,
                    self._starts_paragraph(thinking, span.start),
                    item.reason,
                    item.position,
                )
            )
        self.thinking_units = len(self.units)
        self._add_words("answer", answer, 0, len(answer), per_char=answer_char, rate=answer_rate)

    @classmethod
    def from_message(cls, message: StoredMessage) -> ReplaySchedule:
        """The replay of a stored reply (its recorded figures set the pace)."""
        stats = message.generation.stats if message.generation is not None else None
        return cls(message.thinking, message.content, message.interventions, stats)

    def _starts_paragraph(self, text: str, start: int) -> bool:
        """Whether ``text[start:]`` opens a paragraph (a blank line, or nothing, before it)."""
        # Only the few characters before ``start`` are looked at: a trace has thousands of words.
        before = text[max(0, start - 16) : start]
        if start == 0 or before.rstrip(" \t").endswith("\n\n"):
            return True
        return not before.strip() and not text[:start].strip()

    def _add_words(
        self, part: Part, text: str, start: int, end: int, *, per_char: float, rate: float
    ) -> None:
        first_of_part = not any(u.part == part for u in self.units)
        for begin, stop in _words(text, start, end):
            tokens = (stop - begin) * per_char
            paragraph = (first_of_part and begin == start) or self._starts_paragraph(text, begin)
            self.units.append(ReplayUnit(part, begin, stop, tokens, tokens / rate, paragraph))

    # ----- pace ----------------------------------------------------------------------------

    def set_speed(self, speed: float) -> None:
        """Plays at ``speed`` times the recorded pace (and drops a fixed rate)."""
        if speed <= 0:
            raise ValueError("The replay speed must be above zero.")
        self.speed, self.fixed_tokens_per_s = speed, None
        self._times = None

    def set_fixed_rate(self, tokens_per_s: float) -> None:
        """Plays at a steady ``tokens_per_s``, whatever the recorded pace was."""
        if tokens_per_s <= 0:
            raise ValueError("The replay rate must be above zero tokens per second.")
        self.fixed_tokens_per_s = tokens_per_s
        self._times = None

    def unit_seconds(self, index: int) -> float:
        """How long unit ``index`` takes to appear at the current pace."""
        unit = self.units[index]
        if self.fixed_tokens_per_s is not None:
            return unit.tokens / self.fixed_tokens_per_s
        return unit.seconds / self.speed

    def time_at(self, position: int) -> float:
        """Seconds from the start until ``position`` units are on show, at the current pace."""
        if self._times is None:
            self._times = [0.0, *accumulate(self.unit_seconds(i) for i in range(len(self.units)))]
        return self._times[max(0, min(position, len(self.units)))]

    @property
    def duration(self) -> float:
        return self.time_at(len(self.units))

    @property
    def elapsed(self) -> float:
        return self.time_at(self.position) + self._into

    # ----- moving ----------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.position >= len(self.units)

    def advance(self, seconds: float) -> int:
        """Moves on by ``seconds`` of playing; returns how many units appeared."""
        before = self.position
        self._into += max(0.0, seconds)
        while self.position < len(self.units):
            need = self.unit_seconds(self.position)
            if self._into < need:
                break
            self._into -= need
            self.position += 1
        if self.finished:
            self._into = 0.0
        return self.position - before

    def seek(self, position: int) -> None:
        self.position = max(0, min(position, len(self.units)))
        self._into = 0.0

    def _paragraph_stops(self) -> list[int]:
        stops = [i for i, unit in enumerate(self.units) if unit.paragraph_start]
        return [*stops, len(self.units)]

    def step_forward(self, by: Step = "word") -> None:
        if by == "word":
            self.seek(self.position + 1)
        else:
            self.seek(
                next((s for s in self._paragraph_stops() if s > self.position), self.position)
            )

    def step_back(self, by: Step = "word") -> None:
        if by == "word":
            self.seek(self.position - 1)
        else:
            self.seek(max((s for s in self._paragraph_stops() if s < self.position), default=0))

    # ----- what is on show -------------------------------------------------------------------

    def shown_units(self, position: int | None = None) -> list[ReplayUnit]:
        return self.units[: self.position if position is None else position]

    def thinking_text(self, position: int | None = None) -> str:
        """The thinking on show (injected text included), as stored."""
        return "".join(
            self.thinking[u.start : u.end]
            for u in self.shown_units(position)
            if u.part == "thinking"
        )

    def answer_text(self, position: int | None = None) -> str:
        return "".join(
            self.answer[u.start : u.end] for u in self.shown_units(position) if u.part == "answer"
        )

    def run_of(self, unit: ReplayUnit) -> TraceRun:
        """How the chain-of-thought panel takes ``unit`` (a thinking unit)."""
        return TraceRun(self.thinking[unit.start : unit.end], unit.reason, unit.position)

    @property
    def in_thinking(self) -> bool:
        return self.position < self.thinking_units

    def shown_tokens(self) -> int:
        return round(sum(u.tokens for u in self.shown_units()))
