"""The answer trajectory drawn on the chain-of-thought panel, and where its text came from.

Two things the panel needs to relate what it shows to what the model wrote:

* ``TraceOffsets`` maps a position in the panel's QTextDocument back to an offset into
  ``TraceState.text``. The two differ: the first run is shown lstripped, an intervention that
  injected nothing visible is shown as a label ("[Ponder: …]"), and Qt counts UTF-16 units.
* ``find_marks`` finds the candidate answers and changes of mind (``core.trajectory``) in the
  document's own plain text, so their positions are those of what is on screen, and
  ``selections`` turns them into ``QTextEdit.ExtraSelection``s — marks drawn over the text
  without touching the document's text or formats.

Thread: GUI thread (the panel's).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Literal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from ponder.core.teaching.trajectory import trajectory
from ponder.ui.thinking.highlighter import INTERVENTION_PROPERTY, SELF_CHECK

# A user property on a mark's selection format: its kind (tests and tooltips read it).
MARK_PROPERTY = QTextCharFormat.Property.UserProperty.value + 2

MarkKind = Literal["candidate", "change", "correction"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_STRIP_HEAD, _STRIP_TAIL = 3, 5  # candidates kept either side of "…" in a long strip


# ----- positions -------------------------------------------------------------------------------


def _index_of_units(text: str, units: int) -> int:
    """The Python index in ``text`` that lies ``units`` document positions into it.

    A character above U+FFFF is two positions to Qt, and ``insertText`` turns "\\r\\n" into
    one paragraph separator (one position)."""
    if text.isascii() and "\r" not in text:
        return min(units, len(text))
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        if char == "\r" and text.startswith("\n", index + 1):
            continue  # the pair is counted once, at its "\n"
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


class Utf16Positions:
    """Maps Python indexes into one string to Qt positions (UTF-16 units), in O(log n)."""

    def __init__(self, text: str) -> None:
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]

    def __call__(self, index: int) -> int:
        return index + bisect_left(self._astral, index)


@dataclass(frozen=True, slots=True)
class _Segment:
    """A piece of the document: ``text`` None for a label standing for an intervention."""

    doc_start: int
    doc_end: int
    trace_start: int
    text: str | None

    @property
    def trace_end(self) -> int:
        return self.trace_start + len(self.text or "")


@dataclass
class TraceOffsets:
    """Where each inserted piece of the panel's document came from in ``TraceState.text``.

    The panel calls ``add`` for every piece it inserts, in document order."""

    _segments: list[_Segment] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def add(self, doc_start: int, doc_end: int, trace_start: int, text: str | None) -> None:
        """Records that document positions [doc_start, doc_end) show ``text``, which starts
        at ``trace_start`` in the trace; ``text`` None for a label, which stands at
        ``trace_start`` (the end of its intervention's text)."""
        if doc_end > doc_start:
            self._segments.append(_Segment(doc_start, doc_end, trace_start, text))
            self._starts.append(doc_start)

    def trace_offset(self, position: int) -> int:
        """The offset into ``TraceState.text`` of the document position ``position``."""
        if not self._segments:
            return 0
        index = bisect_right(self._starts, position) - 1
        if index < 0:
            return self._segments[0].trace_start
        segment = self._segments[index]
        if segment.text is None or position >= segment.doc_end:
            return segment.trace_end
        return segment.trace_start + _index_of_units(segment.text, position - segment.doc_start)


# ----- marks -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """One candidate answer on show: [start, end) in document positions (UTF-16 units)."""

    start: int
    end: int
    value: str
    kind: MarkKind
    tooltip: str


def _injected_by(document: QTextDocument, position: int) -> str | None:
    """The reason of the injected text at ``position`` ("fork": a person's), or None."""
    probe = QTextCursor(document)
    probe.setPosition(min(position + 1, document.characterCount() - 1))
    fmt = probe.charFormat()
    return (
        str(fmt.property(INTERVENTION_PROPERTY)) if fmt.hasProperty(INTERVENTION_PROPERTY) else None
    )


def find_marks(document: QTextDocument) -> list[Mark]:
    """The candidate answers in ``document``'s text, in order, each with its tooltip."""
    plain = document.toPlainText()
    found = trajectory(plain)
    to_qt = Utf16Positions(plain)
    changes = {change.after.start: change for change in found.changes}
    marks = []
    for candidate in found.candidates:
        kind: MarkKind = "candidate"
        tooltip = QCoreApplication.translate("TrajectoryMarks", "Candidate answer: {value}").format(
            value=candidate.value
        )
        change = changes.get(candidate.start)
        if change is not None:
            kind = "correction" if change.doubt else "change"
            tooltip = QCoreApplication.translate(
                "TrajectoryMarks", "Changed its mind: {before} → {after}"
            ).format(before=change.before.value, after=candidate.value)
            if change.doubt:
                # Name the cue the reader can see; core's own test for doubt also counts
                # words such as "mistake" that are not self-check phrases.
                cue = SELF_CHECK.search(plain, change.before.end, candidate.start)
                if cue is None:
                    tooltip += QCoreApplication.translate(
                        "TrajectoryMarks", " (after second thoughts)"
                    )
                else:
                    reason = _injected_by(document, to_qt(cue.start()))
                    if reason is None:
                        after = QCoreApplication.translate("TrajectoryMarks", " (after a '{cue}')")
                    elif reason == "fork":
                        after = QCoreApplication.translate(
                            "TrajectoryMarks", " (after the fork's '{cue}')"
                        )
                    else:
                        after = QCoreApplication.translate(
                            "TrajectoryMarks", " (after Ponder's '{cue}')"
                        )
                    tooltip += after.format(cue=cue.group())
        start, end = to_qt(candidate.start), to_qt(candidate.end)
        marks.append(Mark(start, end, candidate.value, kind, tooltip))
    return marks


def mark_at(marks: list[Mark], position: int) -> Mark | None:
    """The mark over the character at document position ``position``, if any."""
    index = bisect_right([mark.start for mark in marks], position) - 1
    if index >= 0 and position < marks[index].end:
        return marks[index]
    return None


def mark_color(kind: MarkKind, dark: bool) -> QColor:
    """The accent of a kind of mark: green for a candidate, violet for a new answer, and
    red for a self-correction (it stands out most: it is what a class looks for)."""
    light_dark = {
        "candidate": ("#13795b", "#5fd3a8"),
        "change": ("#7b3fc4", "#c7a4ff"),
        "correction": ("#c62828", "#ff8a80"),
    }[kind]
    return QColor(light_dark[1] if dark else light_dark[0])


def _format(kind: MarkKind, dark: bool) -> QTextCharFormat:
    color = mark_color(kind, dark)
    fmt = QTextCharFormat()
    fmt.setProperty(MARK_PROPERTY, kind)
    wave = kind == "correction"
    fmt.setUnderlineStyle(
        QTextCharFormat.UnderlineStyle.WaveUnderline
        if wave
        else QTextCharFormat.UnderlineStyle.SingleUnderline
    )
    fmt.setUnderlineColor(color)
    tint = QColor(color)
    tint.setAlpha(70 if wave else 38)
    fmt.setBackground(tint)
    return fmt


def selections(
    document: QTextDocument, marks: list[Mark], dark: bool
) -> list[QTextEdit.ExtraSelection]:
    """The marks as extra selections, to draw over the text without changing it."""
    chosen = []
    formats = {kind: _format(kind, dark) for kind in ("candidate", "change", "correction")}
    for mark in marks:
        cursor = QTextCursor(document)
        cursor.setPosition(mark.start)
        cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = formats[mark.kind]
        chosen.append(selection)
    return chosen


def _times(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("TrajectoryMarks", "once")
    if count == 2:
        return QCoreApplication.translate("TrajectoryMarks", "twice")
    return QCoreApplication.translate("TrajectoryMarks", "{n} times").format(n=count)


def strip_html(marks: list[Mark], dark: bool) -> str:
    """The one-line trajectory: "Answers along the way: 41 → 42 → 42 · changed its mind
    once", each value a link ``candidate:N`` to mark N; "" when there are none."""
    if not marks:
        return ""
    shown: list[int | None] = list(range(len(marks)))
    if len(marks) > _STRIP_HEAD + _STRIP_TAIL + 1:
        shown = [*range(_STRIP_HEAD), None, *range(len(marks) - _STRIP_TAIL, len(marks))]
    links = []
    for number in shown:
        if number is None:
            links.append("…")
            continue
        mark = marks[number]
        color = mark_color(mark.kind, dark).name()
        links.append(
            f'<a href="candidate:{number}" style="color:{color}; text-decoration:none">'
            f"{html.escape(mark.value)}</a>"
        )
    text = QCoreApplication.translate("TrajectoryMarks", "Answers along the way: {answers}").format(
        answers=" → ".join(links)
    )
    changed = sum(mark.kind != "candidate" for mark in marks)
    if changed:
        text += QCoreApplication.translate("TrajectoryMarks", " · changed its mind {times}").format(
            times=_times(changed)
        )
    elif len(marks) > 1:
        text += QCoreApplication.translate("TrajectoryMarks", " · kept the same answer")
    return text
