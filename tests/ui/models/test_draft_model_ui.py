"""The draft model in the window, on the real catalog, models folder and dialogs: the model
manager says which small model drafts for a catalog entry and whether it is installed, the
settings choose the load plan's draft model, and the model bar says which one drafts (or the
status line why none does)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app_driving import AppFactory
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from gguf_fixtures import write_gguf
from ponder.core.events import LoadedEvent
from ponder.core.models.store import ModelStore
from ponder.core.paths import AppPaths
from ponder.ui.main import PonderApp
from ponder.ui.models.library import load_request_for
from ponder.ui.models.manager import ModelManagerDialog

DRAFT_REPO = "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"
DRAFT_FILE = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"


def install_draft(paths: AppPaths) -> Path:
    """R1-Distill-Qwen-1.5B Q4_K_M as a download leaves it (a tiny GGUF with the test
    tokenizer, and its record)."""
    store = ModelStore.from_paths(paths)
    path = store.hub_path(DRAFT_REPO, DRAFT_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_gguf(path, tensors=())
    store.record_install(
        path,
        sha256="0" * 64,
        source="hub",
        repo=DRAFT_REPO,
        catalog_id="r1-distill-qwen-1.5b",
        quant="Q4_K_M",
    )
    return path


def _scanned(qtbot: QtBot, app: PonderApp, path: Path | None = None) -> None:
    library = app.library
    library.refresh()
    library.probe_hardware(gpu=False)
    qtbot.waitUntil(
        lambda: library.catalog is not None and library.hardware is not None, timeout=20_000
    )
    if path is not None:
        qtbot.waitUntil(lambda: any(m.path == path for m in library.installed), timeout=20_000)


def _select(dialog: ModelManagerDialog, model_id: str) -> None:
    tree = dialog.catalog
    for index in range(tree.topLevelItemCount()):
        item: QTreeWidgetItem | None = tree.topLevelItem(index)
        if item is not None and item.data(0, 256)[0].id == model_id:
            tree.setCurrentItem(item)
            return
    raise AssertionError(f"{model_id} is not listed")


def test_the_catalog_details_name_the_draft_model_and_whether_it_is_installed(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    _scanned(qtbot, app)
    dialog = ModelManagerDialog(app.library, None, app.window)
    qtbot.addWidget(dialog)
    dialog.refresh()
    _select(dialog, "r1-distill-qwen-7b")
    text = dialog.catalog_info.toPlainText()
    assert (
        "Can think faster with DeepSeek-R1-Distill-Qwen 1.5B installed: with speculative "
        "decoding on (Settings), the small model drafts tokens for this one." in text
    )
    _select(dialog, "r1-0528-qwen3-8b")
    assert "draft" not in dialog.catalog_info.toPlainText()
    _scanned(qtbot, app, install_draft(app.paths))
    dialog.refresh()
    _select(dialog, "r1-distill-qwen-14b")
    assert (
        "DeepSeek-R1-Distill-Qwen 1.5B is installed and drafts tokens for it"
        in dialog.catalog_info.toPlainText()
    )


def test_the_settings_choose_the_draft_model_of_the_load(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(load=False)
    draft = install_draft(app.paths)
    _scanned(qtbot, app, draft)
    model = write_gguf(tmp_path / "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", tensors=())
    settings = app.settings.settings
    assert settings.use_draft_model and not settings.speculative_decoding
    plain, _, _ = load_request_for(str(model), settings, app.library)
    assert not plain.speculate and plain.draft_model_path is None
    speculating = settings.replace(speculative_decoding=True)
    request, _, notes = load_request_for(str(model), speculating, app.library)
    assert request.speculate and request.draft_model_path == str(draft) and notes == ()
    without = speculating.replace(use_draft_model=False)
    request, _, _ = load_request_for(str(model), without, app.library)
    assert request.speculate and request.draft_model_path is None


def test_the_model_bar_says_which_model_drafts_and_the_status_line_why_none(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app(load=False)
    draft = install_draft(app.paths)
    _scanned(qtbot, app, draft)
    loaded = LoadedEvent(
        "/m/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf",
        "deepseek-r1-distill-qwen",
        8192,
        131072,
        False,
        0,
        "CPU (AVX2)",
        None,
        None,
        draft_model=str(draft),
    )
    app.engine_host.model_ready.emit(loaded)
    state = app.window.model_bar.state
    assert state.text() == (
        "CPU · 8,192 tokens of context · drafts with DeepSeek-R1-Distill-Qwen 1.5B · Q4_K_M"
    )
    assert state.toolTip().splitlines() == [
        "CPU (AVX2)",
        "DeepSeek-R1-Distill-Qwen 1.5B · Q4_K_M drafts tokens for this model (speculative "
        "decoding).",
    ]
    problem = "the draft model's file could not be loaded"
    app.engine_host.model_ready.emit(replace(loaded, draft_model=None, draft_problem=problem))
    assert state.text() == "CPU · 8,192 tokens of context"
    assert state.toolTip().splitlines()[-1] == f"No draft model: {problem}"
    assert app.window.statusBar().currentMessage() == problem
