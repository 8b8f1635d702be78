"""The one load policy: a model file + settings + this machine → the load request, refusing a
model that cannot fit unless forced. The desktop app's side is in tests/ui/models."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import pytest

from ponder.cli import build_parser
from ponder.commands import UserError
from ponder.commands.options import ModelChoice, choose_model
from ponder.core.byte_size import size_text
from ponder.core.gguf.errors import GGUFError
from ponder.core.gguf.header import GGUFHeader, read_header
from ponder.core.models.catalog import load_catalog
from ponder.core.models.hardware import HardwareInfo
from ponder.core.models.load_policy import DraftModelError, LoadPlan, ModelTooLarge, plan_load
from ponder.core.models.store import InstalledModel

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


# ----- the draft model of a speculating load -------------------------------------------------

SEVEN_B = "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"


def _install_draft(models: Path, r1: GGUFHeader, **changes: object) -> Path:
    """The catalog's draft model for the R1 7B, R1-Distill-Qwen-1.5B Q4_K_M, installed as a
    download leaves it: the real R1 tokenizer (changed by ``changes``) and its record."""
    from gguf_fixtures import changed_copy
    from ponder.core.models.store import ModelStore

    store = ModelStore(models)
    repo = "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"
    path = store.hub_path(repo, "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf")
    path.parent.mkdir(parents=True, exist_ok=True)
    changed_copy(r1, path, **changes)  # type: ignore[arg-type]
    store.record_install(path, sha256="0" * 64, source="hub", repo=repo)
    return path


@pytest.fixture(scope="module")
def r1_header(r1_part_path: Path) -> GGUFHeader:
    return read_header(r1_part_path)


@pytest.fixture
def seven_b(tmp_path: Path, r1_header: GGUFHeader) -> Path:
    """The real R1-Distill-Qwen-7B header (no tensors) under the catalog's 7B file name."""
    from gguf_fixtures import changed_copy

    changed_copy(r1_header, tmp_path / SEVEN_B)
    return tmp_path / SEVEN_B


def _installed(models: Path) -> list[InstalledModel]:
    from ponder.core.models.store import ModelStore

    return ModelStore(models).installed()


def test_a_speculating_catalog_model_takes_its_installed_pair(
    seven_b: Path, r1_header: GGUFHeader, tmp_path: Path
) -> None:
    catalog = load_catalog()
    models = tmp_path / "models"
    # Nothing installed: no draft model, and nothing to say.
    alone = plan_load(seven_b, ROOMY, n_ctx=8192, catalog=catalog, speculate=True)
    assert alone.request.speculate and alone.request.draft_model_path is None
    assert alone.notes == ()
    draft = _install_draft(models, r1_header)
    plan = plan_load(
        seven_b, ROOMY, n_ctx=8192, catalog=catalog, speculate=True, installed=_installed(models)
    )
    assert plan.request.speculate and plan.request.draft_model_path == str(draft)
    assert plan.notes == () and plan.too_large is None
    # Not speculating, or asked for no draft model: none.
    for options in ({"speculate": False}, {"speculate": True, "draft_model": "none"}):
        other = plan_load(
            seven_b, ROOMY, n_ctx=8192, catalog=catalog, installed=_installed(models), **options
        )
        assert other.request.draft_model_path is None and other.notes == ()
        assert other.request.speculate == options["speculate"]
    # A model forced past this computer's memory gets no second model beside it.
    tiny = dataclasses.replace(ROOMY, total_ram=96 << 20, available_ram=64 << 20)
    forced = plan_load(
        seven_b,
        tiny,
        n_ctx=8192,
        catalog=catalog,
        speculate=True,
        installed=_installed(models),
        force=True,
    )
    assert forced.too_large and forced.request.draft_model_path is None and forced.notes == ()


def test_an_installed_pair_with_another_tokenizer_is_left_out_with_a_note(
    seven_b: Path, r1_header: GGUFHeader, tmp_path: Path
) -> None:
    tokens = list(r1_header.metadata["tokenizer.ggml.tokens"])
    tokens[9000] = "Ġre-trained"
    _install_draft(tmp_path / "models", r1_header, tokenizer__ggml__tokens=tokens)
    plan = plan_load(
        seven_b,
        ROOMY,
        n_ctx=8192,
        catalog=load_catalog(),
        speculate=True,
        installed=_installed(tmp_path / "models"),
    )
    assert plan.request.draft_model_path is None
    original = r1_header.metadata["tokenizer.ggml.tokens"][9000]
    assert plan.notes == (
        "DeepSeek-R1-Distill-Qwen 1.5B cannot draft for this model's file: token 9,000 is "
        f"“Ġre-trained” in the draft model but “{original}” in the model",
    )


