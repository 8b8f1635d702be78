"""``ponder catalog check``: compare every catalog entry with the hub and report drift.

For each quant: the file must exist at the entry's revision; a pinned sha256 and size must be
what the hub serves; an estimated size should be within a tolerance of the hub's; a pinned
revision that is no longer what the main branch serves is reported as a note (not drift).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ponder.core.downloads.errors import DownloadError, NetworkError, NotOnHubError, OfflineError
from ponder.core.downloads.hub import Hub, RemoteFile
from ponder.core.models.catalog import Catalog, CatalogEntry, Quant

Status = Literal["ok", "drift", "missing", "error"]
SIZE_TOLERANCE = 0.10


@dataclass(frozen=True, slots=True)
class QuantCheck:
    """The verdict on one entry × quant, with the reasons in words."""

    entry_id: str
    quant: str
    status: Status
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    remote: RemoteFile | None = field(default=None, compare=False)


def check_quant(hub: Hub, entry: CatalogEntry, quant: Quant) -> QuantCheck:
    assert entry.repo is not None
    try:
        remote = hub.file_info(entry.repo, quant.file, entry.revision)
    except (OfflineError, NetworkError):
        raise  # nothing else can be checked either: one message for the whole run
    except NotOnHubError as exc:
        return QuantCheck(entry.id, quant.name, "missing", (str(exc),))
    except DownloadError as exc:
        return QuantCheck(entry.id, quant.name, "error", (str(exc),))
    problems: list[str] = []
    notes: list[str] = []
    if entry.revision and remote.commit and remote.commit != entry.revision:
        problems.append(f"revision {entry.revision} resolved to commit {remote.commit}")
    if quant.sha256 is not None:
        if remote.sha256 != quant.sha256:
            problems.append(f"sha256 is {remote.sha256}, the catalog pins {quant.sha256}")
        if remote.size != quant.size:
            problems.append(f"size is {remote.size} bytes, the catalog says {quant.size}")
    else:
        if remote.size is not None and abs(remote.size - quant.size) > SIZE_TOLERANCE * quant.size:
            problems.append(
                f"size is {remote.size} bytes, the catalog's estimate {quant.size} is off by "
                f"{abs(remote.size - quant.size) / quant.size:.0%}"
            )
        notes.append(
            f"not pinned: the hub serves sha256 {remote.sha256}, size {remote.size}"
            + (f", commit {remote.commit}" if remote.commit else "")
        )
    if remote.sha256 is None:
        problems.append("the hub gave no sha256 for this file (downloads could not be verified)")
    if entry.revision and not problems:
        try:
            latest = hub.file_info(entry.repo, quant.file, None)
            if latest.sha256 != remote.sha256:
                notes.append(f"main now serves a different file (commit {latest.commit})")
        except DownloadError as exc:
            notes.append(f"the main branch could not be checked: {exc}")
    status: Status = "drift" if problems else "ok"
    return QuantCheck(entry.id, quant.name, status, tuple(problems), tuple(notes), remote)


def check_catalog(catalog: Catalog, hub: Hub) -> list[QuantCheck]:
    """Every hub-hosted entry × quant checked (the packaged demo model is skipped)."""
    return [
        check_quant(hub, entry, quant)
        for entry in catalog
        if entry.repo is not None
        for quant in entry.quants
    ]


__all__ = ["QuantCheck", "check_catalog", "check_quant"]
