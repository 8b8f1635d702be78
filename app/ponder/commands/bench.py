"""``ponder bench``: the engine's speed, against plain llama-cpp-python in the same run."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ponder.commands import UserError, options


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="measure decode speed, forced-stop cost and cancel latency",
        description="Measure Ponder's engine. With --baseline, rounds alternate with a plain "
        "llama-cpp-python generate loop on the same model, threads and sampler, and the ratio "
        "is printed.",
    )
    options.add_model_options(parser)
    parser.add_argument("--tokens", type=int, default=128, metavar="N", help="tokens per round")
    parser.add_argument("--rounds", type=int, default=5, metavar="N")
    parser.add_argument("--cancel-trials", type=int, default=20, metavar="N")
    parser.add_argument(
        "--baseline", action="store_true", help="compare with plain llama-cpp-python"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ponder.engine.bench import run_bench

    if args.tokens < 8 or args.rounds < 1:
        raise UserError("--tokens must be at least 8 and --rounds at least 1")
    load = options.load_request(args)
    print(f"model: {load.model_path}", flush=True)
    try:
        result = run_bench(
            load,
            tokens=args.tokens,
            rounds=args.rounds,
            baseline=args.baseline,
            cancel_trials=args.cancel_trials,
            progress=lambda line: print(f"  {line}", file=sys.stderr, flush=True),
        )
    except RuntimeError as exc:
        raise UserError(str(exc)) from None
    for line in result.lines():
        print(line)
    return 0
