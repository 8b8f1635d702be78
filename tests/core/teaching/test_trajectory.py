"""Candidate answers in a thinking trace, and where the model changed its mind."""

from __future__ import annotations

from ponder.core.teaching.trajectory import candidates, trajectory

TRACE = (
    "Sam starts with 12 and gives away 5, so 12 - 5 = 7.\n\n"
    "Then he buys 7 more. I get 13. Wait, 7 + 7 is not 13. Let me recheck: 7 + 7 = 14.\n\n"
    "So the answer is \\boxed{14}."
)


def test_candidates_in_order_with_positions() -> None:
    found = candidates(TRACE)
    assert [c.value for c in found] == ["7", "13", "14", "14"]
    for c in found:
        assert TRACE[c.start : c.end] == c.value


def test_changes_of_mind_and_the_doubt_before_them() -> None:
    result = trajectory(TRACE)
    moves = [(m.before.value, m.after.value, m.doubt) for m in result.changes]
    assert moves == [("7", "13", False), ("13", "14", True)]
    assert result.changes[1].position == TRACE.index("14")
    assert result.final is not None and result.final.value == "14"


def test_equal_values_written_differently_are_not_a_change() -> None:
    result = trajectory("The answer is 0.75. Checking again, x = 3/4.")
    assert [c.normalized for c in result.candidates] == ["3/4", "3/4"]
    assert result.changes == ()


def test_yes_no_and_choices() -> None:
    result = trajectory("So the answer is yes. Hmm, actually the answer is no. I get (B).")
    assert [c.normalized for c in result.candidates] == ["yes", "no", "B"]
    assert [m.doubt for m in result.changes] == [True, False]


def test_no_candidates() -> None:
    result = trajectory("Let me think about the apples carefully.")
    assert result.candidates == () and result.changes == () and result.final is None


def test_an_equation_closed_with_a_unit_is_a_candidate() -> None:
    text = "6 x 7 = 42 marbles in total. Then 30 + 12 = 42 apples. But 5 = 5 + 0 is not one."
    assert [c.value for c in candidates(text)] == ["42", "42"]
