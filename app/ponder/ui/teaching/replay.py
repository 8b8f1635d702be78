"""The Replay window: a saved reply's thinking, then its answer, played back at a chosen pace.

A lesson should not depend on a slow school laptop: the teacher replays a reply generated
earlier, pauses, steps a word or a paragraph forward or back, or drags the slider. The
thinking is drawn by the same ``ThinkingPanel`` as live (self-checks highlighted,
interventions marked where their stored offsets put them); the answer by an ``AnswerView``.
The timing is ``ReplaySchedule``'s; this window only reads a clock and draws.

Thread: GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ponder.core.storage.store import StoredMessage
from ponder.core.teaching.replay_timing import SPEEDS, ReplaySchedule
from ponder.core.trace import TraceState, seconds_text, tokens_text
from ponder.ui.answer.markdown import MarkdownRenderer
from ponder.ui.answer.view import AnswerView
from ponder.ui.screen_fit import initial_size
from ponder.ui.thinking.panel import ThinkingPanel
from ponder.ui.translations import shown

TICK_MS = 40
FIXED_RATES = (10.0, 30.0, 100.0)


def reply_to_replay(messages: list[StoredMessage], wanted: int | None) -> StoredMessage | None:
    """The saved reply of ``messages`` with id ``wanted``, else the last one; None if there is
    none (a reply still streaming is not saved yet)."""
    replies = [m for m in messages if m.role == "assistant" and m.status != "streaming"]
    return next((m for m in replies if m.id == wanted), replies[-1] if replies else None)


class ReplayWindow(QWidget):
    """Plays ``message`` back. ``clock`` gives monotonic seconds (tests pass their own)."""

    def __init__(
        self,
        message: StoredMessage,
        renderer: MarkdownRenderer,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        # Ends with the display name, so Qt appends nothing to it.
        self.setWindowTitle(self.tr("Replay — Ponder"))
        self.setObjectName("replayWindow")
        self.message = message
        self.schedule = ReplaySchedule.from_message(message)
        self._clock = clock
        self._last_tick: float | None = None
        self._shown = 0  # units drawn in the panel and the answer
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.panel = ThinkingPanel(steering=False)
        self.panel.title.setText(self.tr("Chain of thought — replay"))
        self.panel.close_requested.connect(self.close)
        self.answer = AnswerView(renderer)
        answer_scroll = QScrollArea()
        answer_scroll.setWidgetResizable(True)
        answer_scroll.setFrameShape(QFrame.Shape.NoFrame)
        answer_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(12, 8, 12, 8)
        answer_title = QLabel(self.tr("Answer"))
        bold = answer_title.font()
        bold.setBold(True)
        answer_title.setFont(bold)
        holder_layout.addWidget(answer_title)
        holder_layout.addWidget(self.answer)
        holder_layout.addStretch(1)
        answer_scroll.setWidget(holder)
        self.answer_scroll = answer_scroll
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.panel)
        split.addWidget(answer_scroll)
        split.setSizes([700, 580])
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setToolTip(self.tr("Play or pause (Space)"))
        self.play_button.clicked.connect(self.toggle_play)
        buttons = []
        for text, tip, slot in (
            ("◀◀ ¶", self.tr("Back a paragraph (Ctrl+Left)"), lambda: self.step(-1, "paragraph")),
            (self.tr("◀ word"), self.tr("Back a word (Left)"), lambda: self.step(-1, "word")),
            (self.tr("word ▶"), self.tr("Forward a word (Right)"), lambda: self.step(1, "word")),
            (
                "¶ ▶▶",
                self.tr("Forward a paragraph (Ctrl+Right)"),
                lambda: self.step(1, "paragraph"),
            ),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.append(button)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, len(self.schedule.units))
        self.slider.setToolTip(self.tr("Where the replay stands: drag to jump"))
        self.slider.valueChanged.connect(self._slider_moved)
        self.speed = QComboBox()
        for speed in SPEEDS:
            self.speed.addItem(self.tr("{speed:g}× recorded").format(speed=speed), ("speed", speed))
        for rate in FIXED_RATES:
            self.speed.addItem(self.tr("{rate:g} tokens/s").format(rate=rate), ("rate", rate))
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.setToolTip(
            self.tr("Recorded pace: {recorded_tokens_per_s:.1f} tokens/s").format(
                recorded_tokens_per_s=self.schedule.recorded_tokens_per_s
            )
        )
        self.speed.currentIndexChanged.connect(self._speed_chosen)
        # Space and the arrows belong to the replay, not to a text view or the slider.
        controls_and_views = (
            self.play_button,
            *buttons,
            self.slider,
            self.speed,
            self.panel.view,
            self.answer,
        )
        for widget in controls_and_views:
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.time_label = QLabel()
        self.time_label.setMinimumWidth(150)
        controls = QHBoxLayout()
        controls.setContentsMargins(10, 6, 10, 8)
        controls.addWidget(self.play_button)
        for button in buttons:
            controls.addWidget(button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        controls.addWidget(QLabel(self.tr("Speed")))
        controls.addWidget(self.speed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addLayout(controls)
        shortcuts: tuple[tuple[str, Callable[[], object]], ...] = (
            ("Space", self.toggle_play),
            ("Left", lambda: self.step(-1, "word")),
            ("Right", lambda: self.step(1, "word")),
            ("Ctrl+Left", lambda: self.step(-1, "paragraph")),
            ("Ctrl+Right", lambda: self.step(1, "paragraph")),
            ("+", lambda: self._change_speed(1)),
            ("-", lambda: self._change_speed(-1)),
            ("Esc", self.close),
        )
        for keys, action in shortcuts:
            QShortcut(QKeySequence(keys), self, action)
        initial_size(self, 1280, 720)
        self._redraw()

    # ----- playing ---------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def play(self) -> None:
        if self.schedule.finished:
            self.schedule.seek(0)
            self._redraw()
        self._last_tick = self._clock()
        self.timer.start()
        self.play_button.setText(self.tr("Pause"))

    def pause(self) -> None:
        self.timer.stop()
        self._last_tick = None
        self.play_button.setText(self.tr("Play"))

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def _tick(self) -> None:
        now = self._clock()
        last = self._last_tick if self._last_tick is not None else now
        self._last_tick = now
        self.advance(now - last)

    def advance(self, seconds: float) -> None:
        """Plays ``seconds`` on (the timer calls it with the time that passed)."""
        if self.schedule.advance(seconds):
            self._draw_forward()
        if self.schedule.finished:
            self.pause()
        self._update_labels()

    def step(self, direction: int, by: str) -> None:
        """One word or paragraph forward (``direction`` 1) or back (-1); pauses first."""
        self.pause()
        step: Literal["word", "paragraph"] = "paragraph" if by == "paragraph" else "word"
        if direction > 0:
            self.schedule.step_forward(step)
        else:
            self.schedule.step_back(step)
        self._redraw()

    def seek(self, position: int) -> None:
        self.schedule.seek(position)
        self._redraw()

    def _slider_moved(self, value: int) -> None:
        if value != self.schedule.position:
            self.seek(value)

    def _change_speed(self, step: int) -> None:
        index = self.speed.currentIndex() + step
        self.speed.setCurrentIndex(max(0, min(index, self.speed.count() - 1)))

    def _speed_chosen(self, index: int) -> None:
        kind, value = self.speed.itemData(index)
        if kind == "speed":
            self.schedule.set_speed(float(value))
        else:
            self.schedule.set_fixed_rate(float(value))
        self._update_labels()

    # ----- drawing ---------------------------------------------------------------------------

    def _trace(self) -> TraceState:
        return TraceState(message_id=self.message.id, live=True, started_at=0.0)

    def _redraw(self) -> None:
        """Draws the replay from the start to its position (after a step or a jump)."""
        self.panel.show_trace(self._trace())
        self.answer.set_markdown("")
        self._shown = 0
        self._draw_forward()

    def _draw_forward(self) -> None:
        """Draws the units that appeared since the last draw."""
        schedule, trace = self.schedule, self.panel.trace
        assert trace is not None
        new = schedule.units[self._shown : schedule.position]
        for unit in new:
            if unit.part == "thinking":
                trace.runs.append(schedule.run_of(unit))
        answer = "".join(schedule.answer[u.start : u.end] for u in new if u.part == "answer")
        self.panel.sync()
        if answer:
            self.answer.append_markdown(answer)
        self._shown = schedule.position
        self._update_labels()

    def _update_labels(self) -> None:
        schedule = self.schedule
        self.slider.blockSignals(True)
        self.slider.setValue(schedule.position)
        self.slider.blockSignals(False)
        where = self.tr("Thinking") if schedule.in_thinking else self.tr("Answer")
        if schedule.finished:
            where = self.tr("Done")
        self.panel.header.setText(
            self.tr("{where} · {shown_tokens} · replay at {speed}").format(
                where=where,
                shown_tokens=shown(tokens_text(schedule.shown_tokens())),
                speed=self.speed.currentText(),
            )
        )
        self.time_label.setText(
            f"{shown(seconds_text(schedule.elapsed))} / {shown(seconds_text(schedule.duration))}"
        )

    @property
    def answer_text(self) -> str:
        """The answer on show, as Markdown (tests read it)."""
        return self.answer.source_text

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        self.pause()
        super().closeEvent(event)  # type: ignore[arg-type]
