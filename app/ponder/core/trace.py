"""The trace of a reply: its thinking as runs, and what each intervention is called.

A reply's thinking is one text; the interventions say where Ponder (or a person, in a fork)
put words into it. Cutting that text at the interventions gives the *runs* of the trace, in
order: the model's own text, then an injected span, then the model's text again. Every view
of a trace reads the one cut here (the chain-of-thought panel, the replay, the fork, the
export), and every place that names an intervention for a person reads the one table here
(the panel's labels and tooltips, the export, the terminal).

``TraceState`` is one reply's trace as a view shows it: the runs, and the live counters while
it streams (fed from a ``ReplyAssembly``) or the recorded figures after. Plain Python.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ponder.core.events import Stats
from ponder.core.phrases import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from ponder.core.storage.records import StoredMessage


# ----- the words for an intervention -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InterventionWords:
    """How an intervention is named for a person: ``label`` stands beside or in place of the
    injected text; ``why`` explains it (a tooltip)."""

    label: str
    why: str


INTERVENTION_WORDS: dict[str, InterventionWords] = {
    "budget_spent": InterventionWords(
        QT_TRANSLATE_NOOP("Trace", "Ponder: thinking budget spent, thinking stopped here"),
        QT_TRANSLATE_NOOP(
            "Trace",
            "the thinking budget was spent, so Ponder added this early-stop message and closed "
            "the thinking; the model then wrote its answer.",
        ),
    ),
    "min_thinking": InterventionWords(
        QT_TRANSLATE_NOOP("Trace", "Ponder: asked the model to keep thinking"),
        QT_TRANSLATE_NOOP(
            "Trace",
            "the model tried to stop thinking before the minimum, so Ponder added this to make "
            "it think longer.",
        ),
    ),
    "thinking_off": InterventionWords(
        QT_TRANSLATE_NOOP("Trace", "Ponder: thinking is off, thinking closed"),
        QT_TRANSLATE_NOOP(
            "Trace",
            "thinking is off, but the model opened a thinking block anyway; Ponder closed it "
            "at once.",
        ),
    ),
    "context_full": InterventionWords(
        QT_TRANSLATE_NOOP("Trace", "Ponder: context nearly full, thinking stopped here"),
        QT_TRANSLATE_NOOP(
            "Trace",
            "the context was nearly full, so Ponder closed the thinking to leave room for the "
            "answer.",
        ),
    ),
    "unclosed_thinking": InterventionWords(
        QT_TRANSLATE_NOOP("Trace", "Ponder: the model stopped inside its thinking; closed it"),
        QT_TRANSLATE_NOOP(
            "Trace",
            "the model ended its turn while still thinking, so Ponder closed the thinking to "
            "let it write an answer.",
        ),
    ),
    "answer_now": InterventionWords(
        QT_TRANSLATE_NOOP("Trace", "You: answer now, thinking stopped here"),
        QT_TRANSLATE_NOOP(
            "Trace",
            "stopped by you: you pressed Answer now, so Ponder added the early-stop message "
            "and closed the thinking; the model then wrote its answer.",
        ),
    ),
    "stopped": InterventionWords(
        QT_TRANSLATE_NOOP("Trace", "You: stopped here"),
        QT_TRANSLATE_NOOP(
            "Trace",
            "stopped by you: you pressed Stop here; the reply ends, and nothing the model "
            "wrote after it was kept.",
        ),
    ),
    "think_longer": InterventionWords(
        QT_TRANSLATE_NOOP("Trace", "You: think longer, the thinking went on from here"),
        QT_TRANSLATE_NOOP(
            "Trace",
            "you asked for more thinking after the answer, so the model went on from where its "
            "thinking had stopped (the early-stop message and the old answer were left out).",
        ),
    ),
    "fork": InterventionWords(
        QT_TRANSLATE_NOOP("Trace", "fork: written by a person"),
        QT_TRANSLATE_NOOP(
            "Trace",
            "the thinking was forked here: this text was inserted by hand, and the model went "
            "on from it.",
        ),
    ),
}


# Interventions a person made live (the rest are Ponder's own, or a fork's).
PERSON_REASONS = frozenset({"answer_now", "stopped", "think_longer"})


def intervention_words(reason: str) -> InterventionWords:
    """The words for ``reason``; a reason this version does not know is named as it is."""
    known = INTERVENTION_WORDS.get(reason)
    if known is not None:
        return known
    name = reason.replace("_", " ")
    return InterventionWords(
        QT_TRANSLATE_NOOP("Trace", "Ponder: {name}").format(name=name),
        QT_TRANSLATE_NOOP("Trace", "Ponder stepped in ({name}).").format(name=name),
    )


def intervention_label(reason: str) -> str:
    """The short name of an intervention, e.g. "Ponder: thinking budget spent, …"."""
    return intervention_words(reason).label


def intervention_placeholder(reason: str) -> str:
    """What stands in a trace for an intervention that injected no visible text."""
    return QT_TRANSLATE_NOOP("Trace", "[{label}]").format(label=intervention_label(reason))


def intervention_tooltip(reason: str, position: int) -> str:
    """Why Ponder (or a person) stepped in, for the tooltip on an intervention in the trace."""
    why = intervention_words(reason).why
    if reason == "fork":
        return QT_TRANSLATE_NOOP("Trace", "Fork: {why}").format(why=why)
    if reason in PERSON_REASONS:
        return QT_TRANSLATE_NOOP("Trace", "After {position} thinking tokens, {why}").format(
            position=position, why=why
        )
    return QT_TRANSLATE_NOOP(
        "Trace", "Added by Ponder after {position} thinking tokens: {why}"
    ).format(position=position, why=why)


# ----- the runs of a reply -------------------------------------------------------------------


class PlacedIntervention(Protocol):
    """An intervention and where its visible text starts in the thinking (``offset``, Python
    characters): a stored one (``StoredIntervention``) or one just assembled from events."""

    @property
    def reason(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def visible(self) -> str: ...
    @property
    def position(self) -> int: ...
    @property
    def tokens(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def end(self) -> int: ...


class FoldedReply(Protocol):
    """What a live trace follows: a reply folded from its events so far
    (``core.assembly.ReplyAssembly`` is the one the app feeds; named here by shape, so the
    trace does not import the fold that imports it)."""

    @property
    def thinking(self) -> str: ...
    @property
    def interventions(self) -> Sequence[PlacedIntervention]: ...
    @property
    def thinking_events(self) -> int: ...
    @property
    def stats(self) -> Stats | None: ...
    @property
    def answer_started(self) -> bool: ...
    @property
    def done_reason(self) -> str | None: ...
    @property
    def notices(self) -> Sequence[str]: ...


@dataclass(frozen=True, slots=True)
class TraceRun:
    """A run of the trace: model text (``reason`` None) or text injected for ``reason`` after
    ``position`` thinking tokens (maybe empty: only the end-of-thinking tag was injected)."""

    text: str
    reason: str | None = None
    position: int = 0


@dataclass(frozen=True, slots=True)
class TraceSpan:
    """Where a run lies in the thinking: ``thinking[start:end]``; ``intervention`` is the one
    that injected it, None for the model's own text."""

    start: int
    end: int
    intervention: PlacedIntervention | None = None

    def run(self, thinking: str) -> TraceRun:
        item = self.intervention
        text = thinking[self.start : self.end]
        return TraceRun(text) if item is None else TraceRun(text, item.reason, item.position)


