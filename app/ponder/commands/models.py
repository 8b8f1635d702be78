"""``ponder models``: the catalog with what fits this computer, sizes, licenses, installed."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ponder.commands import model_options
from ponder.core.byte_size import size_text
from ponder.core.models.catalog import Catalog, CatalogEntry, Quant
from ponder.core.models.demo import find_demo_model
from ponder.core.models.fit import Fit, Recommendation, assess_fit, recommend
from ponder.core.models.hardware import HardwareInfo, interesting_flags
from ponder.core.models.store import ModelStore


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "models",
        help="list the model catalog and what fits this computer",
        description="List the reasoners Ponder can download, with how well each fits here.",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument(
        "--ctx", type=int, metavar="N", help="context size to plan for (default: per model)"
    )
    model_options.add_catalog_option(parser)
    model_options.add_probe_option(parser)
    parser.set_defaults(func=run)


def _installed(entry: CatalogEntry, quant: Quant, store: ModelStore) -> str | None:
    if entry.package is not None:
        demo = find_demo_model()
        return str(demo) if demo is not None and demo.name == quant.file else None
    model = store.find(entry, quant)
    return str(model.path) if model is not None else None


def _draft_line(draft: CatalogEntry, store: ModelStore) -> str:
    """The entry's draft model (speculative decoding), and whether it is installed."""
    if any(_installed(draft, quant, store) for quant in draft.quants):
        return f"draft model: {draft.name}, installed (used with --speculative)"
    return f"draft model: {draft.name} (`ponder download {draft.id}`; used with --speculative)"


def _fit_dict(fit: Fit) -> dict[str, Any]:
    return {
        "kind": fit.kind,
        "speed": fit.speed,
        "memory_bytes": fit.estimate.total,
        "weights_bytes": fit.estimate.weights,
        "kv_cache_bytes": fit.estimate.kv_cache,
        "overhead_bytes": fit.estimate.overhead,
        "n_ctx": fit.estimate.n_ctx,
        "gpu_layers": fit.gpu_layers,
        "tokens_per_s": round(fit.tokens_per_s, 1),
        "reason": fit.reason,
    }


def listing(
    catalog: Catalog, store: ModelStore, hw: HardwareInfo, n_ctx: int | None
) -> dict[str, Any]:
    """The JSON document of ``ponder models --json``."""
    pick = recommend(catalog, hw, n_ctx)
    known: set[str] = set()
    models = []
    for entry in catalog:
        quants = []
        for quant in entry.quants:
            path = _installed(entry, quant, store)
            if path:
                known.add(path)
            quants.append(
                {
                    "quant": quant.name,
                    "file": quant.file,
                    "size": quant.size,
                    "size_exact": quant.size_is_exact,
                    "sha256": quant.sha256,
                    "installed": path is not None,
                    "path": path,
                    "fit": _fit_dict(assess_fit(entry, quant, hw, n_ctx)),
                }
            )
        models.append(
            {
                "id": entry.id,
                "name": entry.name,
                "family": entry.family,
                "repo": entry.repo,
                "revision": entry.revision,
                "package": entry.package,
                "license": entry.license,
                "params_b": entry.params_b,
                "context_length": entry.context_length,
                "summary": entry.summary,
                "demo": entry.demo,
                "reasoner": entry.reasoner,
                "default_quant": entry.default_quant,
                "draft": entry.draft,
                "recommended": pick is not None and pick.entry.id == entry.id,
                "quants": quants,
            }
        )
    others = [m.to_dict() for m in store.installed() if str(m.path) not in known]
    return {
        "hardware": hw.to_dict(),
        "recommended": None if pick is None else {"id": pick.entry.id, "quant": pick.quant.name},
        "models": models,
        "other_installed": others,
    }


def _hardware_line(hw: HardwareInfo) -> str:
    flags = ", ".join(f.upper() for f in interesting_flags(hw.cpu_flags)[:8]) or "unknown"
    gpu = (
        f"{hw.gpu.name} ({hw.gpu.backend}, {size_text(hw.gpu.usable_memory)})"
        if hw.gpu is not None
        else "none usable" + ("" if hw.gpu_offload else " (this llama.cpp build runs on CPU)")
    )
    disk = (
        f"; {size_text(hw.models_free_disk)} free for models"
        if hw.models_free_disk is not None
        else ""
    )
    return (
        f"This computer: {size_text(hw.total_ram)} memory "
        f"({size_text(hw.available_ram)} free), {hw.physical_cores} cores "
        f"[{flags}]; GPU: {gpu}{disk}"
    )


def _fit_text(fit: Fit) -> str:
    if not fit.runs:
        return "too large"
    where = {"gpu": "on GPU", "partial": f"partly on GPU ({fit.gpu_layers} layers)", "cpu": "CPU"}
    speed = (fit.speed or "").replace("_", " ")
    return f"{where[fit.kind]} · {speed} (~{fit.tokens_per_s:.0f} tok/s)"


def _print(
    catalog: Catalog,
    store: ModelStore,
    hw: HardwareInfo,
    n_ctx: int | None,
    pick: Recommendation | None,
) -> None:
    print(_hardware_line(hw))
    for note in hw.notes:
        print(f"  note: {note}")
    if pick is not None:
        print(
            f"Recommended: {pick.entry.name} {pick.quant.name} — "
            f"ponder download {pick.entry.id}:{pick.quant.name}"
        )
    else:
        print("None of the catalog's reasoners fits this computer.")
    print()
    for entry in catalog:
        star = "★" if pick is not None and pick.entry.id == entry.id else " "
        kind = "demo, not a reasoner" if entry.demo else entry.license
        print(f"{star} {entry.id}  {entry.name} · {kind}")
        print(f"    {entry.summary}")
        if entry.draft is not None:
            print(f"    {_draft_line(catalog.get(entry.draft), store)}")
        for quant in entry.quants:
            fit = assess_fit(entry, quant, hw, n_ctx)
            installed = "  installed" if _installed(entry, quant, store) else ""
            approx = "" if quant.size_is_exact else "~"
            size = f"{approx}{size_text(quant.size)}"
            print(f"    {quant.name:<7} {size:>9}  {_fit_text(fit)}{installed}")
    known = {str(m.path) for e in catalog for q in e.quants if (m := store.find(e, q))}
    others = [m for m in store.installed() if str(m.path) not in known]
    if others:
        print("\nOther installed models:")
        for model in others:
            check = "verified" if model.sha256 else "not verified"
            print(f"    {model.path}  {size_text(model.size)}  {check}")


def run(args: argparse.Namespace) -> int:
    catalog = model_options.catalog(args)
    store = model_options.store()
    hw = model_options.hardware(args, store)
    if args.json:
        print(json.dumps(listing(catalog, store, hw, args.ctx), indent=2, ensure_ascii=False))
        return 0
    _print(catalog, store, hw, args.ctx, recommend(catalog, hw, args.ctx))
    return 0


__all__ = ["listing", "register", "run"]
