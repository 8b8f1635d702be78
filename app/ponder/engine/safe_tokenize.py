"""Tokenize untrusted text so that it can never become a control token.

llama.cpp matches *user-defined* tokens even when special-token parsing is off, and the R1
distills' ``<think>``/``</think>`` are user-defined tokens: a user who types ``</think>`` would
otherwise close the model's thinking. Here every occurrence of a protected token's text is
split after its first character before tokenizing, so it comes out as ordinary text pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import llama_cpp

_GUARDED_ATTRS = llama_cpp.LLAMA_TOKEN_ATTR_CONTROL | llama_cpp.LLAMA_TOKEN_ATTR_USER_DEFINED


class SafeTokenizer:
    """Text→tokens for a loaded vocab, trusted (template) or untrusted (messages)."""

    def __init__(self, vocab: object, tokenize: Callable[[bytes, bool], list[int]]) -> None:
        self._tokenize = tokenize
        protected: dict[int, str] = {}
        for token in range(llama_cpp.llama_vocab_n_tokens(vocab)):
            attr = llama_cpp.llama_vocab_get_attr(vocab, token)
            if not attr & _GUARDED_ATTRS:
                continue
            text = llama_cpp.llama_vocab_get_text(vocab, token).decode("utf-8", "replace")
            # Control tokens are always guarded; user-defined ones when they look like markup
            # (some vocabularies use user-defined tokens for runs of spaces, which are text).
            if len(text) > 1 and (attr & llama_cpp.LLAMA_TOKEN_ATTR_CONTROL or text[0] == "<"):
                protected[token] = text
        self.protected_ids = frozenset(protected)
        texts = sorted(set(protected.values()), key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, texts))) if texts else None

    def trusted(self, text: str) -> list[int]:
        """Template text: special tokens written in it become special tokens."""
        return self._tokenize(text.encode("utf-8"), True)

    def untrusted(self, text: str) -> list[int]:
        """Message text: markup that names a special token stays plain text."""
        if self._pattern is None:
            return self._tokenize(text.encode("utf-8"), False)
        tokens: list[int] = []
        start = 0
        for match in self._pattern.finditer(text):
            cut = match.start() + 1  # split inside the marker so the tokenizer cannot match it
            tokens += self._tokenize(text[start:cut].encode("utf-8"), False)
            start = cut
        tokens += self._tokenize(text[start:].encode("utf-8"), False)
        forged = self.protected_ids.intersection(tokens)
        if forged:  # pragma: no cover - a tokenizer that merges across our cut
            raise ValueError(f"message text would create control tokens {sorted(forged)}")
        return tokens
