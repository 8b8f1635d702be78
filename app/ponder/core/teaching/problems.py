"""Problem sets for lessons: the bundled offline sets and a teacher's own files.

A problem set is a TOML file::

    name = "Arithmetic word problems"          # shown to the class
    description = "One number as the answer."  # optional

    [[problem]]
    id = "apples"                               # optional; default: its number, "1", "2", …
    question = "Sam has 12 apples. …"
    answer = "14"                               # the key: a number, 3/4, a letter, yes/no, text
    kind = "number"                             # optional: number | choice | yesno | text

The bundled sets live in ``resources/problems`` and ship with Ponder (``ponder.core.bundled``
finds them), so they work offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from ponder.core.bounded_files import UnreadableFileError, parse_toml, read_bounded_text
from ponder.core.bundled import bundled_path
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.teaching.answer_check import AnswerKind, CheckResult, check, guess_kind

PROBLEM_SET_MAX_BYTES = 4 * 1024 * 1024  # thousands of problems; a lesson holds a few dozen


class ProblemSetError(ValueError):
    """A problem-set file that cannot be used; the message says where and how to fix it."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One question with its answer key."""

    id: str
    question: str
    answer: str
    kind: AnswerKind

    def check(self, answer_text: str) -> CheckResult:
        """Judges a model's answer text against this problem's key."""
        return check(answer_text, self.answer, self.kind)


@dataclass(frozen=True, slots=True)
class ProblemSet:
    """A named list of problems. ``source``: the file it came from, or ``bundled:NAME``."""

    name: str
    description: str
    problems: tuple[Problem, ...]
    source: str


def _bundled_dir() -> Path:
    return bundled_path("resources/problems")


def bundled_set_names() -> list[str]:
    """The names of the bundled sets (file stems: ``arithmetic``, ``letters``, …), sorted."""
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in _bundled_dir().iterdir()
        if entry.name.endswith(".toml")
    )


def parse_problem_set(text: str, source: str) -> ProblemSet:
    """A problem set from TOML text; ``source`` names it in error messages."""
    try:
        data = parse_toml(text, source)
    except UnreadableFileError as exc:
        raise ProblemSetError(
            QT_TRANSLATE_NOOP(
                "ProblemSets",
                "{source} is not a valid problem-set file: {exc} Check the TOML syntax "
                '(strings in double quotes, each problem under a "[[problem]]" line).',
            ).format(source=source, exc=exc)
        ) from None
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ProblemSetError(
            QT_TRANSLATE_NOOP(
                "ProblemSets",
                '{source}: add a name at the top, for example name = "Fractions".',
            ).format(source=source)
        )
    raw_problems = data.get("problem")
    if not isinstance(raw_problems, list) or not raw_problems:
        raise ProblemSetError(
            QT_TRANSLATE_NOOP(
                "ProblemSets",
                '{source} has no problems: add at least one "[[problem]]" table with a '
                "question and an answer.",
            ).format(source=source)
        )
    problems: list[Problem] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_problems, start=1):
        where = QT_TRANSLATE_NOOP("ProblemSets", "{source}, problem {number}").format(
            source=source, number=number
        )
        if not isinstance(raw, dict):
            raise ProblemSetError(
                QT_TRANSLATE_NOOP(
                    "ProblemSets",
                    "{where} is not a table: write each problem under its own "
                    '"[[problem]]" line with question = "…" and answer = "…".',
                ).format(where=where)
            )
        question, answer = raw.get("question"), raw.get("answer")
        if not isinstance(question, str) or not question.strip():
            raise ProblemSetError(
                QT_TRANSLATE_NOOP(
                    "ProblemSets",
                    '{where}: the question is missing; add question = "…".',
                ).format(where=where)
            )
        if isinstance(answer, int | float) and not isinstance(answer, bool):
            answer = str(answer)
        if not isinstance(answer, str) or not answer.strip():
            raise ProblemSetError(
                QT_TRANSLATE_NOOP(
                    "ProblemSets",
                    '{where}: the answer is missing; add answer = "…".',
                ).format(where=where)
            )
        kind = raw.get("kind", guess_kind(answer))
        if kind not in get_args(AnswerKind):
            raise ProblemSetError(
                QT_TRANSLATE_NOOP(
                    "ProblemSets",
                    "{where}: kind must be one of {kinds}, not {kind!r}.",
                ).format(where=where, kinds=", ".join(get_args(AnswerKind)), kind=kind)
            )
        problem_id = raw.get("id", number)
        if not isinstance(problem_id, str | int) or isinstance(problem_id, bool):
            raise ProblemSetError(
                QT_TRANSLATE_NOOP(
                    "ProblemSets",
                    '{where}: the id must be a word or a number, like id = "q1".',
                ).format(where=where)
            )
        problem_id = str(problem_id)
        if problem_id in seen:
            raise ProblemSetError(
                QT_TRANSLATE_NOOP(
                    "ProblemSets",
                    "{where}: the id {problem_id!r} is used twice; make it unique.",
                ).format(where=where, problem_id=problem_id)
            )
        seen.add(problem_id)
        problems.append(Problem(problem_id, question.strip(), answer.strip(), kind))
    description = data.get("description", "")
    if not isinstance(description, str):
        raise ProblemSetError(
            QT_TRANSLATE_NOOP(
                "ProblemSets",
                '{source}: the description must be text, description = "…".',
            ).format(source=source)
        )
    return ProblemSet(name.strip(), description, tuple(problems), source)


def load_problem_set(name_or_path: str | Path) -> ProblemSet:
    """A bundled set by name (``arithmetic``) or a teacher's own file by path."""
    path = Path(name_or_path).expanduser()
    if path.suffix == ".toml" or path.exists():
        try:
            text = read_bounded_text(path, PROBLEM_SET_MAX_BYTES)
        except FileNotFoundError:
            raise ProblemSetError(
                QT_TRANSLATE_NOOP(
                    "ProblemSets",
                    "There is no problem-set file at {path}.",
                ).format(path=path)
            ) from None
        except (OSError, UnreadableFileError) as exc:
            raise ProblemSetError(
                QT_TRANSLATE_NOOP(
                    "ProblemSets",
                    "Could not read the problem-set file {path}: {exc}.",
                ).format(path=path, exc=exc)
            ) from None
        return parse_problem_set(text, str(path))
    name = str(name_or_path)
    if name not in bundled_set_names():
        raise ProblemSetError(
            QT_TRANSLATE_NOOP(
                "ProblemSets",
                "There is no bundled problem set called {name!r}. Bundled sets: {names}; "
                "or give the path of your own .toml file.",
            ).format(name=name, names=", ".join(bundled_set_names()))
        )
    text = (_bundled_dir() / f"{name}.toml").read_text(encoding="utf-8")
    return parse_problem_set(text, f"bundled:{name}")


def single_problem(question: str, answer: str | None = None) -> ProblemSet:
    """A one-question set for a sweep of a typed prompt; without a key nothing is judged."""
    kind = guess_kind(answer) if answer else "text"
    problem = Problem("prompt", question, answer or "", kind)
    return ProblemSet("Your question", "", (problem,), "prompt")
