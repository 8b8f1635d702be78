"""``ponder bench``: the engine's speed, against plain llama-cpp-python in the same run."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ponder.commands import UserError, options
from ponder.core.request import LoadRequest


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="measure decode speed, forced-stop cost and cancel latency",
        description="Measure Ponder's engine. With --baseline, rounds alternate with a plain "
        "llama-cpp-python generate loop on the same model, threads and sampler, and the ratio "
        "is printed.",
    )
    options.add_model_options(parser)
    parser.add_argument("--tokens", type=int, metavar="N", help="tokens per round (default 128)")
    parser.add_argument(
        "--rounds", type=int, metavar="N", help="rounds (default 5; 1 with --speculate)"
    )
    parser.add_argument("--cancel-trials", type=int, default=20, metavar="N")
    parser.add_argument(
        "--baseline", action="store_true", help="compare with plain llama-cpp-python"
    )
    parser.add_argument(
        "--speculate",
        action="store_true",
        help="compare speculative decoding with one token at a time, on repetitive traces "
        "and on prose (--tokens defaults to 160 here); with --draft-model, also with the "
        "draft model",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ponder.engine.bench import run_bench

    speculate = args.speculate
    tokens = args.tokens if args.tokens is not None else 160 if speculate else 128
    rounds = args.rounds if args.rounds is not None else 1 if speculate else 5
    if tokens < 8 or rounds < 1:
        raise UserError("--tokens must be at least 8 and --rounds at least 1")
    if speculate:
        # The load is planned as a speculating one, so that --draft-model (a file, or the
        # catalog's installed pair) is chosen and checked as for `ponder ask --speculative`.
        args.speculative = True
    load = options.load_request(args)
    print(f"model: {load.model_path}", flush=True)
    if load.draft_model_path:
        print(f"draft model: {load.draft_model_path}", flush=True)
    if speculate:
        return _speculation(load, tokens, rounds)
    try:
        result = run_bench(
            load,
            tokens=tokens,
            rounds=rounds,
            baseline=args.baseline,
            cancel_trials=args.cancel_trials,
            progress=lambda line: print(f"  {line}", file=sys.stderr, flush=True),
        )
    except RuntimeError as exc:
        raise UserError(str(exc)) from None
    for line in result.lines():
        print(line)
    return 0


def _speculation(load: LoadRequest, tokens: int, rounds: int) -> int:
    from ponder.engine.speculation.bench import run_speculation_bench

    try:
        result = run_speculation_bench(
            load,
            tokens=tokens,
            rounds=rounds,
            progress=lambda line: print(f"  {line}", file=sys.stderr, flush=True),
        )
    except (RuntimeError, ValueError) as exc:
        raise UserError(str(exc)) from None
    for line in result.lines():
        print(line)
    return 0
