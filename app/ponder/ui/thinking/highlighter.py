"""Highlights a model's self-checks in its chain of thought ("Wait", "Hmm", "Let me check"…).

A QSyntaxHighlighter works per block (paragraph) and Qt re-runs it only on blocks that
changed, so appending to a long trace re-highlights just its last paragraph, and a word that
arrives in two pieces ("Wa" + "it") is highlighted once it is whole. Text Ponder injected is
skipped: it is marked by its own format (``INTERVENTION_PROPERTY``), not as the model's doubt.

Thread: GUI thread (it belongs to the panel's QTextDocument).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, cast

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

# A user property on the character format of injected text: the intervention's reason.
INTERVENTION_PROPERTY = QTextCharFormat.Property.UserProperty.value + 1

SELF_CHECK = re.compile(
    r"\b(?:Wait|Hmm+|Let me (?:check|double[- ]check|verify|re-?check|recheck|think again)"
    r"|Alternatively|But|Actually|Hold on|On second thought)\b"
)


class TraceHighlighter(QSyntaxHighlighter):
    """Marks self-check phrases with ``color`` (bold, coloured) in the model's own text."""

    def __init__(self, document: QTextDocument, color: QColor) -> None:
        super().__init__(document)
        self._format = QTextCharFormat()
        self._format.setForeground(color)
        self._format.setFontWeight(QFont.Weight.Bold)

    def set_color(self, color: QColor) -> None:
        self._format.setForeground(color)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        if not text:
            return
        injected = self._injected_spans()
        for match in SELF_CHECK.finditer(text):
            start, end = _utf16(text, match.start()), _utf16(text, match.end())
            if any(start < stop and end > begin for begin, stop in injected):
                continue
            self.setFormat(start, end - start, self._format)

    def _injected_spans(self) -> list[tuple[int, int]]:
        """Where in the current block text Ponder injected lies (UTF-16 offsets)."""
        block = self.currentBlock()
        spans = []
        for item in cast(Iterable[Any], block):  # QTextBlock iterates its fragments
            fragment = item.fragment()
            if fragment.isValid() and fragment.charFormat().hasProperty(INTERVENTION_PROPERTY):
                begin = fragment.position() - block.position()
                spans.append((begin, begin + fragment.length()))
        return spans


def _utf16(text: str, index: int) -> int:
    """A Python index into ``text`` as Qt counts it (UTF-16 code units)."""
    if text.isascii():
        return index
    return len(text[:index].encode("utf-16-le")) // 2
