"""What the model manager says about a model: sizes, fit badges, detail text, dropped files.

Thread: GUI thread (pure functions; QColor and QMimeData are plain value types).
"""

from __future__ import annotations

import contextlib
import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QMimeData
from PySide6.QtGui import QColor, QGuiApplication

from ponder.core.byte_size import size_text
from ponder.core.models.catalog import Catalog, CatalogEntry, Quant
from ponder.core.models.fit import Fit
from ponder.core.models.store import InstalledModel
from ponder.ui.theme.apply import theme_colours
from ponder.ui.translations import QT_TRANSLATE_NOOP, shown

# Marked for translation here, translated in fit_badge.
_FIT_TEXT = {
    "gpu": QT_TRANSLATE_NOOP("ModelDetails", "Runs on the GPU"),
    "partial": QT_TRANSLATE_NOOP("ModelDetails", "Part GPU, part CPU"),
    "cpu": QT_TRANSLATE_NOOP("ModelDetails", "Runs on the CPU"),
}
_SPEED_TEXT = {
    "fast": QT_TRANSLATE_NOOP("ModelDetails", "fast"),
    "usable": QT_TRANSLATE_NOOP("ModelDetails", "usable"),
    "slow": QT_TRANSLATE_NOOP("ModelDetails", "slow"),
    "very_slow": QT_TRANSLATE_NOOP("ModelDetails", "very slow"),
}


def _tr(text: str) -> str:
    """``text`` (marked with QT_TRANSLATE_NOOP in the "ModelDetails" context) translated."""
    return QCoreApplication.translate("ModelDetails", text) if text else ""


def model_name(model: InstalledModel, catalog: Catalog | None) -> str:
    """A model's name for people: the catalog's name and quant, else its file name."""
    if model.catalog_id and catalog is not None:
        with contextlib.suppress(ValueError):  # CatalogError: no longer in the catalog
            return f"{catalog.get(model.catalog_id).name} · {model.quant}"
    return model.filename.removesuffix(".gguf")


def fit_badge(fit: Fit | None) -> tuple[str, QColor]:
    """The short badge for the catalog list, and its colour (from the theme's tokens)."""
    colours = theme_colours(QGuiApplication.palette())
    if fit is None:
        return QCoreApplication.translate("ModelDetails", "checking…"), QColor(colours.muted)
    if not fit.runs:
        return QCoreApplication.translate("ModelDetails", "Too large"), QColor(colours.danger)
    speed = _tr(_SPEED_TEXT.get(fit.speed or "", ""))
    colour = {"fast": colours.success, "usable": colours.link}.get(fit.speed or "", colours.warning)
    kind = _tr(_FIT_TEXT[fit.kind]) if fit.kind in _FIT_TEXT else fit.kind
    return f"{kind} · {speed}", QColor(colour)


def _row(label: str, value: str) -> str:
    return f"<tr><td>{label}</td><td>{value}</td></tr>"


def catalog_details(
    entry: CatalogEntry,
    quant: Quant,
    fit: Fit | None,
    draft: tuple[CatalogEntry, bool] | None = None,
) -> str:
    """HTML about a catalog quant: what it is, its license, what it needs here, and its draft
    model (``draft``: the catalog's pair and whether it is installed)."""
    e = html.escape
    rows = [
        f"<h3>{e(entry.name)}</h3>",
        f"<p>{e(entry.summary)}</p>",
        "<table cellpadding='2'>",
        _row(QCoreApplication.translate("ModelDetails", "Family"), e(entry.family)),
        _row(
            QCoreApplication.translate("ModelDetails", "Parameters"),
            QCoreApplication.translate("ModelDetails", "{n:g} billion").format(n=entry.params_b),
        ),
        _row(
            QCoreApplication.translate("ModelDetails", "File"),
            f"{e(quant.file)} ({size_text(quant.size)})",
        ),
        _row(QCoreApplication.translate("ModelDetails", "License"), e(entry.license)),
        _row(
            QCoreApplication.translate("ModelDetails", "Context"),
            QCoreApplication.translate(
                "ModelDetails", "{length:,} tokens (Ponder starts with {start:,})"
            ).format(length=entry.context_length, start=entry.recommended.context),
        ),
    ]
    if entry.repo:
        rows.append(_row(QCoreApplication.translate("ModelDetails", "Source"), e(entry.repo)))
    rows.append("</table>")
    if fit is not None:
        rows.append(
            "<p>"
            + QCoreApplication.translate(
                "ModelDetails",
                "<b>{badge}</b>: {reason}. About {memory} of memory at {n_ctx:,} tokens of "
                "context; roughly {speed:.0f} tokens/s.",
            ).format(
                badge=e(fit_badge(fit)[0]),
                reason=e(shown(fit.reason)),
                memory=size_text(fit.estimate.total),
                n_ctx=fit.estimate.n_ctx,
                speed=fit.tokens_per_s,
            )
            + "</p>"
        )
    if draft is not None:
        rows.append("<p>" + _draft_sentence(*draft) + "</p>")
    if not entry.reasoner:
        rows.append(
            "<p><i>"
            + QCoreApplication.translate(
                "ModelDetails", "Not a reasoning model: it does not really think."
            )
            + "</i></p>"
        )
    return "".join(rows)


def _draft_sentence(draft: CatalogEntry, installed: bool) -> str:
    name = html.escape(draft.name)
    if installed:
        return QCoreApplication.translate(
            "ModelDetails",
            "Can think faster with speculative decoding on (Settings): {draft} is installed and "
            "drafts tokens for it, where memory allows both.",
        ).format(draft=name)
    return QCoreApplication.translate(
        "ModelDetails",
        "Can think faster with {draft} installed: with speculative decoding on (Settings), "
        "the small model drafts tokens for this one.",
    ).format(draft=name)


def installed_details(model: InstalledModel, catalog: Catalog | None) -> str:
    """HTML about an installed model file."""
    e = html.escape
    name = model_name(model, catalog)
    summary = ""
    if model.catalog_id and catalog is not None:
        with contextlib.suppress(ValueError):
            summary = catalog.get(model.catalog_id).summary
    when = QLocale().toString(
        QDateTime.fromSecsSinceEpoch(int(model.installed_at)), "dd MMM yyyy HH:mm"
    )
    verified = (
        f"sha256 {e(model.sha256)}"
        if model.sha256
        else QCoreApplication.translate(
            "ModelDetails", "not verified (the file was put in the folder by hand)"
        )
    )
    origin = model.repo or model.original_path or model.source
    return (
        f"<h3>{e(name)}</h3>"
        + (f"<p>{e(summary)}</p>" if summary else "")
        + "<table cellpadding='2'>"
        + _row(QCoreApplication.translate("ModelDetails", "File"), e(str(model.path)))
        + _row(QCoreApplication.translate("ModelDetails", "Size"), size_text(model.size))
        + _row(QCoreApplication.translate("ModelDetails", "From"), e(str(origin)))
        + _row(QCoreApplication.translate("ModelDetails", "Added"), when)
        + _row(QCoreApplication.translate("ModelDetails", "Checked"), verified)
        + "</table>"
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
