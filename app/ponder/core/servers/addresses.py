"""A server's base URL, checked and put in one form.

Only ``http`` and ``https`` are accepted; a URL with a user name or password in it is refused
(the key belongs in the key store, where it is never shown), and so are a query and a fragment.
The form kept has no trailing slash and no trailing ``/v1``: each protocol adds its own paths.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.ways_out import COMMAND_LINE, WaysOut


class ServerAddressError(ValueError):
    """A base URL Ponder cannot use; the message says why, for the person."""


def normalize_base_url(text: str, ways_out: WaysOut = COMMAND_LINE) -> str:
    """``text`` as a base URL (``http://host:port`` or ``https://host/prefix``).

    Raises ``ServerAddressError`` for anything but a plain http(s) address with a host."""
    raw = text.strip()
    if not raw:
        raise ServerAddressError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "the server address is empty",
            )
        )
    if "://" not in raw:
        raise ServerAddressError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "{raw!r} has no scheme: write it as http://HOST:PORT or https://HOST",
            ).format(raw=raw)
        )
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise ServerAddressError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "{raw!r} is not a valid address ({exc})",
            ).format(raw=raw, exc=exc)
        ) from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise ServerAddressError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "{raw!r} uses {scheme}://; Ponder talks to servers over http:// or https:// only",
            ).format(raw=raw, scheme=scheme)
        )
    if parts.username is not None or parts.password is not None:
        raise ServerAddressError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "the address holds a user name or password; remove it and {give_key} (the "
                "key is kept out of the address, logs and exports)",
            ).format(give_key=ways_out.give_key)
        )
    if not parts.hostname:
        raise ServerAddressError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "{raw!r} names no host",
            ).format(raw=raw)
        )
    if parts.query or parts.fragment:
        raise ServerAddressError(
            QT_TRANSLATE_NOOP(
                "Servers",
                "{raw!r} has a query or fragment; give the base address only",
            ).format(raw=raw)
        )
    path = parts.path.rstrip("/")
    if path.endswith("/v1"):
        path = path[: -len("/v1")]
    host = parts.hostname
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((scheme, netloc, path, "", ""))


def is_loopback(base_url: str) -> bool:
    """Whether the address is this computer (plain http to it crosses no network)."""
    host = (urlsplit(base_url).hostname or "").lower()
    return host in {"localhost", "::1"} or host.startswith("127.")
