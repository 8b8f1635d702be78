"""Writing an export (a conversation or a sweep) to the file a user picks: HTML, Markdown or
PDF, chosen by the file's extension.

Thread: GUI thread (the PDF is laid out by Qt).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ponder.ui.translations import QT_TRANSLATE_NOOP

FILTERS = QT_TRANSLATE_NOOP("Export", "Web page (*.html);;Markdown (*.md);;PDF (*.pdf)")


def file_name(title: str) -> str:
    """A title as a file name that every desktop accepts."""
    cleaned = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return " ".join(cleaned.split())[:60] or "export"


def export_document(
    parent: QWidget,
    *,
    caption: str,
    title: str,
    html: Callable[[], str],
    markdown: Callable[[], str],
    path: str | None = None,
) -> tuple[Path | None, str]:
    """Asks where to save (unless ``path`` is given) and writes the document there: ``.md``
    as Markdown, ``.pdf`` as a PDF of the HTML, anything else as HTML. Returns the file
    written (None if cancelled or failed) and a line for the status bar."""
    if path is None:
        path, _ = QFileDialog.getSaveFileName(
            parent,
            caption,
            str(Path.home() / f"{file_name(title)}.html"),
            QCoreApplication.translate("Export", FILTERS),
        )
        if not path:
            return None, ""
    target = Path(path)
    try:
        suffix = target.suffix.lower()
        if suffix == ".md":
            target.write_text(markdown(), encoding="utf-8")
        elif suffix == ".pdf":
            from ponder.ui.pdf_export import write_pdf

            write_pdf(html(), target, title=title)
        else:
            target.write_text(html(), encoding="utf-8")
    except OSError as exc:
        problem = QCoreApplication.translate("Export", "Could not write {file}: {problem}.")
        return None, problem.format(file=target, problem=exc.strerror or exc)
    done = QCoreApplication.translate("Export", "Exported to {file}.")
    return target, done.format(file=target)
