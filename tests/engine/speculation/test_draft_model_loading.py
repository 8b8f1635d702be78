"""A draft model that cannot be used never stops the model: it loads without one and says why.

Real engine processes on the real SmolLM2 GGUF; the unusable draft models are a tiny model with
another tokenizer (written with the ``gguf`` package), a file that is not a GGUF, a missing
file. And the draft model's own KV cache follows the context: it evaluates only what changed.
"""

from __future__ import annotations

from pathlib import Path

import llama_cpp
import pytest

from gguf_fixtures import write_gguf
from ponder.core.events import ErrorEvent, LoadedEvent, StatsEvent
from ponder.core.request import GenerateRequest, LoadRequest, Message, Sampling, ThinkingControl
from ponder.engine.client import EngineClient
from ponder.engine.speculation.draft_model import DraftModel

pytestmark = pytest.mark.model


def _load(model: Path, draft: Path, *, speculate: bool = True) -> tuple[EngineClient, LoadedEvent]:
    client = EngineClient()
    events = list(
        client.load(
            LoadRequest(
                str(model),
                n_ctx=1024,
                n_threads=2,
                speculate=speculate,
                draft_eagerly=True,
                draft_model_path=str(draft),
            )
        )
    )
    assert not any(isinstance(e, ErrorEvent) for e in events), events
    loaded = events[-1]
    assert isinstance(loaded, LoadedEvent)
    return client, loaded


def _answers(client: EngineClient) -> None:
    request = GenerateRequest(
        messages=(Message("user", "Count from one to five."),),
        thinking=ThinkingControl(budget=0),
        sampling=Sampling(temperature=0.0, seed=1),
        max_tokens=16,
    )
    events = list(client.generate(request))
    stats = next(e.stats for e in events if isinstance(e, StatsEvent))
    assert stats.generated_tokens > 0 and stats.model_drafted_tokens == 0


@pytest.mark.parametrize("kind", ["other tokenizer", "not a gguf", "missing"])
def test_an_unusable_draft_model_is_named_and_the_model_loads_without_it(
    smollm2_path: Path, tmp_path: Path, kind: str
) -> None:
    draft = tmp_path / "draft.gguf"
    if kind == "other tokenizer":
        write_gguf(draft, n_layers=1)  # a tiny model with a 263-token vocabulary
    elif kind == "not a gguf":
        draft.write_bytes(b"<html>Not found</html>" * 100)
    client, loaded = _load(smollm2_path, draft)
    try:
        assert loaded.draft_model is None
        assert loaded.draft_problem is not None and "draft.gguf" in loaded.draft_problem
        if kind == "other tokenizer":
            assert "tokenizer" in loaded.draft_problem
        _answers(client)
    finally:
        client.close()


def test_no_draft_model_is_loaded_when_not_speculating(
    smollm2_path: Path, smollm2_cut_path: Path
) -> None:
    client, loaded = _load(smollm2_path, smollm2_cut_path, speculate=False)
    try:
        assert loaded.draft_model is None and loaded.draft_problem is None
        _answers(client)
    finally:
        client.close()


def test_the_draft_model_evaluates_only_what_changed_in_the_context(
    smollm2_cut_path: Path,
) -> None:
    llm = llama_cpp.Llama(str(smollm2_cut_path), n_ctx=512, n_threads=2, verbose=False)
    draft = DraftModel(llm, target_vocab=llm.n_vocab())
    never_stop = lambda _confidence: False  # noqa: E731
    try:
        context = llm.tokenize(b"One, two, three, four, five, six", add_bos=False)
        first = draft.propose(context, 4, never_stop)
        assert first.caught_up == len(context) and len(first.tokens) == 4
        assert all(0.0 < c <= 1.0 for c in first.confidences)
        # Two of its tokens were kept, then the model wrote another: only that one is new
        # (the two kept were evaluated while drafting).
        grown = [*context, *first.tokens[:2], first.tokens[2] + 1]
        assert draft.propose(grown, 3, never_stop).caught_up == 1
        # Rolled back into the context (a refused end of thinking): nothing to evaluate but
        # the last token again, for its logits.
        assert draft.propose(context[:-2], 2, never_stop).caught_up == 1
        # The proposal is what the draft model alone writes greedily from that context.
        again = draft.propose(context, 4, never_stop)
        assert again.tokens == first.tokens
        # It stops where told to.
        assert draft.propose(context, 4, lambda _confidence: True).tokens == []
    finally:
        llm.close()
