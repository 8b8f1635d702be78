"""Export documents to PDF: the HTML that ``ponder.core.teaching.export`` makes, laid out by Qt.

Lives in ``ui`` because it needs Qt (``QTextDocument`` + ``QPdfWriter``); core stays Qt-free.
Needs a ``QGuiApplication`` (fonts); ``write_pdf_headless`` makes one for the command line.
Qt's rich-text engine knows a subset of CSS: the PDF keeps the text, paragraphs, tables and
marked interventions, not every visual detail of the HTML page.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument


def write_pdf(html: str, path: Path, title: str = "") -> None:
    """Writes ``html`` as an A4 PDF at ``path`` (a ``QGuiApplication`` must exist); raises
    ``OSError`` if the file could not be written."""
    # QPdfWriter says nothing when it cannot open its file (a missing folder, no permission):
    # opening it here first gives the real reason, and the size check below catches the rest.
    with open(path, "wb"):
        pass
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Ponder")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
    del writer  # the file is finished when the writer goes away
    if path.stat().st_size == 0:
        raise OSError(
            errno.EIO,
            QCoreApplication.translate("Export", "the PDF could not be written"),
            str(path),
        )


def write_pdf_headless(html: str, path: Path, title: str = "") -> None:
    """``write_pdf`` for a command run without a window: makes the Qt application it needs
    (offscreen unless the user chose a platform)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([])
    write_pdf(html, path, title)
    del app
