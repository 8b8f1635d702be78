"""Judging a model's final answer against a problem's key.

The final answer is what the model put in the last ``\\boxed{...}`` (braces may nest), else
the last answer-shaped thing in the text: a choice letter, yes/no, or a number, depending on
what the key looks like. Numbers compare as exact fractions, so ``3/4``, ``0.75`` and
``0.750`` agree, as do ``1,000`` and ``1000.0``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

AnswerKind = Literal["number", "choice", "yesno", "text"]

# A number as people write it: sign, thousands commas, decimals, or a fraction a/b.
NUMBER = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:\s*/\s*\d+)?|-?\.\d+"
_NUMBER_RE = re.compile(rf"(?<![\w.])(?:{NUMBER})(?![\w])")
# "(B)", or "answer is B" / "answer: b" (a lower-case letter only when nothing follows it:
# "the answer is a number" names no choice).
_CHOICE_RE = re.compile(
    r"\(([A-Ea-e])\)|\b(?i:answer|option|choice)\s*(?:is\s*)?:?\s*"
    r"([A-E]\b|[a-e](?=\s*(?:[.,;!)]|$)))"
)
_BARE_CHOICE_RE = re.compile(r"(?<![\w'])([A-E])(?![\w'])")
_YESNO_RE = re.compile(r"\b(yes|no)\b", re.IGNORECASE)
_LATEX_WRAPPERS = re.compile(r"\\(?:text|mathrm|textbf|mathbf)\s*\{([^{}]*)\}")
_LATEX_FRAC = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The answer found in a model's text (None: nothing answer-shaped) and whether it matches."""

    extracted: str | None
    correct: bool


def boxed_contents(text: str) -> list[str]:
    """The contents of every ``\\boxed{...}`` in ``text``, in order, nested braces kept whole.

    Written by hand: a regular expression cannot match nested braces.
    """
    found: list[str] = []
    start = 0
    while (index := text.find("\\boxed", start)) != -1:
        brace = index + len("\\boxed")
        while brace < len(text) and text[brace] == " ":
            brace += 1
        start = index + len("\\boxed")
        if brace >= len(text) or text[brace] != "{":
            continue
        depth = 0
        for pos in range(brace, len(text)):
            if text[pos] == "{":
                depth += 1
            elif text[pos] == "}":
                depth -= 1
                if depth == 0:
                    found.append(text[brace + 1 : pos])
                    start = pos + 1
                    break
    return found


def guess_kind(key: str) -> AnswerKind:
    """What kind of answer a key is: a number, a choice letter, yes/no, or free text."""
    value = key.strip()
    if value.lower() in {"yes", "no"}:
        return "yesno"
    if re.fullmatch(r"\(?[A-Ea-e]\)?", value):
        return "choice"
    if parse_number(value) is not None:
        return "number"
    return "text"


def parse_number(text: str) -> Fraction | None:
    """``text`` as an exact number (``1,000``, ``12.50``, ``-3/4``, ``\\frac{3}{4}``), or None."""
    value = _LATEX_FRAC.sub(r"\1/\2", text.strip())
    value = value.strip().rstrip(".").replace("$", "").replace("\\%", "").rstrip("%").strip()
    if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?", value):
        value = value.replace(",", "")
    value = re.sub(r"\s*/\s*", "/", value)
    if not re.fullmatch(r"-?(?:\d+(?:\.\d+)?|\.\d+)(?:/\d+)?", value):
        return None
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError):
        return None


def normalize(text: str, kind: AnswerKind) -> str:
    """A canonical form of an answer for comparison: ``0.75`` and ``3/4`` both give ``3/4``."""
    value = _LATEX_WRAPPERS.sub(r"\1", text).strip().strip("$").strip()
    if kind == "number":
        number = parse_number(value)
        if number is None:
            match = _NUMBER_RE.search(value)
            number = parse_number(match.group(0)) if match else None
        return str(number) if number is not None else value.casefold()
    if kind == "choice":
        match = re.search(r"[A-Ea-e]", value.strip("() ."))
        return match.group(0).upper() if match and len(value.strip("() .")) <= 2 else value.upper()
    if kind == "yesno":
        match = _YESNO_RE.search(value)
        return match.group(1).lower() if match else value.casefold()
    return re.sub(r"[\s.,;:!?]+", " ", value.casefold()).strip()


def extract_answer(text: str, kind: AnswerKind) -> str | None:
    """The final answer in ``text`` as written: the last ``\\boxed{}``, else the last
    choice / yes-no / number (by ``kind``), else None."""
    boxed = boxed_contents(text)
    if boxed:
        return boxed[-1].strip()
    if kind == "choice":
        marked = [m.group(1) or m.group(2) for m in _CHOICE_RE.finditer(text)]
        bare = [m.group(1) for m in _BARE_CHOICE_RE.finditer(text)]
        letters = marked or bare
        return letters[-1].upper() if letters else None
    if kind == "yesno":
        words = _YESNO_RE.findall(text)
        return words[-1].lower() if words else None
    if kind == "number":
        numbers = _NUMBER_RE.findall(text)
        return numbers[-1].strip() if numbers else None
    stripped = text.strip()
    return stripped.splitlines()[-1].strip() if stripped else None


def check(answer_text: str, key: str, kind: AnswerKind | None = None) -> CheckResult:
    """Extracts the final answer from ``answer_text`` and compares it with ``key``."""
    kind = kind or guess_kind(key)
    extracted = extract_answer(answer_text, kind)
    if extracted is None:
        return CheckResult(None, False)
    if kind == "text":
        expected = normalize(key, kind)
        got = normalize(extracted, kind)
        # Free-text keys: the key appearing as a whole phrase in the answer counts.
        correct = got == expected or re.search(
            rf"\b{re.escape(expected)}\b", normalize(answer_text, kind)
        )
        return CheckResult(extracted, bool(correct))
    return CheckResult(extracted, normalize(extracted, kind) == normalize(key, kind))
