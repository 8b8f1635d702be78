"""The ``ponder`` command and the desktop app: the self-test, and Qt kept out of the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import run_ponder
from ponder.cli import build_parser


def _ponder(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return run_ponder(*args, timeout=timeout, QT_QPA_PLATFORM="offscreen")


def test_no_command_means_the_desktop_app() -> None:
    args = build_parser().parse_args([])
    assert getattr(args, "func", None) is None  # main() then runs the app
    args = build_parser().parse_args(["--self-test", "--model", "m.gguf", "--screenshot", "s"])
    assert (args.self_test, args.app_model, args.screenshot) == (True, "m.gguf", "s")


@pytest.mark.model
def test_self_test_passes_and_saves_a_screenshot(tmp_path: Path, smollm2_path: Path) -> None:
    shot = tmp_path / "window.png"
    result = _ponder("--self-test", "--model", str(smollm2_path), "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_self_test_without_a_model_says_so(tmp_path: Path) -> None:
    result = _ponder("--self-test", "--model", str(tmp_path / "missing.gguf"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no model file" in lines[0] and "--model" in lines[0]


def test_self_test_reports_a_model_that_does_not_load(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    result = _ponder("--self-test", "--model", str(broken))
    assert result.returncode == 1
    assert "self-test failed: the model did not load" in result.stderr


@pytest.mark.model
def test_ask_does_not_import_qt(smollm2_path: Path) -> None:
    code = (
        "import sys\n"
        "from ponder.cli import main\n"
        f"status = main(['ask', '--model', {str(smollm2_path)!r}, '--threads', '1', "
        "'--max-tokens', '4', '--think-budget', 'off', 'Hi'])\n"
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NO-QT')\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "NO-QT"
