"""Core's words for a person: English strings that remember how to be translated
(core/phrases.py)."""

from __future__ import annotations

import json
import pickle
import sqlite3

import pytest

from ponder.core.downloads.errors import NetworkError
from ponder.core.events import ErrorEvent
from ponder.core.phrases import QT_TRANSLATE_NOOP, Phrase, message_of, phrase_of
from ponder.core.trace import tokens_text


def test_a_phrase_is_its_english_text() -> None:
    plain = QT_TRANSLATE_NOOP("Trace", "No thinking")
    assert plain == "No thinking"
    assert isinstance(plain, str)
    filled = QT_TRANSLATE_NOOP("Trace", "Thought for {seconds} · {tokens}").format(
        seconds="1.5 s", tokens=tokens_text(3)
    )
    assert filled == "Thought for 1.5 s · 3 tokens"
    assert f"[{filled}]" == "[Thought for 1.5 s · 3 tokens]"
    assert json.dumps(filled) == '"Thought for 1.5 s \\u00b7 3 tokens"'
    (stored,) = sqlite3.connect(":memory:").execute("select ?", (filled,)).fetchone()
    assert stored == "Thought for 1.5 s · 3 tokens"


def test_a_phrase_remembers_its_template_context_and_values() -> None:
    phrase = phrase_of(tokens_text(40))
    assert phrase is not None
    assert (phrase.context, phrase.template, phrase.args) == (
        "Trace",
        "{count} tokens",
        {"count": 40},
    )
    assert phrase_of(QT_TRANSLATE_NOOP("Trace", "No thinking")).args is None  # type: ignore[union-attr]
    assert phrase_of("plain text") is None
    assert phrase_of(tokens_text(40) + "!") is None  # made into a new, plain string


def test_a_phrase_is_filled_in_by_name_only() -> None:
    with pytest.raises(TypeError, match="by name"):
        QT_TRANSLATE_NOOP("Trace", "{} tokens").format(3)


def test_a_phrase_crosses_a_process_boundary() -> None:
    event = ErrorEvent(QT_TRANSLATE_NOOP("Engine", "No model file at {path}.").format(path="/x"))
    back = pickle.loads(pickle.dumps(event))
    assert back == event
    phrase = phrase_of(back.message)
    assert phrase is not None
    assert phrase.template == "No model file at {path}."
    assert phrase.args == {"path": "/x"}


def test_an_error_raised_with_a_phrase_gives_it_back() -> None:
    error = NetworkError(
        QT_TRANSLATE_NOOP("Downloads", "Could not reach {where}.").format(where="h")
    )
    assert str(error) == "Could not reach h."
    said = message_of(error)
    assert said == "Could not reach h."
    assert isinstance(said, Phrase)
    assert phrase_of(error) is said
    assert message_of(ValueError("bad")) == "bad"
    assert phrase_of(ValueError("bad")) is None


def test_english_that_quotes_a_phrase_is_unchanged() -> None:
    phrase = QT_TRANSLATE_NOOP("Trace", "No thinking")
    assert repr(phrase) == "'No thinking'"
    assert repr(NetworkError(phrase)) == "NetworkError('No thinking')"
