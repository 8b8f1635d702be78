"""``ponder pack export ID[:QUANT] DIR`` / ``ponder pack import DIR``: models on a USB stick.

A pack is a folder with the model, its catalog entry and checksums; importing it on a machine
without internet verifies the sha256 before the model becomes usable.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ponder.commands import UserError, model_options
from ponder.core.downloads.errors import ModelFileError
from ponder.core.models.catalog import CatalogError
from ponder.core.models.packs import export_pack, import_pack


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "pack",
        help="copy models to and from a folder (a USB stick) for offline machines",
        description="Model packs: set up computers that have no internet.",
    )
    actions = parser.add_subparsers(dest="pack_action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write an installed model as a pack into DIR",
        description="Write an installed catalog model (ID or ID:QUANT) as a pack into DIR.",
    )
    export.add_argument("model", metavar="ID[:QUANT]")
    export.add_argument("dir", metavar="DIR")
    model_options.add_catalog_option(export)
    export.set_defaults(func=run_export)
    imp = actions.add_parser(
        "import",
        help="install the model of a pack folder",
        description="Install the model in a pack folder, verifying its sha256.",
    )
    imp.add_argument("dir", metavar="DIR")
    imp.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    catalog = model_options.catalog(args)
    store = model_options.store()
    try:
        entry, quant = catalog.resolve(args.model)
    except CatalogError as exc:
        raise UserError(str(exc)) from None
    model = store.find(entry, quant)
    if model is None:
        raise UserError(
            f"{entry.name} {quant.name} is not installed here; "
            f"`ponder download {entry.id}:{quant.name}` first."
        )
    bar = model_options.ProgressBar("exporting")
    try:
        folder = export_pack(store, model, entry, Path(args.dir), progress=bar)
    except ModelFileError as exc:
        raise UserError(str(exc)) from None
    finally:
        bar.close()
    print(f'Wrote the pack {folder}. On the other computer: ponder pack import "{folder}"')
    return 0


def run_import(args: argparse.Namespace) -> int:
    store = model_options.store()
    bar = model_options.ProgressBar("importing")
    try:
        model = import_pack(store, Path(args.dir), progress=bar)
    except ModelFileError as exc:
        raise UserError(str(exc)) from None
    finally:
        bar.close()
    print(f"Installed {model.path}; sha256 {model.sha256} verified.")
    return 0
