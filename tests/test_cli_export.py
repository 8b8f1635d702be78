"""``ponder export`` and ``ponder conversations`` when things go wrong: every failure is one
readable line and a non-zero exit, never a traceback or a "wrote" for a file that is not there."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cli_runner import run_ponder
from ponder.core.paths import AppPaths
from ponder.core.storage.store import ConversationStore


def ponder(*args: str) -> subprocess.CompletedProcess[str]:
    return run_ponder(*args, timeout=120)


@pytest.fixture
def conversation() -> int:
    with ConversationStore(AppPaths.from_environment().database) as store:
        created = store.create_conversation("Fractions <lesson>")
        store.add_message(created.id, "user", "What is 1/2 + 1/4?", parent_id=None)
        return created.id


def failed_cleanly(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "wrote" not in result.stderr


def test_conversations_lists_what_export_takes(conversation: int) -> None:
    result = ponder("conversations")
    assert result.returncode == 0, result.stderr
    assert f"{conversation:>6}  " in result.stdout and "Fractions <lesson>" in result.stdout
    exported = ponder("export", str(conversation), "--format", "md")
    assert exported.returncode == 0 and "What is 1/2 + 1/4?" in exported.stdout


@pytest.mark.parametrize("number", ["7", "99999999999999999999999999"])
def test_a_conversation_that_does_not_exist_points_to_the_listing(number: str) -> None:
    result = ponder("export", number)
    failed_cleanly(result, f"There is no conversation {number}")
    assert "ponder conversations" in result.stderr and "no longer" not in result.stderr


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_export_to_a_folder_that_does_not_exist_is_an_error(
    conversation: int, fmt: str, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / f"lesson.{fmt}"
    result = ponder("export", str(conversation), "--format", fmt, "-o", str(target))
    failed_cleanly(result, f"could not write {target}")
    assert not target.exists()


def test_a_damaged_saved_sweep_is_an_error(tmp_path: Path) -> None:
    sweep = tmp_path / "sweep.json"
    sweep.write_text("[" * 100_000)
    failed_cleanly(ponder("export", str(sweep)), "not a saved sweep Ponder can read")
