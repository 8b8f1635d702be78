"""Every reader of a file someone else wrote ends in Ponder's own message, never a traceback
or a hang: the pack manifest, problem sets, saved sweeps, the settings and the GGUF header.

The fuzz tests feed random and mutated documents to each reader; the examples are few and
small so the whole module stays within a few seconds.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gguf_fixtures import write_gguf
from hang_check import finishes, needs_dev_zero, needs_fifo
from ponder.core.gguf.errors import GGUFError
from ponder.core.gguf.header import read_header
from ponder.core.models.packs import MANIFEST, PackError, read_pack
from ponder.core.settings import Settings, load_settings
from ponder.core.teaching.problems import ProblemSetError, load_problem_set, parse_problem_set
from ponder.core.teaching.sweep_files import SweepFileError, load_sweep

DEEP_JSON = "[" * 100_000 + "]" * 100_000
DEEP_TOML = 'name = "x"\nproblem = ' + "[" * 100_000 + "]" * 100_000 + "\n"
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# ----- one test per class of hostile file ---------------------------------------------------


def test_deeply_nested_documents_end_in_each_readers_own_error(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text(DEEP_JSON)
    with pytest.raises(PackError, match="more than 64 levels deep"):
        read_pack(tmp_path)
    (tmp_path / "set.toml").write_text(DEEP_TOML)
    with pytest.raises(ProblemSetError, match="more than 64 levels deep"):
        load_problem_set(tmp_path / "set.toml")
    (tmp_path / "sweep.json").write_text(DEEP_JSON)
    with pytest.raises(SweepFileError, match="more than 64 levels deep"):
        load_sweep(tmp_path / "sweep.json")
    settings_file = tmp_path / "settings.json"
    settings_file.write_text('{"theme": ' + DEEP_JSON + "}")
    assert load_settings(settings_file) == Settings()
    assert (tmp_path / "settings.json.corrupt").exists()  # kept aside, as any damaged file


@needs_fifo
def test_a_named_pipe_in_place_of_a_file_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / MANIFEST)
    raised = finishes(lambda: read_pack(tmp_path), unblock=tmp_path / MANIFEST)
    assert isinstance(raised, PackError) and "named pipe" in str(raised)
    fifo = tmp_path / "settings.json"
    os.mkfifo(fifo)
    assert finishes(lambda: load_settings(fifo), unblock=fifo) is None
    assert fifo.exists()  # a pipe is not moved aside as if it were a damaged file


@needs_dev_zero
def test_a_manifest_that_links_to_dev_zero_is_refused(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).symlink_to("/dev/zero")
    with pytest.raises(PackError, match="is a device"):
        read_pack(tmp_path)


def test_an_oversized_manifest_is_refused(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text(json.dumps({"format": 1, "pad": "x" * 2_000_000}))
    with pytest.raises(PackError, match="larger than 1 MB"):
        read_pack(tmp_path)


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('name = "x"\nproblem = ["text"]', "is not a table"),
        ('name = "x"\nproblem = [1, 2]', "is not a table"),
        ('name = "x"\n[[problem]]\nid = [1]\nquestion = "q"\nanswer = "1"', "the id must"),
        ('name = "x"\ndescription = [1]\n[[problem]]\nquestion = "q"\nanswer = "1"', "text"),
    ],
)
def test_a_problem_set_of_the_wrong_shape_says_what_to_write(toml: str, expected: str) -> None:
    with pytest.raises(ProblemSetError, match=expected):
        parse_problem_set(toml, "set.toml")


def test_a_saved_sweep_that_is_not_an_object_is_a_sweep_file_error(tmp_path: Path) -> None:
    (tmp_path / "sweep.json").write_text("[1, 2]")
    with pytest.raises(SweepFileError, match="not a saved sweep"):
        load_sweep(tmp_path / "sweep.json")


# ----- fuzz: random and mutated documents ---------------------------------------------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=12,
)


def _mutate(data: bytes, edits: list[tuple[int, int]], cut: int) -> bytes:
    blob = bytearray(data)
    for position, value in edits:
        blob[position % len(blob)] = value
    return bytes(blob[: max(cut, 0) or len(blob)])


def _valid_manifest() -> bytes:
    sha = "0" * 64
    return json.dumps(
        {"format": 1, "model": {"file": "m.gguf", "sha256": sha, "size": 1, "repo": "a/b"}}
    ).encode()


def _valid_problem_set() -> bytes:
    return b'name = "N"\ndescription = "d"\n[[problem]]\nid = "a"\nquestion = "q?"\nanswer = "4"\n'


def _valid_sweep() -> bytes:
    problem = {"id": "a", "question": "q", "answer": "4", "kind": "number"}
    cell = {
        "problem_id": "a",
        "budget": "off",
        "answer": "4",
        "thinking": "",
        "extracted": "4",
        "correct": True,
        "thinking_tokens": 0,
        "answer_tokens": 1,
        "injected_tokens": 0,
        "interventions": 0,
        "seconds": 0.1,
        "done_reason": "eos",
    }
    return json.dumps(
        {
            "model_path": "m.gguf",
            "problem_set": "N",
            "problems": [problem],
            "budgets": ["off"],
            "sampling": {},
            "started_at": 0.0,
            "cells": [cell],
        }
    ).encode()


_edits = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=6)
_documents = st.one_of(
    st.binary(max_size=300),
    _json_values.map(lambda v: json.dumps(v).encode()),
    st.text(alphabet='[]{}"\\=#\n ,:ab1.', max_size=300).map(str.encode),
)


def _write(folder: str, name: str, data: bytes) -> Path:
    path = Path(folder) / name
    path.write_bytes(data)
    return path


@FUZZ
@given(
    data=_documents | st.builds(_mutate, st.just(_valid_manifest()), _edits, st.integers(-1, 200))
)
def test_fuzz_pack_manifest(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _write(folder, MANIFEST, data)
        try:
            read_pack(Path(folder))
        except PackError as exc:
            assert str(exc)


@FUZZ
@given(
    data=_documents | st.builds(_mutate, st.just(_valid_problem_set()), _edits, st.integers(-1, 90))
)
def test_fuzz_problem_set(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        try:
            load_problem_set(_write(folder, "set.toml", data))
        except ProblemSetError as exc:
            assert str(exc)


@FUZZ
@given(data=_documents | st.builds(_mutate, st.just(_valid_sweep()), _edits, st.integers(-1, 500)))
def test_fuzz_saved_sweep(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        try:
            load_sweep(_write(folder, "sweep.json", data))
        except SweepFileError as exc:
            assert str(exc)


@pytest.fixture(scope="module")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write_gguf(tmp_path_factory.mktemp("gguf") / "tiny.gguf").read_bytes()


@FUZZ
@given(
    edits=st.lists(st.tuples(st.integers(0, 4096), st.integers(0, 255)), max_size=8),
    cut=st.integers(-1, 4096),
    noise=st.binary(max_size=200),
)
def test_fuzz_gguf_header(
    tiny_gguf: bytes, edits: list[tuple[int, int]], cut: int, noise: bytes
) -> None:
    blob = _mutate(tiny_gguf, edits, cut) if noise[:1] != b"\0" else b"GGUF" + noise
    with tempfile.TemporaryDirectory() as folder:
        try:
            read_header(_write(folder, "m.gguf", blob))
        except GGUFError as exc:
            assert str(exc)
