"""Answers as rich text: Markdown (markdown-it-py) to the HTML subset QTextDocument shows.

markdown-it-py parses; Ponder only overrides the renderer rules whose default HTML Qt cannot
show well: code blocks (highlighted by Pygments with inline styles, since QTextDocument has no
style sheet classes), math (images from ``MathRenderer``), tables (Qt wants table attributes,
not CSS borders) and images (a model's answer never makes the app load a file or a URL: an
image becomes a link). Raw HTML in an answer is shown as text, never interpreted.

Math delimiters: ``$…$``, ``$$…$$`` (mdit-py-plugins' dollarmath), ``\\(…\\)``, ``\\[…\\]``
(its texmath, "brackets") and a bare ``\\boxed{…}`` outside math (R1 distills write all four).
``$5 and $10`` stays text: dollar math may not start or end with a space or touch a digit.

Streaming: ``split_stable`` finds where the finished blocks of a growing answer end, so a view
renders each finished block once and re-renders only the block still being written.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from typing import Any, cast

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.texmath import texmath_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

from ponder.ui.answer.math import PENDING, MathRenderer, math_key
from ponder.ui.theme.tokens import colours_for

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
COPY_SCHEME = "ponder-copy"  # a code block's Copy link: ponder-copy:<code_key>


def code_key(code: str) -> str:
    """A short name for a code block's text, for its Copy link (the same text, the same key)."""
    return hashlib.sha1(code.encode("utf-8")).hexdigest()[:16]


_DISPLAY_MATH = re.compile(r"^\s*(\$\$|\\\[|\\\])")


