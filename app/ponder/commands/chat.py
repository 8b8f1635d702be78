"""``ponder chat``: a conversation in the terminal, with the thinking budget under control.

Slash commands change the controls between turns: ``/budget off|N|unlimited``,
``/effort low|medium|high`` (mapped for the model's family), ``/longer [N|unlimited]`` (the
last answer again, its thinking going on from where it was cut), ``/min N``,
``/waits K``, ``/new`` (forget the conversation), ``/help``, ``/quit``. While a turn streams,
Ctrl+C once while the model thinks = Answer now (it stops thinking and answers), Ctrl+C again
or while it answers = Stop; at the prompt, Ctrl+C, Ctrl+D or /quit leaves. ``--json`` prints
one JSON object per event, and each key pressed as ``{"type": "control", ...}``.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from contextlib import closing
from typing import Any

from ponder.commands import UserError, options
from ponder.commands.ask import TerminalPrinter, control_note, effort_note, json_printer
from ponder.commands.live_keys import KEYS_HELP, stream_turn
from ponder.core.assembly import ReplyAssembly
from ponder.core.events import ErrorEvent, Event, LoadedEvent
from ponder.core.reasoning.effort import EFFORTS, effort_setting
from ponder.core.reasoning.families import FamilyProfile, detect_family
from ponder.core.request import MAX_WAITS_RANGE, GenerateRequest, Message, ThinkingControl
from ponder.core.teaching.fork import plan_think_longer_from

HELP = (
    "Type a message and press Enter. Commands: /budget off|N|unlimited, "
    "/effort low|medium|high, /min N, /waits K, /longer [N|unlimited] (think longer about the "
    "last answer), "
    f"/new, /help, /quit. {KEYS_HELP}"
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "chat", help="chat with a model in the terminal", description=__doc__
    )
    options.add_model_options(parser)
    options.add_thinking_options(parser)
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object per event and key pressed"
    )
    parser.set_defaults(func=run)


def apply_command(
    line: str, control: ThinkingControl, profile: FamilyProfile | None = None
) -> ThinkingControl:
    """A slash command's new controls; raises UserError for a malformed one. ``profile``:
    the loaded model's family (``/effort`` maps onto it; the generic one if None)."""
    name, _, value = line[1:].partition(" ")
    value = value.strip()
    changed = _apply(name, value, control, profile)
    if name == "min":  # a budget set below an earlier minimum is said by ``describe``
        return options.check_minimum(changed, "/min", "/budget")
    return changed


def _apply(
    name: str, value: str, control: ThinkingControl, profile: FamilyProfile | None
) -> ThinkingControl:
    try:
        if name == "effort":
            if value not in EFFORTS:
                raise ValueError(f"/effort takes {', '.join(EFFORTS)}")
            if profile is None:
                raise ValueError(
                    "/effort is mapped from the model's family, which Ponder reads from a "
                    "local GGUF; on a server, use /budget"
                )
            setting = effort_setting(profile, value)
            return dataclasses.replace(control, budget=setting.budget)
        if name == "budget":
            return dataclasses.replace(control, budget=options.parse_budget(value))
        if name == "min":
            minimum = options.whole_number("/min", 0)(value)
            return dataclasses.replace(control, min_tokens=minimum)
        if name == "waits":
            waits = options.whole_number("/waits", *MAX_WAITS_RANGE)(value)
            return dataclasses.replace(control, max_waits=waits)
    except (ValueError, argparse.ArgumentTypeError) as exc:
        raise UserError(str(exc)) from None
    raise UserError(f"unknown command /{name}. {HELP}")


def think_longer_budget(value: str) -> int | None:
    """The extra thinking ``/longer`` asks for: N tokens (256 when not given) or unlimited."""
    refusal = UserError(f"/longer takes a number of tokens or unlimited, not {value!r}")
    try:
        budget = options.parse_budget(value or "256")
    except (ValueError, argparse.ArgumentTypeError):
        raise refusal from None
    if budget == 0:
        raise refusal
    return budget


