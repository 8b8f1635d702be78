"""The context meter in the composer: how much of the model's context the conversation and
the message being typed take, with a warning before sending.

What the conversation so far takes comes from the engine's own count where there is one (the
last reply's prompt and answer tokens, counted by the model's tokenizer); what it cannot know
(the message being typed, messages after that reply) is estimated, and the meter says so
("about"). The warning follows the engine's rule (``core.reasoning.context_fit``): a message
that does not fit on its own cannot be sent as it is, and a conversation that no longer fits
goes on without its oldest turns.

Thread: GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget

from ponder.core.reasoning.context_fit import answer_reserve
from ponder.core.storage.store import StoredMessage
from ponder.ui.elided_label import ElidedLabel

# Characters per token of ordinary text for the estimate (English prose runs ~4; code and
# other scripts fewer, so the estimate leans high rather than low).
CHARS_PER_TOKEN = 3.5
# Template tokens around each message (role markers, separators), for the estimate.
TOKENS_PER_MESSAGE = 6


def estimate_tokens(text: str) -> int:
    """About how many tokens ``text`` is (0 for no text)."""
    return int(len(text) / CHARS_PER_TOKEN + 0.999) if text else 0


@dataclass(frozen=True, slots=True)
class HistoryCount:
    """The tokens a conversation takes; ``exact`` when the engine counted all of them."""

    tokens: int
    exact: bool


def history_tokens(messages: Sequence[StoredMessage]) -> HistoryCount:
    """The conversation's tokens: the last reply's own count (its prompt plus its answer,
    from the engine) and an estimate of anything after it or, without one, of everything."""
    counted, start = 0, 0
    for index in range(len(messages) - 1, -1, -1):
        generation = messages[index].generation
        stats = generation.stats if generation else None
        if stats is not None and stats.prompt_tokens:
            counted, start = stats.prompt_tokens + stats.answer_tokens, index + 1
            break
    rest = messages[start:]
    estimate = sum(estimate_tokens(m.content) + TOKENS_PER_MESSAGE for m in rest)
    return HistoryCount(counted + estimate, exact=not rest and start > 0)


class ContextMeter(QWidget):
    """ "about 1,234 / 4,096 tokens" and a thin bar; ``warning`` says what sending would do
    when it no longer fits (shown in words beside the bar, and as its colour)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contextMeter")
        self.n_ctx: int | None = None
        self.history = HistoryCount(0, exact=True)
        self.draft_tokens = 0
        self.warning = ""
        self.bar = QProgressBar()
        self.bar.setObjectName("contextBar")
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(72)
        self.bar.setFixedHeight(6)
        # Cut with "…" (whole in its tooltip) rather than widening the window: a warning in
        # words can be long.
        self.label = ElidedLabel()
        self.label.setObjectName("contextLabel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        self._show()

    def set_context(self, n_ctx: int | None) -> None:
        """The loaded model's context (None: no model loaded)."""
        self.n_ctx = n_ctx
        self._show()

    def set_history(self, messages: Sequence[StoredMessage]) -> None:
        """The conversation on show (before the message being typed)."""
        self.history = history_tokens(messages)
        self._show()

    def set_draft(self, text: str) -> None:
        """The message being typed."""
        self.draft_tokens = estimate_tokens(text.strip()) + TOKENS_PER_MESSAGE if text else 0
        self._show()

    @property
    def used(self) -> int:
        return self.history.tokens + self.draft_tokens

    def _show(self) -> None:
        n_ctx = self.n_ctx
        self.setVisible(n_ctx is not None)
        if n_ctx is None:
            self.warning = ""
            return
        room = n_ctx - answer_reserve(n_ctx)
        exact = self.history.exact and not self.draft_tokens
        short = ""
        if self.draft_tokens > room:
            short = self.tr("message too long")
            self.warning = self.tr(
                "This message is too long for the model's context: shorten it or load the "
                "model with a larger context."
            )
        elif self.used > room:
            short = self.tr("oldest turns left out")
            self.warning = self.tr(
                "The conversation is longer than the model's context: the oldest turns will "
                "be left out."
            )
        else:
            self.warning = ""
        amount = f"{self.used:,} / {n_ctx:,}"
        text = (
            self.tr("{0} tokens").format(amount)
            if exact
            else self.tr("about {0} tokens").format(amount)
        )
        # Where the words do not fit, the numbers alone (the colour still warns).
        self.label.set_texts(f"{text} — {short}" if short else text, amount)
        self.bar.setRange(0, n_ctx)
        self.bar.setValue(min(self.used, n_ctx))
        state = "warning" if self.warning else "ok"
        for widget in (self.bar, self.label):
            widget.setProperty("state", state)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        how = (
            self.tr("Counted by the model's tokenizer.")
            if exact
            else self.tr(
                "The conversation so far is counted by the model's tokenizer where Ponder has "
                "its count; the rest, and the message being typed, is an estimate."
            )
        )
        self.setToolTip(
            "\n".join(
                part
                for part in (
                    self.tr("Context used: {0} tokens of {1}, {2} kept for the answer.").format(
                        f"{self.used:,}", f"{n_ctx:,}", f"{answer_reserve(n_ctx):,}"
                    ),
                    how,
                    self.warning,
                )
                if part
            )
        )
