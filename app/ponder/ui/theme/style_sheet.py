"""The application style sheet, built only from the tokens (tokens.py).

Two parts: the chat's shape (bubbles, chips, the composer card, hints), used by every theme,
"system" included; and Ponder's own look for "light" and "dark" on the Fusion style — flat,
roomy controls with 8-px corners, one primary button per place (``primary="true"``: Send,
Download, Add server), quiet secondary buttons, flat tertiary ones, slim scrollbars, underlined
tabs, rounded hover/selection on rows, menus and tooltips in the theme's colours.

The sheet is set once per theme or font change (apply.py), never per widget: message widgets
created while an answer streams only get object names and properties the sheet already knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ponder.ui.theme.tokens import RADIUS, SPACING, Colours, Radius, Spacing, TypeScale


@dataclass(frozen=True)
class Arrows:
    """The image files of the combo and spin box arrows and the check box tick
    (icons.glyph_file writes them)."""

    down: Path
    up: Path
    check: Path


_CHAT = """
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
#conversationContent, #conversationView {{ background: {surface}; border: none; }}
#userBubbleBox {{ background: {bubble}; border-radius: {card}px; }}
#userBubble {{ background: transparent; border: none; }}
#answerView {{ background: transparent; border: none; }}
#thinkingChip {{
    background: {raised}; border: 1px solid {border}; border-radius: {pill}px;
    padding: {xs}px {l}px {xs}px {m}px; color: {muted};
}}
#thinkingChip:hover {{ border-color: {border_strong}; color: {text}; }}
#thinkingChip:disabled {{ color: {muted}; }}
#messageAction {{ color: {muted}; padding: {s}px {m}px; border-radius: 6px; border: none; }}
#messageAction:hover {{ color: {text}; background: {hover}; }}
#messageAction::menu-indicator {{ image: none; width: 0px; }}
#versionLabel {{ color: {muted}; }}
#messageStatus {{ color: {muted}; font-style: italic; }}
#contextNote {{ color: {muted}; font-style: italic; }}
#contextLabel {{ color: {muted}; }}
#contextLabel[state="warning"] {{ color: {danger}; }}
#messageStatus[kind="error"] {{ color: {danger}; font-style: normal; }}
#replyNotices {{ color: {warning}; }}
#thinkingPanel, #traceView {{ background: {surface}; border: none; }}
#panelTitle {{ font-size: {subtitle}pt; font-weight: 600; }}
#thinkingHeader {{ color: {muted}; }}
#hint, #emptyHint, #listEmpty, #replyDetails {{ color: {muted}; }}
#hint[kind="error"], #error, #formError {{ color: {danger}; }}
#forkDropped {{ color: {muted}; }}
#editBanner {{ color: {link}; }}
#composerCard {{
    background: {surface}; border: 1px solid {border}; border-radius: {card}px;
}}
#composerInput {{ background: transparent; border: none; padding: {s}px; }}
#welcomeTitle {{ font-size: {display}pt; font-weight: 600; }}
#sweepTitle {{ font-size: {title}pt; font-weight: 600; }}
QLabel[heading="true"] {{ font-size: {subtitle}pt; font-weight: 600; }}
#offlineBanner {{
    background: {banner}; color: {banner_text}; border: 1px solid {banner_border};
    border-radius: {radius_control}px; padding: {m}px {l}px;
}}
#suggestion {{
    text-align: left; padding: {l}px {l}px; border: 1px solid {border};
    border-radius: {card}px; background: {raised}; color: {text};
}}
#suggestion:hover {{ border-color: {border_strong}; background: {hover}; }}
"""

_DESIGNED = """
QMainWindow, QDialog {{ background: {window}; }}
QToolTip {{
    background: {tooltip}; color: {tooltip_text}; border: 1px solid {border_strong};
    border-radius: 6px; padding: {s}px {m}px;
}}
QMenuBar {{ background: {window}; padding: {xs}px {s}px; }}
QMenuBar::item {{ background: transparent; padding: {s}px {m}px; border-radius: 6px; }}
QMenuBar::item:selected {{ background: {hover}; }}
QMenu {{ background: {raised}; border: 1px solid {border}; padding: {s}px; }}
QMenu::item {{ padding: 6px {xxl}px 6px {l}px; border-radius: 6px; color: {text}; }}
QMenu::item:selected {{ background: {hover}; }}
QMenu::item:disabled {{ color: {muted}; }}
QMenu::separator {{ height: 1px; background: {border}; margin: {s}px {m}px; }}
QStatusBar {{ background: {window}; color: {muted}; }}

