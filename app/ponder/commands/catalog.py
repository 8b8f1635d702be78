"""``ponder catalog check``: compare every catalog entry with the hub and report drift."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ponder.commands import UserError, model_options
from ponder.core.downloads.errors import DownloadError
from ponder.core.downloads.hub import Hub
from ponder.core.models.catalog_check import check_catalog


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "catalog", help="maintain the model catalog", description="Model catalog maintenance."
    )
    actions = parser.add_subparsers(dest="catalog_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="compare every entry with the hub and report drift",
        description=(
            "Ask the hub about every file in the catalog: missing files, changed checksums, "
            "sizes far from the catalog's estimate. Exit status 1 when anything drifted."
        ),
    )
    check.add_argument("--json", action="store_true", help="print one JSON document")
    model_options.add_endpoint_option(check)
    model_options.add_catalog_option(check)
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    catalog = model_options.catalog(args)
    hub = Hub(endpoint=args.endpoint, attempts=2)
    try:
        results = check_catalog(catalog, hub)
    except DownloadError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r.entry_id,
                        "quant": r.quant,
                        "status": r.status,
                        "problems": list(r.problems),
                        "notes": list(r.notes),
                    }
                    for r in results
                ],
                indent=2,
            )
        )
    else:
        for r in results:
            print(f"{r.status.upper():<8} {r.entry_id}:{r.quant}")
            for problem in r.problems:
                print(f"         {problem}")
            for note in r.notes:
                print(f"         note: {note}")
        bad = sum(r.status != "ok" for r in results)
        print(f"\n{len(results) - bad} of {len(results)} files match the hub; {bad} need a look.")
    return 1 if any(r.status != "ok" for r in results) else 0
