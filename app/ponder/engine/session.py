"""The loaded model inside the engine's child process: load, prompt, generate.

This is the only place that holds a ``llama_cpp.Llama``. It turns requests into events and
never raises for a problem a user can meet: those become ``ErrorEvent``s. Like generation.py
it uses ``Llama``'s private ``_model``/``_init_sampler`` (the pinned bindings have no public
equivalent; ``_init_sampler`` builds the very chain ``Llama.generate`` uses).
"""

from __future__ import annotations

import ctypes
import dataclasses
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import llama_cpp
import llama_cpp.llama_cpp as llama_low

from ponder.core.events import (
    DoneEvent,
    ErrorEvent,
    Event,
    LoadedEvent,
    LoadProgressEvent,
    StatsEvent,
)
from ponder.core.gguf.errors import GGUFError
from ponder.core.gguf.validate import validate_gguf
from ponder.core.models.draft_pair import MAX_VOCAB_SIZE_DIFFERENCE
from ponder.core.phrases import QT_TRANSLATE_NOOP, message_of
from ponder.core.reasoning.context_fit import MessageTooLong, answer_reserve, fit_to_context
from ponder.core.reasoning.families import FamilyProfile, detect_family
from ponder.core.reasoning.prompt import PromptError, build_prompt
from ponder.core.request import GenerateRequest, LoadRequest, Sampling
from ponder.engine.generation import Cancelled, ContextFull, ThinkTags, Turn
from ponder.engine.live_control import LiveControls
from ponder.engine.safe_tokenize import SafeTokenizer
from ponder.engine.speculation.draft_model import DraftModel
from ponder.engine.speculation.model_pacing import ModelDraftPacing
from ponder.engine.speculation.pacing import DraftPacing
from ponder.engine.speculation.speculator import ModelDrafting

Emit = Callable[[Event], None]

# Tokens drafted at most per verification batch (speculative decoding).
_MAX_DRAFT = 8

# Sampler settings when neither the request nor the family says otherwise.
_DEFAULT_SAMPLING = Sampling(temperature=0.6, top_p=0.95, top_k=40, min_p=0.05, repeat_penalty=1.0)


def physical_cores() -> int:
    """Physical cores (llama.cpp decodes slower on hyper-threads), at least 1."""
    import psutil

    return max(1, psutil.cpu_count(logical=False) or os.cpu_count() or 1)


def backend_description(gpu_layers: int) -> str:
    """Says in words where the model runs, for the user."""
    if not llama_cpp.llama_supports_gpu_offload():
        if gpu_layers:
            return QT_TRANSLATE_NOOP(
                "Engine", "CPU (this build of llama.cpp has no GPU backend; GPU layers are ignored)"
            )
        return QT_TRANSLATE_NOOP("Engine", "CPU (this build of llama.cpp has no GPU backend)")
    if gpu_layers < 0:
        return QT_TRANSLATE_NOOP("Engine", "GPU offload: all layers")
    return QT_TRANSLATE_NOOP("Engine", "GPU offload: {layers} layers").format(layers=gpu_layers)


@dataclass(frozen=True, slots=True)
class SamplerSettings:
    """Sampling with every value decided."""

    temperature: float
    top_p: float
    top_k: int
    min_p: float
    repeat_penalty: float
    seed: int | None


def resolve_sampling(request: Sampling, family: Sampling) -> SamplerSettings:
    """Request values win, then the family's recommendation, then Ponder's defaults."""

    def pick(name: str) -> Any:
        for source in (request, family, _DEFAULT_SAMPLING):
            value = getattr(source, name)
            if value is not None:
                return value
        raise AssertionError(name)  # pragma: no cover - the defaults set every value

    return SamplerSettings(
        temperature=float(pick("temperature")),
        top_p=float(pick("top_p")),
        top_k=int(pick("top_k")),
        min_p=float(pick("min_p")),
        repeat_penalty=float(pick("repeat_penalty")),
        seed=request.seed,
    )


