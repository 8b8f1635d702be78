"""What can go wrong getting a model file, each written for the user: what happened, what next.

``ModelFileError`` is any failure to bring a model file into the models folder, from the hub
or from this computer (``ponder import``, model packs: ``ModelImportError`` and ``PackError``
beside their code); the file-level failures both ways share (a full disk, a checksum, a file
that is not a model, another process on the same file, a pause) are its direct subclasses.
``DownloadError`` is the hub's branch: the hub could not be reached, refused, or has no such
file.

``kind`` is a short machine-readable tag (the GUI picks an icon and a button from it);
``str(error)`` is the message to show.
"""

from __future__ import annotations

from ponder.core.phrases import QT_TRANSLATE_NOOP


class ModelFileError(Exception):
    """A model file could not be fetched, copied in, verified or installed."""

    kind = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DownloadError(ModelFileError):
    """A model file could not be fetched from the hub (or a mirror)."""


class OfflineError(DownloadError):
    kind = "offline"


class NetworkError(DownloadError):
    """The hub could not be reached, or the connection kept failing after retries."""

    kind = "network"


class ServerError(DownloadError):
    """The hub kept answering with an error (5xx, 429) after retries."""

    kind = "server"


class AuthRequiredError(DownloadError):
    """401/403: a gated or private repository."""

    kind = "gated"


class NotOnHubError(DownloadError):
    """The repository, revision or file is not on the hub (or the mirror) asked.

    Not the storage's ``NotFoundError`` (a conversation or message id that is gone): a
    different idea with a different remedy, so a different name.
    """

    kind = "not_found"


class DiskFullError(ModelFileError):
    kind = "disk_full"


class ChecksumMismatchError(ModelFileError):
    """The bytes do not match the expected sha256; the bad file has been deleted."""

    kind = "checksum"


class DriftError(DownloadError):
    """The hub's file is not the one the catalog pinned."""

    kind = "drift"


class UnverifiableError(DownloadError):
    """Neither the catalog nor the hub gave a sha256 to check the file against."""

    kind = "unverifiable"


class DownloadBusyError(ModelFileError):
    """Another Ponder process (or window) is downloading or copying in the same file now."""

    kind = "busy"


class DownloadStoppedError(ModelFileError):
    """Paused or cancelled by the user. ``paused``: the partial file is kept for resuming."""

    kind = "stopped"

    def __init__(self, message: str, *, paused: bool) -> None:
        super().__init__(message)
        self.paused = paused


class InvalidModelError(ModelFileError):
    """The file arrived intact but is not a GGUF that Ponder will hand to llama.cpp."""

    kind = "invalid_model"


class TooLargeError(DownloadError):
    """The model cannot run on this computer (refused before the first byte)."""

    kind = "too_large"


def gated_message(repo: str, endpoint: str, has_token: bool) -> str:
    page = f"{endpoint.rstrip('/')}/{repo}"
    if has_token:
        return QT_TRANSLATE_NOOP(
            "Downloads",
            "The model repository {repo} is gated and your token does not have access to it. "
            "Open {page} in a browser, sign in with the account the token belongs to, accept "
            "the license on the model page, then try again.",
        ).format(repo=repo, page=page)
    return QT_TRANSLATE_NOOP(
        "Downloads",
        "The model repository {repo} requires you to sign in. Open {page} in a browser, sign "
        "in, accept the license on the model page, create an access token (Settings → Access "
        "Tokens, 'read' is enough) and set it in the HF_TOKEN environment variable, then try "
        "again.",
    ).format(repo=repo, page=page)


__all__ = [
    "AuthRequiredError",
    "ChecksumMismatchError",
    "DiskFullError",
    "DownloadBusyError",
    "DownloadError",
    "DownloadStoppedError",
    "DriftError",
    "InvalidModelError",
    "ModelFileError",
    "NetworkError",
    "NotOnHubError",
    "OfflineError",
    "ServerError",
    "TooLargeError",
    "UnverifiableError",
    "gated_message",
]
