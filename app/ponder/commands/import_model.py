"""``ponder import PATH``: add a .gguf from this computer to the models folder, validated."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ponder.commands import UserError, model_options
from ponder.core.downloads.errors import ModelFileError
from ponder.core.models.local_import import import_gguf


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="add a .gguf file from this computer",
        description=(
            "Check a .gguf file and add it to Ponder's models folder (a copy, or a hard link "
            "with --link). A file that is damaged or not a model is refused."
        ),
    )
    parser.add_argument("path", metavar="PATH", help="the .gguf file")
    parser.add_argument(
        "--link", action="store_true", help="hard-link instead of copying (same disk only)"
    )
    model_options.add_catalog_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    catalog = model_options.catalog(args)
    store = model_options.store()
    bar = model_options.ProgressBar("copying")
    try:
        model = import_gguf(store, Path(args.path), link=args.link, catalog=catalog, progress=bar)
    except ModelFileError as exc:
        raise UserError(str(exc)) from None
    finally:
        bar.close()
    known = f" (catalog model {model.catalog_id} {model.quant})" if model.catalog_id else ""
    print(f"Imported {model.path}{known}; sha256 {model.sha256}.")
    return 0
