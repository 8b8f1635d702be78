"""Words that core makes for a person, in a form the window can translate.

Core speaks English (the terminal, the logs, the tests read it as it is), but the window speaks
the person's language, and core never imports Qt. So core marks each sentence it writes for a
person with ``QT_TRANSLATE_NOOP(context, template)``: ``pyside6-lupdate`` finds the marker by
its name and puts the template in the catalogue (``make translations``), and the marker returns
a ``Phrase``: a ``str`` that is the English text, and that remembers its context, its template
and the values ``format`` filled in. The window translates a phrase where it shows it (``shown``
in the window's translations module): it translates the template, then formats it with the
same values, translating any that are phrases themselves ("Thought for {seconds} · {tokens}").

Everything that only wants English uses a phrase as the string it is; concatenation, slicing
and f-strings give plain English strings (the window then shows English, never a broken
translation). A count is phrased in the singular and the plural, each marked
(``tokens_text`` in ``core.trace``): ``QT_TRANSLATE_NOOP`` cannot carry Qt's ``%n`` forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Phrase(str):
    """English text made from a marked ``template`` in ``context``, with the ``args`` it was
    formatted with (None: not formatted, the template is the text). Its repr is the str's, so
    English output that quotes one is unchanged. Never changed once made; pickles (the
    engine's events cross a process boundary with their phrases)."""

    __slots__ = ("args", "context", "template")

    context: str
    template: str
    args: Mapping[str, Any] | None

    def __new__(cls, context: str, template: str, args: Mapping[str, Any] | None = None) -> Phrase:
        text = template if args is None else template.format(**args)
        made = super().__new__(cls, text)
        made.context = context
        made.template = template
        made.args = None if args is None else dict(args)
        return made

    def format(self, *positional: object, **args: Any) -> Phrase:
        """The template with ``args`` filled in (by name only: a translation may reorder)."""
        if positional:
            raise TypeError("a phrase's placeholders are filled in by name")
        return Phrase(self.context, self.template, args)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Phrase, (self.context, self.template, self.args))


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (lupdate looks for it)
    """Marks ``text`` for lupdate in ``context`` and returns it as a ``Phrase`` (English, and
    translatable where it is shown). Typed ``str``, which it is: tables of words stay
    ``dict[str, str]``, and ``format`` keeps it a phrase at run time."""
    return Phrase(context, text)


def phrase_of(value: object) -> Phrase | None:
    """The phrase ``value`` says: itself, or the message of an exception raised with one."""
    if isinstance(value, Phrase):
        return value
    if isinstance(value, BaseException) and len(value.args) == 1:
        first = value.args[0]
        if isinstance(first, Phrase) and str(value) == str.__str__(first):
            return first
    return None


def message_of(error: BaseException) -> str:
    """What ``error`` says to a person: the phrase it was raised with (so the window can
    translate it), else ``str(error)``. For errors that travel on as text (an event)."""
    return phrase_of(error) or str(error)


def phrase_data(value: object) -> dict[str, Any] | None:
    """A phrase as plain JSON data (its context, template and values, a value that is a
    phrase as data of its own), to be kept where the phrase is stored as text; None for
    words that are not a phrase. A value JSON has no type for is kept as its text."""
    if not isinstance(value, Phrase):
        return None
    args = None
    if value.args is not None:
        args = {
            name: phrase_data(arg) if isinstance(arg, Phrase) else _plain(arg)
            for name, arg in value.args.items()
        }
    return {"context": value.context, "template": value.template, "args": args}


def _plain(value: object) -> object:
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


def phrase_from_data(data: object, english: str) -> str:
    """The phrase ``phrase_data`` kept, made again: its English text must be ``english`` (the
    text stored beside it). Anything else (no data, data that does not make that text, from
    a damaged or hand-edited file) gives ``english`` as plain words."""
    try:
        made = _phrase(data)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return english
    return made if made is not None and str.__str__(made) == english else english


def _phrase(data: object) -> Phrase | None:
    if not isinstance(data, dict):
        return None
    raw = data.get("args")
    args = None
    if isinstance(raw, dict):
        args = {name: _phrase(arg) if isinstance(arg, dict) else arg for name, arg in raw.items()}
    elif raw is not None:
        return None
    context, template = data["context"], data["template"]
    if not isinstance(context, str) or not isinstance(template, str):
        return None
    return Phrase(context, template, args)


__all__ = [
    "QT_TRANSLATE_NOOP",
    "Phrase",
    "message_of",
    "phrase_data",
    "phrase_from_data",
    "phrase_of",
]
