"""Small readers of what the thinking panel shows, shared by the UI tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor

from ponder.ui.thinking.highlighter import INTERVENTION_PROPERTY
from ponder.ui.thinking.panel import ThinkingPanel


def _python_index(text: str, position: int) -> int:
    """A Qt document position (UTF-16 units) as an index into the Python string."""
    return len(text.encode("utf-16-le")[: 2 * position].decode("utf-16-le"))


def intervention_spans(panel: ThinkingPanel) -> list[tuple[str, int, int]]:
    """(reason, start, end) of every run of injected text in the panel, in order, as indexes
    into ``panel.trace_text``."""
    text = panel.trace_text
    spans: list[tuple[str, int, int]] = []
    block = panel.view.document().begin()
    while block.isValid():
        for item in block:
            fragment = item.fragment()
            fmt = fragment.charFormat()
            if fragment.isValid() and fmt.hasProperty(INTERVENTION_PROPERTY):
                start = fragment.position()
                end = start + fragment.length()
                reason = str(fmt.property(INTERVENTION_PROPERTY))
                spans.append((reason, _python_index(text, start), _python_index(text, end)))
        block = block.next()
    return spans


def point_of(panel: ThinkingPanel, index: int) -> QPoint:
    """Viewport coordinates of the character at ``index`` of ``panel.trace_text``."""
    cursor = QTextCursor(panel.view.document())
    cursor.setPosition(len(panel.trace_text[:index].encode("utf-16-le")) // 2)
    return panel.view.cursorRect(cursor).center()


def intervention_tooltips(panel: ThinkingPanel) -> list[str]:
    """The tooltip on each run of injected text in the panel, in order."""
    tips: list[str] = []
    block = panel.view.document().begin()
    while block.isValid():
        for item in block:
            fmt = item.fragment().charFormat()
            if item.fragment().isValid() and fmt.hasProperty(INTERVENTION_PROPERTY):
                tips.append(fmt.toolTip())
        block = block.next()
    return tips