/* Buttons: secondary (quiet), primary (accent, one per place), tertiary (flat tool buttons). */
QPushButton {{
    background: {raised}; color: {text}; border: 1px solid {border};
    border-radius: {radius_control}px; padding: 6px {l}px;
}}
QPushButton:hover {{ background: {hover}; border-color: {border_strong}; }}
QPushButton:pressed {{ background: {selected}; }}
QPushButton:disabled {{ color: {muted}; background: {window}; border-color: {border}; }}
QPushButton[primary="true"] {{
    background: {accent}; color: {accent_text}; border: 1px solid {accent}; font-weight: 600;
}}
QPushButton[primary="true"]:hover {{ background: {accent_hover}; border-color: {accent_hover}; }}
QPushButton[primary="true"]:disabled {{
    background: {hover}; color: {muted}; border-color: {hover};
}}
QToolButton {{
    background: transparent; color: {text}; border: 1px solid transparent;
    border-radius: 6px; padding: {s}px 6px;
}}
QToolButton:hover {{ background: {hover}; }}
QToolButton:checked {{ background: {selected}; }}
QToolButton:disabled {{ color: {muted}; }}
QToolButton[popupMode="1"] {{ padding-right: 18px; }}
QToolButton::menu-button {{ border: none; width: 16px; }}
QToolButton::menu-arrow, QToolButton::menu-indicator {{
    image: url("{arrow_down}"); width: 10px; height: 10px;
}}

