"""The bundled prompt sets of `ponder bench --speculate`, and a malformed file's error."""

from __future__ import annotations

from pathlib import Path

import pytest

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
