"""The design tokens: every colour role in both themes, readable text, the scales in order."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from ponder.ui.theme.tokens import (
    DARK,
    LIGHT,
    RADIUS,
    READABLE_PAIRS,
    ROLES,
    SPACING,
    Colours,
    TypeScale,
    colours_for,
    contrast_ratio,
)

REQUIRED_ROLES = {
    "surface", "sidebar", "raised", "border", "text", "muted", "accent", "accent_text",
    "danger", "warning", "focus",
}  # fmt: skip


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_every_colour_role_is_defined_in_both_themes(colours: Colours) -> None:
    assert set(ROLES) >= REQUIRED_ROLES
    for role in ROLES:
        assert re.fullmatch(r"#[0-9a-f]{6}", getattr(colours, role)), role
    assert colours_for(dark=colours is DARK) is colours


def test_the_themes_differ_where_it_matters() -> None:
    for role in ("surface", "sidebar", "text", "muted", "border"):
        assert getattr(LIGHT, role) != getattr(DARK, role), role
    # The sidebar sits on a surface of its own, slightly different from the conversation's.
    for colours in (LIGHT, DARK):
        assert colours.sidebar != colours.surface
        assert 1.05 < contrast_ratio(colours.sidebar, colours.surface) < 1.5


def test_the_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WebAIM's checker: #767676 on white is 4.54:1, the lightest grey that passes AA.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize(("text", "background"), READABLE_PAIRS)
def test_text_roles_keep_wcag_aa_contrast(colours: Colours, text: str, background: str) -> None:
    ratio = contrast_ratio(getattr(colours, text), getattr(colours, background))
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


def test_the_readable_pairs_cover_the_issue_s_list() -> None:
    pairs = set(READABLE_PAIRS)
    for pair in [
        ("text", "surface"),
        ("muted", "surface"),
        ("accent_text", "accent"),
        ("danger", "surface"),
    ]:
        assert pair in pairs


def test_the_scales_grow() -> None:
    spacing = [getattr(SPACING, f.name) for f in fields(SPACING)]
    assert spacing == sorted(spacing) and len(set(spacing)) == len(spacing)
    assert all(step % 2 == 0 for step in spacing)
    assert RADIUS.control == 8  # inputs and buttons: 8-px corners
    assert RADIUS.small < RADIUS.control < RADIUS.card
    scale = TypeScale.from_body(10.0)
    sizes = [scale.caption, scale.body, scale.subtitle, scale.title, scale.display]
    assert sizes == sorted(sizes) and scale.body == 10.0
    assert TypeScale.from_body(6.0).caption == 7.0  # never unreadably small
