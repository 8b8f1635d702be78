"""How Ponder reaches a configured server, and what a network fault means for the person.

One ``ServerConnection`` per server: its base URL, its CA file and its key. ``client`` makes
the ``httpx2`` client every request goes through (the HTTP library huggingface-hub already
brings): TLS certificates are always verified — against the system's trust store, or against
the server's own CA file when one is configured — and there is no switch to turn that off.
Proxies and ``.netrc`` from the environment are not used (``trust_env=False``): the request
goes to the address the person configured and nowhere else, with the key only they gave.

``fault_message`` and ``status_fault`` turn an exception or an HTTP error status into a
``ServerFault`` (a short ``kind`` and a message written for the person); they never quote the
key, even when a server echoes it back.
"""

from __future__ import annotations

import json
import socket
import ssl
from dataclasses import dataclass, field
from typing import Any

import httpx2

from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.ways_out import COMMAND_LINE, WaysOut

# The kinds of fault, as ErrorEvent.kind carries them.
UNREACHABLE = "server_unreachable"
DNS = "server_dns"
TLS = "server_tls"
AUTH = "server_auth"
MODEL_MISSING = "server_model_missing"
BUSY = "server_busy"
DISCONNECTED = "server_disconnected"
STALLED = "server_stalled"
PROTOCOL = "server_protocol"
SERVER_ERROR = "server_error"
BAD_REQUEST = "server_bad_request"

# Faults that happen before the server has read a request: trying again cannot do harm.
RETRYABLE = frozenset({UNREACHABLE, BUSY})


class ServerFault(Exception):
    """A server or the network failed; ``message`` is for the person, ``kind`` for code.
    (A plain exception, not a frozen dataclass: Python sets ``__traceback__`` on it.)"""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True, slots=True)
