"""Light, dark or the system's look, and the font size, applied to the whole application.

"system" keeps the platform's style and palette (and follows it when it changes). "light"
and "dark" use the Fusion style with a fixed palette, so they look the same everywhere —
including offscreen, where there is no system theme to follow. A small style sheet gives the
chat its shape (bubbles, chips); its colours come from the palette.

Thread: GUI thread.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from ponder.core.settings import Settings

_DARK = {
    QPalette.ColorRole.Window: "#1f2124",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#26282c",
    QPalette.ColorRole.AlternateBase: "#2c2f33",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#2e3136",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2e3136",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8a8f98",
    QPalette.ColorRole.Link: "#7fb2ff",
    QPalette.ColorRole.Mid: "#3a3d42",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f3f4f6",
    QPalette.ColorRole.WindowText: "#1d1f23",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f6f7f9",
    QPalette.ColorRole.Text: "#1d1f23",
    QPalette.ColorRole.Button: "#eceef1",
    QPalette.ColorRole.ButtonText: "#1d1f23",
    QPalette.ColorRole.Highlight: "#2f6fd0",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#ffffe8",
    QPalette.ColorRole.ToolTipText: "#1d1f23",
    QPalette.ColorRole.PlaceholderText: "#80858e",
    QPalette.ColorRole.Link: "#1f5fbf",
    QPalette.ColorRole.Mid: "#d5d8dd",
}

_STYLE = """
#conversationContent, #conversationView {{ background: {base}; }}
#userBubbleBox {{ background: {bubble}; border-radius: 12px; }}
#userBubble {{ background: transparent; }}
#answerView {{ background: transparent; }}
#thinkingChip {{
    background: {chip}; border: 1px solid {chip_border}; border-radius: 11px;
    padding: 2px 10px; color: {chip_text};
}}
#thinkingChip:hover {{ border-color: {accent}; }}
#thinkingChip:disabled {{ color: {muted}; }}
#messageAction {{ color: {muted}; padding: 1px 6px; }}
#messageAction:hover {{ color: {accent}; }}
#versionLabel {{ color: {muted}; }}
#messageStatus {{ color: {muted}; font-style: italic; }}
#contextNote {{ color: {muted}; font-style: italic; }}
#contextLabel {{ color: {muted}; }}
#contextLabel[state="warning"] {{ color: #d9534f; }}
#messageStatus[kind="error"] {{ color: #d9534f; font-style: normal; }}
#replyNotices {{ color: {notice}; }}
#thinkingPanel {{ background: {panel}; }}
#traceView {{ background: {panel}; }}
#thinkingHeader {{ color: {muted}; }}
#hint, #emptyHint {{ color: {muted}; }}
#hint[kind="error"] {{ color: #d9534f; }}
#editBanner {{ color: {accent}; }}
#composerInput {{ border: 1px solid {chip_border}; border-radius: 8px; padding: 4px; }}
#welcomeTitle {{ font-size: 20pt; font-weight: 600; }}
#replyDetails, #listEmpty {{ color: {muted}; }}
#offlineBanner {{
    background: {banner}; color: {banner_text}; border: 1px solid {banner_border};
    border-radius: 6px; padding: 6px 10px;
}}
#suggestion {{
    text-align: left; padding: 10px 12px; border: 1px solid {chip_border};
    border-radius: 10px; background: {chip}; color: {chip_text};
}}
#suggestion:hover {{ border-color: {accent}; }}
"""

# Ponder's own light and dark looks (Fusion): its buttons, and a focus ring in the accent
# colour on whatever has the keyboard. "system" keeps the platform's buttons and focus frames.
_FUSION_STYLE = """
QPushButton {{
    border: 1px solid {chip_border}; border-radius: 6px; padding: 4px 12px;
    background: {button};
}}
QPushButton:hover {{ border-color: {accent}; }}
QPushButton:disabled {{ color: {muted}; }}
QPushButton:default {{ border-color: {accent}; }}
/* Focus rings: 2 px in the accent colour on whatever has the keyboard (both themes). */
QPushButton:focus, #suggestion:focus {{ border: 2px solid {ring}; padding: 3px 11px; }}
#suggestion:focus {{ padding: 9px 11px; }}
QToolButton:focus {{ border: 2px solid {ring}; border-radius: 5px; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus {{
    border: 2px solid {ring}; border-radius: 4px;
}}
QListView:focus, QTreeView:focus, QPlainTextEdit:focus, #composerInput:focus {{
    border: 2px solid {ring};
}}
QCheckBox:focus, QRadioButton:focus {{ color: {ring}; }}
"""


def set_kind(widget: QWidget, kind: str) -> None:
    """Marks a label as a plain hint ("note") or an error ("error") for the style sheet, and
    has it drawn again (Qt reads a property when a widget is polished)."""
    if widget.property("kind") == kind:
        return
    widget.setProperty("kind", kind)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def is_dark(app: QApplication) -> bool:
    return app.palette().color(QPalette.ColorRole.Base).lightness() < 128


class SystemLook:
    """The style and font Qt picked at start-up: what "system" goes back to."""

    def __init__(self, app: QApplication) -> None:
        self.style = app.style().name()
        self.font = QFont(app.font())


def apply_theme(app: QApplication, settings: Settings, system: SystemLook) -> None:
    """Applies ``settings.theme`` and ``settings.font_size`` to every widget."""
    if settings.theme == "system":
        style = QStyleFactory.create(system.style)
        if style is not None:
            app.setStyle(style)
        app.setPalette(app.style().standardPalette())
    else:
        app.setStyle(QStyleFactory.create("Fusion"))
        colours = _DARK if settings.theme == "dark" else _LIGHT
        palette = QPalette()
        for role, colour in colours.items():
            palette.setColor(role, QColor(colour))
        disabled = QColor(colours[QPalette.ColorRole.PlaceholderText])
        for role in (
            QPalette.ColorRole.Text,
            QPalette.ColorRole.ButtonText,
            QPalette.ColorRole.WindowText,
        ):
            palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
        app.setPalette(palette)
    font = QFont(system.font)
    if settings.font_size:
        font.setPointSize(settings.font_size)
    app.setFont(font)
    dark = is_dark(app)
    palette = app.palette()
    accent = palette.color(QPalette.ColorRole.Highlight).name()
    sheet = _STYLE if settings.theme == "system" else _STYLE + _FUSION_STYLE
    app.setStyleSheet(
        sheet.format(
            base=palette.color(QPalette.ColorRole.Base).name(),
            bubble="#2f3a4a" if dark else "#e8effa",
            chip="#2c2f33" if dark else "#f1f3f6",
            chip_border="#454950" if dark else "#d3d7de",
            chip_text="#c9cdd3" if dark else "#3c4049",
            panel="#222428" if dark else "#fafafa",
            muted="#8a8f98" if dark else "#6b7079",
            accent=accent,
            ring="#8ab8ff" if dark else accent,
            banner="#3a3220" if dark else "#fff4d6",
            banner_text="#f0d9a0" if dark else "#5c4500",
            banner_border="#6b5a2e" if dark else "#e8c96a",
            button="#2e3136" if dark else "#f7f8fa",
            notice="#d9a440" if dark else "#8a5a00",
        )
    )
