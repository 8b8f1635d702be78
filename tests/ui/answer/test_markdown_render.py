"""Answers as rich text: Markdown, code, math, and streaming that renders each block once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from ponder.ui.answer.markdown import COPY_SCHEME, MarkdownRenderer, code_key, split_stable
from ponder.ui.answer.math import URL_SCHEME, MathRenderer
from ponder.ui.answer.view import AnswerView

ANSWER = """## Solving it

We need $x^2 + 3x = 10$. Prices: $5 and $10.

1. Move terms: \\(x^2 + 3x - 10 = 0\\)
2. Factor: $(x+5)(x-2) = 0$

| x | f(x) |
|---|------|
| 2 | 0 |

```python
def f(x):

    return x**2 + 3*x - 10
```

\\[
x = \\frac{-3 \\pm \\sqrt{49}}{2}
\\]

So the answer is \\boxed{2}. <b>not bold</b> ![alt](/etc/passwd)
"""


def _lines(view: AnswerView) -> list[str]:
    return [line.strip() for line in view.toPlainText().splitlines() if line.strip()]


def test_split_stable_waits_for_blank_lines_outside_code_and_math() -> None:
    text = "one\n\ntwo\n```\na\n\nb\n```\n\n$$\nx\n\ny\n$$\n\ntail"
    stable = split_stable(text)
    assert text[:stable].endswith("$$\n\n") and text[stable:] == "tail"
    assert split_stable("para\n\n```\ncode\n\nmore") == len("para\n\n")
    assert split_stable("no blank line yet") == 0
    assert split_stable(text, split_stable(text)) == stable  # resumes where it stopped


def test_markdown_becomes_qt_rich_text(qtbot: QtBot) -> None:
    renderer = MarkdownRenderer(MathRenderer(color="#000000", font_px=14))
    html = renderer.render(ANSWER)
    assert "<h2>Solving it</h2>" in html
    assert "Prices: $5 and $10." in html, "currency is not math"
    assert "border-style: solid" in html and "<td>2</td>" in html
    assert "font-weight: bold" in html and "def" in html  # Pygments, inline styles
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html, "raw HTML is shown, not interpreted"
    assert '<a href="/etc/passwd">[image: alt]</a>' in html, "images never load"


def test_math_is_drawn_not_left_as_latex(qtbot: QtBot) -> None:
    pytest.importorskip("ziamath")
    math = MathRenderer(color="#000000", font_px=14)
    html = MarkdownRenderer(math).render("Root: $\\sqrt{2}$, $\\frac{1}{2}$, \\boxed{7}.")
    assert html.count(f'<img src="{URL_SCHEME}:') == 3
    assert "\\frac" not in html.replace('alt="\\frac{1}{2}"', "")
    image = math.render("\\frac{1}{2}", display=False)
    assert image is not None and image.height > image.width / 3
    assert math.image(image.url) is not None and not math.image(image.url).isNull()


def test_math_without_ziamath_shows_the_source(qtbot: QtBot) -> None:
    html = MarkdownRenderer(None).render("$\\frac{1}{2}$")
    assert "\\(\\frac{1}{2}\\)" in html


def test_a_whole_answer_shows_its_blocks(qtbot: QtBot) -> None:
    view = AnswerView(MarkdownRenderer(MathRenderer(color="#000000", font_px=14)))
    qtbot.addWidget(view)
    view.set_markdown(ANSWER)
    lines = _lines(view)
    assert lines[0] == "Solving it"
    assert any(line.startswith("Move terms:") for line in lines)
    assert "return x**2 + 3*x - 10" in lines


# qapp (session-scoped) instead of qtbot: hypothesis reruns the body; nothing is kept.
@settings(max_examples=25, deadline=None)
@given(cuts=st.lists(st.integers(min_value=1, max_value=len(ANSWER) - 1), max_size=60))
def test_streaming_in_any_pieces_shows_the_same_blocks(qapp: object, cuts: list[int]) -> None:
    renderer = MarkdownRenderer(MathRenderer(color="#000000", font_px=14))
    whole, streamed = AnswerView(renderer), AnswerView(renderer)
    whole.set_markdown(ANSWER)
    start = 0
    for cut in [*sorted(set(cuts)), len(ANSWER)]:
        streamed.append_markdown(ANSWER[start:cut])
        start = cut
    assert streamed.source_text == ANSWER
    assert _lines(streamed) == _lines(whole)
    whole.deleteLater()
    streamed.deleteLater()


def test_formulas_are_drawn_off_the_gui_thread_and_swapped_in_place(qtbot: QtBot) -> None:
    pytest.importorskip("ziamath")
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    math = MathRenderer(color="#000000", font_px=14)
    view = AnswerView(MarkdownRenderer(math, math_later=True))
    qtbot.addWidget(view)
    degenerate = "\\frac{" * 12 + "1" + "}{2}" * 12  # refused by math_bounds: stays source
    view.append_markdown(f"First $\\frac{{1}}{{2}}$ and ${degenerate}$.\n\nThen $x^2$ and")
    # At once, nothing drawn yet: the sources stand in.
    text = view.toPlainText()
    assert "\\(\\frac{1}{2}\\)" in text and "\\(x^2\\)" in text
    # A mark on the first word: it survives only if that block is not rendered again.
    mark = QTextCharFormat()
    mark.setProperty(QTextCharFormat.Property.UserProperty, 42)
    cursor = QTextCursor(view.document())
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(mark)
    qtbot.waitUntil(
        lambda: (
            "\\(\\frac{1}{2}\\)" not in view.toPlainText() and "\\(x^2\\)" not in view.toPlainText()
        ),
        timeout=20000,
    )
    html = view.toHtml()
    assert html.count(URL_SCHEME) == 2
    assert degenerate in view.toPlainText()
    cursor.setPosition(1)
    assert cursor.charFormat().property(QTextCharFormat.Property.UserProperty) == 42
    # The unfinished block, rendered again as text arrives, takes the image from the cache.
    view.append_markdown(" more.")
    assert "\\(x^2\\)" not in view.toPlainText() and view.toHtml().count(URL_SCHEME) == 2
    assert math.wait(5000)


def test_a_code_block_has_a_copy_link_that_copies_it_and_says_copied(qtbot: QtBot) -> None:
    view = AnswerView(MarkdownRenderer())
    qtbot.addWidget(view)
    view.append_markdown("Two blocks:\n\n```python\nprint('a')\n```\n\n")
    view.append_markdown("```\nsecond\n```\nstill streaming")
    assert view.copy_link_texts() == ["Copy", "Copy"]
    with qtbot.waitSignal(view.code_copied) as copied:
        view.anchorClicked.emit(QUrl(f"{COPY_SCHEME}:" + code_key("print('a')")))
    assert copied.args == ["print('a')"]
    assert QGuiApplication.clipboard().text() == "print('a')"
    assert view.copy_link_texts() == ["Copied ✓", "Copy"]
    qtbot.waitUntil(lambda: view.copy_link_texts() == ["Copy", "Copy"], timeout=5000)
    # The relabelled link still copies, and streaming goes on after it as before.
    view.append_markdown(" more\n")
    assert view.copy_code(code_key("second"))
    assert QGuiApplication.clipboard().text() == "second"
    assert view.source_text.endswith("still streaming more\n")
    assert not view.copy_code("no-such-block")


def test_a_short_message_is_narrower_than_a_long_one(qtbot: QtBot) -> None:
    short, long = AnswerView(MarkdownRenderer()), AnswerView(MarkdownRenderer())
    qtbot.addWidget(short)
    qtbot.addWidget(long)
    short.set_plain("hi")
    long.set_plain("a much longer message " * 6)
    assert 0 < short.natural_width() < long.natural_width() / 4