def trace_spans(
    thinking: str,
    interventions: Iterable[PlacedIntervention],
    *,
    start: int = 0,
    upto: int | None = None,
) -> list[TraceSpan]:
    """``thinking[start:upto]`` cut at ``interventions``, in order; they cover it exactly.

    An intervention is one span even when nothing of it is visible. One whose text reaches
    past ``upto`` is cut there; with ``upto`` given, one that starts at or after it is left
    out (a fork at ``upto`` keeps what came before). Offsets that overlap or run past the
    text (a damaged record) are clamped, so the spans never repeat or invent text.
    """
    limit = len(thinking) if upto is None else max(start, min(upto, len(thinking)))
    spans: list[TraceSpan] = []
    pos = start
    for item in sorted(interventions, key=lambda i: i.offset):
        if upto is not None and item.offset >= upto:
            break
        begin = max(pos, min(item.offset, limit))
        end = max(begin, min(item.end, limit))
        if begin > pos:
            spans.append(TraceSpan(pos, begin))
        spans.append(TraceSpan(begin, end, item))
        pos = end
    if pos < limit:
        spans.append(TraceSpan(pos, limit))
    return spans


def trace_runs(thinking: str, interventions: Iterable[PlacedIntervention]) -> list[TraceRun]:
    """The runs of a reply's whole thinking (see ``trace_spans``)."""
    return [span.run(thinking) for span in trace_spans(thinking, interventions)]


# ----- a reply's trace as a view shows it --------------------------------------------------------


def tokens_text(count: int) -> str:
    """A token count as people read it: "1 token", "40 tokens" (each form its own phrase:
    the marker cannot carry Qt's plural forms)."""
    if count == 1:
        return QT_TRANSLATE_NOOP("Trace", "{count} token").format(count=count)
    return QT_TRANSLATE_NOOP("Trace", "{count} tokens").format(count=count)