def test_the_fit_check_counts_the_draft_model(
    seven_b: Path, r1_header: GGUFHeader, tmp_path: Path
) -> None:
    """A computer where the model fits alone but not beside its draft model (its weights, its
    own KV cache at the same context and its overhead): the model loads without it, and a
    note says why."""
    from ponder.core.gguf.model_info import describe
    from ponder.core.models.fit import GIB, file_estimate

    draft = _install_draft(tmp_path / "models", r1_header)
    alone = file_estimate(describe(read_header(seven_b)), 8192).total
    pair = alone + file_estimate(describe(read_header(draft)), 8192).total
    # 80% of the memory less a gibibyte is the most a model file may use (fit._file_room).
    total = int((alone + (pair - alone) // 2 + GIB) / 0.8)
    machine = dataclasses.replace(ROOMY, total_ram=total, available_ram=total // 2)
    plan = plan_load(
        seven_b,
        machine,
        n_ctx=8192,
        catalog=load_catalog(),
        speculate=True,
        installed=_installed(tmp_path / "models"),
    )
    assert plan.too_large is None and plan.request.draft_model_path is None
    (note,) = plan.notes
    assert note.startswith(
        "DeepSeek-R1-Distill-Qwen 1.5B would speed up the thinking, but it is left out: "
        f"together with the draft model DeepSeek-R1-Distill-Qwen 1.5B, {SEVEN_B} needs about "
    )
    assert note.endswith(
        f"at a context of 8192 tokens, but this computer has {size_text(total)} of memory"
    )


def test_a_named_draft_model_is_checked_and_refused_in_words(
    r1_part_path: Path, r1_header: GGUFHeader, smollm2_path: Path, tmp_path: Path
) -> None:
    """``--draft-model PATH``: the real 7B header (95 MB) drafts with a small file of the same
    tokenizer; anything that cannot draft for it is an error that says why."""
    from gguf_fixtures import changed_copy

    same = tmp_path / "small-same-tokenizer.gguf"
    changed_copy(r1_header, same)

    def plan(draft: Path, machine: HardwareInfo = ROOMY, **options: object) -> LoadPlan:
        return plan_load(
            r1_part_path, machine, n_ctx=8192, speculate=True, draft_model=draft, **options
        )

    assert plan(same).request.draft_model_path == str(same)
    # Named but not speculating: the file is not even looked at.
    quiet = plan_load(r1_part_path, ROOMY, n_ctx=8192, draft_model=tmp_path / "missing.gguf")
    assert quiet.request.draft_model_path is None
    with pytest.raises(
        DraftModelError, match=r"^The draft model cannot be used: .* does not exist"
    ):
        plan(tmp_path / "missing.gguf")
    text = tmp_path / "notes.gguf"
    text.write_text("not a model", encoding="utf-8")
    with pytest.raises(DraftModelError, match=r"^The draft model cannot be used: "):
        plan(text)
    with pytest.raises(DraftModelError) as other_family:
        plan(smollm2_path)
    assert str(other_family.value) == (
        "SmolLM2-135M-Instruct.Q4_1.gguf cannot draft for model_part_0000: the "
        "beginning-of-text token differs (1 in the draft model, 151646 in the model). A draft "
        "model needs the model's own tokenizer."
    )
    with pytest.raises(DraftModelError, match="is the model itself"):
        plan(r1_part_path)
    with pytest.raises(DraftModelError, match="is not smaller than"):
        plan_load(same, ROOMY, n_ctx=8192, speculate=True, draft_model=r1_part_path)


def test_a_named_draft_model_that_does_not_fit_beside_the_model_needs_force(
    r1_part_path: Path, r1_header: GGUFHeader, tmp_path: Path
) -> None:
    from gguf_fixtures import changed_copy
    from ponder.core.gguf.model_info import describe
    from ponder.core.models.fit import GIB, file_estimate

    same = tmp_path / "small-same-tokenizer.gguf"
    changed_copy(r1_header, same)
    alone = file_estimate(describe(r1_header), 8192).total
    pair = alone + file_estimate(describe(read_header(same)), 8192).total
    total = int((alone + (pair - alone) // 2 + GIB) / 0.8)
    machine = dataclasses.replace(ROOMY, total_ram=total, available_ram=total // 2)
    with pytest.raises(ModelTooLarge) as refused:
        plan_load(r1_part_path, machine, n_ctx=8192, speculate=True, draft_model=same)
    assert refused.value.reason.startswith(
        "together with the draft model small-same-tokenizer.gguf, model_part_0000 needs about"
    )
    forced = plan_load(
        r1_part_path, machine, n_ctx=8192, speculate=True, draft_model=same, force=True
    )
    assert forced.request.draft_model_path == str(same)
    assert forced.too_large == refused.value.reason


def test_the_command_line_chooses_the_draft_model(
    seven_b: Path, r1_header: GGUFHeader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ponder.core.paths import AppPaths

    monkeypatch.setenv("PONDER_HOME", str(tmp_path / "home"))
    draft = _install_draft(AppPaths.from_environment().models, r1_header)

    def choose(*extra: str) -> ModelChoice:
        parsed = build_parser().parse_args(
            ["ask", "--model", str(seven_b), "--ctx", "8192", *extra, "hi"]
        )
        return choose_model(parsed, ROOMY)

    assert choose("--speculative").load.draft_model_path == str(draft)  # auto, the default
    assert choose("--speculative", "--draft-model", "auto").load.draft_model_path == str(draft)
    assert choose("--speculative", "--draft-model", "none").load.draft_model_path is None
    named = choose("--speculative", "--draft-model", str(draft))
    assert named.load.draft_model_path == str(draft) and named.load.speculate
    unused = choose("--draft-model", str(draft))
    assert unused.load.draft_model_path is None and not unused.load.speculate
    assert unused.notes == ("--draft-model is used only with --speculative: nothing is drafted",)
    assert choose().load.draft_model_path is None and choose().notes == ()
    with pytest.raises(UserError, match=r"^The draft model cannot be used: .* does not exist"):
        choose("--speculative", "--draft-model", str(tmp_path / "missing.gguf"))
