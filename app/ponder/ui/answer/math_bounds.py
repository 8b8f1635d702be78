"""How much drawing a LaTeX formula would cost ziamath, judged from its source alone.

ziamath lays formulas out in pure Python, and its time roughly doubles with each level of
nesting (measured: ``\\frac`` nested 8 deep takes a second, 10 deep 4.6 s, 16 deep over two
minutes; a flat sum of 1,000 terms 4.5 s). It cannot be interrupted once started, in a thread or
otherwise, short of a process per formula. So the formula is priced before ziamath ever sees
it: every glyph-making character costs 2**depth (depth: open ``{`` groups and
``\\left`` … ``\\right`` pairs), and a formula over the budget is shown as its source. The scan
reads at most ``MAX_MATH_CHARS`` characters once, so the check itself is always cheap.
"""

from __future__ import annotations

MAX_MATH_CHARS = 1000
MAX_MATH_DEPTH = 8
# Calibrated on ziamath 0.13: a formula at the budget draws in about 0.1 s (a busy 2-core machine);
# real answers' formulas (the quadratic formula, a 3x3 matrix, a boxed fraction) cost under 100.
MATH_COST_BUDGET = 128


def math_cost(latex: str) -> int | None:
    """The estimated cost of drawing ``latex``, or None when it is clearly too costly."""
    if len(latex) > MAX_MATH_CHARS:
        return None
    cost = depth = 0
    pos = 0
    while pos < len(latex):
        char = latex[pos]
        if char == "\\":
            end = pos + 1
            while end < len(latex) and latex[end].isalpha():
                end += 1
            name = latex[pos + 1 : end] if end > pos + 1 else latex[pos + 1 : pos + 2]
            pos = max(end, pos + 2)
            if name == "left":
                depth += 1
            elif name == "right":
                depth = max(0, depth - 1)
                continue
            cost += 1 << min(depth, MAX_MATH_DEPTH + 1)
        else:
            pos += 1
            if char == "{":
                depth += 1
            elif char == "}":
                depth = max(0, depth - 1)
            elif not char.isspace():
                cost += 1 << min(depth, MAX_MATH_DEPTH + 1)
        if depth > MAX_MATH_DEPTH or cost > MATH_COST_BUDGET:
            return None
    return cost


def math_is_affordable(latex: str) -> bool:
    """Whether ``latex`` may be handed to ziamath (else the caller shows the source)."""
    return math_cost(latex) is not None
