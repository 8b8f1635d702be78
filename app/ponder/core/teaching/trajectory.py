"""The answer trajectory: the candidate answers a model writes while it thinks.

A reasoning trace often says "so the answer is 41", then "Wait, …", then "= 42". This module
finds those candidate answers, with their character positions in the trace, and the points
where the model changed its mind, so a class can see self-correction step by step.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from ponder.core.teaching.answer_check import NUMBER, AnswerKind, boxed_contents, normalize

_VALUE = rf"(?P<value>{NUMBER}|yes|no|\([A-E]\))"
# Phrases that announce a candidate answer, most specific first. Each captures ``value``.
_PATTERNS = (
    re.compile(
        rf"\b(?:answer|result|total|solution)\s+(?:is|=|would be|should be|must be)\s*:?\s*"
        rf"(?:x\s*=\s*)?\$?{_VALUE}",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:I|we)\s+(?:get|got|find|found|have)\s+(?:x\s*=\s*)?{_VALUE}", re.IGNORECASE),
    re.compile(
        rf"\b(?:so|therefore|thus|hence)\s*,?\s+(?:x\s*=\s*)?{_VALUE}(?=\s*[.,!\n]|$)", re.I
    ),
    # "= 42" closing an equation: at the end of a sentence, line or the text, maybe with a
    # unit ("= 42 marbles.", "= 42 marbles in total.").
    re.compile(
        rf"=\s*\$?{_VALUE}\$?(?:\s+[a-z]+(?:\s+in\s+total|\s+altogether)?)?"
        rf"(?=\s*(?:[.,;!\n]|$))"
    ),
)
# Words that mark a model second-guessing itself just before a new candidate.
_DOUBT = re.compile(
    r"\b(?:wait|actually|hmm|no,|hold on|let me (?:re)?check|mistake|wrong)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate answer: ``value`` as written, ``normalized`` for comparison, and where
    it is in the trace (``start``/``end`` are character offsets of the value)."""

    value: str
    normalized: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class MindChange:
    """The model moved from one candidate answer to a different one.

    ``position`` is the new candidate's start; ``doubt`` says whether a cue such as "Wait" or
    "actually" came between the two (self-correction, rather than a new sub-result)."""

    before: Candidate
    after: Candidate
    position: int
    doubt: bool


@dataclass(frozen=True, slots=True)
class Trajectory:
    """The candidates in order, the changes of mind, and the last candidate (or None)."""

    candidates: tuple[Candidate, ...]
    changes: tuple[MindChange, ...]

    @property
    def final(self) -> Candidate | None:
        return self.candidates[-1] if self.candidates else None


def _kind_of(value: str) -> AnswerKind:
    lowered = value.lower()
    if lowered in {"yes", "no"}:
        return "yesno"
    if lowered.startswith("("):
        return "choice"
    return "number"


def _boxed_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    search_from = 0
    for content in boxed_contents(text):
        start = text.find(content, text.find("\\boxed", search_from))
        search_from = start + len(content)
        value = content.strip()
        found.append(Candidate(value, normalize(value, _kind_of(value)), start, search_from))
    return found


def candidates(text: str) -> list[Candidate]:
    """Every candidate answer in ``text``, in order of position; overlapping phrases
    (e.g. "the answer is = 42") count once."""
    found = _boxed_candidates(text)
    # The spans taken so far, disjoint and sorted by start: a new span overlaps one only if it
    # overlaps its neighbour on either side (a trace can hold hundreds of candidates).
    taken = sorted((c.start, c.end) for c in found)
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span("value")
            index = bisect.bisect_left(taken, (start, end))
            if (index > 0 and taken[index - 1][1] > start) or (
                index < len(taken) and taken[index][0] < end
            ):
                continue
            value = match.group("value")
            taken.insert(index, (start, end))
            found.append(Candidate(value, normalize(value, _kind_of(value)), start, end))
    return sorted(found, key=lambda c: c.start)


def trajectory(text: str) -> Trajectory:
    """The candidates in ``text`` and where the model changed its mind between them."""
    found = candidates(text)
    changes = [
        MindChange(before, after, after.start, bool(_DOUBT.search(text, before.end, after.start)))
        for before, after in itertools.pairwise(found)
        if before.normalized != after.normalized
    ]
    return Trajectory(tuple(found), tuple(changes))
