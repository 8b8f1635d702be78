"""Downloads against a loopback server that speaks the hub's protocol, through the real
huggingface_hub client and Ponder's transfer: verified, resumable, and never a bad file in
place. The served file is the real SmolLM2-135M GGUF (98 MB)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from hub_server import HubServer
from ponder.core.downloads.errors import (
    AuthRequiredError,
    ChecksumMismatchError,
    DiskFullError,
    DownloadBusyError,
    DownloadStoppedError,
    DriftError,
    InvalidModelError,
    NetworkError,
    NotOnHubError,
    OfflineError,
    TooLargeError,
)
from ponder.core.downloads.hub import Hub
from ponder.core.downloads.part_files import PartFiles, exclusive
from ponder.core.downloads.transfer import Progress, RetryPolicy, TransferControl
from ponder.core.models.catalog import load_catalog
from ponder.core.models.hardware import HardwareInfo
from ponder.core.models.install import install_from_hub
from ponder.core.models.store import ModelStore
from resume_harness import FILE, REPO, child_env, run_child, run_trials

QUICK = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)


@pytest.fixture
def store(tmp_path: Path) -> ModelStore:
    return ModelStore(tmp_path / "models")


def stop_after(control: TransferControl, nbytes: int, how: str = "pause"):  # type: ignore[no-untyped-def]
    def progress(p: Progress) -> None:
        if p.phase == "downloading" and p.done >= nbytes:
            getattr(control, how)()

    return progress


def nothing_loadable(store: ModelStore) -> bool:
    return store.installed() == [] and not list(store.root.rglob("*.gguf"))


def test_download_is_verified_recorded_and_leaves_nothing_behind(
    hub: HubServer, store: ModelStore, smollm2_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_TOKEN", "hf_user_token")
    done = install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    model = done.model
    assert model.path == store.hub_path(REPO, FILE)
    assert model.path.read_bytes() == smollm2_path.read_bytes()
    assert model.sha256 == hub.repos[REPO].files[FILE].sha256
    assert model.commit == hub.repos[REPO].commit and model.source == "hub"
    # The lock stays in the hidden .locks folder, out of the models a person sees.
    assert sorted(p.name for p in model.path.parent.iterdir()) == [
        ".locks",
        FILE,
        FILE + ".ponder.json",
    ]
    assert store.installed() == [model]
    # The token went to the hub, not to the CDN the hub redirected to.
    assert [s.authorization for s in hub.served] == [False]
    # A second request is answered from the models folder.
    again = install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    assert again.transfer is None and again.model.path == model.path


def test_pause_keeps_the_part_and_the_next_run_resumes_from_it(
    hub: HubServer, store: ModelStore
) -> None:
    control = TransferControl()
    with pytest.raises(DownloadStoppedError) as stopped:
        install_from_hub(
            store,
            Hub(hub.endpoint),
            REPO,
            FILE,
            control=control,
            progress=stop_after(control, 30_000_000),
            retry=QUICK,
        )
    assert stopped.value.paused
    files = PartFiles.of(store.hub_path(REPO, FILE))
    kept = files.part.stat().st_size
    assert kept >= 30_000_000 and files.sidecar.is_file()
    assert nothing_loadable(store)
    done = install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    assert done.transfer is not None and done.transfer.resumed_from == kept
    assert hub.served[-1].start == kept and hub.served[-1].status == 206
    assert done.transfer.bytes_received == hub.repos[REPO].files[FILE].size - kept


def test_cancel_deletes_the_part(hub: HubServer, store: ModelStore) -> None:
    control = TransferControl()
    with pytest.raises(DownloadStoppedError) as stopped:
        install_from_hub(
            store,
            Hub(hub.endpoint),
            REPO,
            FILE,
            control=control,
            progress=stop_after(control, 10_000_000, "cancel"),
            retry=QUICK,
        )
    assert not stopped.value.paused
    files = PartFiles.of(store.hub_path(REPO, FILE))
    assert not files.part.exists() and not files.sidecar.exists()


def test_sigkill_at_random_offsets_resumes_and_verifies(smollm2_path: Path, tmp_path: Path) -> None:
    """The small version of benchmarks/bench_download_resume.py (which does 20 offsets)."""
    trials = run_trials(smollm2_path, tmp_path, kills=3, seed=7, rate=150e6)
    for t in trials:
        assert t.killed_at > 0, t
        assert t.resumed, t  # the second process asked for exactly the bytes it lacked
        assert t.verified, t
        assert t.refetched < 8 << 20, t


def test_one_flipped_byte_is_caught_and_never_loadable(hub: HubServer, store: ModelStore) -> None:
    hub.flip_byte_at = 50_000_000
    with pytest.raises(ChecksumMismatchError, match=r"damaged.*deleted"):
        install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    assert nothing_loadable(store)
    files = PartFiles.of(store.hub_path(REPO, FILE))
    assert not files.part.exists() and not files.sidecar.exists()
    hub.flip_byte_at = None  # the next try starts clean and succeeds
    done = install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    assert done.transfer is not None and done.transfer.resumed_from == 0


def test_a_server_that_ignores_range_restarts_from_zero(hub: HubServer, store: ModelStore) -> None:
    control = TransferControl()
    with pytest.raises(DownloadStoppedError):
        install_from_hub(
            store,
            Hub(hub.endpoint),
            REPO,
            FILE,
            control=control,
            progress=stop_after(control, 40_000_000),
            retry=QUICK,
        )
    hub.ignore_range = True
    done = install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    size = hub.repos[REPO].files[FILE].size
    assert done.transfer is not None
    assert done.transfer.restarts == 1 and done.transfer.bytes_received == size
    assert hub.served[-1].status == 200
    assert done.model.sha256 == hub.repos[REPO].files[FILE].sha256


def test_transient_errors_and_dropped_connections_are_retried(
    hub: HubServer, store: ModelStore
) -> None:
    hub.fail_next = 2
    hub.drop_after = 30_000_000  # every response is cut after 30 MB
    done = install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    assert done.transfer is not None and done.transfer.retries >= 5
    starts = [s.start for s in hub.served]
    assert starts == sorted(starts) and starts[0] == 0 and len(starts) == 4  # 98 MB, 30 MB each
    assert done.model.sha256 == hub.repos[REPO].files[FILE].sha256


def test_a_server_that_keeps_failing_gives_a_clear_error(hub: HubServer, store: ModelStore) -> None:
    hub.fail_next = 100
    with pytest.raises(Exception, match=r"kept failing \(HTTP 503\).*resumes"):
        install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)


def test_gated_repo_without_and_with_the_wrong_token(
    hub: HubServer, store: ModelStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.repos[REPO].gated = True
    hub.repos[REPO].allowed_tokens = {"hf_granted"}
    with pytest.raises(AuthRequiredError, match="HF_TOKEN") as no_token:
        install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    assert "accept the license" in str(no_token.value)
    monkeypatch.setenv("HF_TOKEN", "hf_other")
    with pytest.raises(AuthRequiredError, match="does not have access") as wrong:
        install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    assert f"{hub.endpoint}/{REPO}" in str(wrong.value)
    assert not hub.served  # nothing was transferred
    monkeypatch.setenv("HF_TOKEN", "hf_granted")
    assert install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK).transfer


def test_missing_file_repo_and_revision(hub: HubServer, store: ModelStore) -> None:
    with pytest.raises(NotOnHubError, match=r"no file nope\.gguf"):
        install_from_hub(store, Hub(hub.endpoint), REPO, "nope.gguf", retry=QUICK)
    with pytest.raises(NotOnHubError, match="no model repository someone/else"):
        install_from_hub(store, Hub(hub.endpoint), "someone/else", FILE, retry=QUICK)
    with pytest.raises(NotOnHubError, match="no revision"):
        install_from_hub(store, Hub(hub.endpoint), REPO, FILE, revision="v9", retry=QUICK)


def test_offline_mode_refuses_before_any_request(
    hub: HubServer, store: ModelStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(OfflineError, match="ponder pack import"):
        install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    assert hub.requests == []


def test_no_network_is_a_clear_error(store: ModelStore) -> None:
    with HubServer() as dead:
        endpoint = dead.endpoint  # the port is closed once the server has stopped
    with pytest.raises(NetworkError, match=r"Could not reach.*internet connection"):
        install_from_hub(store, Hub(endpoint, attempts=1), REPO, FILE, retry=QUICK)


def test_one_download_per_file_and_stale_locks_do_not_block(
    hub: HubServer, store: ModelStore, tmp_path: Path
) -> None:
    dest = store.hub_path(REPO, FILE)
    dest.parent.mkdir(parents=True)
    lock = PartFiles.of(dest).lock
    with exclusive(lock, dest), pytest.raises(DownloadBusyError, match="already being downloaded"):
        install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    # A process that holds the lock and is killed leaves no stale lock behind.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import filelock, sys, time; l = filelock.FileLock(sys.argv[1]); l.acquire(); "
            "print('locked', flush=True); time.sleep(60)",
            str(lock),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    with pytest.raises(DownloadBusyError):
        install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    holder.kill()
    holder.communicate()
    assert lock.exists()  # the lock file is still there; its lock is not
    assert install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK).transfer


def test_a_part_of_another_file_is_not_resumed(hub: HubServer, store: ModelStore) -> None:
    files = PartFiles.of(store.hub_path(REPO, FILE))
    files.part.parent.mkdir(parents=True)
    files.part.write_bytes(b"GGUF" + b"\0" * 1000)
    files.sidecar.write_text('{"format": 1, "size": 5, "sha256": "00"}', encoding="utf-8")
    done = install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    assert done.transfer is not None and done.transfer.resumed_from == 0


def test_catalog_pin_drift_is_refused(hub: HubServer, store: ModelStore) -> None:
    entry, quant = load_catalog().resolve("r1-distill-qwen-1.5b")
    wrong = replace(quant, file=FILE, sha256="ab" * 32, size=1)
    with pytest.raises(DriftError, match="not the file the catalog was reviewed with"):
        install_from_hub(
            store, Hub(hub.endpoint), REPO, FILE, entry=entry, quant=wrong, retry=QUICK
        )
    assert not hub.served
    right = replace(wrong, sha256=hub.repos[REPO].files[FILE].sha256)
    done = install_from_hub(
        store, Hub(hub.endpoint), REPO, FILE, entry=entry, quant=right, retry=QUICK
    )
    assert done.model.catalog_id == entry.id and done.model.quant == quant.name


def test_too_large_is_refused_before_the_first_byte_unless_forced(
    hub: HubServer, store: ModelStore, tiny_machine: HardwareInfo
) -> None:
    tiny = tiny_machine
    entry, quant = load_catalog().resolve("smollm2-135m-demo")
    with pytest.raises(TooLargeError, match="--force"):
        install_from_hub(
            store, Hub(hub.endpoint), REPO, FILE, entry=entry, quant=quant, hw=tiny, retry=QUICK
        )
    with pytest.raises(TooLargeError, match="--force"):
        install_from_hub(store, Hub(hub.endpoint), REPO, FILE, hw=tiny, retry=QUICK)
    assert hub.requests == []
    done = install_from_hub(
        store,
        Hub(hub.endpoint),
        REPO,
        FILE,
        entry=entry,
        quant=quant,
        hw=tiny,
        force=True,
        retry=QUICK,
    )
    assert done.transfer is not None


def test_an_intact_file_that_is_not_a_gguf_is_deleted(store: ModelStore, tmp_path: Path) -> None:
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"GGUF" + os.urandom(2_000_000))
    with HubServer() as server:
        server.add_file(REPO, "fake.gguf", fake)
        with pytest.raises(InvalidModelError, match="not a model Ponder can load"):
            install_from_hub(store, Hub(server.endpoint), REPO, "fake.gguf", retry=QUICK)
    assert nothing_loadable(store)
    assert not PartFiles.of(store.hub_path(REPO, "fake.gguf")).part.exists()


# ----- a full disk: real filesystems, no monkeypatching ----------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 200 MB tmpfs (needs root, as on CI); skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=200m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (not root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_space_is_checked_before_the_first_byte(hub: HubServer, small_disk: Path) -> None:
    (small_disk / "filler").write_bytes(b"\0" * (150 << 20))
    store = ModelStore(small_disk / "models")
    with pytest.raises(DiskFullError, match=r"needs .* more but only"):
        install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    assert not hub.served and nothing_loadable(store)


def test_disk_full_while_writing_stops_cleanly_and_resumes_later(
    hub: HubServer, small_disk: Path
) -> None:
    store = ModelStore(small_disk / "models")
    filler = small_disk / "filler"

    def fill_the_disk(p: Progress) -> None:
        # Another program fills the disk while the download runs.
        if p.phase == "downloading" and p.done > 20_000_000 and not filler.exists():
            free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
            filler.write_bytes(b"\0" * (free - (4 << 20)))

    with pytest.raises(DiskFullError, match=r"is full.*kept in") as full:
        install_from_hub(store, Hub(hub.endpoint), REPO, FILE, progress=fill_the_disk, retry=QUICK)
    assert "No space left" in str(full.value)
    assert nothing_loadable(store)  # only the .part is left, and it is not a model
    assert PartFiles.of(store.hub_path(REPO, FILE)).part.stat().st_size > 20_000_000
    filler.unlink()
    done = install_from_hub(store, Hub(hub.endpoint), REPO, FILE, retry=QUICK)
    assert done.transfer is not None and done.transfer.resumed_from > 20_000_000


def test_file_size_limit_in_a_child_process_is_a_clean_disk_error(
    hub: HubServer, tmp_path: Path
) -> None:
    """RLIMIT_FSIZE makes the kernel refuse the write (EFBIG) in the downloader process."""
    if sys.platform == "win32":
        pytest.skip("RLIMIT_FSIZE is POSIX")
    home = tmp_path / "home"
    proc = run_child(hub.endpoint, child_env(home), "--fsize-limit", str(30 << 20))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 3, err
    assert '"kind": "disk_full"' in out and "File too large" in out
    models = ModelStore(home / "data" / "models")
    assert nothing_loadable(models)  # the part is kept for resuming, never a model:
    assert PartFiles.of(models.hub_path(REPO, FILE)).part.stat().st_size <= 30 << 20


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A loopback server that accepts connections and never answers (a stuck proxy)."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        for connection in held:
            connection.close()
        listener.close()


def test_a_server_that_never_answers_fails_within_seconds(
    silent_server: str, store: ModelStore
) -> None:
    started = time.monotonic()
    with pytest.raises(NetworkError, match=r"Could not reach.*a download resumes"):
        install_from_hub(store, Hub(silent_server), REPO, FILE, retry=QUICK)
    assert time.monotonic() - started < 15  # was 44.5 s: every retry waited 10 s


@pytest.fixture
def stalling_server() -> Iterator[tuple[str, bytes]]:
    """A loopback server that answers a GET with its headers and the first half of a 3 MiB
    body, then sends nothing more (a mirror that stalls mid-file); a retry from a byte offset
    gets its headers and nothing at all."""
    body = bytes(range(256)) * (3 * 4096)
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection = listener.accept()[0]
            except TimeoutError:
                continue
            held.append(connection)
            connection.settimeout(5)
            with contextlib.suppress(OSError):
                request = connection.recv(65536).decode("latin-1").lower()
                if "range: bytes=" in request:  # the retry: the headers, then nothing
                    start = int(request.split("range: bytes=")[1].split("-")[0])
                    connection.sendall(
                        b"HTTP/1.1 206 Partial Content\r\nContent-Length: %d\r\n"
                        b"Content-Range: bytes %d-%d/%d\r\n\r\n"
                        % (len(body) - start, start, len(body) - 1, len(body))
                    )
                else:
                    connection.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body)
                        + body[: len(body) // 2]
                    )

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/model.gguf", body
    finally:
        stop.set()
        thread.join(5)
        for connection in held:
            connection.close()
        listener.close()


def test_a_download_whose_body_stalls_fails_within_the_stall_limit_and_keeps_its_part(
    stalling_server: tuple[str, bytes], tmp_path: Path
) -> None:
    """Before: every stalled read waited 60 s and was retried six times (minutes of silence).
    Now the user hears once no byte has come for the stall limit, and the bytes that did
    arrive stay in the part file for the next try to resume from."""
    import hashlib

    from ponder.core.downloads.transfer import CHUNK, download_file

    url, body = stalling_server
    dest = tmp_path / "model.gguf"
    policy = RetryPolicy(read_timeout=1.0, connect_timeout=1.0, stall_limit=1.0, base_delay=0.01)
    started = time.monotonic()
    with pytest.raises(NetworkError, match=r"stopped sending model\.gguf.*resumes"):
        download_file(
            url, dest, size=len(body), sha256=hashlib.sha256(body).hexdigest(), retry=policy
        )
    assert time.monotonic() - started < 8  # one stalled read (1 s), not six of them
    assert not dest.exists()
    kept = PartFiles.of(dest).part.read_bytes()
    assert len(kept) >= CHUNK and body.startswith(kept)  # whole chunks that arrived are kept


def test_the_default_policy_gives_up_on_a_stalled_server_within_about_ten_seconds() -> None:
    policy = RetryPolicy()
    assert policy.read_timeout <= 10 and policy.connect_timeout <= 10
    assert policy.stall_limit <= 10