class ModelSession:
    """A loaded model and its KV cache, reused across turns of a conversation."""

    def __init__(
        self,
        llm: llama_cpp.Llama,
        request: LoadRequest,
        profile: FamilyProfile,
        draft: DraftModel | None = None,
    ) -> None:
        self.llm = llm
        self.request = request
        self.profile = profile
        self.metadata: dict[str, str] = dict(llm.metadata)
        self.tokenizer = SafeTokenizer(
            llm._model.vocab,
            lambda data, special: llm.tokenize(data, add_bos=False, special=special),
        )
        self.tags = ThinkTags(
            open_text=profile.think_open,
            close_text=profile.think_close,
            open_id=self._single_token(profile.think_open),
            close_id=self._single_token(profile.think_close),
            close_injection=profile.end_of_thinking,
        )
        # How many tokens to draft, learnt from this session's timings (kept across turns).
        self.pacing = (
            DraftPacing(_MAX_DRAFT, eager=request.draft_eagerly) if self.speculates else None
        )
        # The draft model, where one was loaded, and how far it drafts (kept across turns).
        self.drafting = (
            ModelDrafting(draft, ModelDraftPacing(self.pacing))
            if draft is not None and self.pacing is not None
            else None
        )

    @property
    def speculates(self) -> bool:
        """Whether turns draft tokens: asked for, and the model's memory can drop the
        rejected ones (a recurrent state cannot be rolled back by positions)."""
        return self.request.speculate and _rolls_back(self.llm)

    def _single_token(self, text: str) -> int | None:
        tokens = self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)
        return tokens[0] if len(tokens) == 1 else None

    # ----- loading -----------------------------------------------------------------------------

    @classmethod
    def load(cls, request: LoadRequest, emit: Emit) -> ModelSession | None:
        """Loads the model, reporting progress; on failure emits an error and returns None."""
        path = request.model_path
        if not os.path.isfile(path):
            emit(
                ErrorEvent(
                    QT_TRANSLATE_NOOP(
                        "Engine",
                        "No model file at {path}. Check the path.",
                    ).format(path=path),
                    kind="load_failed",
                )
            )
            return None
        try:
            # Whatever the validator misses still cannot take the app down: this is the child.
            validate_gguf(path)
        except GGUFError as exc:
            emit(ErrorEvent(message_of(exc), kind="invalid_model"))
            return None
        gpu_layers = request.gpu_layers if llama_cpp.llama_supports_gpu_offload() else 0
        try:
            llm = _load_llama_with_progress(request, gpu_layers, emit)
        except (ValueError, RuntimeError, OSError) as exc:
            emit(ErrorEvent(_load_failure(path, request, exc), kind="load_failed"))
            return None
        profile = detect_family(dict(llm.metadata))
        if request.think_tags is not None:
            profile = profile.with_tags(*request.think_tags)
        draft, draft_problem = _load_draft_model(request, llm, gpu_layers)
        session = cls(llm, request, profile, draft)
        emit(
            LoadedEvent(
                model_path=path,
                family=profile.id,
                n_ctx=llm.n_ctx(),
                n_ctx_train=llm._model.n_ctx_train(),
                gpu_offload_supported=bool(llama_cpp.llama_supports_gpu_offload()),
                gpu_layers=gpu_layers,
                backend=backend_description(request.gpu_layers),
                think_open_id=session.tags.open_id,
                think_close_id=session.tags.close_id,
                draft_model=draft.path if draft is not None else None,
                draft_problem=draft_problem,
            )
        )
        return session

    # ----- generation --------------------------------------------------------------------------

    def prompt_tokens(self, request: GenerateRequest) -> tuple[list[int], bool]:
        """The prompt as tokens, and whether generation starts inside a think block."""
        plan = build_prompt(
            self.profile,
            self.metadata.get("tokenizer.chat_template"),
            request.messages,
            request.thinking,
            bos_token=self._token_text(self.llm.token_bos()),
            eos_token=self._token_text(self.llm.token_eos()),
            system_prompt=request.system_prompt,
            thinking_prefix=request.thinking_prefix,
            past_reasoning=request.past_reasoning,
        )
        tokens: list[int] = []
        for segment in plan.segments:
            if segment.trusted:
                tokens += self.tokenizer.trusted(segment.text)
            else:
                tokens += self.tokenizer.untrusted(segment.text)
        bos = self.llm.token_bos()
        if self.llm._model.add_bos_token() and bos >= 0 and tokens[:1] != [bos]:
            tokens.insert(0, bos)
        return tokens, plan.starts_in_thinking

    def _token_text(self, token: int) -> str:
        if token < 0:
            return ""
        return llama_cpp.llama_vocab_get_text(self.llm._model.vocab, token).decode(
            "utf-8", "replace"
        )

    def generate(
        self,
        request: GenerateRequest,
        emit: Emit,
        is_cancelled: Callable[[], bool],
        live: LiveControls | None = None,
    ) -> None:
        """Runs one turn; always ends with a DoneEvent (after a StatsEvent or an ErrorEvent).
        ``live``: the person's live controls of this turn (answer now, think longer)."""
        n_ctx = self.llm.n_ctx()
        reserve = answer_reserve(n_ctx)
        # The oldest turns that do not fit are left out (and the reply says so).
        try:
            fitted = fit_to_context(
                request.messages,
                lambda kept: self.prompt_tokens(dataclasses.replace(request, messages=kept)),
                lambda built: len(built[0]),
                n_ctx,
                reserve,
            )
        except MessageTooLong as exc:
            emit(ErrorEvent(message_of(exc), kind="prompt_too_long"))
            emit(DoneEvent("error"))
            return
        except (PromptError, ValueError) as exc:
            emit(ErrorEvent(message_of(exc), kind="prompt_error"))
            emit(DoneEvent("error"))
            return
        prompt, starts_in_thinking = fitted.prompt
        sampling = resolve_sampling(request.sampling, self.profile.sampling_for(request.thinking))
        seed = sampling.seed if sampling.seed is not None else random.randrange(2**31)
        self.llm.set_seed(seed)
        sampler = self.llm._init_sampler(
            top_k=sampling.top_k,
            top_p=sampling.top_p,
            min_p=sampling.min_p,
            temp=sampling.temperature,
            repeat_penalty=sampling.repeat_penalty,
        )
        turn = Turn(
            self.llm,
            sampler,
            self.tags,
            request.thinking,
            tokenizer=self.tokenizer,
            emit=emit,
            is_cancelled=is_cancelled,
            starts_in_thinking=starts_in_thinking,
            max_tokens=request.max_tokens,
            answer_reserve=reserve,
            live=live,
            pacing=self.pacing,
            drafting=self.drafting,
        )
        started = time.perf_counter()
        cached = 0
        prompt_eval_s = 0.0
        try:
            cached = turn.evaluate_prompt(prompt)
            prompt_eval_s = time.perf_counter() - started
            reason = turn.run()
        except Cancelled:
            reason = "cancelled"
            turn.flush_text()
        except ContextFull:
            reason = "context_full"
        emit(
            StatsEvent(
                turn.stats(
                    prompt_tokens=len(prompt),
                    cached=cached,
                    prompt_eval_s=prompt_eval_s,
                    reason=reason,
                    seed=seed,
                ).with_left_out(fitted.left_out_turns)
            )
        )
        emit(DoneEvent(reason))

    def close(self) -> None:
        if self.drafting is not None:
            self.drafting.model.close()
        self.llm.close()


