"""Which catalog models a person is looking for: words, a family, a size, "fits this computer".

Plain Python, shared by the model dialog's catalog (and anything else that lists the catalog):
a model matches on its own (words, family), and each of its quants on its own (size, fit), so a
list can keep a model whose quants all went.
"""

from __future__ import annotations

from dataclasses import dataclass

from ponder.core.models.catalog import Catalog, CatalogEntry, Quant
from ponder.core.models.fit import Fit
from ponder.core.phrases import QT_TRANSLATE_NOOP

_GB = 1_000_000_000

# Size classes of a quant's file, as the filter offers them: (label, lowest, below).
SIZE_CLASSES: dict[str, tuple[str, int, int | None]] = {
    "any": (QT_TRANSLATE_NOOP("CatalogFilter", "Any size"), 0, None),
    "small": (QT_TRANSLATE_NOOP("CatalogFilter", "Under 2 GB"), 0, 2 * _GB),
    "medium": ("2 – 6 GB", 2 * _GB, 6 * _GB),
    "large": (QT_TRANSLATE_NOOP("CatalogFilter", "Over 6 GB"), 6 * _GB, None),
}


@dataclass(frozen=True, slots=True)
class CatalogFilter:
    """``text``: every word must appear in the model's name, id, family or summary (any case).
    ``family``: '' for any. ``size``: a ``SIZE_CLASSES`` key. ``fits_only``: only quants that
    run on this computer (a quant whose fit is not known yet is kept)."""

    text: str = ""
    family: str = ""
    size: str = "any"
    fits_only: bool = False

    def __post_init__(self) -> None:
        if self.size not in SIZE_CLASSES:
            raise ValueError(f"unknown size class {self.size!r}; known: {', '.join(SIZE_CLASSES)}")

    def matches_entry(self, entry: CatalogEntry) -> bool:
        if self.family and entry.family != self.family:
            return False
        haystack = " ".join((entry.name, entry.id, entry.family, entry.summary)).lower()
        return all(word in haystack for word in self.text.lower().split())

    def matches_quant(self, quant: Quant, fit: Fit | None) -> bool:
        _label, low, below = SIZE_CLASSES[self.size]
        if quant.size < low or (below is not None and quant.size >= below):
            return False
        return not (self.fits_only and fit is not None and not fit.runs)

    @property
    def active(self) -> bool:
        """Whether it hides anything at all."""
        return self != CatalogFilter()


def catalog_families(catalog: Catalog) -> list[str]:
    """The families of the catalog's models, sorted, each once."""
    return sorted({entry.family for entry in catalog})


__all__ = ["SIZE_CLASSES", "CatalogFilter", "catalog_families"]
