"""``ponder sweep``: a question or a problem set at several thinking budgets, as a table."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import closing
from typing import Any

from ponder.commands import UserError, options
from ponder.core.events import ErrorEvent
from ponder.core.paths import AppPaths
from ponder.core.request import Sampling
from ponder.core.teaching.problems import ProblemSetError, load_problem_set, single_problem
from ponder.core.teaching.sweep import SweepCell, SweepResult, new_result, parse_budgets
from ponder.core.teaching.sweep_files import SweepFolder, SweepRun, SweepWriteError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sweep",
        help="run questions at several thinking budgets",
        description="Run a question or a problem set at several thinking budgets and print the "
        "grid and the accuracy / thinking tokens per budget (the test-time-scaling table).",
    )
    options.add_model_options(parser)
    parser.add_argument(
        "--budgets",
        default="off,256,1024,4096",
        metavar="LIST",
        help="comma-separated: off, N tokens, unlimited, waitK (default: off,256,1024,4096)",
    )
    parser.add_argument(
        "--problems", metavar="FILE|SET", help="a problem-set .toml file or a bundled set name"
    )
    parser.add_argument("--answer", metavar="KEY", help="the expected answer of PROMPT")
    parser.add_argument("--max-tokens", type=int, metavar="N", help="stop each run after N tokens")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="sampling seed (0)")
    parser.add_argument(
        "--temperature", type=float, default=0.0, metavar="T", help="0 = greedy (default)"
    )
    parser.add_argument("--no-save", action="store_true", help="do not keep the results")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("prompt", nargs="*", help="a question (instead of --problems)")
    parser.set_defaults(func=run)


def _cell_text(cell: SweepCell | None) -> str:
    if cell is None:
        return "—"
    mark = {True: "✓", False: "✗", None: "·"}[cell.correct]
    shown = (cell.extracted or cell.answer.strip().replace("\n", " ") or "∅")[:14]
    return f"{mark} {shown} ({cell.thinking_tokens}t)"


def format_grid(result: SweepResult) -> str:
    """The grid (a row per problem, a column per budget), then the per-budget summary."""
    header = ["problem", *result.budgets]
    rows = [
        [problem.id, *(_cell_text(result.cell(problem.id, b)) for b in result.budgets)]
        for problem in result.problems
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(text.ljust(w) for text, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(0, "  ".join(text.ljust(w) for text, w in zip(header, widths, strict=True)))
    lines.append("")
    lines.append(f"{'budget':<10} {'accuracy':>9} {'correct':>8} {'thinking':>9} {'time':>7}")
    for row in result.summary():
        accuracy = f"{row.accuracy:.0%}" if row.accuracy is not None else "—"
        lines.append(
            f"{row.budget:<10} {accuracy:>9} {row.correct:>4}/{row.judged:<3} "
            f"{row.mean_thinking_tokens:>9.1f} {row.mean_seconds:>6.2f}s"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if bool(args.problems) == bool(args.prompt):
        raise UserError("give either --problems FILE|SET or a question, not both and not neither")
    try:
        budgets = parse_budgets(args.budgets)
        problems = (
            load_problem_set(args.problems)
            if args.problems
            else single_problem(" ".join(args.prompt), args.answer)
        )
    except (ValueError, ProblemSetError) as exc:
        raise UserError(str(exc)) from None
    choice = options.choose_engine(args)
    load = choice.load
    folder = None if args.no_save else SweepFolder(AppPaths.from_environment().sweeps)

    with closing(choice.engine) as engine:
        for event in engine.load(load):
            if isinstance(event, ErrorEvent):
                raise UserError(event.message)
        result = new_result(
            problems,
            budgets,
            # For the reproducibility card: the file and its hash, or model + server + software.
            model_path=choice.model_label(),
            model_sha256=choice.model_sha256(),
            sampling=Sampling(temperature=args.temperature, seed=args.seed),
            max_tokens=args.max_tokens,
        )
        sweep = folder.start(result) if folder is not None else SweepRun(result, None)

        def progress(cell: SweepCell) -> None:
            if not args.json:
                print(f"{cell.problem_id} @ {cell.budget}: {_cell_text(cell)}", file=sys.stderr)

        try:
            sweep.run(engine, on_cell=progress)
        except SweepWriteError as exc:
            raise UserError(
                f"{exc} Free some disk space or run with --no-save --json to keep the results "
                "on screen."
            ) from None
        except KeyboardInterrupt:
            if sweep.path is not None and result.cells:
                print(
                    f"ponder: sweep stopped; the finished runs are in {sweep.path}",
                    file=sys.stderr,
                )
            else:
                print("ponder: sweep stopped", file=sys.stderr)
            return 130
    saved = sweep.path if result.cells else None
    if args.json:
        data = result.to_dict() | {"saved_to": str(saved) if saved else None}
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(format_grid(result))
        if saved:
            print(f"saved to {saved}", file=sys.stderr)
    return 1 if any(c.error for c in result.cells) else 0