def _rolls_back(llm: llama_cpp.Llama) -> bool:
    """Whether the model's memory can drop positions (rejected drafts): a recurrent state
    cannot be rolled back by positions."""
    model = llm._model.model
    return not (llama_cpp.llama_model_is_recurrent(model) or llama_cpp.llama_model_is_hybrid(model))


def _load_draft_model(
    request: LoadRequest, llm: llama_cpp.Llama, gpu_layers: int
) -> tuple[DraftModel | None, str | None]:
    """The draft model the request names, loaded like the model (same threads, offload and
    context), or None and why not (a sentence; None when none was asked for). A draft model
    that cannot be used never stops the model from loading. The tokenizers were compared in
    full when the load was planned (``core.models.draft_pair``); here only what could break
    the loop is checked again: the kind of vocabulary and its size."""
    path = request.draft_model_path
    if not path or not request.speculate:
        return None, None
    name = os.path.basename(path)
    if not _rolls_back(llm):
        return None, None  # nothing is drafted for such a model (ModelSession.speculates)
    try:
        validate_gguf(path)
        draft = _llama(path, request, gpu_layers)
    except GGUFError as exc:
        return None, QT_TRANSLATE_NOOP(
            "Engine", "The draft model {name} is not used: {reason}"
        ).format(name=name, reason=message_of(exc))
    except (ValueError, RuntimeError, OSError) as exc:
        return None, QT_TRANSLATE_NOOP(
            "Engine", "The draft model {name} is not used: llama.cpp could not load it ({exc})."
        ).format(name=name, exc=exc)
    if not _rolls_back(draft):
        draft.close()
        return None, QT_TRANSLATE_NOOP(
            "Engine",
            "The draft model {name} is not used: its memory is recurrent and cannot drop "
            "the tokens the model rejects.",
        ).format(name=name)
    target_vocab, draft_vocab = llm.n_vocab(), draft.n_vocab()
    same_kind = llama_cpp.llama_vocab_type(llm._model.vocab) == llama_cpp.llama_vocab_type(
        draft._model.vocab
    )
    if not same_kind or abs(target_vocab - draft_vocab) > MAX_VOCAB_SIZE_DIFFERENCE:
        draft.close()
        return None, QT_TRANSLATE_NOOP(
            "Engine",
            "The draft model {name} is not used: its tokenizer is not the model's "
            "({draft_vocab:,} tokens against {target_vocab:,}).",
        ).format(name=name, draft_vocab=draft_vocab, target_vocab=target_vocab)
    return DraftModel(draft, target_vocab), None


