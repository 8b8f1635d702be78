"""A downloader process for tests that kill it: ``python download_child.py ENDPOINT REPO FILE``.

It runs Ponder's real download path (``install_from_hub``) into the models folder of
``PONDER_HOME`` and prints one JSON line with the result. ``--fsize-limit N`` caps the size of
files it may write (RLIMIT_FSIZE), so the kernel itself refuses the write past N bytes (EFBIG).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys

from ponder.core.downloads.errors import ModelFileError
from ponder.core.downloads.hub import Hub
from ponder.core.downloads.transfer import RetryPolicy
from ponder.core.models.install import install_from_hub
from ponder.core.models.store import ModelStore


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("endpoint")
    parser.add_argument("repo")
    parser.add_argument("file")
    parser.add_argument("--fsize-limit", type=int)
    args = parser.parse_args()
    if args.fsize_limit is not None:
        import resource

        # Without this the kernel kills the process with SIGXFSZ instead of failing the write.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (args.fsize_limit, args.fsize_limit))
    try:
        done = install_from_hub(
            ModelStore.from_paths(),
            Hub(endpoint=args.endpoint),
            args.repo,
            args.file,
            retry=RetryPolicy(attempts=2, base_delay=0.05),
        )
    except ModelFileError as exc:
        print(json.dumps({"ok": False, "kind": exc.kind, "message": str(exc)}), flush=True)
        return 3
    t = done.transfer
    print(
        json.dumps(
            {
                "ok": True,
                "path": str(done.model.path),
                "sha256": done.model.sha256,
                "resumed_from": t.resumed_from if t else None,
                "restarts": t.restarts if t else None,
                "bytes_received": t.bytes_received if t else None,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
