"""Text a model or a person wrote, put into a Markdown document so that it stays text.

A Markdown export is opened in viewers that render raw HTML (markdown-it's defaults, most
editors' previews, static-site generators): an answer holding ``<img src=x onerror=…>`` or
``<a href="javascript:…">`` would run there. The HTML export shows such markup as text
(markdown-it with ``html`` off); the Markdown export must do the same, so every ``<`` that
could open a tag, a comment or an autolink is written as ``&lt;``, which every renderer shows
as ``<``. Inside code (fenced or indented blocks, backtick spans) ``<`` is already text and an
entity would show literally, so code is left as it is.

Finding code is markdown-it's job (its block map), and the result is checked by parsing it
again: if anything could still be read as HTML, every ``<`` is escaped, code or not. Safety
never depends on the code finder being right; only how code looks does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_PARSER = MarkdownIt("commonmark")  # html on, as the viewers that would run it


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _has_html(text: str) -> bool:
    return any(t.type in {"html_block", "html_inline"} for t in _walk(_PARSER.parse(text)))


def _escape_outside_spans(text: str) -> str:
    pieces, cursor = [], 0
    for span in _CODE_SPAN.finditer(text):
        pieces.append(text[cursor : span.start()].replace("<", "&lt;"))
        pieces.append(span.group())
        cursor = span.end()
    pieces.append(text[cursor:].replace("<", "&lt;"))
    return "".join(pieces)


def escape_html(text: str) -> str:
    """``text`` (Markdown) with no raw HTML left in it; code blocks and spans unchanged."""
    if "<" not in text:
        return text
    lines = text.split("\n")
    in_code = [False] * len(lines)
    for token in _PARSER.parse(text):
        if token.type in {"fence", "code_block"} and token.map:
            for number in range(token.map[0], min(token.map[1], len(lines))):
                in_code[number] = True
    out: list[str] = []
    prose: list[str] = []
    for line, code in zip(lines, in_code, strict=True):
        if code:
            if prose:
                out.append(_escape_outside_spans("\n".join(prose)))
                prose = []
            out.append(line)
        else:
            prose.append(line)
    if prose:
        out.append(_escape_outside_spans("\n".join(prose)))
    escaped = "\n".join(out)
    return escaped if not _has_html(escaped) else text.replace("<", "&lt;")


def inline(text: str) -> str:
    """``text`` for one line of Markdown (a heading, a list item, a table cell): no HTML, no
    line breaks, and no ``|`` that would end a table cell."""
    return " ".join(text.split()).replace("<", "&lt;").replace("|", "\\|")


def code(text: str) -> str:
    """``text`` as an inline code span that nothing in it can close, safe in a table cell."""
    flat = " ".join(text.split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    return f"{fence} {flat} {fence}" if "`" in flat else f"`{flat}`"