/* Inputs: 8-px corners on the surface, the border darkens on hover. */
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox {{
    background: {surface}; color: {text}; border: 1px solid {border};
    border-radius: {radius_control}px; padding: 5px {m}px;
    selection-background-color: {accent}; selection-color: {accent_text};
}}
QLineEdit:hover, QComboBox:hover, QSpinBox:hover, QDoubleSpinBox:hover {{
    border-color: {border_strong};
}}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 20px; border: none;
}}
QComboBox::down-arrow {{ image: url("{arrow_down}"); width: 12px; height: 12px; }}
QSpinBox, QDoubleSpinBox {{ padding-right: 22px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button {{
    subcontrol-origin: border; subcontrol-position: top right; width: 20px;
    border: none; background: transparent; margin: 3px 3px 0px 0px;
}}
QSpinBox::down-button, QDoubleSpinBox::down-button {{
    subcontrol-origin: border; subcontrol-position: bottom right; width: 20px;
    border: none; background: transparent; margin: 0px 3px 3px 0px;
}}
QSpinBox::up-button:hover, QSpinBox::down-button:hover, QDoubleSpinBox::up-button:hover,
QDoubleSpinBox::down-button:hover {{ background: {hover}; border-radius: {small}px; }}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {{
    image: url("{arrow_up}"); width: 10px; height: 10px;
}}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {{
    image: url("{arrow_down}"); width: 10px; height: 10px;
}}
QComboBox QAbstractItemView {{
    background: {raised}; border: 1px solid {border}; outline: 0; padding: {s}px;
    selection-background-color: {selected}; selection-color: {text};
}}
QPlainTextEdit, QTextEdit, QListView, QTreeView, QTableView {{
    background: {surface}; color: {text}; border: 1px solid {border};
    border-radius: {radius_control}px;
    selection-background-color: {selected}; selection-color: {text};
}}
QTextBrowser {{ padding: {s}px; }}
QListView {{ outline: 0; padding: {s}px; }}
QListView::item {{ padding: 6px {m}px; border-radius: 6px; }}
QListView::item:hover {{ background: {hover}; }}
QListView::item:selected {{ background: {selected}; color: {text}; }}
QTreeView {{ outline: 0; }}
QTreeView::item {{ padding: 3px {s}px; }}
QTreeView::item:hover {{ background: {hover}; }}
QTreeView::item:selected {{ background: {selected}; color: {text}; }}
QHeaderView::section {{
    background: {surface}; color: {muted}; border: none; border-bottom: 1px solid {border};
    padding: {s}px 6px; font-weight: 600;
}}
QProgressBar {{
    background: {hover}; border: none; border-radius: {small}px; text-align: center;
    color: {text};
}}
QProgressBar::chunk {{ background: {accent}; border-radius: {small}px; }}
QGroupBox {{
    border: 1px solid {border}; border-radius: {radius_control}px;
    margin-top: {xl}px; padding-top: {m}px;
}}
QGroupBox::title {{
    subcontrol-origin: margin; left: {m}px; padding: 0 {s}px; color: {muted};
    font-weight: 600;
}}

/* Tabs: text on the window, the current one underlined in the accent colour. */
QTabWidget::pane {{ border: none; border-top: 1px solid {border}; top: -1px; }}
QTabBar::tab {{
    background: transparent; color: {muted}; border: none;
    border-bottom: 2px solid transparent; padding: {m}px {l}px; margin-right: {s}px;
}}
QTabBar::tab:hover {{ color: {text}; }}
QTabBar::tab:selected {{ color: {text}; border-bottom-color: {accent}; }}

/* Slim scrollbars, no arrows. */
QScrollBar:vertical {{ background: transparent; width: 10px; margin: {xs}px; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: {xs}px; }}
QScrollBar::handle:vertical {{ background: {scrollbar}; border-radius: 3px; min-height: 32px; }}
QScrollBar::handle:horizontal {{ background: {scrollbar}; border-radius: 3px; min-width: 32px; }}
QScrollBar::handle:hover {{ background: {scrollbar_hover}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QSplitter::handle {{ background: {border}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 1px; }}

/* The sidebar: its own, slightly different surface. */
#conversationList {{ background: {sidebar}; }}
#conversationItems {{ background: {sidebar}; border: none; padding: 0px; }}
#conversationList QLineEdit {{ background: {surface}; }}
#composer, #modelBar, #welcomePage {{ background: {surface}; }}
#traceView, #answerView, #userBubble, #conversationView {{ border: none; padding: 0px; }}

/* Focus rings: 2 px in the focus colour on whatever has the keyboard. */
QPushButton:focus, #suggestion:focus {{ border: 2px solid {focus}; padding: 5px 11px; }}
#suggestion:focus {{ padding: 11px 11px; }}
QToolButton:focus {{ border: 1px solid {focus}; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus {{
    border: 2px solid {focus}; padding: 4px 7px;
}}
QListView:focus, QTreeView:focus, QTableView:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: 1px solid {focus};
}}
#composerCard[focused="true"] {{ border: 2px solid {focus}; }}
#conversationItems:focus {{ border: 1px solid {focus}; }}
QCheckBox:focus, QRadioButton:focus {{ color: {link}; }}
/* Check boxes and radio buttons: an edge in the muted text colour (Fusion's own edge all but
   vanished on the dark surface), the accent with a tick when on. */
QCheckBox::indicator, QGroupBox::indicator {{
    width: 14px; height: 14px; border: 1px solid {muted}; border-radius: 4px;
    background: {surface};
}}
QCheckBox::indicator:hover, QGroupBox::indicator:hover {{ border-color: {accent}; }}
QCheckBox::indicator:checked, QGroupBox::indicator:checked {{
    background: {accent}; border-color: {accent}; image: url("{check}");
}}
QCheckBox::indicator:disabled {{ background: {window}; border-color: {border_strong}; }}
QCheckBox::indicator:checked:disabled {{ background: {border_strong}; }}
QRadioButton::indicator {{
    width: 14px; height: 14px; border: 1px solid {muted}; border-radius: 8px;
    background: {surface};
}}
QRadioButton::indicator:hover {{ border-color: {accent}; }}
QRadioButton::indicator:checked {{
    width: 6px; height: 6px; border: 5px solid {accent}; background: {accent_text};
}}
"""


def _values(
    colours: Colours, type_scale: TypeScale, spacing: Spacing, radius: Radius
) -> dict[str, object]:
    values: dict[str, object] = dict(vars(colours))
    values.update({name: value for name, value in vars(spacing).items()})
    values.update(
        small=radius.small, radius_control=radius.control, card=radius.card, pill=radius.pill
    )
    values.update({name: f"{value:g}" for name, value in vars(type_scale).items()})
    return values


def chat_sheet(colours: Colours, type_scale: TypeScale) -> str:
    """The chat's shape, for every theme ("system" included)."""
    return _CHAT.format(**_values(colours, type_scale, SPACING, RADIUS))


def designed_sheet(colours: Colours, type_scale: TypeScale, arrows: Arrows) -> str:
    """The chat's shape and Ponder's own controls, for "light" and "dark"."""
    values = _values(colours, type_scale, SPACING, RADIUS)
    values.update(
        arrow_down=arrows.down.as_posix(),
        arrow_up=arrows.up.as_posix(),
        check=arrows.check.as_posix(),
    )
    return _CHAT.format(**values) + _DESIGNED.format(**values)