def _boxed_rule(state: StateInline, silent: bool) -> bool:
    """A bare ``\\boxed{…}`` (balanced braces) outside math delimiters is math too."""
    start = state.pos
    if not state.src.startswith("\\boxed{", start):
        return False
    depth, pos = 0, start + len("\\boxed")
    while pos < state.posMax:
        char = state.src[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                break
        pos += 1
    if depth != 0 or pos >= state.posMax:
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = state.src[start : pos + 1]
        token.markup = "boxed"
    state.pos = pos + 1
    return True


def split_stable(text: str, start: int = 0) -> int:
    """Where the finished blocks of ``text`` end (an index ≥ ``start``).

    A block is finished once a blank line follows it outside a fenced code block or display
    math; ``start`` must be a previous result (the scan resumes there, so the cost of a call is
    the length of the unfinished part, not of the whole answer).
    """
    stable = start
    fence: str | None = None
    in_math = False
    pos = start
    while True:
        newline = text.find("\n", pos)
        if newline < 0:
            return stable
        line = text[pos:newline]
        fence_match = _FENCE.match(line)
        if fence is not None:
            closing = fence_match.group(1) if fence_match else ""
            if closing[:1] == fence[0] and len(closing) >= len(fence) and line.strip() == closing:
                fence = None
        elif fence_match:
            fence = fence_match.group(1)
        elif _DISPLAY_MATH.match(line):
            # "$$" opens and closes; "\[" opens, "\]" closes; one-line "$$x$$" does both.
            stripped = line.strip()
            one_line = (
                stripped.startswith("$$") and stripped.endswith("$$") and len(stripped) > 4
            ) or (stripped.startswith("\\[") and stripped.endswith("\\]"))
            if not one_line:
                in_math = not in_math if stripped.startswith("$$") else stripped.startswith("\\[")
        elif not line.strip() and not in_math:
            stable = newline + 1
        pos = newline + 1


class MarkdownRenderer:
    """Markdown → HTML for QTextDocument. ``dark`` picks the code colours; ``math`` draws
    formulas (None, or a renderer without ziamath: formulas are shown as their source).
    ``math_later``: formulas are drawn off the GUI thread; until one is ready its source
    stands in, marked with an anchor named ``math_key`` that ``AnswerView`` swaps for the
    image."""

    def __init__(
        self, math: MathRenderer | None = None, *, dark: bool = False, math_later: bool = False
    ) -> None:
        self.math = math
        self.math_later = math_later
        self.set_dark(dark)
        md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        md.enable(["table", "strikethrough"])
        md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
        md.use(texmath_plugin, delimiters="brackets")
        md.inline.ruler.before("escape", "boxed", _boxed_rule)
        # Bound methods go straight into the rules table: ``add_render_rule`` would rebind
        # them to the renderer object.
        table: dict[str, Any] = cast(RendererHTML, md.renderer).rules
        rules = table.__setitem__
        rules("fence", self._fence)
        rules("code_block", self._fence)
        for name in ("math_inline", "math_inline_double"):
            rules(name, self._math_inline)
        for name in ("math_block", "math_block_eqno", "math_block_label"):
            rules(name, self._math_block)
        rules("table_open", self._table_open)
        rules("image", self._image)
        self._md = md

    def set_dark(self, dark: bool) -> None:
        """Code colours for a dark or a light background."""
        self.dark = dark
        colours = colours_for(dark)
        self.code_background = colours.code
        self.border = colours.code_border
        self._formatter = HtmlFormatter(
            nowrap=True, noclasses=True, style="github-dark" if dark else "friendly"
        )

    def render(self, text: str) -> str:
        """The HTML of a Markdown text."""
        return self._md.render(text)

    def code_blocks(self, text: str) -> list[str]:
        """The text of each code block of a Markdown text, as its Copy link copies it."""
        return [
            token.content.rstrip("\n")
            for token in self._md.parse(text)
            if token.type in ("fence", "code_block")
        ]

    # ----- renderer rules (signature fixed by markdown-it: tokens, index, options, env) -------

    def _fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        try:
            lexer = get_lexer_by_name(language) if language else TextLexer()
        except ClassNotFound:
            lexer = TextLexer()
        source = token.content.rstrip("\n")
        code = highlight(source, lexer, self._formatter)
        # A header row: the language on the left, a Copy link on the right (AnswerView copies).
        label = (
            '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
            f'<td style="color:#888; font-size:small">{html.escape(language)}</td>'
            '<td align="right" style="font-size:small">'
            f'<a href="{COPY_SCHEME}:{code_key(source)}" title="Copy the code" '
            f'style="text-decoration:none">Copy</a></td></tr></table>'
        )
        return (
            f'<table width="100%" cellspacing="0" cellpadding="8" '
            f'style="background-color:{self.code_background}; margin-top:4px; '
            f'margin-bottom:8px"><tr><td>{label}<pre style="margin:0">{code}</pre>'
            "</td></tr></table>\n"
        )

    def _math(self, latex: str, display: bool) -> str:
        image = None
        if self.math is not None:
            draw = self.math.render_later if self.math_later else self.math.render
            image = draw(latex, display=display)
        if image is None or image == PENDING:
            source = html.escape(f"\\[{latex}\\]" if display else f"\\({latex}\\)")
            if image == PENDING:
                source = f'<a name="{math_key(latex, display)}">{source}</a>'
            return f'<code title="{html.escape(latex)}">{source}</code>'
        assert not isinstance(image, str)
        return (
            f'<img src="{image.url}" width="{image.width}" height="{image.height}" '
            f'style="vertical-align: middle" alt="{html.escape(latex, quote=True)}">'
        )

    def _math_inline(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return self._math(tokens[idx].content.strip(), display=False)

    def _math_block(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        # A one-cell table: Qt keeps its alignment when it is inserted into a live document.
        image = self._math(tokens[idx].content.strip(), display=True)
        return (
            '<table width="100%" cellpadding="4"><tr><td align="center">'
            f"{image}</td></tr></table>\n"
        )

    def _table_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return (
            f'<table border="1" cellspacing="0" cellpadding="5" '
            f'style="border-collapse: collapse; border-style: solid; '
            f'border-color: {self.border}">\n'
        )

    def _image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        alt = token.content or src
        return f'<a href="{html.escape(src, quote=True)}">[image: {html.escape(alt)}]</a>'


def plain_text_html(text: str) -> str:
    """Text shown as it is (no Markdown), for a user's own message."""
    return html.escape(text).replace("\n", "<br>")


__all__ = ["COPY_SCHEME", "MarkdownRenderer", "code_key", "plain_text_html", "split_stable"]