class ServerConnection:
    """Everything needed to talk to one server. ``label`` names it in messages (the name the
    person gave, or the address). ``key`` is kept out of ``repr``. ``ways_out``: where the
    person reads its faults (``COMMAND_LINE`` or ``WINDOW``)."""

    base_url: str
    label: str = ""
    ca_file: str | None = None
    key: str | None = field(default=None, repr=False)
    ways_out: WaysOut = field(default=COMMAND_LINE, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.label or self.base_url

    def url(self, path: str) -> str:
        return self.base_url + path

    def client(self, *, connect_s: float = 10.0, read_s: float | None = 30.0) -> httpx2.Client:
        """A client for this server. ``read_s``: the longest silence allowed between two bytes
        of a response (a stalled stream ends with ``STALLED`` after it)."""
        headers = {"User-Agent": "Ponder"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        return httpx2.Client(
            headers=headers,
            verify=self.tls_context(),
            trust_env=False,
            follow_redirects=False,
            timeout=httpx2.Timeout(connect=connect_s, read=read_s, write=connect_s, pool=connect_s),
        )

    def tls_context(self) -> ssl.SSLContext:
        """Verification on, always; the server's CA file replaces the system store if given."""
        if self.ca_file:
            try:
                return ssl.create_default_context(cafile=self.ca_file)
            except (OSError, ssl.SSLError) as exc:
                raise ServerFault(
                    TLS,
                    QT_TRANSLATE_NOOP(
                        "Servers",
                        "the CA file {ca_file} for {name} cannot be read ({exc})",
                    ).format(ca_file=self.ca_file, name=self.name, exc=exc),
                ) from None
        return ssl.create_default_context()

    def scrub(self, text: str) -> str:
        """``text`` with the key blotted out (a server may echo a header back in an error)."""
        return text.replace(self.key, "•••") if self.key else text


def _cause_chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 8:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    return chain


def fault_message(exc: Exception, connection: ServerConnection, *, streaming: bool) -> ServerFault:
    """The fault an ``httpx2`` exception means. ``streaming``: the reply had begun arriving."""
    name = connection.name
    chain = _cause_chain(exc)
    if isinstance(exc, ServerFault):
        return exc
    if any(isinstance(e, ssl.SSLCertVerificationError) for e in chain) or "CERTIFICATE_VERIFY" in (
        str(exc)
    ):
        return ServerFault(
            TLS,
            QT_TRANSLATE_NOOP(
                "Servers",
                "{name}: its TLS certificate could not be verified ({exc}). If the server "
                "uses its own certificate authority, {ca_file}.",
            ).format(name=name, exc=_first_line(exc), ca_file=connection.ways_out.ca_file),
        )
    if any(isinstance(e, ssl.SSLError) for e in chain):
        return ServerFault(
            TLS,
            QT_TRANSLATE_NOOP(
                "Servers",
                "{name}: the TLS connection failed ({exc}).",
            ).format(name=name, exc=_first_line(exc)),
        )
    if isinstance(exc, httpx2.ConnectError | httpx2.ConnectTimeout):
        if any(isinstance(e, socket.gaierror) for e in chain) or "Name or service" in str(exc):
            return ServerFault(
                DNS,
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{name}: the host name could not be found; check the address and network.",
                ).format(name=name),
            )
        if isinstance(exc, httpx2.ConnectTimeout):
            return ServerFault(
                UNREACHABLE,
                QT_TRANSLATE_NOOP(
                    "Servers",
                    "{name}: no answer to the connection; is it up?",
                ).format(name=name),
            )
        return ServerFault(
            UNREACHABLE,
            QT_TRANSLATE_NOOP(
                "Servers",
                "{name}: the connection was refused; is the server running at {base_url}?",
            ).format(name=name, base_url=connection.base_url),
        )
    if isinstance(exc, httpx2.ReadTimeout):
        return ServerFault(
            STALLED,
            f"{name} stopped sending: nothing arrived for too long, so the reply was ended."
            if streaming
            else f"{name} did not answer in time.",
        )
    if isinstance(exc, httpx2.RemoteProtocolError | httpx2.ReadError | httpx2.CloseError):
        return ServerFault(
            DISCONNECTED,
            f"{name} closed the connection in the middle of the reply (did the server stop?)."
            if streaming
            else f"{name} closed the connection before answering.",
        )
    if isinstance(exc, httpx2.TimeoutException):
        return ServerFault(
            STALLED,
            QT_TRANSLATE_NOOP(
                "Servers",
                "{name} did not answer in time.",
            ).format(name=name),
        )
    return ServerFault(
        PROTOCOL,
        QT_TRANSLATE_NOOP(
            "Servers",
            "{name}: the request failed ({kind}: {exc}).",
        ).format(name=name, kind=type(exc).__name__, exc=_first_line(exc)),
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def error_body_message(body: bytes) -> str:
    """The message inside an error body, in the shapes the servers use: OpenAI's
    ``{"error": {"message": ...}}``, Ollama's ``{"error": "..."}``, vLLM's
    ``{"object": "error", "message": ...}``; else the start of the body as text."""
    text = body[:4096].decode("utf-8", "replace").strip()
    try:
        data: Any = json.loads(text)
    except ValueError:
        return text[:300]
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])[:300]
        if isinstance(error, str):
            return error[:300]
        if isinstance(data.get("message"), str):
            return str(data["message"])[:300]
        if isinstance(data.get("detail"), str):
            return str(data["detail"])[:300]
    return text[:300]


def status_fault(
    status: int, body: bytes, connection: ServerConnection, *, model: str = ""
) -> ServerFault:
    """The fault an HTTP error status means, with the server's own words where it gave any."""
    name = connection.name
    said = connection.scrub(error_body_message(body))
    detail = f" The server said: {said}" if said else ""
    if status in (401, 403):
        return ServerFault(
            AUTH,
            f"{name} refused the request ({status}): the API key is missing or wrong. "
            + connection.ways_out.set_key.format(name=connection.label or "NAME")
            + detail,
        )
    if status == 404:
        what = f"the model {model!r} is not loaded there or" if model else "this path"
        return ServerFault(
            MODEL_MISSING,
            f"{name} answered 404: {what} does not exist. {connection.ways_out.list_models}"
            + detail,
        )
    if status in (429, 503):
        return ServerFault(BUSY, f"{name} is busy ({status}); try again in a moment." + detail)
    if 400 <= status < 500:
        return ServerFault(BAD_REQUEST, f"{name} refused the request ({status})." + detail)
    return ServerFault(SERVER_ERROR, f"{name} failed ({status})." + detail)
