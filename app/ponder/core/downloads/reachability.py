"""Whether the model hub can be reached from here: a quick look before a person clicks
Download, so that the first-run page can say the computer looks offline instead of letting
a download fail.

One look is a name lookup and a TCP connection to the hub's host and port, each bounded by a
short timeout; nothing is sent. It blocks for up to that timeout, so the app runs it on a
worker thread (``ui.models.tasks``), never on the GUI thread.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from ponder.core.phrases import QT_TRANSLATE_NOOP

DEFAULT_TIMEOUT_S = 3.0


def host_and_port(endpoint: str) -> tuple[str, int]:
    """The host and port of a hub endpoint URL (https: 443 unless the URL says)."""
    parts = urlsplit(endpoint if "://" in endpoint else f"https://{endpoint}")
    port = parts.port or (80 if parts.scheme == "http" else 443)
    return parts.hostname or "", port


def unreachable_reason(endpoint: str, timeout_s: float = DEFAULT_TIMEOUT_S) -> str:
    """ "" when ``endpoint``'s host resolves and accepts a connection; else a sentence for
    the person (the computer looks offline, and what still works)."""
    host, port = host_and_port(endpoint)
    after = QT_TRANSLATE_NOOP(
        "Downloads",
        "Downloads will fail until it is back; you can still import a .gguf file you already "
        "have, or a model pack.",
    )
    if not host:
        return QT_TRANSLATE_NOOP(
            "Downloads", "The model hub address {endpoint!r} has no host name. {after}"
        ).format(endpoint=endpoint, after=after)
    try:
        # getaddrinfo takes no timeout; the OS resolver's own bounds apply.
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return QT_TRANSLATE_NOOP(
            "Downloads",
            "This computer looks offline: the name {host} could not be looked up. {after}",
        ).format(host=host, after=after)
    problem: OSError | None = None
    for family, kind, proto, _name, address in infos:
        try:
            with socket.socket(family, kind, proto) as sock:
                sock.settimeout(timeout_s)
                sock.connect(address)
            return ""
        except OSError as exc:
            problem = exc
    reason = (
        problem.strerror  # the system's words
        if problem is not None and problem.strerror
        else QT_TRANSLATE_NOOP("Downloads", "no answer")
    )
    return QT_TRANSLATE_NOOP(
        "Downloads", "This computer looks offline: {host} could not be reached ({reason}). {after}"
    ).format(host=host, reason=reason, after=after)


__all__ = ["DEFAULT_TIMEOUT_S", "host_and_port", "unreachable_reason"]
