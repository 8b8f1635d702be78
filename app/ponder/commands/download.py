"""``ponder download ID[:QUANT] | REPO FILE``: fetch a model with a progress bar.

The download resumes after an interruption (Ctrl-C, a closed laptop, a killed process): run
the same command again. The file is usable only once its sha256 matched and the GGUF
validator accepted it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ponder.commands import UserError, model_options
from ponder.core.byte_size import size_text
from ponder.core.downloads.errors import ModelFileError
from ponder.core.downloads.hub import Hub
from ponder.core.models.catalog import CatalogError
from ponder.core.models.install import Installed, install_from_hub


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "download",
        help="download a model from the catalog or the hub",
        description=(
            "Download a catalog model (ID or ID:QUANT, see `ponder models`) or any GGUF file "
            "of a hub repository (REPO FILE). Interrupted downloads resume when run again."
        ),
    )
    parser.add_argument("spec", metavar="ID[:QUANT] | REPO", help="catalog id, or a hub repo")
    parser.add_argument("file", nargs="?", metavar="FILE", help="file in REPO (with a repo)")
    parser.add_argument("--revision", metavar="REV", help="branch, tag or commit (with REPO)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="download even if the model looks too large for this computer, or is installed",
    )
    model_options.add_endpoint_option(parser)
    model_options.add_catalog_option(parser)
    model_options.add_probe_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    catalog = model_options.catalog(args)
    store = model_options.store()
    hub = Hub(endpoint=args.endpoint)
    if args.file:
        repo, filename, revision = args.spec, args.file, args.revision
        match = catalog.find_file(repo, filename)
        entry, quant = match if match is not None else (None, None)
    else:
        try:
            entry, quant = catalog.resolve(args.spec)
        except CatalogError as exc:
            raise UserError(str(exc)) from None
        if entry.repo is None:
            raise UserError(f"{entry.name} is not downloaded: it comes with Ponder.")
        repo, filename, revision = entry.repo, quant.file, entry.revision
    if entry is not None and entry.revision and revision is None:
        revision = entry.revision
    hw = None if args.force else model_options.hardware(args, store)
    bar = model_options.ProgressBar(filename)
    try:
        done: Installed = install_from_hub(
            store,
            hub,
            repo,
            filename,
            revision=revision,
            entry=entry,
            quant=quant,
            hw=hw,
            force=args.force,
            progress=bar,
        )
    except KeyboardInterrupt:
        bar.close()
        print(
            "\nponder: download paused; run the same command again to resume it.",
            file=sys.stderr,
        )
        return 130
    except ModelFileError as exc:
        bar.close()
        raise UserError(str(exc)) from None
    bar.close()
    model = done.model
    if done.transfer is None:
        print(f"Already installed: {model.path}")
    else:
        t = done.transfer
        resumed = f", resumed at {size_text(t.resumed_from)}" if t.resumed_from else ""
        size = size_text(t.size)
        print(f"Downloaded {model.path} ({size}{resumed}); sha256 {t.sha256} verified.")
    if entry is not None:
        print(f'Try it: ponder ask --model "{model.path}" "What is 17 × 23?"')
    return 0
