"""One answer on screen: Markdown rendered as it streams, finished blocks never re-rendered.

Every finished block of the answer (see ``split_stable``) is rendered once and stays; only
what follows ``_tail_start`` — the block still being written — is re-rendered when more text
arrives. So the cost of an update is the size of the unfinished
block, however long the answer grows.

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, QSizeF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFontMetrics,
    QGuiApplication,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
)
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from ponder.ui.answer.markdown import (
    COPY_SCHEME,
    MarkdownRenderer,
    code_key,
    plain_text_html,
    split_stable,
)
from ponder.ui.answer.math import URL_SCHEME

_SAFE_SCHEMES = {"http", "https", "mailto"}
READING_CHARACTERS = 75  # the longest line an answer is set in, as books and the web do
COPIED_FEEDBACK_MS = 1500


def reading_width(widget: QWidget) -> int:
    """Pixels for a line of about ``READING_CHARACTERS`` characters in ``widget``'s font."""
    return QFontMetrics(widget.font()).averageCharWidth() * READING_CHARACTERS + 24


class AnswerView(QTextBrowser):
    """A read-only, self-sizing text view for one message (an answer, or a user's text).

    ``set_markdown`` shows a whole text; ``append_markdown`` adds streamed text. Links to the
    web open in the browser; nothing else is loaded (math images come from the renderer).
    """

    height_changed = Signal(int)
    code_copied = Signal(str)  # the code a code block's Copy link put on the clipboard

    def __init__(self, renderer: MarkdownRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = renderer
        self._source = ""
        self._stable = 0  # characters of _source already rendered as finished blocks
        self._tail_start = 0  # document position where the unfinished block begins
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.viewport().setAutoFillBackground(False)
        self.document().setDocumentMargin(2)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        if renderer.math is not None and renderer.math_later:
            renderer.math.ready.connect(self._math_ready)

    # ----- content ---------------------------------------------------------------------------

    @property
    def source_text(self) -> str:
        """The Markdown shown so far."""
        return self._source

    def set_plain(self, text: str) -> None:
        """Shows ``text`` as it is (a user's message: no Markdown)."""
        self._reset()
        self._source = text
        self.setHtml(plain_text_html(text))

    def set_markdown(self, text: str) -> None:
        """Shows a whole answer at once (a stored message)."""
        self._reset()
        self.append_markdown(text)

    def append_markdown(self, text: str) -> None:
        """Adds streamed text: renders newly finished blocks once, then the unfinished one."""
        if not text:
            return
        self._source += text
        stable = split_stable(self._source, self._stable)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        # Drop the unfinished block as last rendered; the document now ends at _tail_start.
        cursor.setPosition(self._tail_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.setBlockFormat(QTextBlockFormat())
        cursor.setCharFormat(QTextCharFormat())
        if stable > self._stable:
            self._insert(cursor, self._source[self._stable : stable])
            self._stable = stable
            # The unfinished block starts in a fresh block, outside any list or table.
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            self._tail_start = cursor.position()
        tail = self._source[self._stable :]
        if tail.strip():
            self._insert(cursor, tail)
        cursor.endEditBlock()

    def _insert(self, cursor: QTextCursor, markdown: str) -> None:
        """Inserts rendered Markdown at the cursor, which stands in an empty block.

        Qt merges a fragment's first paragraph into that block, but a fragment that opens
        with a list or a table leaves it empty before them: the empty block is removed, or,
        where Qt must keep a block before a table, shrunk to nothing.
        """
        start = cursor.position()
        cursor.insertHtml(self._renderer.render(markdown).strip())
        block = self.document().findBlock(start)
        if block.length() != 1 or block.position() != start or not block.next().isValid():
            return
        fix = QTextCursor(block)
        fix.deleteChar()
        block = self.document().findBlock(start)
        if block.length() == 1 and block.next().isValid():
            hidden = QTextBlockFormat()
            hidden.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            hidden.setTopMargin(0)
            hidden.setBottomMargin(0)
            fix.setBlockFormat(hidden)

    def _reset(self) -> None:
        self.document().clear()
        self._source, self._stable, self._tail_start = "", 0, 0

    def _math_ready(self, url: str) -> None:
        """Swaps the placeholders of one formula (its source, anchored ``url``) for its image,
        in place: nothing else of the answer is rendered again."""
        math = self._renderer.math
        image = math.image(url) if math is not None else None
        if image is None:
            return
        spans = []
        block = self.document().begin()
        while block.isValid():
            fragments = block.begin()
            start = end = -1
            tip = ""
            while not fragments.atEnd():
                fragment = fragments.fragment()
                fmt = fragment.charFormat()
                if (
                    start >= 0
                    and fragment.position() == end
                    and not fmt.isAnchor()
                    and (fmt.toolTip() == tip)
                ):
                    end += fragment.length()  # Qt names only the first character's anchor
                else:
                    if start >= 0:
                        spans.append((start, end))
                        start = -1
                    if url in fmt.anchorNames():
                        start, end = fragment.position(), fragment.position() + fragment.length()
                        tip = fmt.toolTip()
                fragments += 1
            if start >= 0:
                spans.append((start, end))
            block = block.next()
        scale = image.devicePixelRatio()
        picture = QTextImageFormat()
        picture.setName(url)
        picture.setWidth(image.width() / scale)
        picture.setHeight(image.height() / scale)
        picture.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for start, end in reversed(spans):
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertImage(picture)
            if start < self._tail_start:
                self._tail_start -= end - start - 1
        cursor.endEditBlock()

    # ----- resources, links, size ----------------------------------------------------------

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 (Qt's name)
        """Math images from the renderer; nothing else (no files, no network)."""
        name = url.toString() if isinstance(url, QUrl) else str(url)
        if kind == QTextDocument.ResourceType.ImageResource and name.startswith(URL_SCHEME):
            math = self._renderer.math
            image = math.image(name) if math is not None else None
            if image is not None:
                return image
        return None

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() == COPY_SCHEME:
            self.copy_code(url.path())
        elif url.scheme() in _SAFE_SCHEMES:
            QDesktopServices.openUrl(url)

    # ----- code blocks ----------------------------------------------------------------------

    def copy_code(self, key: str) -> bool:
        """Copies the code block named ``key`` (its Copy link) and says "Copied" on the link
        for a moment; False if the answer no longer has that block."""
        code = next(
            (c for c in self._renderer.code_blocks(self._source) if code_key(c) == key), None
        )
        if code is None:
            return False
        QGuiApplication.clipboard().setText(code)
        self._relabel(key, self.tr("Copied ✓"))
        # With the view as context: dropped if the view is gone by then.
        QTimer.singleShot(COPIED_FEEDBACK_MS, self, lambda: self._relabel(key, self.tr("Copy")))
        self.code_copied.emit(code)
        return True

    def copy_link_texts(self) -> list[str]:
        """The text of each Copy link in the answer, in order ("Copy", or "Copied ✓")."""
        return [text for _start, _end, text in self._copy_links()]

    def _copy_links(self, key: str | None = None) -> list[tuple[int, int, str]]:
        """(start, end, text) of the Copy links (of the block ``key``, or all)."""
        found = []
        block = self.document().begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                href = fragment.charFormat().anchorHref()
                if href.startswith(f"{COPY_SCHEME}:") and (key is None or href.endswith(key)):
                    start = fragment.position()
                    found.append((start, start + fragment.length(), fragment.text()))
                fragments += 1
            block = block.next()
        return found

    def _relabel(self, key: str, text: str) -> None:
        """Sets the text of the Copy links of the block ``key``, keeping their link."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for start, end, _old in reversed(self._copy_links(key)):
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            fmt = cursor.charFormat()
            cursor.insertText(text, fmt)
            if start < self._tail_start:
                self._tail_start += len(text) - (end - start)
        cursor.endEditBlock()

    def natural_width(self) -> int:
        """The width the text takes unwrapped (its longest line), in pixels: a short
        message's bubble hugs it."""
        document = self.document().clone(self)
        document.setTextWidth(-1)
        width = int(document.idealWidth()) + 8
        document.deleteLater()
        return width

    def _fit_height(self, size: QSizeF | None = None) -> None:
        height = int(self.document().size().height()) + 4
        if height != self.height():
            self.setFixedHeight(height)
            self.height_changed.emit(height)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(super().sizeHint().width(), int(self.document().size().height()) + 4)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.document().setTextWidth(self.viewport().width())
        self._fit_height()
