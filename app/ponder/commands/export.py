"""``ponder export``: a conversation or a saved sweep as a Markdown or HTML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ponder.commands import UserError
from ponder.core.paths import AppPaths
from ponder.core.storage.store import ConversationStore, StorageError
from ponder.core.teaching.export import (
    conversation_html,
    conversation_markdown,
    conversation_versions,
    sweep_html,
    sweep_markdown,
)
from ponder.core.teaching.sweep_files import SweepFileError, load_sweep

FORMATS = ("html", "md", "pdf")
_LARGEST_ID = 2**63 - 1


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export a conversation or a sweep to HTML, Markdown or PDF",
        description="Write a conversation (by its number) or a saved sweep (its .json file) as "
        "a self-contained HTML, Markdown or PDF document with a reproducibility card.",
    )
    parser.add_argument("source", metavar="CONVERSATION|SWEEP.json")
    parser.add_argument("--format", choices=FORMATS, default="html")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="where to write (default: stdout; PDF needs it)"
    )
    parser.set_defaults(func=run)


def _render(source: str, fmt: str) -> str:
    if source.isdigit():
        listing = "`ponder conversations` lists them with their numbers"
        if int(source) > _LARGEST_ID:  # SQLite's integers are 64-bit
            raise UserError(f"There is no conversation {source}; {listing}.")
        try:
            with ConversationStore(AppPaths.from_environment().database) as store:
                conversation = store.get_conversation(int(source))
                messages = store.thread(conversation.id)
                versions = conversation_versions(store.siblings, messages)
        except StorageError as exc:  # includes NotFoundError
            raise UserError(f"{str(exc).rstrip('.')}; {listing}.") from None
        render = conversation_html if fmt == "html" else conversation_markdown
        return render(conversation, messages, versions)
    path = Path(source).expanduser()
    if not path.is_file():
        raise UserError(f"{source} is neither a conversation number nor a saved sweep file (.json)")
    try:
        result = load_sweep(path)
    except SweepFileError as exc:
        raise UserError(str(exc)) from None
    return sweep_html(result) if fmt == "html" else sweep_markdown(result)


def run(args: argparse.Namespace) -> int:
    if args.format == "pdf" and not args.output:
        raise UserError("a PDF needs a file to go to: add -o FILE.pdf")
    text = _render(args.source, "html" if args.format == "pdf" else args.format)
    if not args.output:
        sys.stdout.write(text)
        return 0
    target = Path(args.output).expanduser()
    try:
        if args.format == "pdf":
            from ponder.ui.pdf_export import write_pdf_headless

            write_pdf_headless(text, target, title=args.source)
        else:
            target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(
            f"could not write {args.output}: {exc.strerror or exc}; choose a folder you can "
            "write to"
        ) from None
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
