"""The real engine (SmolLM2 through llama.cpp in its child process), shared by the sweep tests
of this folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ponder.core.events import LoadedEvent
from ponder.core.request import LoadRequest
from ponder.engine.client import EngineClient


@pytest.fixture(scope="module")
def engine(smollm2_path: Path) -> Iterator[EngineClient]:
    client = EngineClient()
    events = list(client.load(LoadRequest(str(smollm2_path), n_ctx=512, n_threads=2)))
    assert isinstance(events[-1], LoadedEvent), events[-1]
    yield client
    client.close()
