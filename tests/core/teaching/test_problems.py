"""Problem sets (bundled and a teacher's own files) and the final-answer checker."""

from __future__ import annotations

from pathlib import Path

import pytest

from ponder.core.teaching.answer_check import boxed_contents, check, extract_answer, guess_kind
from ponder.core.teaching.problems import (
    ProblemSetError,
    bundled_set_names,
    load_problem_set,
    parse_problem_set,
)


def test_every_bundled_set_loads_with_8_to_15_problems_that_check_their_own_keys() -> None:
    names = bundled_set_names()
    assert set(names) >= {"arithmetic", "letters", "decimals", "logic", "algebra"}
    for name in names:
        problems = load_problem_set(name)
        assert 8 <= len(problems.problems) <= 15, name
        for problem in problems.problems:
            # The key written as a model would box it is judged correct, a wrong one is not.
            assert problem.check(f"So the answer is \\boxed{{{problem.answer}}}.").correct
            assert not problem.check("\\boxed{zebra 999}").correct, problem.id


@pytest.mark.parametrize(
    ("text", "key", "extracted", "correct"),
    [
        ("The answer is \\boxed{\\frac{3}{4}}.", "0.75", "\\frac{3}{4}", True),
        ("x = 0.75", "3/4", "0.75", True),
        ("Total: 1,000.0 apples", "1000", "1,000.0", True),
        ("First 12, then 14.", "14", "14", True),
        ("First 14, then 12.", "14", "12", False),
        ("\\boxed{x = {5}} and later 7", "5", "x = {5}", True),
        ("It is 9.9, larger than 9.11.", "9.9", "9.11", False),
        ("I think the answer is (C) Carl.", "C", "C", True),
        ("Answer: b", "B", "B", True),
        ("A is taller than B.", "C", "B", False),
        ("The answer is a number.", "A", None, False),
        ("ANSWER is D", "D", "D", True),
        ("Yes... no, it cannot be.", "no", "no", True),
        ("YES", "yes", "yes", True),
        ("Minus five: -5", "-5", "-5", True),
        ("nothing here", "3", None, False),
    ],
)
def test_check(text: str, key: str, extracted: str | None, correct: bool) -> None:
    result = check(text, key)
    assert (result.extracted, result.correct) == (extracted, correct)


def test_boxed_keeps_nested_braces_and_skips_a_bare_boxed() -> None:
    assert boxed_contents("\\boxed \\boxed{a{b}c} \\boxed{2}") == ["a{b}c", "2"]
    assert boxed_contents("\\boxed{unclosed {") == []


def test_guess_kind_and_extract_by_kind() -> None:
    assert [guess_kind(k) for k in ("12.5", "3/4", "B", "No", "Paris")] == [
        "number",
        "number",
        "choice",
        "yesno",
        "text",
    ]
    assert extract_answer("Paris is the capital.\nParis", "text") == "Paris"
    assert check("The capital is Paris.", "paris").correct


def test_a_teachers_own_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'name = "Mine"\n[[problem]]\nquestion = "2+2?"\nanswer = 4\n'
        '[[problem]]\nid = "q"\nquestion = "Capital of France?"\nanswer = "Paris"\n',
        encoding="utf-8",
    )
    problems = load_problem_set(path)
    assert [(p.id, p.answer, p.kind) for p in problems.problems] == [
        ("1", "4", "number"),
        ("q", "Paris", "text"),
    ]
    assert problems.source == str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name = ", "not a valid problem-set file"),
        ('[[problem]]\nquestion = "a"\nanswer = "1"', "add a name"),
        ('name = "x"', "has no problems"),
        ('name = "x"\n[[problem]]\nanswer = "1"', "problem 1: the question is missing"),
        ('name = "x"\n[[problem]]\nquestion = "q"', "the answer is missing"),
        ('name = "x"\n[[problem]]\nquestion = "q"\nanswer = "1"\nkind = "essay"', "kind must be"),
        (
            'name = "x"\n[[problem]]\nid = "a"\nquestion = "q"\nanswer = "1"\n'
            '[[problem]]\nid = "a"\nquestion = "r"\nanswer = "2"',
            "used twice",
        ),
    ],
)
def test_malformed_files_say_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(ProblemSetError, match=message):
        parse_problem_set(text, "lesson.toml")


def test_missing_file_and_unknown_set(tmp_path: Path) -> None:
    with pytest.raises(ProblemSetError, match="no problem-set file"):
        load_problem_set(tmp_path / "gone.toml")
    with pytest.raises(ProblemSetError, match="Bundled sets: algebra"):
        load_problem_set("chemistry")
