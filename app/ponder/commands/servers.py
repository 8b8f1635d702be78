"""``ponder servers``: the inference servers Ponder may use (add, list, check, remove).

A server is llama.cpp's ``llama-server``, Ollama, vLLM, LM Studio or any OpenAI-compatible
server that the person runs somewhere (a classroom's GPU machine, a desktop). Once added,
``ponder ask|chat|sweep --server NAME --model MODEL`` runs on it. The API key is read from
standard input (``--key-stdin``), never from the command line (where other users and the
shell history would see it), and kept in the OS keyring or a private file.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ponder.commands import UserError
from ponder.core.paths import AppPaths
from ponder.core.servers.addresses import ServerAddressError, normalize_base_url
from ponder.core.servers.connection import ServerConnection, ServerFault
from ponder.core.servers.controls import CONTROL_NAMES
from ponder.core.servers.keys import KeyStore, KeyStoreError
from ponder.core.servers.probe import ServerInfo, probe_server
from ponder.core.servers.reference import connection_for as registered_connection
from ponder.core.servers.registry import ServerEntry, ServerRegistry, ServerRegistryError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "servers", help="inference servers to run models on", description=__doc__
    )
    commands = parser.add_subparsers(dest="servers_command", metavar="ACTION", required=True)
    add = commands.add_parser("add", help="add a server (it is checked first)")
    add.add_argument("name", help="a short name for it, e.g. classroom")
    add.add_argument("url", help="its base address, e.g. http://10.0.0.5:8080")
    add.add_argument("--ca-file", metavar="PEM", help="the certificate authority of its TLS")
    add.add_argument(
        "--key-stdin", action="store_true", help="read its API key from standard input"
    )
    add.add_argument("--replace", action="store_true", help="replace a server of that name")
    add.add_argument("--no-check", action="store_true", help="add it without contacting it now")
    add.set_defaults(func=run_add)
    listing = commands.add_parser("list", help="list the servers added")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_list)
    check = commands.add_parser(
        "check", help="contact servers: software, version, models, controls"
    )
    check.add_argument("name", nargs="?", help="one server (default: all)")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(func=run_check)
    remove = commands.add_parser("remove", help="forget a server and its key")
    remove.add_argument("name")
    remove.set_defaults(func=run_remove)


def _stores() -> tuple[ServerRegistry, KeyStore]:
    paths = AppPaths.from_environment().ensure()
    return ServerRegistry(paths.servers_file), KeyStore.default(paths.server_keys_file)


def connection_for(name_or_url: str) -> ServerConnection:
    """The connection to a server added before (by name or address), with its key; or to an
    address given now (the person named it, so contacting it is theirs to decide)."""
    registry, keys = _stores()
    try:
        entry = registry.find(name_or_url)
        if entry is not None:
            return registered_connection(entry, keys)
    except (ServerRegistryError, KeyStoreError) as exc:
        raise UserError(str(exc)) from None
    if "://" not in name_or_url:
        known = ", ".join(e.name for e in registry.entries()) or "none yet"
        raise UserError(
            f"no server named {name_or_url!r} (added: {known}); add it with "
            "`ponder servers add NAME URL`, or give its address (http://HOST:PORT)"
        )
    try:
        return ServerConnection(normalize_base_url(name_or_url))
    except ServerAddressError as exc:
        raise UserError(str(exc)) from None


def _read_key() -> str:
    key = sys.stdin.readline().strip()
    if not key:
        raise UserError("--key-stdin: no key on standard input")
    return key


def describe(info: ServerInfo) -> list[str]:
    """The probe's result as lines for a person."""
    lines = [f"  software: {info.description}"]
    models = (
        ", ".join(m.id + (" (thinking)" if m.thinking else "") for m in info.models)
        or "none loaded"
    )
    lines.append(f"  models: {models}")
    lines.append("  reasoning controls:")
    lines += [f"    {CONTROL_NAMES[name]}: {support}" for name, support in info.controls.items()]
    lines += [f"  note: {note}" for note in info.notes]
    return lines


def run_add(args: argparse.Namespace) -> int:
    registry, keys = _stores()
    key = _read_key() if args.key_stdin else None
    try:
        url = normalize_base_url(args.url)
    except ServerAddressError as exc:
        raise UserError(str(exc)) from None
    info = None
    if not args.no_check:
        try:
            info = probe_server(ServerConnection(url, args.name, args.ca_file, key))
        except ServerFault as exc:
            raise UserError(f"{exc} (nothing was added; --no-check adds it anyway)") from None
    try:
        entry = registry.add(
            ServerEntry(args.name, url, args.ca_file, has_key=key is not None),
            replace=args.replace,
        )
        if key is not None:
            keys.set(entry.name, key)
        elif args.replace:
            keys.delete(entry.name)
    except (ServerRegistryError, KeyStoreError) as exc:
        raise UserError(str(exc)) from None
    print(f"added {entry.name}: {entry.base_url}")
    if key is not None:
        print(f"  key kept in {keys.where}")
    if info is not None:
        print("\n".join(describe(info)))
    return 0


def run_list(args: argparse.Namespace) -> int:
    registry, _keys = _stores()
    try:
        entries = registry.entries()
    except ServerRegistryError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print(json.dumps([e.to_dict() for e in entries], indent=1))
        return 0
    if not entries:
        print("no servers yet; add one with `ponder servers add NAME URL`", file=sys.stderr)
    for entry in entries:
        extra = " · key stored" if entry.has_key else ""
        extra += f" · CA {entry.ca_file}" if entry.ca_file else ""
        print(f"{entry.name}\t{entry.base_url}{extra}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    registry, _keys = _stores()
    try:
        names = [args.name] if args.name else [e.name for e in registry.entries()]
    except ServerRegistryError as exc:
        raise UserError(str(exc)) from None
    if not names:
        raise UserError("no servers yet; add one with `ponder servers add NAME URL`")
    failed = 0
    results: list[dict[str, Any]] = []
    for name in names:
        connection = connection_for(name)
        try:
            info = probe_server(connection)
        except ServerFault as exc:
            failed += 1
            results.append({"name": name, "error": exc.message, "kind": exc.kind})
            if not args.json:
                print(f"{name}: {exc.message}")
            continue
        results.append({"name": name, "base_url": connection.base_url} | info.to_dict())
        if not args.json:
            print(f"{name}: {connection.base_url}")
            print("\n".join(describe(info)))
    if args.json:
        print(json.dumps(results, indent=1))
    return 1 if failed else 0


def run_remove(args: argparse.Namespace) -> int:
    registry, keys = _stores()
    try:
        entry = registry.remove(args.name)
        keys.delete(entry.name)
    except (ServerRegistryError, KeyStoreError) as exc:
        raise UserError(str(exc)) from None
    print(f"removed {entry.name}")
    return 0
