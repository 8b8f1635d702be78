"""Candidate answers and changes of mind marked in the chain-of-thought panel, the trajectory
strip, the document-to-trace offset mapping and the "Fork from here…" context-menu entry."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from ui_helpers import point_of

from ponder.core.assembly import ReplyAssembly
from ponder.core.events import Stats, ThinkingEvent
from ponder.core.trace import TraceRun, TraceState, intervention_placeholder
from ponder.ui.thinking.panel import ThinkingPanel
from ponder.ui.thinking.trajectory_marks import MARK_PROPERTY, TraceOffsets

PLAIN = [TraceRun("Six sevens: so the answer is 41. Wait, let me recheck: 6 × 7 = 42.")]
EMOJI = [TraceRun("🙂🙂 Six sevens 🤔 so the answer is 41. Wait, 🧮 6 × 7 = 42.")]
# Leading whitespace (shown stripped), an intervention that injected nothing visible (shown as
# a label), an emoji, Windows line ends and an injected early-stop message.
CUT = [
    TraceRun("\n\n   Six 🙂 sevens: so the answer is 41.\r\n"),
    TraceRun("", "budget_spent", 12),
    TraceRun(" Wait, 6 × 7 = 42.\r\n\r\nDone."),
    TraceRun("\n\nI have to stop thinking now.\n", "budget_spent", 30),
    TraceRun("So the answer is 42."),
]
TRACES = {"plain": PLAIN, "emoji": EMOJI, "cut": CUT}


def _python_index(text: str, position: int) -> int:
    return len(text.encode("utf-16-le")[: 2 * position].decode("utf-16-le"))


def _panel(qtbot: QtBot, runs: list[TraceRun], **trace: object) -> ThinkingPanel:
    panel = ThinkingPanel()
    qtbot.addWidget(panel)
    panel.resize(460, 420)
    panel.show()
    panel.show_trace(TraceState(runs=list(runs), **trace))
    return panel


def _marks(panel: ThinkingPanel) -> list[tuple[str, str, int]]:
    """(text under the mark, kind, Python index into trace_text) of every drawn mark."""
    text = panel.trace_text
    found = []
    for selection in panel.view.extraSelections():
        start = _python_index(text, selection.cursor.selectionStart())
        end = _python_index(text, selection.cursor.selectionEnd())
        found.append((text[start:end], str(selection.format.property(MARK_PROPERTY)), start))
    return found


def _over(panel: ThinkingPanel, index: int) -> QPoint:
    """Viewport coordinates over the middle of the character at ``index`` of trace_text."""
    left, right = point_of(panel, index), point_of(panel, index + 1)
    assert left.y() == right.y()  # on one line
    return QPoint((left.x() + right.x()) // 2, left.y())


def _strip_text(panel: ThinkingPanel) -> str:
    return re.sub(r"<[^>]+>", "", panel.strip.text())


@pytest.mark.parametrize("name", TRACES)
def test_marks_sit_on_the_candidates_as_shown(qtbot: QtBot, name: str) -> None:
    panel = _panel(qtbot, TRACES[name])
    marks = _marks(panel)
    expected = [("41", "candidate"), ("42", "correction")]
    if name == "cut":
        expected.append(("42", "candidate"))
        assert panel.trace_text.startswith("Six 🙂")  # the first run was stripped
    assert [(text, kind) for text, kind, _ in marks] == expected
    # Each mark sits on the value in the sentence it came from, not just any "41"/"42".
    text = panel.trace_text
    assert marks[0][2] == text.index("is 41") + 3
    assert marks[1][2] == text.index("= 42") + 2


def test_tooltips_over_marks_and_interventions(qtbot: QtBot) -> None:
    panel = _panel(qtbot, CUT, stats=Stats(thinking_tokens=30, thinking_s=2.0))
    text = panel.trace_text
    first, second = text.index("41"), text.index("42")
    assert panel.tooltip_at(_over(panel, first)) == "Candidate answer: 41"
    assert panel.tooltip_at(_over(panel, first + 1)) == "Candidate answer: 41"
    assert panel.tooltip_at(_over(panel, first - 1)) == ""  # the space before it
    assert panel.tooltip_at(_over(panel, first + 2)) == ""  # the full stop after it
    assert panel.tooltip_at(_over(panel, second + 1)) == (
        "Changed its mind: 41 → 42 (after a 'Wait')"
    )
    label = text.index(intervention_placeholder("budget_spent"))
    assert panel.tooltip_at(_over(panel, label + 5)).startswith("Added by Ponder after 12")
    assert panel.tooltip_at(_over(panel, text.index("Done") + 1)) == ""
    assert panel.tooltip_at(QPoint(panel.view.viewport().width() - 3, 2)) == ""


def test_a_change_after_ponders_own_wait_says_so(qtbot: QtBot) -> None:
    panel = _panel(
        qtbot,
        [
            TraceRun("So the answer is 41."),
            TraceRun("\nWait", "min_thinking", 20),
            TraceRun(", 6 × 7 = 42."),
        ],
    )
    tip = panel.tooltip_at(_over(panel, panel.trace_text.index("42")))
    assert tip == "Changed its mind: 41 → 42 (after Ponder's 'Wait')"


def test_a_new_answer_without_doubt_is_a_change_not_a_correction(qtbot: QtBot) -> None:
    panel = _panel(qtbot, [TraceRun("First, 2 + 3 = 5. Then I get 8.")])
    assert [(t, k) for t, k, _ in _marks(panel)] == [("5", "candidate"), ("8", "change")]
    assert panel.tooltip_at(_over(panel, panel.trace_text.index("8"))) == (
        "Changed its mind: 5 → 8"
    )


def test_the_strip_lists_the_answers_and_hides_without_any(qtbot: QtBot) -> None:
    panel = _panel(qtbot, CUT)
    assert panel.strip.isVisible()
    assert _strip_text(panel) == "Answers along the way: 41 → 42 → 42 · changed its mind once"
    panel.show_trace(TraceState(runs=[TraceRun("Let me think about the apples.")]))
    assert not panel.strip.isVisible() and panel.view.extraSelections() == []
    many = " ".join(f"So the answer is {n}." for n in range(12))
    panel.show_trace(TraceState(runs=[TraceRun(many)]))
    assert _strip_text(panel) == (
        "Answers along the way: 0 → 1 → 2 → … → 7 → 8 → 9 → 10 → 11 · changed its mind 11 times"
    )


def test_a_strip_link_scrolls_to_its_candidate_and_selects_it(qtbot: QtBot) -> None:
    filler = "".join(f"Step {n}: nothing decided yet.\n\n" for n in range(80))
    panel = _panel(qtbot, [TraceRun("So the answer is 41.\n\n" + filler + "Wait, 6 × 7 = 42.")])
    panel.resize(380, 300)
    bar = panel.view.verticalScrollBar()
    bar.setValue(0)
    assert bar.maximum() > 0
    links = re.findall(r'href="([^"]+)"', panel.strip.text())
    assert len(links) == 2
    panel.strip.linkActivated.emit(links[1])
    assert panel.view.textCursor().selectedText() == "42"
    assert bar.value() > 0
    assert panel.view.viewport().rect().contains(panel.view.cursorRect())
    scrolled = bar.value()
    panel.strip.linkActivated.emit(links[0])
    assert panel.view.textCursor().selectedText() == "41" and bar.value() < scrolled
    assert panel.view.viewport().rect().contains(panel.view.cursorRect())


@pytest.mark.parametrize("name", TRACES)
def test_document_positions_map_back_to_the_trace_text(qtbot: QtBot, name: str) -> None:
    runs = TRACES[name]
    panel = _panel(qtbot, runs)
    source, shown = "".join(run.text for run in runs), panel.trace_text
    # (start, stop) in the shown text of " [Ponder: …]", and the end of its run in the source.
    labels = []
    for number, run in enumerate(runs):
        if run.reason and not run.text.strip():
            label = intervention_placeholder(run.reason)
            start = shown.index(label) - 1
            labels.append(
                (start, start + 1 + len(label), len("".join(r.text for r in runs[: number + 1])))
            )
    document_position, previous = 0, 0
    for index, char in enumerate(shown):
        offset = panel.trace_offset_at_document_position(document_position)
        assert offset >= previous
        label_end = next((end for start, stop, end in labels if start <= index < stop), None)
        if label_end is not None:
            assert offset == label_end
        else:  # the very character on show ("\r\n" is one paragraph break to Qt)
            assert source[offset] == char or (char == "\n" and source[offset] == "\r")
        previous = offset
        document_position += 1 if ord(char) <= 0xFFFF else 2
    end = panel.view.document().characterCount() - 1
    assert panel.trace_offset_at_document_position(end) == len(source)


def test_offsets_of_an_empty_document_and_before_the_first_piece() -> None:
    offsets = TraceOffsets()
    assert offsets.trace_offset(5) == 0
    offsets.add(0, 3, 4, "abc")
    assert offsets.trace_offset(-1) == 4 and offsets.trace_offset(2) == 6
    assert offsets.trace_offset(3) == 7


def _entries(menu: QMenu) -> list[str]:
    return [action.text().split("\t")[0].replace("&", "") for action in menu.actions()]


def _fork(qtbot: QtBot, panel: ThinkingPanel, pos: QPoint) -> int:
    """The offset "Fork from here…" at ``pos`` emits."""
    menu = panel.build_context_menu(pos)
    [fork] = [action for action in menu.actions() if action.text() == "Fork from here…"]
    with qtbot.waitSignal(panel.fork_requested) as signal:
        fork.trigger()
    return int(signal.args[0])


def test_fork_from_here_only_on_a_saved_reply(qtbot: QtBot) -> None:
    saved = _panel(qtbot, CUT, message_id=7)
    text, source = saved.trace_text, "".join(run.text for run in CUT)
    at = text.index("Wait")
    assert {"Copy", "Select All", "Fork from here…"} <= set(
        _entries(saved.build_context_menu(point_of(saved, at)))
    )
    assert _fork(qtbot, saved, point_of(saved, at)) == source.index("Wait")
    # A right-click on the label Ponder put in forks after that intervention.
    label = text.index(intervention_placeholder("budget_spent"))
    assert _fork(qtbot, saved, _over(saved, label + 3)) == len(CUT[0].text)
    # With a selection, the fork starts where the selection does, wherever the click was.
    cursor = QTextCursor(saved.view.document())
    cursor.setPosition(len(text[: text.index("42")].encode("utf-16-le")) // 2)
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 2)
    saved.view.setTextCursor(cursor)
    assert _fork(qtbot, saved, QPoint(2, 2)) == source.index("42")

    for trace in ({"message_id": 7, "live": True}, {"message_id": None}):
        panel = _panel(qtbot, CUT, **trace)
        entries = _entries(panel.build_context_menu(point_of(panel, at)))
        assert "Copy" in entries and "Fork from here…" not in entries


def test_the_trace_menu_offers_no_link_entry(qtbot: QtBot) -> None:
    """A trace has no links, so Qt's standard "Copy Link Location" (always greyed out there)
    is not in its menu."""
    panel = _panel(qtbot, CUT, message_id=7)
    entries = _entries(panel.build_context_menu(QPoint(2, 2)))
    assert "Copy" in entries and not any("Link" in entry for entry in entries)


def test_a_right_click_pops_the_menu_and_deletes_it_once_closed(qtbot: QtBot) -> None:
    panel = _panel(qtbot, CUT, message_id=7)
    panel.view.customContextMenuRequested.emit(QPoint(20, 20))
    [menu] = [m for m in panel.view.findChildren(QMenu) if m.isVisible()]
    assert "Fork from here…" in _entries(menu)
    menu.close()
    qtbot.waitUntil(lambda: not panel.view.findChildren(QMenu), timeout=2000)


def test_marks_are_found_at_most_once_a_second_while_live(qtbot: QtBot) -> None:
    trace, reply = TraceState(live=True), ReplyAssembly()
    panel = _panel(qtbot, [])
    panel.show_trace(trace)
    computed = panel.marks_computed
    for n in range(30):
        reply.feed(ThinkingEvent(f"So the answer is {n}. "))
        trace.follow(reply)
        panel.sync()
    assert panel.marks_computed == computed and panel.marks == []
    qtbot.waitUntil(lambda: len(panel.marks) == 30, timeout=3000)
    assert panel.marks_computed == computed + 1
    reply.feed(ThinkingEvent("Wait, 7 × 6 = 42."))
    trace.follow(reply)
    trace.finish(Stats(thinking_tokens=31, thinking_s=1.0))
    panel.sync()  # the final sync draws the finished trace at once
    assert panel.marks_computed == computed + 2 and panel.marks[-1].value == "42"
    panel.sync()  # nothing new: nothing found again
    assert panel.marks_computed == computed + 2


def test_no_greyed_link_entry_in_an_answers_menu_away_from_its_links(qtbot: QtBot) -> None:
    """The same slip as the trace's menu, in an answer: the entry stays where a link is
    under the pointer (the sweep window's detail: tests/ui/sweep)."""
    from PySide6.QtWidgets import QApplication

    from ponder.ui.answer.markdown import MarkdownRenderer
    from ponder.ui.chat.messages import AssistantMessageWidget

    widget = AssistantMessageWidget(MarkdownRenderer())
    qtbot.addWidget(widget)
    widget.answer.set_markdown("Plain words, then [a link](https://example.org).")
    widget.resize(600, 200)
    widget.show()

    def menu_at(point: QPoint) -> list[str]:
        widget._answer_menu(point)
        [menu] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()
        ]
        entries = _entries(menu)
        menu.close()
        return entries

    entries = menu_at(QPoint(3, 3))
    assert "Copy" in entries and not any("Link" in entry for entry in entries)
    cursor = widget.answer.document().find("a link")
    link_at = widget.answer.cursorRect(cursor).center()
    assert widget.answer.anchorAt(link_at)
    assert any("Link" in entry for entry in menu_at(link_at))
