"""Proposes the next tokens from the context itself (prompt lookup decoding).

Reasoning traces repeat what their context already holds: the question's numbers, partial
results, lists that grow by one line at a time. The proposer finds the latest earlier place
where the context's last n tokens occurred (n from ``max_ngram`` down to ``min_ngram``) and
proposes what followed there. Pure Python on token ids: an index from each n-gram to the
position after its latest occurrence is kept up to date as tokens are appended, so a proposal
costs a few dict lookups however long the context is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Proposal:
    """Tokens proposed to come next, and how many context tokens matched where they were
    found (the longer the match, the likelier the model writes them)."""

    tokens: list[int]
    match: int


class PromptLookup:
    """The context's tokens and an index of their n-grams; proposes continuations."""

    MAX_MATCH = 16  # a proposal's match is counted out up to this many tokens

    def __init__(self, *, min_ngram: int = 2, max_ngram: int = 8) -> None:
        if not 1 <= min_ngram <= max_ngram:
            raise ValueError("n-gram sizes must satisfy 1 <= min_ngram <= max_ngram")
        self.min_ngram = min_ngram
        self.max_ngram = max_ngram
        self.tokens: list[int] = []
        # _follows[n - min_ngram][ngram] = the position just after that n-gram's latest
        # occurrence that has a token after it.
        self._follows: list[dict[tuple[int, ...], int]] = [
            {} for _ in range(max_ngram - min_ngram + 1)
        ]

    def __len__(self) -> int:
        return len(self.tokens)

    def extend(self, tokens: Iterable[int]) -> None:
        """Appends tokens to the context, indexing the n-grams they complete."""
        context = self.tokens
        for token in tokens:
            end = len(context)
            for n in range(self.min_ngram, min(self.max_ngram, end) + 1):
                self._follows[n - self.min_ngram][tuple(context[end - n : end])] = end
            context.append(int(token))

    def truncate(self, length: int) -> None:
        """Forgets every token from ``length`` on (the context was rolled back)."""
        if length >= len(self.tokens):
            return
        kept = self.tokens[:length]
        self.tokens = []
        for index in self._follows:
            index.clear()
        self.extend(kept)

    def propose(self, limit: int) -> list[int]:
        """Up to ``limit`` tokens that followed the longest matching n-gram last time."""
        return self.proposal(limit).tokens

    def proposal(self, limit: int) -> Proposal:
        """Up to ``limit`` tokens that followed the longest matching n-gram last time, with
        that n-gram's length (no tokens, match 0: nothing matched).

        A match close to the end continues into its own proposal: after "7, 7, 7" the
        proposal is "7, 7, …", as a repeating pattern would go on.
        """
        context = self.tokens
        length = len(context)
        if limit <= 0:
            return Proposal([], 0)
        for n in range(min(self.max_ngram, length), self.min_ngram - 1, -1):
            start = self._follows[n - self.min_ngram].get(tuple(context[length - n :]))
            if start is None:
                continue
            proposal: list[int] = []
            for position in range(start, start + limit):
                proposal.append(
                    context[position] if position < length else proposal[position - length]
                )
            # The match may be longer than the longest indexed n-gram: count it out.
            match = n
            while (
                match < self.MAX_MATCH
                and start - match - 1 >= 0
                and context[start - match - 1] == context[length - match - 1]
            ):
                match += 1
            return Proposal(proposal, match)
        return Proposal([], 0)
