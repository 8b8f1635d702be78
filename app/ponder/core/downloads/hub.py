"""The Hugging Face hub, through huggingface_hub: URLs, file metadata, auth, offline mode.

huggingface_hub knows the hub's protocol (``hf_hub_url``, ``get_hf_file_metadata`` for the
HEAD on ``/resolve/``, ``HfApi.get_paths_info`` for the LFS sha256 and size), the token
(``HF_TOKEN`` or the saved login), the endpoint (``HF_ENDPOINT`` or ``--endpoint``) and
offline mode (``HF_HUB_OFFLINE``). Ponder only adds error messages written for its users
and the retry of metadata calls; the transfer itself is ``ponder.core.downloads.transfer``.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import httpx2
from huggingface_hub import HfApi, constants, get_hf_file_metadata, hf_hub_url
from huggingface_hub.errors import (
    EntryNotFoundError,
    GatedRepoError,
    HfHubHTTPError,
    OfflineModeIsEnabled,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.utils import build_hf_headers, get_token

from ponder.core.downloads.errors import (
    AuthRequiredError,
    DownloadError,
    NetworkError,
    NotOnHubError,
    OfflineError,
    ServerError,
    gated_message,
)
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.ways_out import COMMAND_LINE, WaysOut

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
T = TypeVar("T")


def offline_message(ways_out: WaysOut = COMMAND_LINE) -> str:
    """Why nothing can be downloaded in offline mode, and how a model arrives instead (in
    the words of ``ways_out``)."""
    return QT_TRANSLATE_NOOP(
        "Downloads",
        "Ponder is in offline mode (HF_HUB_OFFLINE is set), so it cannot download models. "
        "Unset HF_HUB_OFFLINE to download, or {bring_model}.",
    ).format(bring_model=ways_out.bring_model)


@dataclass(frozen=True, slots=True)
class RemoteFile:
    """A file on the hub as its metadata describes it. ``url`` is pinned to ``commit`` when the
    hub told us the commit, so every range of a resumed download comes from the same bytes."""

    repo: str
    filename: str
    revision: str
    commit: str | None
    url: str
    size: int | None
    sha256: str | None
    etag: str | None
    endpoint: str


def offline_mode() -> bool:
    """HF_HUB_OFFLINE, read now (huggingface_hub reads it once, when it is imported)."""
    value = os.environ.get("HF_HUB_OFFLINE") or os.environ.get("TRANSFORMERS_OFFLINE")
    if value is not None:
        return value.strip().upper() in {"1", "ON", "YES", "TRUE"}
    return bool(constants.is_offline_mode())


class Hub:
    """One hub endpoint, with the user's token (None: huggingface_hub's own lookup)."""

    def __init__(
        self,
        endpoint: str | None = None,
        token: str | None = None,
        *,
        attempts: int = 4,
        base_delay: float = 0.5,
        request_timeout: float = 4.0,
        give_up_after: float = 10.0,
        ways_out: WaysOut = COMMAND_LINE,
    ) -> None:
        """``ways_out``: where its errors are read (the command line's commands or the
        window's menus end them)."""
        self.endpoint = (endpoint or os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip(
            "/"
        )
        self._token = token
        self._attempts = attempts
        self._base_delay = base_delay
        # A server that accepts and never answers must fail in about ten seconds, not after
        # every retry has waited out huggingface_hub's default timeout (44 s measured).
        self._request_timeout = request_timeout
        self._give_up_after = give_up_after
        self.ways_out = ways_out

    @property
    def token(self) -> str | None:
        return self._token if self._token is not None else get_token()

    def headers(self) -> dict[str, str]:
        """Request headers with the user agent and, when there is one, the token."""
        return dict(build_hf_headers(token=self.token, library_name="ponder"))

    def url(self, repo: str, filename: str, revision: str | None = None) -> str:
        return hf_hub_url(repo, filename, revision=revision, endpoint=self.endpoint)

    def file_info(self, repo: str, filename: str, revision: str | None = None) -> RemoteFile:
        """Metadata of one file: the commit it resolves to, its size and LFS sha256."""
        if offline_mode():
            raise OfflineError(offline_message(self.ways_out))
        rev = revision or constants.DEFAULT_REVISION
        meta = self._retrying(
            lambda: get_hf_file_metadata(
                self.url(repo, filename, rev),
                token=self.token,
                endpoint=self.endpoint,
                timeout=self._request_timeout,
            ),
            repo,
            filename,
        )
        commit = meta.commit_hash
        size = meta.size
        sha256: str | None = None
        try:
            infos = self._retrying(
                lambda: HfApi(endpoint=self.endpoint, token=self.token).get_paths_info(
                    repo, [filename], revision=commit or rev
                ),
                repo,
                filename,
            )
        except NotOnHubError:
            infos = []  # a mirror without the paths-info API: the LFS etag below still works
        for info in infos:
            lfs = getattr(info, "lfs", None)
            if getattr(info, "path", None) == filename and lfs is not None:
                sha256, size = str(lfs.sha256).lower(), int(lfs.size)
        etag = meta.etag
        if sha256 is None and etag and _SHA256.match(etag.lower()):
            sha256 = etag.lower()  # X-Linked-Etag of an LFS file is its sha256
        return RemoteFile(
            repo=repo,
            filename=filename,
            revision=rev,
            commit=commit,
            url=self.url(repo, filename, commit or rev),
            size=size,
            sha256=sha256,
            etag=etag,
            endpoint=self.endpoint,
        )

    def _retrying(self, call: Callable[[], T], repo: str, filename: str) -> T:
        """``call`` with user-facing errors; network and server errors are retried while
        another try can still end within ``give_up_after`` seconds of the first."""
        started = time.monotonic()
        for attempt in range(self._attempts):
            try:
                return call()
            except Exception as exc:
                error = self.explain(exc, repo, filename)
                delay = min(self._base_delay * 2**attempt, 8.0)
                next_ends = time.monotonic() - started + delay + self._request_timeout
                last = attempt == self._attempts - 1 or next_ends > self._give_up_after
                if last or not isinstance(error, NetworkError | ServerError):
                    raise error from exc
            time.sleep(delay)
        raise AssertionError("unreachable")

    def explain(self, exc: BaseException, repo: str, filename: str) -> DownloadError:
        """A huggingface_hub or HTTP exception as a message for the user."""
        where = self.endpoint
        if isinstance(exc, DownloadError):
            return exc
        if isinstance(exc, OfflineModeIsEnabled):
            return OfflineError(offline_message(self.ways_out))
        if isinstance(exc, GatedRepoError):
            return AuthRequiredError(gated_message(repo, where, self.token is not None))
        if isinstance(exc, RepositoryNotFoundError):
            return NotOnHubError(
                QT_TRANSLATE_NOOP(
                    "Downloads",
                    "There is no model repository {repo} on {where}. Check the name; a "
                    "private or gated repository also looks missing until you set a token "
                    "in HF_TOKEN.",
                ).format(repo=repo, where=where)
            )
        if isinstance(exc, RevisionNotFoundError):
            return NotOnHubError(
                QT_TRANSLATE_NOOP(
                    "Downloads",
                    "The repository {repo} has no revision by that name on {where}.",
                ).format(repo=repo, where=where)
            )
        if isinstance(exc, EntryNotFoundError):
            return NotOnHubError(
                QT_TRANSLATE_NOOP(
                    "Downloads",
                    "The repository {repo} has no file {filename}. It may have been "
                    "renamed: {catalog_check}.",
                ).format(repo=repo, filename=filename, catalog_check=self.ways_out.catalog_check)
            )
        if isinstance(exc, HfHubHTTPError):
            status = exc.response.status_code if exc.response is not None else 0
            return http_status_error(status, repo, filename, where, self.token is not None)
        if isinstance(exc, httpx2.TransportError):
            return NetworkError(
                QT_TRANSLATE_NOOP(
                    "Downloads",
                    "Could not reach {where} ({kind}: {exc}). Check your internet "
                    "connection or proxy and try again; a download resumes where it "
                    "stopped.",
                ).format(where=where, kind=type(exc).__name__, exc=exc)
            )
        return DownloadError(
            QT_TRANSLATE_NOOP(
                "Downloads",
                "Could not get {filename} from {repo}: {exc}",
            ).format(filename=filename, repo=repo, exc=exc)
        )


def http_status_error(
    status: int, repo: str, filename: str, endpoint: str, has_token: bool
) -> DownloadError:
    """An HTTP error status from the hub or its CDN, in words."""
    if status in (401, 403):
        return AuthRequiredError(gated_message(repo, endpoint, has_token))
    if status == 404:
        return NotOnHubError(
            QT_TRANSLATE_NOOP(
                "Downloads",
                "{filename} was not found in {repo} on {endpoint}.",
            ).format(filename=filename, repo=repo, endpoint=endpoint)
        )
    if status == 429:
        return ServerError(
            QT_TRANSLATE_NOOP(
                "Downloads",
                "{endpoint} is limiting requests right now (429). Wait a few minutes and "
                "try again.",
            ).format(endpoint=endpoint)
        )
    if status >= 500:
        return ServerError(
            QT_TRANSLATE_NOOP(
                "Downloads",
                "{endpoint} answered with a server error ({status}). This is usually "
                "temporary: try again in a few minutes; the download resumes where it "
                "stopped.",
            ).format(endpoint=endpoint, status=status)
        )
    return DownloadError(
        QT_TRANSLATE_NOOP(
            "Downloads",
            "{endpoint} refused the request for {filename} (HTTP {status}).",
        ).format(endpoint=endpoint, filename=filename, status=status)
    )


__all__ = ["Hub", "RemoteFile", "http_status_error", "offline_message", "offline_mode"]