def seconds_text(seconds: float) -> str:
    """A duration as people read it: "12.4 s", "2 min 5 s"."""
    if seconds < 60:
        return QT_TRANSLATE_NOOP("Trace", "{seconds:.1f} s").format(seconds=seconds)
    return QT_TRANSLATE_NOOP("Trace", "{minutes} min {seconds:.0f} s").format(
        minutes=int(seconds // 60), seconds=seconds % 60
    )


@dataclass
class TraceState:
    """One reply's trace as the chain-of-thought panel and an answer's chip show it.

    ``message_id`` is None until the database row exists. A stored reply's runs come from
    ``from_message``; a live one's from ``follow``, which appends the runs its assembly
    folded since the last call (the panel appends them; it never redraws the whole trace).
    Thread: the thread that owns it (the GUI thread in the app).
    """

    message_id: int | None = None
    runs: list[TraceRun] = field(default_factory=list)
    live: bool = False
    live_tokens: int = 0  # thinking events seen while streaming (about one per token)
    started_at: float | None = None  # monotonic time of the first thinking text
    ended_at: float | None = None  # monotonic time the thinking ended (answer or done)
    stats: Stats | None = None
    thinking_off: bool = False
    # The thinking is over (the answer began, or the reply ended), with or without any
    # thinking text: a reply that answers at once never thought, and never read "thinking".
    thinking_over: bool = False
    # A person asked the live thinking to end ("answer_now" or "stopped"): the live controls
    # go away until the reply ends.
    ending: str | None = None
    # What the engine said the reply did not do as asked (a server that ignored a control).
    notices: tuple[str, ...] = ()
    # How far ``follow`` has read its assembly: characters of thinking, interventions.
    _followed_chars: int = field(default=0, init=False, repr=False)
    _followed_interventions: int = field(default=0, init=False, repr=False)

    @classmethod
    def from_message(cls, message: StoredMessage) -> TraceState:
        """The trace of a stored reply: its thinking cut at the stored interventions."""
        generation = message.generation
        return cls(
            message_id=message.id,
            runs=trace_runs(message.thinking, message.interventions),
            live=message.status == "streaming",
            stats=generation.stats if generation else None,
            thinking_off=bool(generation and generation.thinking.budget == 0),
            notices=generation.stats.notices if generation and generation.stats else (),
        )

    # ----- streaming ---------------------------------------------------------------------

    def follow(self, reply: FoldedReply) -> list[TraceRun]:
        """Takes what ``reply`` folded since the last call: the runs of the new thinking (one
        run for consecutive text), the counters, the figures. Returns the new runs."""
        thinking = reply.thinking
        new: Sequence[PlacedIntervention] = reply.interventions[self._followed_interventions :]
        spans = trace_spans(thinking, new, start=self._followed_chars)
        runs = [span.run(thinking) for span in spans]
        if runs and self.started_at is None:
            self.started_at = time.monotonic()
        self.runs.extend(runs)
        self._followed_chars = len(thinking)
        self._followed_interventions = len(reply.interventions)
        self.live_tokens = reply.thinking_events
        if len(reply.notices) != len(self.notices):
            self.notices = tuple(reply.notices)
        if reply.stats is not None:
            self.stats = reply.stats
        if reply.answer_started or reply.done_reason is not None:
            self.end_thinking()
        return runs

    def end_thinking(self) -> None:
        self.thinking_over = True
        if self.ended_at is None and self.started_at is not None:
            self.ended_at = time.monotonic()

    def finish(self, stats: Stats | None) -> None:
        self.end_thinking()
        if stats is not None:
            self.stats = stats
        self.live = False

    # ----- figures ---------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def has_thinking(self) -> bool:
        return any(run.text.strip() or run.reason for run in self.runs)

    @property
    def tokens(self) -> int:
        if self.stats is not None and not self.live:
            return self.stats.thinking_tokens
        return self.live_tokens

    def seconds(self, now: float | None = None) -> float:
        if self.stats is not None and not self.live:
            return self.stats.thinking_s
        if self.started_at is None:
            return 0.0
        end = self.ended_at if self.ended_at is not None else (now or time.monotonic())
        return end - self.started_at

    @property
    def thinking_now(self) -> bool:
        return self.live and not self.thinking_over

    @property
    def steerable(self) -> bool:
        """Whether a person may still end or lengthen this thinking (it runs, and nobody
        asked it to end yet)."""
        return self.thinking_now and self.ending is None

    def summary(self, now: float | None = None) -> str:
        """The header line: live "Thinking… 341 tokens · 12.4 s", after "Thought for …"."""
        if self.thinking_now:
            if self.started_at is not None:
                return QT_TRANSLATE_NOOP("Trace", "Thinking… {tokens} · {seconds}").format(
                    tokens=tokens_text(self.tokens), seconds=seconds_text(self.seconds(now))
                )
            if not self.thinking_off:
                return QT_TRANSLATE_NOOP("Trace", "Reading the prompt…")
        if not self.has_thinking:
            if self.thinking_off:
                return QT_TRANSLATE_NOOP("Trace", "Thinking off")
            return QT_TRANSLATE_NOOP("Trace", "No thinking")
        if self.stats is None and self.started_at is None:
            return QT_TRANSLATE_NOOP(
                "Trace", "Thoughts (the reply was interrupted before its figures were saved)"
            )
        return QT_TRANSLATE_NOOP("Trace", "Thought for {seconds} · {tokens}").format(
            seconds=seconds_text(self.seconds(now)), tokens=tokens_text(self.tokens)
        )
