"""Put first on PYTHONPATH by ``test_offline``: every Python process of the run (the ``ponder``
command, the engine it spawns) records its start, each socket connect and each name lookup to
the file named by ``PONDER_SOCKET_LOG``, one JSON line each. Python's audit hooks see these
from inside the process, so no tracer (strace) is needed and it works on every OS."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

_LOG = os.environ.get("PONDER_SOCKET_LOG")
_LOOKUPS = {
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyname_ex",
    "socket.gethostbyaddr",
    "socket.getnameinfo",
}


def _write(record: dict[str, Any]) -> None:
    assert _LOG is not None
    record["pid"] = os.getpid()
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps(record, default=repr) + "\n")


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event in {"socket.connect", "socket.sendto"}:
        sock, address = args[0], args[-1]
        _write({"event": event, "family": int(sock.family), "address": repr(address)})
    elif event in _LOOKUPS:
        _write({"event": event, "args": repr(args)})


if _LOG:
    _write({"event": "start", "argv": list(sys.orig_argv)})
    sys.addaudithook(_hook)
