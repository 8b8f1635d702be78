"""``ponder conversations``: the saved conversations, with the numbers `ponder export` takes."""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from ponder.commands import UserError
from ponder.core.paths import AppPaths
from ponder.core.storage import recovery
from ponder.core.storage.store import ConversationStore, StorageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "conversations",
        help="list the saved conversations (their numbers are what `ponder export` takes)",
        description="List the saved conversations, most recent first: number, last change, title.",
    )
    parser.add_argument("--all", action="store_true", help="include archived conversations")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument(
        "--recover",
        action="store_true",
        help="copy what can be read from a damaged history into a new file and use that "
        "(the damaged file is kept beside it)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.recover:
        return _recover(AppPaths.from_environment().database)
    try:
        with ConversationStore(AppPaths.from_environment().database) as store:
            found = store.list_conversations(archived=None if args.all else False)
    except StorageError as exc:
        raise UserError(str(exc)) from None
    for conversation in found:
        if args.json:
            row = {
                "id": conversation.id,
                "title": conversation.title,
                "updated_at": conversation.updated_at,
                "archived": conversation.archived,
            }
            print(json.dumps(row, ensure_ascii=False))
        else:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(conversation.updated_at))
            title = " ".join((conversation.title or "(untitled)").split())
            print(f"{conversation.id:>6}  {when}  {title}")
    if not found and not args.json:
        print("No conversations yet: `ponder chat` or the app starts one.")
    return 0


def _recover(path: Path) -> int:
    if not path.exists():
        raise UserError(f"There is no conversation history at {path}: nothing to recover.")
    try:
        report = recovery.recover(path)
    except (OSError, sqlite3.Error) as exc:
        raise UserError(
            f"Could not recover {path}: {exc}. Nothing was deleted; check that the folder is "
            "writable and has free space."
        ) from None
    print(report.summary())
    return 0 if report.complete else 1
