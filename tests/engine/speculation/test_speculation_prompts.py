"""The bundled prompt sets of `ponder bench --speculate`, and a malformed file's error."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runner import run_ponder
from ponder.engine.speculation.bench import load_prompt_sets


def test_the_bundled_sets_are_the_repetitive_traces_and_prose() -> None:
    sets = load_prompt_sets()
    assert list(sets) == ["repetitive", "prose"]
    assert all(len(prompts) >= 3 for prompts in sets.values())


def test_a_set_without_prompts_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "speculation.toml"
    path.write_text('[[sets]]\nname = "empty"\nprompts = []\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"speculation\.toml"):
        load_prompt_sets(path)


@pytest.mark.model
def test_bench_speculate_with_a_draft_model_measures_it_beside_the_others(
    smollm2_path: Path, smollm2_cut_path: Path
) -> None:
    result = run_ponder(
        "bench",
        "--model",
        str(smollm2_path),
        "--speculate",
        "--draft-model",
        str(smollm2_cut_path),
        "--tokens",
        "8",
        "--rounds",
        "1",
        "--threads",
        "2",
        "--ctx",
        "1024",
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"draft model: {smollm2_cut_path}" in out
    assert out.count(f"with the draft model {smollm2_cut_path.name}") == 2  # both sets
    assert "drafting wherever it can" in out and "of them the draft model's" in out
    assert "outputs identical: yes" in out
