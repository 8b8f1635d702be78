"""The model dialog's catalog on the real catalog, models folder and hardware probe: one row
per model with its quants inside, search and filters, an offline banner, a partial download."""

from __future__ import annotations

import pytest
from app_driving import AppFactory
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from ponder.core.byte_size import size_text
from ponder.core.downloads.part_files import PartFiles
from ponder.core.models.catalog import load_catalog
from ponder.core.models.store import ModelStore
from ponder.ui.models.manager import ModelManagerDialog


def _rows(dialog: ModelManagerDialog) -> list[QTreeWidgetItem]:
    tree = dialog.catalog
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]  # type: ignore[misc]


def _dialog(qtbot: QtBot, app: object) -> ModelManagerDialog:
    library = app.library  # type: ignore[attr-defined]
    dialog = ModelManagerDialog(library, None, app.window)  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: library.catalog is not None and library.hardware is not None)
    dialog.refresh()
    return dialog


def test_one_row_per_model_with_its_quants_and_a_partial_download_badge(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    catalog = load_catalog()
    entry = next(e for e in catalog if e.repo is not None and len(e.quants) > 1)
    quant = entry.quants[-1]
    app = make_app(load=False)
    dest = ModelStore.from_paths(app.paths).hub_path(entry.repo or "", quant.file)
    dest.parent.mkdir(parents=True, exist_ok=True)
    PartFiles.of(dest).part.write_bytes(b"\0" * 3_000_000)
    dialog = _dialog(qtbot, app)
    qtbot.waitUntil(lambda: f"{entry.id}:{quant.name}" in app.library.partial)
    dialog.refresh()
    rows = _rows(dialog)
    assert len(rows) == len(catalog)
    by_id = {row.data(0, 256)[0].id: row for row in rows}
    row = by_id[entry.id]
    assert row.childCount() == len(entry.quants)
    assert [row.child(i).text(1).lstrip("★ ") for i in range(row.childCount())] == [
        q.name for q in entry.quants
    ]
    assert "partial download" in row.text(0)
    partial_child = row.child(len(entry.quants) - 1)
    assert (
        partial_child is not None
        and partial_child.text(0) == f"partial download ({size_text(3_000_000)})"
    )
    assert dialog.offline_banner.isHidden()


def test_search_and_filters_narrow_the_catalog(
    qtbot: QtBot, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(load=False)
    dialog = _dialog(qtbot, app)
    catalog = app.library.catalog
    assert catalog is not None
    everything = len(_rows(dialog))
    some = next(e for e in catalog if not e.demo)
    word = some.name.split()[0]
    dialog.catalog_search.setText(word)
    names = [row.data(0, 256)[0].name for row in _rows(dialog)]
    assert some.name in names and len(names) < everything
    dialog.catalog_search.setText("no model is called this")
    assert not _rows(dialog) and not dialog.catalog_empty.isHidden()
    assert "No models match" in dialog.catalog_empty.text()
    dialog.catalog_search.clear()
    family = some.family
    dialog.family_filter.setCurrentIndex(dialog.family_filter.findData(family))
    assert {row.data(0, 256)[0].family for row in _rows(dialog)} == {family}
    dialog.family_filter.setCurrentIndex(0)
    dialog.size_filter.setCurrentIndex(dialog.size_filter.findData("small"))
    for row in _rows(dialog):
        for i in range(row.childCount()):
            _entry, quant = row.child(i).data(0, 256)
            assert quant.size < 2_000_000_000
    dialog.size_filter.setCurrentIndex(0)
    dialog.fits_filter.setChecked(True)
    for row in _rows(dialog):
        for i in range(row.childCount()):
            entry, quant = row.child(i).data(0, 256)
            fit = app.library.fit(entry, quant)
            assert fit is None or fit.runs
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    dialog.refresh()
    assert not dialog.offline_banner.isHidden()
    assert "offline" in dialog.offline_banner.text()
