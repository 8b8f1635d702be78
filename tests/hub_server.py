"""A loopback HTTP server that speaks the Hugging Face hub's download protocol, for tests.

What it implements (what huggingface_hub and Ponder's transfer use):

* ``HEAD``/``GET /{owner}/{name}/resolve/{revision}/{file}``: like the hub for an LFS file, a
  302 to a CDN URL on another host (``localhost`` instead of ``127.0.0.1``), with
  ``X-Repo-Commit``, ``ETag``, ``X-Linked-Etag`` (the sha256) and ``X-Linked-Size``; errors
  carry ``X-Error-Code`` (``RepoNotFound``, ``GatedRepo``, ``EntryNotFound``,
  ``RevisionNotFound``) as the hub's do, with 401/403/404.
* ``GET /cdn/{sha256}``: the bytes, with ``Range`` → 206 + ``Content-Range``; switches to
  throttle, ignore Range, flip one byte, or fail the first requests with 503.
* ``POST /api/models/{owner}/{name}/paths-info/{revision}``: the LFS sha256 and size.

It binds 127.0.0.1 only, and records every request so tests can count bytes.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass
class HostedFile:
    """A file in a hosted repo: its true bytes live at ``path``."""

    path: Path
    sha256: str
    size: int


@dataclass
class HostedRepo:
    commit: str
    files: dict[str, HostedFile] = field(default_factory=dict)
    gated: bool = False
    allowed_tokens: set[str] = field(default_factory=set)


@dataclass
class Served:
    """One body sent by the CDN: where it started and how many bytes went out."""

    start: int
    sent: int
    status: int
    authorization: bool


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(4 << 20):
            h.update(block)
    return h.hexdigest()


class HubServer:
    """Start with ``with HubServer() as hub:``; ``hub.endpoint`` is the base URL."""

    def __init__(self) -> None:
        self.repos: dict[str, HostedRepo] = {}
        self.blobs: dict[str, HostedFile] = {}
        self.served: list[Served] = []
        self.requests: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        # Switches tests flip:
        self.rate: float | None = None  # bytes/s of the CDN, None = unthrottled
        self.ignore_range = False
        self.flip_byte_at: int | None = None  # serve this offset with its bits inverted
        self.fail_next: int = 0  # answer this many CDN requests with 503
        self.drop_after: int | None = None  # close the connection after this many body bytes
        self.redirect = True
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add_file(
        self,
        repo: str,
        filename: str,
        path: Path,
        *,
        commit: str | None = None,
        sha256: str | None = None,
    ) -> HostedFile:
        digest = sha256 or file_sha256(path)
        hosted = HostedFile(path, digest, path.stat().st_size)
        entry = self.repos.setdefault(
            repo, HostedRepo(commit or hashlib.sha1(repo.encode()).hexdigest())
        )
        entry.files[filename] = hosted
        self.blobs[digest] = hosted
        return hosted

    def __enter__(self) -> HubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def bytes_served(self) -> int:
        with self.lock:
            return sum(s.sent for s in self.served)

    # ----- the handler ----------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _error(self, status: int, code: str, message: str) -> None:
                body = json.dumps({"error": message}).encode()
                self.send_response(status)
                self.send_header("X-Error-Code", code)
                self.send_header("X-Error-Message", message)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _token(self) -> str | None:
                auth = self.headers.get("Authorization", "")
                return auth[7:] if auth.startswith("Bearer ") else None

            def _repo(self, repo_id: str, revision: str) -> HostedRepo | None:
                repo = hub.repos.get(repo_id)
                if repo is None:
                    # The hub answers 401 for a missing repo when unauthenticated.
                    self._error(
                        401 if self._token() is None else 404,
                        "RepoNotFound",
                        "Repository not found",
                    )
                    return None
                if repo.gated and self._token() not in repo.allowed_tokens:
                    status = 401 if self._token() is None else 403
                    self._error(status, "GatedRepo", f"Access to model {repo_id} is restricted.")
                    return None
                if revision not in ("main", repo.commit):
                    self._error(404, "RevisionNotFound", "Invalid rev id")
                    return None
                return repo

            def do_HEAD(self) -> None:
                self._dispatch()

            def do_GET(self) -> None:
                self._dispatch()

            def do_POST(self) -> None:
                path = urlsplit(self.path).path
                with hub.lock:
                    hub.requests.append(("POST", path))
                prefix = "/api/models/"
                if not path.startswith(prefix) or "/paths-info/" not in path:
                    self._error(404, "NotFound", "no such API")
                    return
                repo_id, _, revision = path[len(prefix) :].partition("/paths-info/")
                length = int(self.headers.get("Content-Length", "0"))
                form = parse_qs(self.rfile.read(length).decode())
                repo = self._repo(repo_id, unquote(revision))
                if repo is None:
                    return
                out = []
                for name in form.get("paths", []):
                    hosted = repo.files.get(name)
                    if hosted is not None:
                        out.append(
                            {
                                "type": "file",
                                "path": name,
                                "size": hosted.size,
                                "oid": hashlib.sha1(hosted.sha256.encode()).hexdigest(),
                                "lfs": {
                                    "oid": hosted.sha256,
                                    "size": hosted.size,
                                    "pointerSize": 134,
                                },
                            }
                        )
                body = json.dumps(out).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _dispatch(self) -> None:
                path = urlsplit(self.path).path
                with hub.lock:
                    hub.requests.append((self.command, path))
                if path.startswith("/cdn/"):
                    self._cdn(path[5:])
                elif "/resolve/" in path:
                    repo_id, _, rest = path.lstrip("/").partition("/resolve/")
                    revision, _, filename = rest.partition("/")
                    self._resolve(repo_id, unquote(revision), unquote(filename))
                else:
                    self._error(404, "NotFound", "not found")

            def _resolve(self, repo_id: str, revision: str, filename: str) -> None:
                repo = self._repo(repo_id, revision)
                if repo is None:
                    return
                hosted = repo.files.get(filename)
                if hosted is None:
                    self._error(404, "EntryNotFound", f"{filename} does not exist")
                    return
                if not hub.redirect:
                    self._cdn(hosted.sha256, commit=repo.commit)
                    return
                self.send_response(302)
                self.send_header(
                    "Location", f"http://localhost:{hub.port}/cdn/{hosted.sha256}?sig=1"
                )
                self.send_header("X-Repo-Commit", repo.commit)
                self.send_header("ETag", f'"{hashlib.sha1(hosted.sha256.encode()).hexdigest()}"')
                self.send_header("X-Linked-Etag", f'"{hosted.sha256}"')
                self.send_header("X-Linked-Size", str(hosted.size))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _cdn(self, name: str, commit: str | None = None) -> None:
                hosted = hub.blobs.get(name)
                if hosted is None:
                    self._error(404, "NotFound", "no such blob")
                    return
                with hub.lock:
                    fail = hub.fail_next > 0
                    if fail and self.command == "GET":
                        hub.fail_next -= 1
                if fail and self.command == "GET":
                    self._error(503, "Unavailable", "try again")
                    return
                start, end = 0, hosted.size - 1
                status = 200
                header = self.headers.get("Range")
                if header and not hub.ignore_range and header.startswith("bytes="):
                    first, _, last = header[6:].partition("-")
                    start = int(first)
                    end = int(last) if last else hosted.size - 1
                    if start >= hosted.size:
                        self.send_response(416)
                        self.send_header("Content-Range", f"bytes */{hosted.size}")
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    status = 206
                length = end - start + 1
                self.send_response(status)
                self.send_header("Content-Length", str(length))
                self.send_header("Accept-Ranges", "bytes")
                self.send_header("ETag", f'"{hosted.sha256}"')
                if commit:
                    self.send_header("X-Repo-Commit", commit)
                    self.send_header("X-Linked-Size", str(hosted.size))
                    self.send_header("X-Linked-Etag", f'"{hosted.sha256}"')
                if status == 206:
                    self.send_header("Content-Range", f"bytes {start}-{end}/{hosted.size}")
                self.end_headers()
                if self.command == "HEAD":
                    return
                record = Served(start, 0, status, "Authorization" in self.headers)
                with hub.lock:
                    hub.served.append(record)
                self._send_body(hosted.path, start, length, record)

            def _send_body(self, path: Path, start: int, length: int, record: Served) -> None:
                block = 64 << 10
                began = time.monotonic()
                limit = hub.drop_after
                with open(path, "rb") as f:
                    f.seek(start)
                    offset = start
                    while record.sent < length:
                        data = bytearray(f.read(min(block, length - record.sent)))
                        flip = hub.flip_byte_at
                        if flip is not None and offset <= flip < offset + len(data):
                            data[flip - offset] ^= 0xFF
                        if limit is not None and record.sent + len(data) > limit:
                            data = data[: max(0, limit - record.sent)]
                        try:
                            self.wfile.write(data)
                        except (BrokenPipeError, ConnectionResetError):
                            return
                        record.sent += len(data)
                        offset += len(data)
                        if limit is not None and record.sent >= limit:
                            self.close_connection = True
                            return
                        if hub.rate:
                            ahead = record.sent / hub.rate - (time.monotonic() - began)
                            if ahead > 0:
                                time.sleep(ahead)

        return Handler
