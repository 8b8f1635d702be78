"""LaTeX math in answers, drawn as images that a QTextDocument can show.

Why ziamath: QTextDocument renders a small HTML subset with no MathML, so math must arrive as
images. ziamath turns LaTeX into SVG in pure Python (its own layout engine and the bundled
STIX Two Math font: fractions, roots, powers, ``\\boxed``, matrices), and QtSvg — part of
PySide6-Essentials — draws that SVG. The alternatives weighed: converting LaTeX to Unicode text
(pylatexenc, flatlatex, unicodeit) cannot stack a fraction or draw a root's bar, and
matplotlib's mathtext is a 40 MB dependency for the same result. ziamath is asked for SVG 1.1
(``config.svg2 = False``): QtSvg does not resolve SVG 2 ``<symbol>``/``href`` uses.

Thread: GUI thread (QImage and QSvgRenderer are used where the document is painted).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from ponder.ui.answer.math_bounds import math_is_affordable

log = logging.getLogger(__name__)

URL_SCHEME = "ponder-math"
_CACHE_SIZE = 512


@dataclass(frozen=True, slots=True)
class MathImage:
    """One rendered expression: the URL the HTML refers to and its size in logical pixels."""

    url: str
    width: int
    height: int


def _load_ziamath() -> Any:
    """ziamath, set to write SVG that QtSvg understands; None when it is not installed."""
    # ziamath 0.13 warns (DeprecationWarning: importlib.resources.path) as it is imported.
    # Python hides that warning outside __main__; it is not silenced here with
    # warnings.catch_warnings, which is not thread-safe and this runs on a background thread.
    try:
        import ziamath
    except ImportError:
        return None
    ziamath.config.svg2 = False
    return ziamath


class MathRenderer:
    """Renders LaTeX expressions to images for ``AnswerView.loadResource``, with a cache.

    ``color`` is the text colour (CSS), ``font_px`` the body text size in pixels,
    ``device_pixel_ratio`` the screen's scale (images are drawn sharp on high-DPI screens).
    An expression ziamath cannot parse, or one too costly to draw (``math_bounds``: a model
    that loops writes formulas nested without end), comes back as None: the caller shows
    the source.
    """

    def __init__(self, *, color: str, font_px: float, device_pixel_ratio: float = 1.0) -> None:
        self.color = color
        self.font_px = font_px
        self.device_pixel_ratio = max(1.0, device_pixel_ratio)
        self._ziamath: Any = None
        self._loaded = False  # ziamath is imported on the first formula (a third of a second)
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._sizes: dict[tuple[str, bool], MathImage | None] = {}

    @property
    def available(self) -> bool:
        return self._library() is not None

    @staticmethod
    def preload() -> threading.Thread:
        """Imports ziamath on a short-lived background thread, so the first formula does not
        stall the GUI (the import is pure Python; the GIL is shared in small slices)."""
        thread = threading.Thread(target=_load_ziamath, name="ponder-math-import", daemon=True)
        thread.start()
        return thread

    def _library(self) -> Any:
        if not self._loaded:
            self._ziamath = _load_ziamath()
            self._loaded = True
        return self._ziamath

    def render(self, latex: str, *, display: bool) -> MathImage | None:
        """The image for ``latex`` (made now or taken from the cache), or None."""
        key = (latex, display)
        if key in self._sizes:
            image = self._sizes[key]
            if image is None or image.url in self._images:
                return image
        made = self._draw(latex, display)
        self._sizes[key] = made
        return made

    def clear(self) -> None:
        """Forgets every image (after a change of colour or size)."""
        self._images.clear()
        self._sizes.clear()

    def image(self, url: str) -> QImage | None:
        """The image behind a URL that ``render`` returned."""
        image = self._images.get(url)
        if image is not None:
            self._images.move_to_end(url)
        return image

    def _draw(self, latex: str, display: bool) -> MathImage | None:
        ziamath = self._library()
        if ziamath is None or not latex.strip() or not math_is_affordable(latex):
            return None
        size = self.font_px * (1.2 if display else 1.12)
        try:
            svg = ziamath.Latex(latex, size=size, color=self.color, inline=not display).svg()
        except Exception as exc:  # ziamath raises many kinds on LaTeX it does not know
            log.debug("math not rendered (%s): %r", exc, latex)
            return None
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        if not renderer.isValid():
            return None
        logical = renderer.defaultSize()
        if logical.isEmpty():
            return None
        scale = self.device_pixel_ratio
        image = QImage(
            QSize(round(logical.width() * scale), round(logical.height() * scale)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.setDevicePixelRatio(scale)
        digest = hashlib.sha1(f"{display}:{latex}".encode(), usedforsecurity=False).hexdigest()
        url = f"{URL_SCHEME}:{digest[:16]}"
        self._images[url] = image
        while len(self._images) > _CACHE_SIZE:
            self._images.popitem(last=False)
        return MathImage(url, logical.width(), logical.height())
