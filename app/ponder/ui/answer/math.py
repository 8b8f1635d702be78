"""LaTeX math in answers, drawn as images that a QTextDocument can show.

Why ziamath: QTextDocument renders a small HTML subset with no MathML, so math must arrive as
images. ziamath turns LaTeX into SVG in pure Python (its own layout engine and the bundled
STIX Two Math font: fractions, roots, powers, ``\\boxed``, matrices), and QtSvg — part of
PySide6-Essentials — draws that SVG. The alternatives weighed: converting LaTeX to Unicode text
(pylatexenc, flatlatex, unicodeit) cannot stack a fraction or draw a root's bar, and
matplotlib's mathtext is a 40 MB dependency for the same result. ziamath is asked for SVG 1.1
(``config.svg2 = False``): QtSvg does not resolve SVG 2 ``<symbol>``/``href`` uses.

Thread: ``MathRenderer`` lives on the GUI thread. ``render`` draws at once (export, tests);
``render_later`` hands a formula to one worker thread and answers ``PENDING`` until the image is
ready, then ``ready`` is emitted on the GUI thread and views swap their placeholder for it.
Why a thread and not a process: ziamath holds the GIL while it lays out, but Python hands the
GIL over every ``sys.getswitchinterval()`` (5 ms), so the GUI thread waits at most a slice at a
time instead of the whole formula (measured by ``benchmarks/bench_gui.py``, "formulas" rows);
QSvgRenderer and QPainter on a QImage are safe off the GUI thread and release the GIL.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from ponder.ui.answer.math_bounds import math_is_affordable

log = logging.getLogger(__name__)

URL_SCHEME = "ponder-math"
_CACHE_SIZE = 512
PENDING = "pending"  # ``render_later``: the image is being drawn; show the source meanwhile


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


def math_key(latex: str, display: bool) -> str:
    """The name of one formula's image (its URL, and its placeholder's anchor)."""
    digest = hashlib.sha1(f"{display}:{latex}".encode(), usedforsecurity=False).hexdigest()
    return f"{URL_SCHEME}:{digest[:16]}"


@dataclass(frozen=True, slots=True)
class _Style:
    color: str
    font_px: float
    device_pixel_ratio: float


def _draw(ziamath: Any, latex: str, display: bool, style: _Style) -> QImage | None:
    """ziamath's SVG drawn into an image; any thread. None when it cannot be drawn."""
    size = style.font_px * (1.2 if display else 1.12)
    try:
        svg = ziamath.Latex(latex, size=size, color=style.color, inline=not display).svg()
    except Exception as exc:  # ziamath raises many kinds on LaTeX it does not know
        log.debug("math not rendered (%s): %r", exc, latex)
        return None
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        return None
    logical = renderer.defaultSize()
    if logical.isEmpty():
        return None
    scale = style.device_pixel_ratio
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
    return image


class _Finished(QObject):
    """Carries a worker's image to the GUI thread (a queued signal). Lives on the GUI thread."""

    done = Signal(object)


class _Job(QRunnable):
    """Draws one formula on the renderer's worker thread."""

    def __init__(
        self, key: tuple[str, bool], style: _Style, generation: int, finished: _Finished
    ) -> None:
        super().__init__()
        self._key, self._style, self._generation, self._finished = key, style, generation, finished

    def run(self) -> None:
        ziamath = _load_ziamath()  # imported once; later calls find it in sys.modules
        latex, display = self._key
        image = _draw(ziamath, latex, display, self._style) if ziamath is not None else None
        self._finished.done.emit((self._key, self._generation, image))


class MathRenderer(QObject):
    """Renders LaTeX expressions to images for ``AnswerView.loadResource``, with a cache.

    ``color`` is the text colour (CSS), ``font_px`` the body text size in pixels,
    ``device_pixel_ratio`` the screen's scale (images are drawn sharp on high-DPI screens).
    An expression ziamath cannot parse, or one too costly to draw (``math_bounds``: a model
    that loops writes formulas nested without end), comes back as None: the caller shows
    the source. Lives on the GUI thread; ``ready`` (the formula's ``math_key``) is emitted
    there when a ``render_later`` image is ready.
    """

    ready = Signal(str)

    def __init__(
        self,
        *,
        color: str,
        font_px: float,
        device_pixel_ratio: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.color = color
        self.font_px = font_px
        self.device_pixel_ratio = max(1.0, device_pixel_ratio)
        self._ziamath: Any = None
        self._loaded = False  # ziamath is imported on the first formula (a third of a second)
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._sizes: dict[tuple[str, bool], MathImage | None] = {}
        self._pending: set[tuple[str, bool]] = set()
        self._generation = 0  # bumped by clear(): images drawn in an old style are dropped
        # One worker: formulas are drawn in the order they arrive, and a burst of them never
        # takes more than one core from the GUI.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._finished = _Finished(self)
        self._finished.done.connect(self._on_finished)

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

    def _style(self) -> _Style:
        return _Style(self.color, self.font_px, self.device_pixel_ratio)

    def _cached(self, key: tuple[str, bool]) -> tuple[bool, MathImage | None]:
        if key in self._sizes:
            image = self._sizes[key]
            if image is None or image.url in self._images:
                return True, image
        return False, None

    def render(self, latex: str, *, display: bool) -> MathImage | None:
        """The image for ``latex`` (made now or taken from the cache), or None."""
        key = (latex, display)
        found, image = self._cached(key)
        if found:
            return image
        made = None
        ziamath = self._library()
        if ziamath is not None and latex.strip() and math_is_affordable(latex):
            made = self._store(key, _draw(ziamath, latex, display, self._style()))
        self._sizes[key] = made
        return made

    def render_later(self, latex: str, *, display: bool) -> MathImage | str | None:
        """The cached image for ``latex``; else ``PENDING`` while a worker draws it (``ready``
        follows), or None when it will not be drawn (show the source)."""
        key = (latex, display)
        found, image = self._cached(key)
        if found:
            return image
        if not latex.strip() or not math_is_affordable(latex):
            self._sizes[key] = None
            return None
        if key not in self._pending:
            self._pending.add(key)
            self._pool.start(_Job(key, self._style(), self._generation, self._finished))
        return PENDING

    def wait(self, timeout_ms: int = -1) -> bool:
        """Waits for the worker to finish what it was given (tests, shutdown)."""
        return self._pool.waitForDone(timeout_ms)

    def stop(self, timeout_ms: int = -1) -> bool:
        """Drops the formulas not yet started and waits for the one being drawn (shutdown)."""
        self._pool.clear()
        return self._pool.waitForDone(timeout_ms)

    def _on_finished(self, result: tuple[tuple[str, bool], int, QImage | None]) -> None:
        key, generation, image = result
        if generation != self._generation:
            return  # drawn before clear(): a new request draws it in the new style
        self._pending.discard(key)
        self._sizes[key] = self._store(key, image)
        self.ready.emit(math_key(*key))

    def _store(self, key: tuple[str, bool], image: QImage | None) -> MathImage | None:
        if image is None:
            return None
        url = math_key(*key)
        self._images[url] = image
        while len(self._images) > _CACHE_SIZE:
            self._images.popitem(last=False)
        scale = image.devicePixelRatio()
        return MathImage(url, round(image.width() / scale), round(image.height() / scale))

    def clear(self) -> None:
        """Forgets every image (after a change of colour or size)."""
        self._images.clear()
        self._sizes.clear()
        self._pending.clear()
        self._generation += 1

    def image(self, url: str) -> QImage | None:
        """The image behind a URL that ``render`` returned."""
        image = self._images.get(url)
        if image is not None:
            self._images.move_to_end(url)
        return image
