"""Command-line options shared by the commands that load a model and generate."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ponder.commands import UserError
from ponder.core.gguf.errors import GGUFError
from ponder.core.gguf.header import GGUFHeader, read_header
from ponder.core.gguf.model_info import describe
from ponder.core.models.demo import find_demo_model
from ponder.core.models.fit import file_too_large
from ponder.core.models.hardware import detect_hardware
from ponder.core.reasoning.families import detect_family
from ponder.core.request import (
    DEFAULT_STOP_MESSAGE,
    DEFAULT_WAIT_TEXT,
    STOP_MESSAGE_PRESETS,
    LoadRequest,
    Sampling,
    ThinkingControl,
)


def parse_budget(text: str) -> int | None:
    """``off`` → 0, ``unlimited`` → None, else a positive number of tokens."""
    value = text.strip().lower()
    if value in {"off", "none", "0"}:
        return 0
    if value in {"unlimited", "inf", "max"}:
        return None
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"thinking budget must be off, unlimited or a number of tokens, not {text!r}"
        ) from None
    if number < 0:
        raise argparse.ArgumentTypeError("thinking budget cannot be negative")
    return number


def add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model", metavar="PATH", help="GGUF file to run (default: the built-in demo model)"
    )
    parser.add_argument("--ctx", type=int, default=4096, metavar="N", help="context size, tokens")
    parser.add_argument("--threads", type=int, metavar="N", help="CPU threads (default: cores)")
    parser.add_argument(
        "--gpu-layers",
        type=int,
        default=-1,
        metavar="N",
        help="layers to offload to the GPU: -1 all (default), 0 none",
    )
    parser.add_argument(
        "--force", action="store_true", help="load the model even if it looks too large"
    )


def add_thinking_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--think-budget",
        type=parse_budget,
        default=None,
        metavar="off|N|unlimited",
        help="maximum thinking tokens for the turn (default: unlimited)",
    )
    parser.add_argument(
        "--min-think",
        type=int,
        default=0,
        metavar="N",
        help="minimum thinking tokens: an earlier stop is answered with the wait text",
    )
    parser.add_argument(
        "--max-waits", type=int, default=3, metavar="K", help="inject the wait text at most K times"
    )
    parser.add_argument("--wait-text", default=DEFAULT_WAIT_TEXT, metavar="S")
    parser.add_argument(
        "--stop-message",
        default=DEFAULT_STOP_MESSAGE,
        metavar="PRESET|TEXT",
        help="said when the budget runs out: " + ", ".join(STOP_MESSAGE_PRESETS) + ", or your text",
    )
    parser.add_argument("--seed", type=int, metavar="N")
    parser.add_argument("--temperature", type=float, metavar="T")
    parser.add_argument("--top-p", type=float, metavar="P")
    parser.add_argument("--top-k", type=int, metavar="K")
    parser.add_argument("--max-tokens", type=int, metavar="N", help="stop after N generated tokens")


def model_path(args: argparse.Namespace) -> Path:
    if args.model:
        path = Path(args.model).expanduser()
        if not path.is_file():
            raise UserError(f"no model file at {path}")
        return path
    demo = find_demo_model()
    if demo is None:
        raise UserError(
            "no --model given and the built-in demo model is not installed "
            "(`make run` installs it; or pass --model PATH to a .gguf file)"
        )
    return demo


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """The model a command will load, and its header (read once, before anything loads)."""

    load: LoadRequest
    header: GGUFHeader


def choose_model(args: argparse.Namespace) -> ModelChoice:
    """Picks the model, reads its header, and refuses one that cannot fit (unless --force)."""
    if args.ctx < 64:
        raise UserError("--ctx must be at least 64 tokens")
    path = model_path(args)
    try:
        header = read_header(path)
    except GGUFError as exc:
        raise UserError(str(exc)) from None
    if not args.force:
        reason = file_too_large(describe(header), detect_hardware(), args.ctx)
        if reason:
            raise UserError(
                f"{reason}. Use a smaller model, quantization or --ctx, or pass --force to try "
                "anyway."
            )
    load = LoadRequest(
        model_path=str(path), n_ctx=args.ctx, n_threads=args.threads, gpu_layers=args.gpu_layers
    )
    return ModelChoice(load, header)


def load_request(args: argparse.Namespace) -> LoadRequest:
    return choose_model(args).load


def thinking_control(args: argparse.Namespace, header: GGUFHeader) -> ThinkingControl:
    """The thinking controls asked for; the budget defaults to the model family's."""
    stop = STOP_MESSAGE_PRESETS.get(args.stop_message, args.stop_message)
    budget = (
        args.think_budget
        if hasattr(args, "think_budget")
        else detect_family(header.metadata).default_budget
    )
    try:
        return ThinkingControl(
            budget=budget,
            min_tokens=args.min_think,
            max_waits=args.max_waits,
            wait_text=args.wait_text,
            stop_message=stop,
        )
    except ValueError as exc:
        raise UserError(str(exc)) from None


def sampling(args: argparse.Namespace) -> Sampling:
    return Sampling(
        temperature=args.temperature, top_p=args.top_p, top_k=args.top_k, seed=args.seed
    )
