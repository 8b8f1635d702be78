"""The prompt-lookup proposer: what followed the latest earlier occurrence of the last n-gram."""

from __future__ import annotations

import pytest

from ponder.engine.speculation.prompt_lookup import PromptLookup


def lookup(tokens: list[int], **sizes: int) -> PromptLookup:
    proposer = PromptLookup(**sizes)
    proposer.extend(tokens)
    return proposer


def test_proposes_what_followed_the_latest_earlier_occurrence() -> None:
    # "1 2 3 4 ... 1 2 9 ... 1 2": the latest "1 2" was followed by 9.
    proposer = lookup([1, 2, 3, 4, 1, 2, 9, 8, 7, 1, 2])
    assert proposer.propose(3) == [9, 8, 7]


def test_the_longest_matching_ngram_wins() -> None:
    # "5 1 2" was followed by 3 and "1 2" (alone, later) by 7: the longer match is trusted.
    proposer = lookup([5, 1, 2, 3, 6, 1, 2, 7, 0, 5, 1, 2], min_ngram=2, max_ngram=3)
    assert proposer.propose(1) == [3]


def test_no_match_no_proposal_and_no_room_no_proposal() -> None:
    assert lookup([1, 2, 3, 4]).propose(4) == []
    assert lookup([1, 2, 1, 2]).propose(0) == []


def test_a_repeating_pattern_continues_into_its_own_proposal() -> None:
    proposer = lookup([7, 7, 7, 7])
    assert proposer.propose(5) == [7, 7, 7, 7, 7]
    assert lookup([1, 2, 3, 1, 2, 3, 1, 2]).propose(5) == [3, 1, 2, 3, 1]


def test_truncate_forgets_the_rolled_back_tokens() -> None:
    proposer = lookup([1, 2, 3, 4, 1, 2])
    assert proposer.propose(2) == [3, 4]
    proposer.truncate(2)  # only "1 2" is left: no earlier occurrence
    assert proposer.tokens == [1, 2]
    assert proposer.propose(2) == []
    proposer.extend([5, 1, 2])
    assert proposer.propose(2) == [5, 1]


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(ValueError):
        PromptLookup(min_ngram=0)
    with pytest.raises(ValueError):
        PromptLookup(min_ngram=3, max_ngram=2)


def test_a_proposal_says_how_long_its_context_match_is() -> None:
    # "1 2 3" matches 3 tokens back (the 2-gram index finds it, the match is counted out).
    proposer = lookup([1, 2, 3, 7, 9, 1, 2, 3], min_ngram=2, max_ngram=2)
    proposal = proposer.proposal(2)
    assert (proposal.tokens, proposal.match) == ([7, 9], 3)
    # A longer repeat counts further, up to MAX_MATCH.
    long = list(range(40))
    proposal = lookup([*long, 99, *long]).proposal(1)
    assert proposal.match == PromptLookup.MAX_MATCH
    assert lookup([1, 2, 3]).proposal(4).match == 0
