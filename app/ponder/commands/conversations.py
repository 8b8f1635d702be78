"""``ponder conversations``: the saved conversations, with the numbers `ponder export` takes."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from ponder.commands import UserError
from ponder.core.paths import AppPaths
from ponder.core.storage.store import ConversationStore, StorageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "conversations",
        help="list the saved conversations (their numbers are what `ponder export` takes)",
        description="List the saved conversations, most recent first: number, last change, title.",
    )
    parser.add_argument("--all", action="store_true", help="include archived conversations")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
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
