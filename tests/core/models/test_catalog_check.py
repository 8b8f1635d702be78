"""``ponder catalog check`` logic against the loopback hub: ok, drift, missing, unpinned."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_server import HubServer, file_sha256
from ponder.core.downloads.errors import NetworkError, OfflineError
from ponder.core.downloads.hub import Hub
from ponder.core.models.catalog import load_catalog, parse_catalog
from ponder.core.models.catalog_check import check_catalog
from resume_harness import FILE, REPO


def catalog_text(size: int, sha256: str, commit: str) -> str:
    def model(model_id: str, quant: str, extra: str = "", revision: str = "") -> str:
        return f"""
[[model]]
id = "{model_id}"
name = "Test {model_id}"
family = "generic"
repo = "{REPO}"
{revision}
license = "Apache-2.0"
params_b = 0.1
context_length = 8192
default_quant = "Q4_1"
summary = "A model for testing the catalog check."
architecture = {{ layers = 30, kv_heads = 3, head_dim = 64 }}
recommended = {{ context = 4096 }}
[[model.quants]]
quant = "Q4_1"
{quant}
{extra}
"""

    return "schema = 1\n" + "".join(
        [
            model(
                "pinned-ok",
                f'file = "{FILE}"\nsize = {size}\nsha256 = "{sha256}"',
                revision=f'revision = "{commit}"',
            ),
            model("pinned-drift", f'file = "{FILE}"\nsize = {size}\nsha256 = "{"0" * 64}"'),
            model("estimate-ok", f'file = "{FILE}"\nsize = {size + 1000}'),
            model("estimate-far", f'file = "{FILE}"\nsize = {size * 3}'),
            model("gone", 'file = "renamed.gguf"\nsize = 1000'),
        ]
    )


def test_every_kind_of_drift_is_reported(hub: HubServer, smollm2_path: Path) -> None:
    import tomllib

    text = catalog_text(
        smollm2_path.stat().st_size, file_sha256(smollm2_path), hub.repos[REPO].commit
    )
    catalog = parse_catalog(tomllib.loads(text))
    results = {r.entry_id: r for r in check_catalog(catalog, Hub(hub.endpoint))}
    assert {k: r.status for k, r in results.items()} == {
        "pinned-ok": "ok",
        "pinned-drift": "drift",
        "estimate-ok": "ok",
        "estimate-far": "drift",
        "gone": "missing",
    }
    assert "the catalog pins" in results["pinned-drift"].problems[0]
    assert "off by 67%" in results["estimate-far"].problems[0]
    assert any("not pinned" in n for n in results["estimate-ok"].notes)
    assert "no file renamed.gguf" in results["gone"].problems[0]


def test_the_shipped_catalog_is_checked_entry_by_entry(hub: HubServer) -> None:
    """Against a hub that has none of them: every hub file is reported, nothing crashes."""
    catalog = load_catalog()
    results = check_catalog(catalog, Hub(hub.endpoint, attempts=1))
    expected = sum(len(e.quants) for e in catalog if e.repo is not None)
    assert len(results) == expected
    assert {r.status for r in results} == {"missing"}


def test_offline_and_unreachable_stop_the_whole_check(
    hub: HubServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with HubServer() as dead:
        endpoint = dead.endpoint
    with pytest.raises(NetworkError):
        check_catalog(load_catalog(), Hub(endpoint, attempts=1))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(OfflineError):
        check_catalog(load_catalog(), Hub(hub.endpoint))
