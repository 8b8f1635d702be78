"""The one load policy: a model file + settings + this machine → the load request, refusing a
model that cannot fit unless forced. The desktop app's side is in tests/ui/models."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from ponder.cli import build_parser
from ponder.commands import UserError
from ponder.commands.options import choose_model
from ponder.core.gguf.errors import GGUFError
from ponder.core.models.hardware import HardwareInfo
from ponder.core.models.load_policy import ModelTooLarge, plan_load

ROOMY = HardwareInfo(
    total_ram=64 << 30,
    available_ram=32 << 30,
    physical_cores=8,
    logical_cores=16,
    cpu_name="roomy",
    cpu_flags=frozenset(),
    os_name="Linux",
    machine="x86_64",
)


def test_a_model_that_fits_gets_its_request(smollm2_path: Path) -> None:
    plan = plan_load(smollm2_path, ROOMY, n_ctx=512, n_threads=2, gpu_layers=0)
    assert plan.too_large is None
    assert plan.request.model_path == str(smollm2_path)
    assert (plan.request.n_ctx, plan.request.n_threads, plan.request.gpu_layers) == (512, 2, 0)
    assert plan.header.architecture == "llama"


def test_a_model_too_large_is_refused_in_words_unless_forced(
    smollm2_path: Path, tiny_machine: HardwareInfo
) -> None:
    with pytest.raises(ModelTooLarge) as refused:
        plan_load(smollm2_path, tiny_machine, n_ctx=512)
    message = str(refused.value)
    assert message.startswith(f"{smollm2_path.name} needs about ")
    assert "this computer has 101 MB of memory" in message
    assert message.endswith("Use a smaller model or quantization, or a smaller context size.")
    forced = plan_load(smollm2_path, tiny_machine, n_ctx=512, force=True)
    assert forced.request.model_path == str(smollm2_path)
    assert forced.too_large == refused.value.reason


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.gguf"
    bogus.write_bytes(b"hello, not a model")
    with pytest.raises(GGUFError):
        plan_load(bogus, ROOMY, n_ctx=512, force=True)


def test_the_command_line_refuses_with_the_policy_words_and_force_loads(
    smollm2_path: Path, tiny_machine: HardwareInfo
) -> None:
    def args(*extra: str) -> argparse.Namespace:
        return build_parser().parse_args(
            ["ask", "--model", str(smollm2_path), "--ctx", "512", *extra, "hi"]
        )

    with pytest.raises(ModelTooLarge) as policy:
        plan_load(smollm2_path, tiny_machine, n_ctx=512)
    with pytest.raises(UserError) as refused:
        choose_model(args(), tiny_machine)
    assert str(refused.value) == f"{policy.value} To try anyway, pass --force."
    forced = choose_model(args("--force"), tiny_machine)
    assert forced.load.model_path == str(smollm2_path)
    assert forced.load.n_ctx == 512


# ----- the context a catalog model starts with, and the custom think tags ---------------------


def _catalog_file(tmp_path: Path) -> Path:
    """A small GGUF under the file name of a catalog quant (Qwen3-4B-Thinking-2507's)."""
    from gguf_fixtures import write_gguf

    return write_gguf(tmp_path / "Qwen3-4B-Thinking-2507-Q4_K_M.gguf", tensors=())


def test_a_catalog_model_starts_with_its_cards_context(tmp_path: Path) -> None:
    from ponder.core.models.catalog import load_catalog

    path = _catalog_file(tmp_path)
    plan = plan_load(path, ROOMY, catalog=load_catalog())
    assert plan.request.n_ctx == 32_768 and plan.notes == ()
    # A context the person chose is kept, with a note that a long answer will not fit.
    chosen = plan_load(path, ROOMY, n_ctx=8192, catalog=load_catalog())
    assert chosen.request.n_ctx == 8192
    assert len(chosen.notes) == 1 and "long answer will be cut off" in chosen.notes[0]
    # A file outside the catalog starts with the default.
    assert plan_load(path, ROOMY).request.n_ctx == 4096


def test_custom_think_tags_travel_in_the_request(smollm2_path: Path) -> None:
    plan = plan_load(smollm2_path, ROOMY, n_ctx=512, think_tags=("<r>", "</r>"))
    assert plan.request.think_tags == ("<r>", "</r>")
    assert plan_load(smollm2_path, ROOMY, n_ctx=512).request.think_tags is None


def test_the_command_line_takes_think_tags_from_the_flag_or_the_saved_settings(
    smollm2_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ponder.core.paths import AppPaths
    from ponder.core.settings import Settings, save_settings

    monkeypatch.setenv("PONDER_HOME", str(tmp_path / "home"))

    def args(*extra: str) -> argparse.Namespace:
        return build_parser().parse_args(
            ["ask", "--model", str(smollm2_path), "--ctx", "512", *extra, "hi"]
        )

    assert choose_model(args(), ROOMY).load.think_tags is None
    paths = AppPaths.from_environment().ensure()
    save_settings(Settings(custom_think_open="<r>", custom_think_close="</r>"), paths.settings_file)
    assert choose_model(args(), ROOMY).load.think_tags == ("<r>", "</r>")
    flag = choose_model(args("--think-tags", "[[", "]]"), ROOMY)
    assert flag.load.think_tags == ("[[", "]]")
    with pytest.raises(UserError, match="must differ"):
        choose_model(args("--think-tags", "<r>", "<r>"), ROOMY)
    with pytest.raises(UserError, match="both think tags"):
        choose_model(args("--think-tags", "<r>", " "), ROOMY)
