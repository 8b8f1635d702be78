"""``ponder ask``: one question from the terminal, thinking shown dimmed, then the answer."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from contextlib import closing
from typing import Any, TextIO

from ponder.commands import UserError, options
from ponder.commands.live_keys import stream_turn
from ponder.core.events import (
    AnswerEvent,
    ErrorEvent,
    Event,
    InterventionEvent,
    LoadProgressEvent,
    NoticeEvent,
    Stats,
    StatsEvent,
    ThinkingEvent,
    event_to_dict,
)
from ponder.core.gguf.header import GGUFHeader
from ponder.core.reasoning.effort import EffortSetting
from ponder.core.reasoning.families import detect_family
from ponder.core.request import GenerateRequest, Message
from ponder.core.trace import intervention_label, tokens_text

DIM, YELLOW, RESET = "\x1b[2m", "\x1b[33m", "\x1b[0m"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ask", help="ask a model one question", description="Ask a local model one question."
    )
    options.add_model_options(parser)
    options.add_thinking_options(parser)
    parser.add_argument("--system", metavar="TEXT", help="system prompt (if the family takes one)")
    parser.add_argument(
        "--continue-thinking",
        metavar="TEXT",
        default="",
        help="fork: continue from this thinking (e.g. a saved trace cut short, with a hint)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object per event")
    parser.add_argument("prompt", nargs="+", help="the question")
    parser.set_defaults(func=run)


def format_stats(stats: Stats) -> str:
    parts = []
    if stats.thinking_tokens:
        parts.append(f"thought for {stats.thinking_s:.1f} s · {tokens_text(stats.thinking_tokens)}")
    parts.append(f"answer {tokens_text(stats.answer_tokens)} in {stats.answer_s:.1f} s")
    parts.append(f"{stats.decode_tokens_per_s:.1f} tokens/s")
    parts.append(f"prompt {tokens_text(stats.prompt_tokens)} in {stats.prompt_eval_s:.2f} s")
    if stats.injected_tokens:
        parts.append(f"{tokens_text(stats.injected_tokens)} injected by Ponder")
    if stats.acceptance_rate is not None:
        drafts = (
            f"drafts kept {stats.accepted_tokens}/{stats.drafted_tokens} "
            f"({stats.acceptance_rate:.0%})"
        )
        if stats.model_drafted_tokens:
            drafts += (
                f", the draft model's {stats.model_accepted_tokens}/{stats.model_drafted_tokens}"
            )
        parts.append(drafts)
    return " · ".join(parts)


class TerminalPrinter:
    """Prints a stream of events for a person: thinking dimmed, interventions marked."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.color = out.isatty()
        self.section = ""

    def _enter(self, section: str) -> None:
        if section == self.section:
            return
        if self.section:
            self.out.write("\n")
        if not self.color:
            self.out.write(f"[{section}]\n")
        self.section = section

    def __call__(self, event: Event) -> None:
        if isinstance(event, ThinkingEvent):
            self._enter("thinking")
            self.out.write(f"{DIM}{event.text}{RESET}" if self.color else event.text)
        elif isinstance(event, InterventionEvent):
            self._enter("thinking")
            label = f"⟨{intervention_label(event.reason)}⟩{event.visible}"
            self.out.write(f"{YELLOW}{label}{RESET}" if self.color else label)
        elif isinstance(event, AnswerEvent):
            self._enter("answer")
            self.out.write(event.text)
        elif isinstance(event, NoticeEvent):
            self.out.flush()
            self.err.write(f"\nponder: note: {event.message}\n")
        elif isinstance(event, StatsEvent):
            self.out.write("\n")
            self.out.flush()
            self.err.write(format_stats(event.stats) + "\n")
        elif isinstance(event, LoadProgressEvent) and self.err.isatty():
            self.err.write(f"\rLoading model… {event.fraction:4.0%}")
            if event.fraction >= 1.0:
                self.err.write("\r\x1b[K")
        self.out.flush()


def json_printer() -> Callable[[Event], None]:
    """Prints each event as one JSON object (``--json``)."""
    return lambda e: print(json.dumps(event_to_dict(e), ensure_ascii=False), flush=True)


def control_note(as_json: bool) -> Callable[[str], None]:
    """Reports a live control the person pressed (Ctrl+C): a JSON object, or a line on
    stderr."""
    words = {"answer_now": "(answering now; Ctrl+C again stops)", "stop": "(stopped)"}

    def note(name: str) -> None:
        if as_json:
            print(json.dumps({"type": "control", "control": name}), flush=True)
        else:
            print(f"\n{words[name]}", file=sys.stderr, flush=True)

    return note


def effort_note(effort: EffortSetting | None, header: GGUFHeader | None, as_json: bool) -> None:
    """Says what ``--effort`` set for this model's family (a JSON control, or stderr)."""
    if effort is None or header is None:
        return
    family = detect_family(header.metadata).id
    if as_json:
        data = {"type": "control", "control": "effort", "effort": effort.effort}
        data |= {"family": family, "budget": effort.budget, "how": effort.how}
        print(json.dumps(data), flush=True)
    else:
        print(f"(effort {effort.effort} for {family}: {effort.how})", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    choice = options.choose_engine(args)
    load = choice.load
    for note in choice.notes:
        print(f"ponder: {note}", file=sys.stderr)
    effort_note(
        options.effort_choice(args, choice.header),
        choice.header,
        args.json,
    )
    request = GenerateRequest(
        messages=(Message("user", options.prompt_text(args.prompt)),),
        thinking=options.thinking_control(args, choice.header),
        sampling=options.sampling(args),
        max_tokens=args.max_tokens,
        system_prompt=args.system,
        past_reasoning=args.past_reasoning,
        thinking_prefix=args.continue_thinking,
    )
    show = json_printer() if args.json else TerminalPrinter(sys.stdout, sys.stderr)
    with closing(choice.engine) as engine:
        for event in engine.load(load):
            show(event)
            if isinstance(event, ErrorEvent):
                raise UserError(event.message) if not args.json else SystemExit(1)
        reply, stopped = stream_turn(engine, request, show, control_note(args.json))
        if stopped:
            return 130
        if reply.error is not None and not args.json:
            print(f"ponder: {reply.error}", file=sys.stderr)
    return 1 if reply.failed else 0
