"""Ponder's design tokens: the spacing, type and corner scales, and a colour table per theme.

Everything the window draws in its own colours takes them from here, by role (``surface``,
``muted``, ``accent``…), never as a literal: the style sheet (style_sheet.py), the icons
(icons.py), and the few places that paint or write HTML themselves (code blocks, the catalog's
fit badges, the trace's intervention marks). tests/ui/theme checks that every role exists in
both themes and that text roles keep WCAG's 4.5:1 contrast on the surfaces they sit on.

No Qt here: plain values, so the scales can be read and tested anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Spacing:
    """Gaps and paddings in pixels: a 4-px scale (``xs`` hairline, ``xxl`` between sections)."""

    xs: int = 2
    s: int = 4
    m: int = 8
    l: int = 12  # noqa: E741 (the scale's own name)
    xl: int = 16
    xxl: int = 24


@dataclass(frozen=True)
class Radius:
    """Corner radii in pixels: ``control`` for inputs and buttons, ``card`` for the composer
    and bubbles, ``pill`` for chips."""

    small: int = 4
    control: int = 8
    card: int = 12
    pill: int = 11


@dataclass(frozen=True)
class TypeScale:
    """Font sizes in points, from the body size the user chose (Settings → font size)."""

    caption: float
    body: float
    subtitle: float
    title: float
    display: float

    @classmethod
    def from_body(cls, body: float) -> TypeScale:
        return cls(
            caption=max(7.0, body - 1),
            body=body,
            subtitle=body + 1,
            title=body + 3,
            display=body + 9,
        )


@dataclass(frozen=True)
class Colours:
    """One theme's colours by role, as ``#rrggbb``."""

    window: str  # behind everything: dialogs, the status bar, the model bar
    surface: str  # where reading happens: the conversation, lists, text boxes
    sidebar: str  # the conversation list's own, slightly different surface
    raised: str  # secondary buttons, chips, cards set on a surface
    hover: str  # a row or a flat button under the mouse
    selected: str  # the selected row (rounded), its text stays ``text``
    border: str  # quiet separators and input edges
    border_strong: str  # an input's edge on hover, scrollbar handles
    text: str
    muted: str  # secondary text: hints, details, placeholders
    accent: str  # the primary button and selection marks
    accent_hover: str
    accent_text: str  # text and icons on ``accent``
    link: str  # accent-coloured text on ``surface`` (links, active flat buttons)
    focus: str  # the keyboard focus ring
    danger: str  # error text on ``surface``
    warning: str  # notices on ``surface``
    success: str  # good news on ``surface`` ("fast")
    bubble: str  # the user's message
    code: str  # code blocks' background
    code_border: str
    banner: str  # the offline banner: background, text, edge
    banner_text: str
    banner_border: str
    tooltip: str
    tooltip_text: str
    scrollbar: str
    scrollbar_hover: str
    note: str  # a machine's intervention in the trace: background, text
    note_text: str
    person: str  # a person's intervention in the trace: background, text
    person_text: str
    good: str  # sweep cells: right, wrong
    bad: str


LIGHT = Colours(
    window="#f4f5f7",
    surface="#ffffff",
    sidebar="#eef0f3",
    raised="#ffffff",
    hover="#e6e9ee",
    selected="#dce6f8",
    border="#dfe2e7",
    border_strong="#c3c8d0",
    text="#1b1d21",
    muted="#5d636d",
    accent="#2563eb",
    accent_hover="#1d4fd7",
    accent_text="#ffffff",
    link="#1d4fd7",
    focus="#2563eb",
    danger="#c0312b",
    warning="#8a5300",
    success="#1d7a43",
    bubble="#eaf0fb",
    code="#f4f5f7",
    code_border="#dfe2e7",
    banner="#fff4d6",
    banner_text="#5c4500",
    banner_border="#e8c96a",
    tooltip="#26282d",
    tooltip_text="#f2f3f5",
    scrollbar="#c3c8d0",
    scrollbar_hover="#9ea4ae",
    note="#ffe8b0",
    note_text="#6b4500",
    person="#c9f0ee",
    person_text="#0b4f4a",
    good="#d9f2df",
    bad="#f9dcdc",
)

DARK = Colours(
    window="#1b1c1f",
    surface="#212226",
    sidebar="#18191c",
    raised="#2b2d32",
    hover="#303238",
    selected="#2a3a58",
    border="#34363c",
    border_strong="#4a4e57",
    text="#e6e7ea",
    muted="#a0a5ae",
    accent="#2f6ae0",
    accent_hover="#2558c4",
    accent_text="#ffffff",
    link="#8ab4ff",
    focus="#8ab4ff",
    danger="#ff7b72",
    warning="#e3b053",
    success="#5fcf8a",
    bubble="#2b3547",
    code="#2a2c31",
    code_border="#3b3e45",
    banner="#3a3220",
    banner_text="#f0d9a0",
    banner_border="#6b5a2e",
    tooltip="#34363c",
    tooltip_text="#e6e7ea",
    scrollbar="#4a4e57",
    scrollbar_hover="#656a75",
    note="#5a4314",
    note_text="#ffd27a",
    person="#1d4a4f",
    person_text="#8fe3dc",
    good="#1f4d2e",
    bad="#5c2323",
)

ROLES = tuple(field.name for field in fields(Colours))
SPACING = Spacing()
RADIUS = Radius()


def colours_for(dark: bool) -> Colours:
    return DARK if dark else LIGHT


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2's contrast ratio of two ``#rrggbb`` colours (1 to 21; text wants 4.5)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Text roles and the surfaces they are read on: each pair keeps WCAG AA (4.5:1) in both themes.
READABLE_PAIRS = (
    ("text", "surface"),
    ("text", "window"),
    ("text", "sidebar"),
    ("text", "raised"),
    ("text", "hover"),
    ("text", "selected"),
    ("text", "bubble"),
    ("text", "code"),
    ("muted", "surface"),
    ("muted", "window"),
    ("muted", "sidebar"),
    ("muted", "raised"),
    ("accent_text", "accent"),
    ("accent_text", "accent_hover"),
    ("link", "surface"),
    ("danger", "surface"),
    ("danger", "window"),
    ("warning", "surface"),
    ("success", "surface"),
    ("tooltip_text", "tooltip"),
    ("banner_text", "banner"),
    ("note_text", "note"),
    ("person_text", "person"),
)
