"""What the conversation store hands back: plain, frozen records, and the store's errors."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from ponder.core.events import Stats
from ponder.core.phrases import phrase_data, phrase_from_data
from ponder.core.request import Message, Role, Sampling, ThinkingControl

# streaming: being written now (or the app died while writing it: see "interrupted").
# interrupted: found still "streaming" when the database was opened after a crash; the text
# is what reached the disk.
MessageStatus = Literal["streaming", "complete", "cancelled", "error", "interrupted"]


class StorageError(Exception):
    """The conversation database could not be opened, read or written.

    The message is written for the user: what happened and what to do next.
    """


class NotFoundError(StorageError, LookupError):
    """A conversation or message id that is not in the database (deleted, or never was)."""


@dataclass(frozen=True, slots=True)
class Conversation:
    """One conversation's header. Times are Unix seconds."""

    id: int
    title: str
    created_at: float
    updated_at: float
    model_id: str | None
    model_path: str | None
    model_sha256: str | None
    archived: bool
    active_leaf_id: int | None


@dataclass(frozen=True, slots=True)
class ConversationSettings:
    """What one conversation asks of every turn: its system prompt, sampling that overrides
    the app's (None: the app's, or the model family's recommendation), and whether earlier
    turns' thinking goes back to the model (off by default, as the families recommend)."""

    system_prompt: str = ""
    temperature: float | None = None
    top_p: float | None = None
    seed: int | None = None
    past_reasoning: bool = False

    def __post_init__(self) -> None:
        if self.temperature is not None and not 0.0 <= self.temperature <= 5.0:
            raise ValueError("the temperature must be between 0 and 5")
        if self.top_p is not None and not 0.0 < self.top_p <= 1.0:
            raise ValueError("top-p must be above 0 and at most 1")
        if self.seed is not None and not 0 <= self.seed < 2**32:
            raise ValueError("the seed must be a whole number from 0 to 4294967295")

    def sampling(self, base: Sampling) -> Sampling:
        """``base`` with this conversation's choices in place of the ones it makes."""
        return dataclasses.replace(
            base,
            temperature=base.temperature if self.temperature is None else self.temperature,
            top_p=base.top_p if self.top_p is None else self.top_p,
            seed=base.seed if self.seed is None else self.seed,
        )


@dataclass(frozen=True, slots=True)
class StoredIntervention:
    """Text Ponder injected into a reply's thinking (see ``InterventionEvent``).

    ``offset`` is where ``visible`` starts in the message's ``thinking`` text, counted in
    Python characters (code points; Qt counts UTF-16 units, so convert for astral characters).
    ``thinking[offset : offset + len(visible)] == visible``.
    """

    id: int
    message_id: int
    reason: str
    text: str
    visible: str
    position: int
    tokens: int
    offset: int

    @property
    def end(self) -> int:
        return self.offset + len(self.visible)


@dataclass(frozen=True, slots=True)
class GenerationRecord:
    """What produced one reply: model, controls, seed and the measured figures.

    ``seed`` is the one the engine reported (``Stats.seed``) when it did, else the requested
    one. ``stats`` is None until the generation sent its figures (or if it never did).
    """

    message_id: int
    model_sha256: str | None
    model_path: str | None
    thinking: ThinkingControl
    sampling: Sampling
    seed: int | None
    max_tokens: int | None
    system_prompt: str | None
    stats: Stats | None
    done_reason: str | None
    started_at: float
    finished_at: float | None
    # Whether earlier turns' thinking went back to the model (``GenerateRequest.past_reasoning``).
    past_reasoning: bool = False


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """One message as stored. For an assistant message ``content`` is the answer.

    For a message still streaming, ``content`` and ``thinking`` are what has been committed
    so far. ``interventions`` are in the order they happened.
    """

    id: int
    conversation_id: int
    parent_id: int | None
    role: Role
    content: str
    thinking: str
    status: MessageStatus
    error: str | None
    error_kind: str | None
    created_at: float
    interventions: tuple[StoredIntervention, ...] = ()
    generation: GenerationRecord | None = None

    def to_request_message(self) -> Message:
        """The message as the engine takes it (its thinking is kept but never sent back)."""
        return Message(self.role, self.content, self.thinking)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A conversation that matches a search. ``message_id`` and ``snippet`` point at the
    best-matching message, or are None and "" when only the title matched."""

    conversation: Conversation
    message_id: int | None
    snippet: str


_Record = TypeVar("_Record", ThinkingControl, Sampling, Stats)


def to_json(value: ThinkingControl | Sampling | Stats) -> str:
    """A dataclass as compact JSON, for the generation record."""
    return json.dumps(dataclasses.asdict(value), separators=(",", ":"), sort_keys=True)


def phrases_json(texts: Sequence[str]) -> str | None:
    """The phrases among ``texts`` as JSON (a list, null where a text is not a phrase), to be
    stored beside the texts; None when none is a phrase."""
    data = [phrase_data(text) for text in texts]
    if not any(data):
        return None
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def with_phrases(texts: Sequence[str], stored: str | None) -> list[str]:
    """``texts`` read back, each made a phrase again where ``phrases_json`` kept one (a
    damaged or mismatched record leaves the English text)."""
    try:
        data = json.loads(stored) if stored else None
    except ValueError:
        data = None
    if not isinstance(data, list) or len(data) != len(texts):
        return list(texts)
    return [phrase_from_data(item, text) for item, text in zip(data, texts, strict=True)]


def from_json(cls: type[_Record], text: str | None) -> _Record | None:
    """Rebuilds ``cls`` from ``to_json`` output, ignoring keys ``cls`` no longer has."""
    if not text:
        return None
    data: dict[str, Any] = json.loads(text)
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{key: value for key, value in data.items() if key in names})
