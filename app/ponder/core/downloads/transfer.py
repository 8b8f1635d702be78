"""Ponder's file transfer: resumable, verified, one at a time, never a half file in place.

huggingface_hub neither resumes across processes nor checks sha256, so Ponder owns the bytes:

* HTTP Range into ``NAME.part`` beside the destination; a sidecar ``NAME.part.json`` records
  what the part is a prefix of (size, sha256, url, etag, commit), so a restarted process
  resumes only a download of the very same file. A server that ignores Range (200 instead of
  206) restarts the part from zero.
* sha256 is computed while writing; on resume the existing part is hashed first (hashlib
  cannot save its state), then the transfer continues from its end.
* Retries with exponential backoff (and Retry-After) on timeouts, dropped connections, 408,
  429 and 5xx; the retry budget resets whenever bytes arrive.
* Disk space is checked before the first byte; a full disk while writing (ENOSPC, EDQUOT,
  EFBIG) stops with a clear error and leaves only the ``.part`` (never loadable).
* One process per file: an OS file lock (``filelock``) that the OS releases when its process
  dies, so a killed download never leaves a stale lock.
* The file is renamed into place only after the sha256 matched and the validator accepted it.

The HTTP client is huggingface_hub's shared session (``get_session()``: its proxies, user
agent, offline guard), so the transfer goes through the same client as the metadata.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import httpx2

from ponder.core.byte_size import size_text
from ponder.core.downloads.control import (
    Progress,
    ProgressCallback,
    ProgressMeter,
    RetryPolicy,
    TransferControl,
)
from ponder.core.downloads.errors import (
    ChecksumMismatchError,
    DiskFullError,
    DownloadError,
    DownloadStoppedError,
    InvalidModelError,
    NetworkError,
    ServerError,
)
from ponder.core.downloads.hub import http_status_error
from ponder.core.downloads.part_files import (
    PartFiles,
    exclusive,
    fsync_dir,
    read_sidecar,
    write_json_atomic,
)
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.ways_out import COMMAND_LINE, WaysOut

CHUNK = 1 << 20
HASH_BLOCK = 4 << 20
RESERVE_BYTES = 64 << 20  # left free on the disk after the download
MAX_RESTARTS = 5  # from zero, when the server ignores Range or answers another range
SIDECAR_FORMAT = 1
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


@dataclass(frozen=True, slots=True)
class DownloadResult:
    """What happened. ``bytes_received``: body bytes this call fetched (including any thrown
    away by a restart); ``restarts``: times the server ignored Range and sent it all again."""

    path: Path
    size: int
    sha256: str
    resumed_from: int
    restarts: int
    retries: int
    bytes_received: int


class _TransientError(Exception):
    def __init__(self, status: int, retry_after: float | None) -> None:
        super().__init__(status)
        self.status = status
        self.retry_after = retry_after


def _hash_part(file: BinaryIO, length: int, meter: ProgressMeter, control: TransferControl) -> Any:
    hasher = hashlib.sha256()
    file.seek(0)
    done = 0
    while done < length:
        control.check()
        block = file.read(min(HASH_BLOCK, length - done))
        if not block:
            break
        hasher.update(block)
        done += len(block)
        meter.report("checking", done)
    return hasher


def _disk_full(dest: Path, part: Path, have: int, exc: OSError | None = None) -> DiskFullError:
    kept = (
        QT_TRANSLATE_NOOP(
            "Downloads",
            " The {have} already downloaded are kept in {part} and the download resumes from "
            "there; delete that file to get the space back.",
        ).format(have=size_text(have), part=part)
        if have
        else ""
    )
    detail = f" ({exc.strerror})" if exc is not None and exc.strerror else ""  # the system's
    return DiskFullError(
        QT_TRANSLATE_NOOP(
            "Downloads",
            "The disk holding {folder} is full{detail}. Free some space or choose "
            "another models folder, then download again.{kept}",
        ).format(folder=dest.parent, detail=detail, kept=kept)
    )


def _content_range_start(value: str | None) -> int | None:
    # "bytes START-END/TOTAL"
    if not value or not value.startswith("bytes "):
        return None
    try:
        return int(value[6:].split("-", 1)[0])
    except ValueError:
        return None


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def download_file(
    url: str,
    dest: Path,
    *,
    size: int,
    sha256: str,
    headers: Mapping[str, str] | None = None,
    identity: Mapping[str, Any] | None = None,
    client: httpx2.Client | None = None,
    progress: ProgressCallback | None = None,
    control: TransferControl | None = None,
    retry: RetryPolicy | None = None,
    validate: Callable[[Path], object] | None = None,
    reserve_bytes: int = RESERVE_BYTES,
    ways_out: WaysOut = COMMAND_LINE,
) -> DownloadResult:
    """Download ``url`` to ``dest``: resumable, verified, renamed into place at the end.
    ``ways_out``: where its errors are read.

    ``size``/``sha256`` are what the file must be. ``identity`` (repo, filename, commit,
    etag…) goes into the sidecar. ``validate`` runs on the verified part before the rename; a
    ``ValueError`` from it (``GGUFError``) means the file is not a usable model: it is deleted
    and ``InvalidModelError`` raised. Raises ``ModelFileError`` subclasses, all user text.
    """
    from huggingface_hub import get_session

    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    files = PartFiles.of(dest)
    expected = sha256.lower()
    sidecar = {"format": SIDECAR_FORMAT, "url": url, "size": size, "sha256": expected}
    sidecar.update(identity or {})
    with exclusive(files.lock, dest):
        previous = read_sidecar(files.sidecar) if files.part.exists() else None
        if previous is None or any(
            previous.get(k) != sidecar[k] for k in ("format", "size", "sha256")
        ):
            files.discard()  # a part of some other file (or of unknown origin)
        write_json_atomic(files.sidecar, sidecar)
        with open(files.part, "r+b" if files.part.exists() else "w+b") as out:
            job = _Transfer(
                session=client or get_session(),
                url=url,
                out=out,
                dest=dest,
                files=files,
                size=size,
                headers=dict(headers or {}),
                control=control or TransferControl(),
                retry=retry or RetryPolicy(),
                repo=str(sidecar.get("repo", dest.name)),
            )
            try:
                job.run(progress, reserve_bytes)
            except DownloadStoppedError as stop:
                if not stop.paused:
                    out.close()
                    files.discard()
                raise
            except ChecksumMismatchError:
                out.close()
                files.discard()
                raise
            digest = job.hasher.hexdigest()
            if digest != expected:
                out.close()
                files.discard()
                raise ChecksumMismatchError(
                    QT_TRANSLATE_NOOP(
                        "Downloads",
                        "The downloaded {file} is damaged: its sha256 is {digest}, "
                        "not the expected {expected}. The damaged file was deleted. "
                        "Download it again; if this happens again, the file on the hub "
                        "may have changed ({catalog_check}).",
                    ).format(
                        file=dest.name,
                        digest=digest,
                        expected=expected,
                        catalog_check=ways_out.catalog_check,
                    )
                )
            out.flush()
            os.fsync(out.fileno())
        if validate is not None:
            try:
                validate(files.part)
            except ValueError as exc:
                files.discard()
                raise InvalidModelError(
                    QT_TRANSLATE_NOOP(
                        "Downloads",
                        "{file} downloaded intact but is not a model Ponder can "
                        "load: {exc} The file was deleted.",
                    ).format(file=dest.name, exc=exc)
                ) from exc
        os.replace(files.part, dest)
        fsync_dir(dest.parent)
        files.sidecar.unlink(missing_ok=True)
    return DownloadResult(
        dest, size, expected, job.resumed_from, job.restarts, job.retries, job.received
    )


@dataclass
class _Transfer:
    """The Range loop of one download into an open part file."""

    session: httpx2.Client
    url: str
    out: BinaryIO
    dest: Path
    files: PartFiles
    size: int
    headers: dict[str, str]
    control: TransferControl
    retry: RetryPolicy
    repo: str
    have: int = 0
    resumed_from: int = 0
    restarts: int = 0
    retries: int = 0
    received: int = 0
    hasher: Any = None

    def run(self, progress: ProgressCallback | None, reserve_bytes: int) -> None:
        self.have = self.out.seek(0, os.SEEK_END)
        if self.have > self.size:
            self._start_over()
        self.resumed_from = self.have
        meter = ProgressMeter(progress, self.size, self.have)
        self.hasher = _hash_part(self.out, self.have, meter, self.control)
        free = shutil.disk_usage(self.dest.parent).free
        if free < self.size - self.have + reserve_bytes:
            raise DiskFullError(
                QT_TRANSLATE_NOOP(
                    "Downloads",
                    "{file} needs {need} more but only {free} is free on the disk "
                    "holding {folder}. Free some space or choose another models "
                    "folder.",
                ).format(
                    file=self.dest.name,
                    need=size_text(self.size - self.have),
                    free=size_text(free),
                    folder=self.dest.parent,
                )
            )
        failures = 0
        stalled_since: float | None = None  # the first timeout of a run with no byte
        while self.have < self.size:
            self.control.check()
            received_before = self.received
            started = time.monotonic()
            try:
                self._request(meter)
            except (httpx2.TransportError, _TransientError) as exc:
                # The retry budget counts failures in a row without a byte arriving.
                failures = 1 if self.received > received_before else failures + 1
                if self.received > received_before or not isinstance(exc, httpx2.TimeoutException):
                    stalled_since = None
                elif stalled_since is None:
                    stalled_since = started
                stalled_for = 0.0 if stalled_since is None else time.monotonic() - stalled_since
                if stalled_since is not None and stalled_for >= self.retry.stall_limit:
                    raise self._stalled(exc) from None
                if failures > self.retry.attempts:
                    raise self._gave_up(exc) from None
                self.retries += 1
                retry_after = exc.retry_after if isinstance(exc, _TransientError) else None
                self.control.sleep(self.retry.delay(failures, retry_after))
        meter.report("verifying", self.size, force=True)

    def _request(self, meter: ProgressMeter) -> None:
        """One GET from ``have`` on."""
        headers = dict(self.headers)
        headers["Accept-Encoding"] = "identity"  # byte offsets must be file offsets
        if self.have:
            headers["Range"] = f"bytes={self.have}-"
        timeout = httpx2.Timeout(self.retry.read_timeout, connect=self.retry.connect_timeout)
        start_have = self.have
        with self.session.stream(
            "GET", self.url, headers=headers, timeout=timeout, follow_redirects=True
        ) as response:
            status = response.status_code
            if status in (408, 429) or status >= 500:
                raise _TransientError(status, _retry_after(response.headers.get("Retry-After")))
            first = _content_range_start(response.headers.get("Content-Range"))
            wrong_range = status == 416 or (status == 206 and first != self.have)
            if wrong_range or (status == 200 and self.have):
                # The server ignored Range (200: the whole file follows), or answered another
                # range (206 elsewhere, 416): start over from zero.
                self._start_over()
                if wrong_range:
                    return
            elif status not in (200, 206):
                endpoint = "/".join(self.url.split("/")[:3])
                has_token = "authorization" in {k.lower() for k in self.headers}
                raise http_status_error(status, self.repo, self.dest.name, endpoint, has_token)
            self.out.seek(self.have)
            meter.report("downloading", self.have, force=True)
            for chunk in response.iter_bytes(CHUNK):
                self.control.check()
                if self.have + len(chunk) > self.size:
                    raise ChecksumMismatchError(
                        QT_TRANSLATE_NOOP(
                            "Downloads",
                            "The server sent more than the expected {size} bytes of "
                            "{file}. The partial file was deleted; try again later.",
                        ).format(size=self.size, file=self.dest.name)
                    )
                self._write(chunk)
                meter.report("downloading", self.have)
            self._write(None)
        if self.have < self.size and self.have <= start_have:
            raise _TransientError(0, None)  # the body ended before a single byte

    def _write(self, chunk: bytes | None) -> None:
        """Append ``chunk`` to the part (None: flush), turning a full disk into user text."""
        try:
            if chunk is None:
                self.out.flush()
                return
            self.out.write(chunk)
        except OSError as exc:
            if exc.errno in _DISK_FULL:
                raise _disk_full(self.dest, self.files.part, self.have, exc) from None
            raise
        self.hasher.update(chunk)
        self.have += len(chunk)
        self.received += len(chunk)

    def _start_over(self) -> None:
        self.out.seek(0)
        self.out.truncate(0)
        self.hasher, self.have = hashlib.sha256(), 0
        self.restarts += 1
        if self.restarts > MAX_RESTARTS:
            raise DownloadError(
                QT_TRANSLATE_NOOP(
                    "Downloads",
                    "The server keeps sending a different {file} than expected "
                    "({size} bytes). Try again later.",
                ).format(file=self.dest.name, size=self.size)
            )

    def _stalled(self, exc: Exception) -> DownloadError:
        waited = self.retry.stall_limit
        if isinstance(exc, httpx2.ConnectTimeout):
            what = QT_TRANSLATE_NOOP(
                "Downloads", "could not be reached within {waited:.0f} s"
            ).format(waited=waited)
        else:
            what = QT_TRANSLATE_NOOP(
                "Downloads", "stopped sending {file}: no data arrived for {waited:.0f} s"
            ).format(file=self.dest.name, waited=waited)
        return NetworkError(
            QT_TRANSLATE_NOOP(
                "Downloads",
                "The download server {what}. Check your internet connection (or proxy) "
                "and try again later; the download resumes where it stopped.",
            ).format(what=what)
        )

    def _gave_up(self, exc: Exception) -> DownloadError:
        if isinstance(exc, _TransientError) and exc.status:
            return ServerError(
                QT_TRANSLATE_NOOP(
                    "Downloads",
                    "The server kept failing (HTTP {status}) while downloading "
                    "{file}. Try again later; the download resumes where it stopped.",
                ).format(status=exc.status, file=self.dest.name)
            )
        return NetworkError(
            QT_TRANSLATE_NOOP(
                "Downloads",
                "The connection kept failing while downloading {file} ({exc!r}). "
                "Check your internet connection and try again; the download resumes where "
                "it stopped.",
            ).format(file=self.dest.name, exc=exc)
        )


__all__ = [
    "DownloadResult",
    "PartFiles",
    "Progress",
    "ProgressCallback",
    "RetryPolicy",
    "TransferControl",
    "download_file",
    "exclusive",
]
