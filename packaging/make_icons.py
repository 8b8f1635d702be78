"""Renders resources/icons/ponder.svg to the PNG and ICO files the installers use.

Run it after editing the SVG (``.venv/bin/python packaging/make_icons.py``); the outputs are
kept in the repository so that a build needs no renderer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn on a transparent square of ``size`` pixels."""
    image = QImage(QSize(size, size), QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])  # QImage writers need the image-format plugins
    renderer = QSvgRenderer(str(ICONS / "ponder.svg"))
    if not renderer.isValid():
        print("ponder.svg could not be read", file=sys.stderr)
        return 1
    for size in (256, 512):
        render(renderer, size).save(str(ICONS / f"ponder-{size}.png"))
    # Qt's ICO writer stores one size per file; 256 px is what Windows scales from.
    if not render(renderer, 256).save(str(ICONS / "ponder.ico"), "ICO"):
        print("this Qt has no ICO writer (the qico plugin)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
