"""What a finished reply says about itself under its answer: which model wrote it, how fast,
how soon the first token came, and why it ended.

Read from the reply's stored generation record (``GenerationRecord``: the model's file and the
engine's ``Stats``), so a reply reloaded tomorrow says the same as it did live. The thinking
chip keeps "Thought for N s · N tokens" (``core.trace``); these are the other figures.
"""

from __future__ import annotations

from ponder.core.events import Stats
from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.servers.reference import shown_model_name

# Why a generation ended (``Stats.stop_reason`` / ``DoneEvent.reason``), in words.
STOP_WORDS: dict[str, str] = {
    "eos": QT_TRANSLATE_NOOP("ReplyDetails", "finished"),
    "max_tokens": QT_TRANSLATE_NOOP("ReplyDetails", "token limit reached"),
    "context_full": QT_TRANSLATE_NOOP("ReplyDetails", "context full"),
    "cancelled": QT_TRANSLATE_NOOP("ReplyDetails", "stopped by you"),
    "error": QT_TRANSLATE_NOOP("ReplyDetails", "failed"),
}


def model_name(model_path: str | None) -> str:
    """The model's file name without ``.gguf`` (the name people know it by), or a server
    model's name and server (``core.servers.reference.shown_model_name``); '' when none."""
    return shown_model_name(model_path)


def stop_words(reason: str | None) -> str:
    """Why the reply ended, for a person ('' when unknown)."""
    if not reason:
        return ""
    return STOP_WORDS.get(reason, reason.replace("_", " "))


def speed_parts(stats: Stats | None, done_reason: str | None = None) -> list[str]:
    """The figures under a reply: "24.1 tok/s", "drafts kept 75%" (when speculative
    decoding drafted), "first token 0.35 s", "finished".

    A figure that was not measured (no tokens, an older record) is left out, never shown as 0.
    """
    parts: list[str] = []
    if stats is not None:
        if stats.generated_tokens and stats.decode_tokens_per_s > 0:
            parts.append(
                QT_TRANSLATE_NOOP("ReplyDetails", "{speed:.1f} tok/s").format(
                    speed=stats.decode_tokens_per_s
                )
            )
        if stats.acceptance_rate is not None:
            parts.append(
                QT_TRANSLATE_NOOP("ReplyDetails", "drafts kept {rate:.0%}").format(
                    rate=stats.acceptance_rate
                )
            )
        if stats.first_token_s is not None:
            parts.append(
                QT_TRANSLATE_NOOP("ReplyDetails", "first token {seconds:.2f} s").format(
                    seconds=stats.first_token_s
                )
            )
    reason = (stats.stop_reason if stats is not None else "") or done_reason
    if words := stop_words(reason):
        parts.append(words)
    return parts


def draft_model_share(stats: Stats | None) -> str | None:
    """The draft model's part of the drafts ("draft model: 40 of 52 kept"), or None when no
    draft model drafted (the context lookup's drafts are ``speed_parts``' "drafts kept")."""
    if stats is None or stats.model_drafted_tokens <= 0:
        return None
    return QT_TRANSLATE_NOOP(
        "ReplyDetails", "draft model: {accepted:,} of {drafted:,} kept"
    ).format(accepted=stats.model_accepted_tokens, drafted=stats.model_drafted_tokens)


__all__ = ["STOP_WORDS", "draft_model_share", "model_name", "speed_parts", "stop_words"]
