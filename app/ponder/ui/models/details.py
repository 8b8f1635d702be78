"""What the model manager says about a model: sizes, fit badges, detail text, dropped files.

Thread: GUI thread (pure functions; QColor and QMimeData are plain value types).
"""

from __future__ import annotations

import contextlib
import html
import time
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QColor

from ponder.core.byte_size import size_text
from ponder.core.models.catalog import Catalog, CatalogEntry, Quant
from ponder.core.models.fit import Fit
from ponder.core.models.store import InstalledModel

_FIT_TEXT = {"gpu": "Runs on the GPU", "partial": "Part GPU, part CPU", "cpu": "Runs on the CPU"}
_SPEED_TEXT = {"fast": "fast", "usable": "usable", "slow": "slow", "very_slow": "very slow"}


def model_name(model: InstalledModel, catalog: Catalog | None) -> str:
    """A model's name for people: the catalog's name and quant, else its file name."""
    if model.catalog_id and catalog is not None:
        with contextlib.suppress(ValueError):  # CatalogError: no longer in the catalog
            return f"{catalog.get(model.catalog_id).name} · {model.quant}"
    return model.filename.removesuffix(".gguf")


def fit_badge(fit: Fit | None) -> tuple[str, QColor]:
    """The short badge for the catalog list, and its colour."""
    if fit is None:
        return "checking…", QColor("#888888")
    if not fit.runs:
        return "Too large", QColor("#c0392b")
    speed = _SPEED_TEXT.get(fit.speed or "", "")
    colour = {"fast": "#1e8449", "usable": "#2874a6", "slow": "#b9770e"}.get(
        fit.speed or "", "#b9770e"
    )
    return f"{_FIT_TEXT.get(fit.kind, fit.kind)} · {speed}", QColor(colour)


def catalog_details(entry: CatalogEntry, quant: Quant, fit: Fit | None) -> str:
    """HTML about a catalog quant: what it is, its license, what it needs here."""
    e = html.escape
    rows = [
        f"<h3>{e(entry.name)}</h3>",
        f"<p>{e(entry.summary)}</p>",
        "<table cellpadding='2'>",
        f"<tr><td>Family</td><td>{e(entry.family)}</td></tr>",
        f"<tr><td>Parameters</td><td>{entry.params_b:g} billion</td></tr>",
        f"<tr><td>File</td><td>{e(quant.file)} ({size_text(quant.size)})</td></tr>",
        f"<tr><td>License</td><td>{e(entry.license)}</td></tr>",
        f"<tr><td>Context</td><td>{entry.context_length:,} tokens (Ponder starts with "
        f"{entry.recommended.context:,})</td></tr>",
    ]
    if entry.repo:
        rows.append(f"<tr><td>Source</td><td>{e(entry.repo)}</td></tr>")
    rows.append("</table>")
    if fit is not None:
        rows.append(
            f"<p><b>{e(fit_badge(fit)[0])}</b>: {e(fit.reason)}. About "
            f"{size_text(fit.estimate.total)} of memory at {fit.estimate.n_ctx:,} tokens of "
            f"context; roughly {fit.tokens_per_s:.0f} tokens/s.</p>"
        )
    if not entry.reasoner:
        rows.append("<p><i>Not a reasoning model: it does not really think.</i></p>")
    return "".join(rows)


def installed_details(model: InstalledModel, catalog: Catalog | None) -> str:
    """HTML about an installed model file."""
    e = html.escape
    name = model_name(model, catalog)
    summary = ""
    if model.catalog_id and catalog is not None:
        with contextlib.suppress(ValueError):
            summary = catalog.get(model.catalog_id).summary
    when = time.strftime("%d %b %Y %H:%M", time.localtime(model.installed_at))
    verified = (
        f"sha256 {e(model.sha256)}"
        if model.sha256
        else "not verified (the file was put in the folder by hand)"
    )
    origin = model.repo or model.original_path or model.source
    return (
        f"<h3>{e(name)}</h3>"
        + (f"<p>{e(summary)}</p>" if summary else "")
        + "<table cellpadding='2'>"
        f"<tr><td>File</td><td>{e(str(model.path))}</td></tr>"
        f"<tr><td>Size</td><td>{size_text(model.size)}</td></tr>"
        f"<tr><td>From</td><td>{e(str(origin))}</td></tr>"
        f"<tr><td>Added</td><td>{when}</td></tr>"
        f"<tr><td>Checked</td><td>{verified}</td></tr>"
        "</table>"
    )


def gguf_paths(mime: QMimeData) -> list[str]:
    """The local .gguf files and model-pack folders in a drag (others are ignored)."""
    from ponder.core.models.packs import MANIFEST

    if not mime.hasUrls():
        return []
    paths = []
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() == ".gguf" or (path / MANIFEST).is_file():
                paths.append(str(path))
    return paths
