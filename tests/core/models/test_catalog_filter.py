"""Filtering the real catalog (words, family, size class, fits this computer), and finding the
partial downloads of its quants."""

from __future__ import annotations

from pathlib import Path

import pytest

from ponder.core.downloads.part_files import PartFiles
from ponder.core.models.catalog import load_catalog
from ponder.core.models.catalog_filter import CatalogFilter, catalog_families
from ponder.core.models.fit import assess_fit
from ponder.core.models.hardware import HardwareInfo
from ponder.core.models.store import ModelStore


def test_words_and_family_pick_models() -> None:
    catalog = load_catalog()
    families = catalog_families(catalog)
    assert families == sorted(set(families)) and len(families) >= 2
    entry = next(iter(catalog))
    assert CatalogFilter().matches_entry(entry) and not CatalogFilter().active
    assert CatalogFilter(text=entry.name.upper()).matches_entry(entry)
    assert not CatalogFilter(text=f"{entry.name} zzz-nothing").matches_entry(entry)
    other = next(f for f in families if f != entry.family)
    assert CatalogFilter(family=entry.family).matches_entry(entry)
    assert not CatalogFilter(family=other).matches_entry(entry)


def test_size_classes_and_fit_pick_quants(tiny_machine: HardwareInfo) -> None:
    catalog = load_catalog()
    quants = [(e, q) for e in catalog for q in e.quants]
    small = [q for _e, q in quants if CatalogFilter(size="small").matches_quant(q, None)]
    large = [q for _e, q in quants if CatalogFilter(size="large").matches_quant(q, None)]
    assert small and all(q.size < 2_000_000_000 for q in small)
    assert all(q.size >= 6_000_000_000 for q in large)
    fits = CatalogFilter(fits_only=True)
    verdicts = [(q, assess_fit(e, q, tiny_machine)) for e, q in quants]
    assert any(not fit.runs for _q, fit in verdicts), "the tiny machine cannot run everything"
    for quant, fit in verdicts:
        assert fits.matches_quant(quant, fit) == fit.runs
    assert fits.matches_quant(quants[0][1], None)  # not known yet: kept
    with pytest.raises(ValueError, match="size class"):
        CatalogFilter(size="huge")


def test_partial_downloads_are_found_beside_their_destination(tmp_path: Path) -> None:
    catalog = load_catalog()
    entry = next(e for e in catalog if e.repo is not None)
    quant = entry.quants[0]
    store = ModelStore(tmp_path)
    assert store.partial_downloads(catalog) == {}
    dest = store.hub_path(entry.repo or "", quant.file)
    dest.parent.mkdir(parents=True)
    PartFiles.of(dest).part.write_bytes(b"x" * 10)
    assert store.partial_downloads(catalog) == {f"{entry.id}:{quant.name}": 10}
    dest.write_bytes(b"done")  # finished: the file is there, a stale part is not a download
    assert store.partial_downloads(catalog) == {}
