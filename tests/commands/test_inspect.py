"""``ponder inspect``'s verdict on a file's chat template."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from cli_runner import run_ponder
from gguf_corpus import COSTLY_TEMPLATES
from gguf_fixtures import write_gguf
from ponder.commands.inspect import inspect_file
from ponder.core.reasoning.chat_template import TOO_MUCH_WORK


def test_a_sound_template_renders(tmp_path: Path) -> None:
    assert inspect_file(write_gguf(tmp_path / "ok.gguf"))["template_check"] == "ok"


def test_a_template_that_refuses_the_conversation_says_why(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "strict.gguf", template="{{ raise_exception('No system') }}")
    assert inspect_file(path)["template_check"].startswith("refused: ")
    assert "No system" in inspect_file(path)["template_check"]


@pytest.mark.parametrize("source", COSTLY_TEMPLATES.values(), ids=COSTLY_TEMPLATES.keys())
def test_a_template_that_tries_too_much_work_is_refused(tmp_path: Path, source: str) -> None:
    path = write_gguf(tmp_path / "costly.gguf", template=source)
    started = time.monotonic()
    assert inspect_file(path)["template_check"] == f"refused: {TOO_MUCH_WORK}"
    assert time.monotonic() - started < 15  # generous: without the ceilings, minutes


def test_inspect_prints_the_verdict(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "costly.gguf", template=COSTLY_TEMPLATES["concat_doubling"])
    result = run_ponder("inspect", str(path), timeout=60)
    assert result.returncode == 0, result.stderr
    assert re.search(rf"template renders +refused: {re.escape(TOO_MUCH_WORK)}", result.stdout)
    data = json.loads(run_ponder("inspect", "--json", str(path), timeout=60).stdout)
    assert data["template_check"] == f"refused: {TOO_MUCH_WORK}"
