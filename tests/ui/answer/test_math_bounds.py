"""Degenerate formulas (a model that loops) are shown as source, never handed to ziamath."""

from __future__ import annotations

import time

import pytest
from pytestqt.qtbot import QtBot

from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.answer.math import URL_SCHEME, MathRenderer
from ponder.ui.answer.math_bounds import MATH_COST_BUDGET, math_cost, math_is_affordable


def nested(open_: str, close: str, depth: int, inner: str = "x") -> str:
    return open_ * depth + inner + close * depth


def continued_fraction(depth: int) -> str:
    text = "x"
    for _ in range(depth):
        text = "\\frac{1}{1+" + text + "}"
    return text


DEGENERATE = {
    "frac_12": continued_fraction(12),
    "frac_16": continued_fraction(16),
    "sqrt_16": nested("\\sqrt{", "}", 16),
    "braces_16": nested("{", "}", 16),
    "powers_16": nested("x^{", "}", 16),
    "left_right_16": nested("\\left(", "\\right)", 16),
    "flat_sum_5000": "+".join(f"x_{{{i}}}" for i in range(5000)),
    "matrix_100x100": "\\begin{pmatrix}"
    + "\\\\".join("&".join("1" for _ in range(100)) for _ in range(100))
    + "\\end{pmatrix}",
    "unbalanced_open": "{" * 5000,
}

REAL = [
    "x = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}",
    "\\boxed{\\frac{3}{4}}",
    "\\begin{pmatrix} 1 & 2 & 3 \\\\ 4 & 5 & 6 \\\\ 7 & 8 & 9 \\end{pmatrix}",
    "\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}",
    "\\sum_{k=1}^{n} k^2 = \\frac{n(n+1)(2n+1)}{6}",
    "\\left( \\frac{a}{b} \\right)^2",
    "f(x) = \\begin{cases} x^2 & x \\geq 0 \\\\ -x & x < 0 \\end{cases}",
    "\\binom{n}{k} = \\frac{n!}{k!(n-k)!}",
]


@pytest.mark.parametrize("latex", REAL)
def test_real_formulas_are_affordable(latex: str) -> None:
    cost = math_cost(latex)
    assert cost is not None and cost < MATH_COST_BUDGET // 2


@pytest.mark.parametrize("latex", DEGENERATE.values(), ids=DEGENERATE.keys())
def test_degenerate_formulas_are_not(latex: str) -> None:
    assert not math_is_affordable(latex)


def test_each_level_of_nesting_doubles_the_price() -> None:
    costs = [math_cost(nested("{", "}", depth)) for depth in range(1, 6)]
    assert costs == [2, 4, 8, 16, 32]


@pytest.mark.parametrize("latex", DEGENERATE.values(), ids=DEGENERATE.keys())
def test_a_degenerate_formula_in_an_answer_shows_its_source_at_once(
    qtbot: QtBot, latex: str
) -> None:
    pytest.importorskip("ziamath")
    math = MathRenderer(color="#000000", font_px=14)
    started = time.monotonic()
    html = MarkdownRenderer(math).render(f"So $${latex}$$ and $\\frac{{1}}{{2}}$.")
    # Generous: handed to ziamath, frac_16 alone takes over two minutes.
    assert time.monotonic() - started < 10
    assert math.render(latex, display=True) is None
    assert html.count(f'<img src="{URL_SCHEME}:') == 1  # the small formula is still drawn