def describe(control: ThinkingControl) -> str:
    budget = "off" if control.budget == 0 else control.budget or "unlimited"
    if control.minimum_unreachable:
        minimum = f"minimum {control.min_tokens} (more than the budget: no effect)"
    else:
        minimum = f"minimum {control.min_tokens} (Wait ×{control.max_waits})"
    return f"thinking budget {budget}, {minimum}"


def turn_request(
    args: argparse.Namespace, history: list[Message], control: ThinkingControl
) -> GenerateRequest:
    """The next turn of the conversation in the terminal (its earlier replies keep their
    thinking; ``--past-reasoning`` sends it back)."""
    return GenerateRequest(
        messages=tuple(history),
        thinking=control,
        sampling=options.sampling(args),
        past_reasoning=args.past_reasoning,
    )


def run(args: argparse.Namespace) -> int:
    choice = options.choose_engine(args)
    load = choice.load
    for note in choice.notes:
        print(f"ponder: {note}", file=sys.stderr)
    control = options.thinking_control(args, choice.header)
    printer = json_printer() if args.json else TerminalPrinter(sys.stdout, sys.stderr)
    note = control_note(args.json)
    # The family maps /effort; on a server it is not known, and /effort is refused.
    profile = detect_family(choice.header.metadata) if choice.header is not None else None
    effort_note(options.effort_choice(args, choice.header), choice.header, args.json)
    history: list[Message] = []
    last: ReplyAssembly | None = None  # the last answer, for /longer

    def turn(request: GenerateRequest, prelude: tuple[Event, ...] = ()) -> ReplyAssembly:
        if isinstance(printer, TerminalPrinter):
            printer.section = ""
        reply, _stopped = stream_turn(engine, request, printer, note, prelude)
        if reply.error is not None and reply.error_kind != "cancelled":
            print(f"ponder: {reply.error}", file=sys.stderr)
        return reply

    with closing(choice.engine) as engine:
        for event in engine.load(load):
            printer(event)
            if isinstance(event, ErrorEvent):
                raise UserError(event.message)
            if isinstance(event, LoadedEvent):
                print(f"Ponder · {choice.model_label()} · {event.backend}", file=sys.stderr)
        print(f"{describe(control)}. {HELP}", file=sys.stderr)
        while True:
            try:
                line = input("" if args.json else "\n› ").strip()  # stdout: JSON only
            except (EOFError, KeyboardInterrupt):
                if not args.json:
                    print()
                return 0
            if not line:
                continue
            if line in {"/quit", "/exit"}:
                return 0
            if line == "/new":
                history.clear()
                print("(new conversation)", file=sys.stderr)
                continue
            if line == "/help":
                print(HELP, file=sys.stderr)
                continue
            if line.split()[0] == "/longer":
                if last is None or not history or history[-1].role != "assistant":
                    print("ponder: /longer continues the last answer's thinking", file=sys.stderr)
                    continue
                try:
                    more = think_longer_budget(line[len("/longer") :].strip())
                except UserError as exc:
                    print(f"ponder: {exc}", file=sys.stderr)
                    continue
                stats = last.stats
                plan = plan_think_longer_from(
                    last.thinking,
                    last.interventions,
                    stats.thinking_tokens if stats else 0,
                    control.wait_text,
                )
                history.pop()  # the new version replaces the old answer
                request = dataclasses.replace(
                    turn_request(args, history, control),
                    thinking=dataclasses.replace(control, budget=more, min_tokens=0),
                    thinking_prefix=plan.prefix,
                )
                printer(plan.prelude[-1])  # the mark: where the thinking goes on from
                last = turn(request, plan.prelude)
                history.append(Message("assistant", last.answer, thinking=last.thinking))
                continue
            if line.startswith("/"):
                try:
                    control = apply_command(line, control, profile)
                    print(f"({describe(control)})", file=sys.stderr)
                except UserError as exc:
                    print(f"ponder: {exc}", file=sys.stderr)
                continue
            try:
                history.append(Message("user", options.prompt_text([line])))
            except UserError as exc:
                print(f"ponder: {exc}", file=sys.stderr)
                continue
            last = turn(turn_request(args, history, control))
            history.append(Message("assistant", last.answer, thinking=last.thinking))
