"""A draft model for speculative decoding: which installed file pairs with a model, and whether
the two tokenizers agree.

A draft model proposes token ids that the model then verifies, so both must mean the same text
by the same id. ``tokenizer_mismatch`` reads that from the two GGUF headers by llama.cpp's own
rules for a draft model (``common_speculative_are_compatible`` in llama.cpp's
common/speculative.cpp): the same kind of tokenizer, the same beginning- and end-of-text tokens
and whether they are added, vocabularies at most 128 tokens apart in size, and the same text
for every token from id 5 up to the end of the shorter vocabulary (the first few ids are
special tokens that conversions number differently). A mismatch is not a safety problem for
the output (the model verifies every drafted token), but a draft that speaks another
vocabulary is never accepted, and an id past the model's vocabulary cannot be evaluated.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ponder.core.gguf.header import GGUFHeader
from ponder.core.models.catalog import Catalog, CatalogEntry
from ponder.core.models.store import InstalledModel, find_installed
from ponder.core.phrases import QT_TRANSLATE_NOOP

# llama.cpp's SPEC_VOCAB_MAX_SIZE_DIFFERENCE and SPEC_VOCAB_CHECK_START_TOKEN_ID.
MAX_VOCAB_SIZE_DIFFERENCE = 128
FIRST_COMPARED_TOKEN = 5
# A token's text in a sentence is cut to this many characters.
_SHOWN_TOKEN_CHARS = 24

_TOKENIZER = "tokenizer.ggml.model"
_TOKENS = "tokenizer.ggml.tokens"
# The special-token settings llama.cpp compares, each with the words a sentence uses for it.
_SPECIAL_KEYS: tuple[tuple[str, str], ...] = (
    (
        "tokenizer.ggml.bos_token_id",
        QT_TRANSLATE_NOOP("DraftModel", "the beginning-of-text token"),
    ),
    ("tokenizer.ggml.eos_token_id", QT_TRANSLATE_NOOP("DraftModel", "the end-of-text token")),
    (
        "tokenizer.ggml.add_bos_token",
        QT_TRANSLATE_NOOP("DraftModel", "whether a beginning-of-text token is added"),
    ),
    (
        "tokenizer.ggml.add_eos_token",
        QT_TRANSLATE_NOOP("DraftModel", "whether an end-of-text token is added"),
    ),
)


def tokenizer_mismatch(target: GGUFHeader, draft: GGUFHeader) -> str | None:
    """How ``draft``'s tokenizer differs from ``target``'s, as a clause for a sentence ("token
    9,001 is “ Paris” in the model but “ paris” in the draft model"), or None when the draft
    model can draft for the target.

    A setting one file states and the other leaves to llama.cpp's default counts as a
    difference: the default depends on the tokenizer's details, and being strict costs only
    the draft model, never the output. Comparing 150,000 tokens takes milliseconds (one list
    comparison; the index of the first difference is looked for only when there is one).
    """
    target_meta, draft_meta = target.metadata, draft.metadata
    target_kind, draft_kind = target_meta.get(_TOKENIZER), draft_meta.get(_TOKENIZER)
    if target_kind != draft_kind:
        return QT_TRANSLATE_NOOP(
            "DraftModel",
            "the draft model has another kind of tokenizer ({draft}, the model {target})",
        ).format(draft=_shown(draft_kind), target=_shown(target_kind))
    for key, words in _SPECIAL_KEYS:
        if target_meta.get(key) != draft_meta.get(key):
            return QT_TRANSLATE_NOOP(
                "DraftModel",
                "{setting} differs ({draft} in the draft model, {target} in the model)",
            ).format(
                setting=words,
                draft=_shown(draft_meta.get(key)),
                target=_shown(target_meta.get(key)),
            )
    target_tokens, draft_tokens = _tokens(target_meta), _tokens(draft_meta)
    if not target_tokens or not draft_tokens:
        return QT_TRANSLATE_NOOP("DraftModel", "a file has no vocabulary to compare")
    if abs(len(target_tokens) - len(draft_tokens)) > MAX_VOCAB_SIZE_DIFFERENCE:
        return QT_TRANSLATE_NOOP(
            "DraftModel",
            "the draft model has {draft:,} tokens and the model {target:,}, more than "
            "{limit} apart",
        ).format(
            draft=len(draft_tokens), target=len(target_tokens), limit=MAX_VOCAB_SIZE_DIFFERENCE
        )
    end = min(len(target_tokens), len(draft_tokens))
    if target_tokens[FIRST_COMPARED_TOKEN:end] == draft_tokens[FIRST_COMPARED_TOKEN:end]:
        return None
    index = next(i for i in range(FIRST_COMPARED_TOKEN, end) if target_tokens[i] != draft_tokens[i])
    return QT_TRANSLATE_NOOP(
        "DraftModel", "token {index:,} is “{draft}” in the draft model but “{target}” in the model"
    ).format(
        index=index,
        draft=_token_text(draft_tokens[index]),
        target=_token_text(target_tokens[index]),
    )


def installed_draft(
    catalog: Catalog, entry: CatalogEntry, installed: Iterable[InstalledModel]
) -> tuple[CatalogEntry, Path] | None:
    """The catalog's draft model for ``entry`` and its file among ``installed`` (the models
    folder's scan): its default quant first, then the others in catalog order; None when the
    entry has no pair or none of the pair's files is installed."""
    if entry.draft is None:
        return None
    draft = catalog.get(entry.draft)
    models = tuple(installed)
    default = draft.quant()
    for quant in (default, *(q for q in draft.quants if q != default)):
        model = find_installed(models, draft, quant)
        if model is not None:
            return draft, model.path
    return None


def _tokens(metadata: dict[str, Any]) -> list[Any]:
    tokens = metadata.get(_TOKENS)
    return tokens if isinstance(tokens, list) else []


def _shown(value: Any) -> str:
    """A header value in a sentence ("not set" when the file leaves it out)."""
    if value is None:
        return QT_TRANSLATE_NOOP("DraftModel", "not set")
    if isinstance(value, bool):
        if value:
            return QT_TRANSLATE_NOOP("DraftModel", "yes")
        return QT_TRANSLATE_NOOP("DraftModel", "no")
    return _token_text(value)


def _token_text(value: Any) -> str:
    # Undecodable bytes (kept as surrogate escapes) and control characters as escapes.
    text = str(value).encode("utf-8", "backslashreplace").decode("utf-8")
    text = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )
    return text if len(text) <= _SHOWN_TOKEN_CHARS else text[: _SHOWN_TOKEN_CHARS - 1] + "…"


__all__ = [
    "FIRST_COMPARED_TOKEN",
    "MAX_VOCAB_SIZE_DIFFERENCE",
    "installed_draft",
    "tokenizer_mismatch",
]
