"""A draft model: a smaller model with the same tokenizer that proposes the next tokens.

Lives in the engine's child process beside the model (``engine/session.py`` loads both). Where
the context has nothing to propose (no earlier occurrence of its last tokens), the draft model
writes a few tokens greedily; the model then verifies them in one batch like any other drafts
(``speculator.py``), so the output is the model's own whatever the draft model proposes.

The draft model keeps its own KV cache of the context: before each proposal it compares what
it has evaluated with the context (which may have grown by the tokens kept, or been rolled back
by a refused end of thinking or a new turn) and evaluates only what differs. It stops at a
token it is unsure of (``stop``) and never proposes a token the model's vocabulary lacks.

Like generation.py this reads the logits through ``Llama``'s private ``_ctx``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import llama_cpp
import numpy as np


@dataclass(frozen=True, slots=True)
class DraftedTokens:
    """Tokens the draft model proposes, each with its probability of that token (the draft
    model's confidence), and how many context tokens it had to evaluate first."""

    tokens: list[int]
    confidences: list[float]
    caught_up: int


class DraftModel:
    """A loaded draft model and the context it has evaluated."""

    def __init__(self, llm: llama_cpp.Llama, target_vocab: int) -> None:
        self.llm = llm
        self.path = llm.model_path
        self._n_vocab = llm.n_vocab()
        # A token id the model does not have can never be kept (and must not reach it).
        self._usable_vocab = min(self._n_vocab, target_vocab)
        self._ctx = llm._ctx
        self.evaluations = 0  # llama_decode calls, for the stats and the tests

    def propose(
        self, context: Sequence[int], limit: int, stop: Callable[[float], bool]
    ) -> DraftedTokens:
        """Up to ``limit`` tokens to follow ``context`` (the model's whole context, ending
        with the token about to be evaluated), drafted greedily; drafting ends at the first
        token ``stop(confidence)`` says not to draft."""
        caught_up = self._catch_up(context)
        if caught_up < 0 or limit <= 0:
            return DraftedTokens([], [], max(0, caught_up))
        tokens: list[int] = []
        confidences: list[float] = []
        room = self.llm.n_ctx() - self.llm.n_tokens
        for index in range(min(limit, room)):
            token, confidence = self._most_likely()
            if token >= self._usable_vocab or self.llm.token_eos() == token or stop(confidence):
                break
            tokens.append(token)
            confidences.append(confidence)
            if index + 1 < min(limit, room):
                self._eval([token])  # its logits propose the next one
        return DraftedTokens(tokens, confidences, caught_up)

    def _catch_up(self, context: Sequence[int]) -> int:
        """Evaluates what of ``context`` the draft model has not (dropping what differs);
        returns the number of tokens evaluated, -1 when the context does not fit."""
        llm = self.llm
        if not context or len(context) > llm.n_ctx():
            return -1
        known = llm.n_tokens
        same = 0
        ids = llm.input_ids
        limit = min(known, len(context))
        while same < limit and ids[same] == context[same]:
            same += 1
        if same == len(context):
            # Everything is evaluated, but the logits must be those after the last token.
            same -= 1
        llm.n_tokens = same
        rest = list(context[same:])
        self._eval(rest)
        return len(rest)

    def _eval(self, tokens: list[int]) -> None:
        self.llm.eval(tokens)  # drops whatever was cached from n_tokens on first
        self.evaluations += math.ceil(len(tokens) / self.llm.n_batch)

    def _most_likely(self) -> tuple[int, float]:
        """The draft model's most likely next token and its probability."""
        logits = np.ctypeslib.as_array(self._ctx.get_logits_ith(-1), shape=(self._n_vocab,))
        token = int(np.argmax(logits))
        top = float(logits[token])
        total = float(np.exp(logits - top, dtype=np.float64).sum())
        return token, 1.0 / total if total > 0 and math.isfinite(total) else 0.0

    def close(self) -> None:
        self.llm.close()