def _load_failure(path: str, request: LoadRequest, exc: Exception) -> str:
    """What to tell the user when ``Llama()`` fails. llama-cpp-python says which step failed
    ("Failed to create llama_context" after the weights loaded): a context that does not fit
    in memory is the user's setting to change, not a damaged file."""
    name = os.path.basename(path)
    if "context" in str(exc).lower():
        return QT_TRANSLATE_NOOP(
            "Engine",
            "llama.cpp loaded {name} but could not set up a context of {n_ctx:,} tokens: there "
            "is not enough memory for it. Choose a smaller context size.",
        ).format(name=name, n_ctx=request.n_ctx)
    return QT_TRANSLATE_NOOP(
        "Engine",
        "llama.cpp could not load {name}: {exc}. The file may be damaged or of an architecture "
        "this version of Ponder does not support.",
    ).format(name=name, exc=exc)


def _llama(path: str, request: LoadRequest, gpu_layers: int) -> llama_cpp.Llama:
    """A model loaded as the request says (a draft model too: the same threads, offload,
    context and batch as the model it drafts for)."""
    return llama_cpp.Llama(
        model_path=path,
        n_ctx=request.n_ctx,
        n_batch=request.n_batch,
        n_threads=request.n_threads or physical_cores(),
        n_threads_batch=request.n_threads or physical_cores(),
        n_gpu_layers=gpu_layers,
        verbose=False,
    )


def _load_llama_with_progress(request: LoadRequest, gpu_layers: int, emit: Emit) -> llama_cpp.Llama:
    """``Llama()`` has no progress hook, so the model parameters it starts from get one.

    Llama.__init__ builds its parameters from ``llama_model_default_params()``; wrapping that
    one call for the duration of the load adds llama.cpp's progress callback.
    """
    last = [-1.0]

    def on_progress(fraction: float, _data: ctypes.c_void_p) -> bool:
        if fraction - last[0] >= 0.05 or fraction >= 1.0:
            last[0] = fraction
            emit(LoadProgressEvent(round(float(fraction), 3)))
        return True

    callback = llama_cpp.llama_progress_callback(on_progress)
    original = llama_low.llama_model_default_params
    original_context = llama_low.llama_init_from_model

    def params_with_progress() -> Any:
        params = original()
        params.progress_callback = callback
        return params

    def context_with_auto_flash_attention(model: Any, params: Any) -> Any:
        # Llama() offers flash attention on or off; llama.cpp's own default, "auto", turns it
        # on where the backend supports it. Ponder wants it on the CPU in particular: there,
        # without it, a batch's logits differ from one-token decoding (the attention takes
        # another kernel), and verified drafts must see the same logits as the plain loop.
        # Only for a speculating session: it changes the numerics (and so the text) of
        # every reply, and speculation is off by default.
        if request.speculate or request.flash_attention:
            params.flash_attn_type = llama_cpp.LLAMA_FLASH_ATTN_TYPE_AUTO
        return original_context(model, params)

    llama_low.llama_model_default_params = params_with_progress
    llama_low.llama_init_from_model = context_with_auto_flash_attention
    try:
        return _llama(request.model_path, request, gpu_layers)
    finally:
        llama_low.llama_model_default_params = original
        llama_low.llama_init_from_model = original_context
