"""What a caller asks the engine for: which model to load, and what to generate.

Plain, picklable dataclasses: they cross into the engine's child process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["system", "user", "assistant"]

# Early-stop messages injected when the thinking budget is spent. Keys are what users and the
# CLI name; "none" injects only the end-of-thinking tag.
STOP_MESSAGE_PRESETS: dict[str, str] = {
    "none": "",
    "final": "\n\nI have to stop thinking now and give my final answer.\n",
    "time": "\n\nOkay, time is up. Let me stop here and write the answer from what I have.\n",
    "summarize": "\n\nLet me stop and summarize what I found so far into a final answer.\n",
}
DEFAULT_STOP_MESSAGE = "final"
DEFAULT_WAIT_TEXT = "Wait"


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of a conversation. ``thinking`` is kept for storage; it goes back to the model
    only when the request asks for past reasoning (``GenerateRequest.past_reasoning``)."""

    role: Role
    content: str
    thinking: str = ""


@dataclass(frozen=True, slots=True)
class ThinkingControl:
    """How long the model may (and must) think, per turn.

    ``budget``: ``None`` = unlimited, ``0`` = thinking off, ``N`` = at most N thinking tokens
    across every think block of the turn. ``min_tokens``: until this many thinking tokens, an
    attempt to stop thinking is answered with ``wait_text`` (at most ``max_waits`` times).
    ``stop_message``: text injected before the end-of-thinking tag when the budget is spent.
    """

    budget: int | None = None
    min_tokens: int = 0
    max_waits: int = 3
    wait_text: str = DEFAULT_WAIT_TEXT
    stop_message: str = STOP_MESSAGE_PRESETS[DEFAULT_STOP_MESSAGE]

    def __post_init__(self) -> None:
        if self.budget is not None and self.budget < 0:
            raise ValueError("the thinking budget must be off (0), a positive number or unlimited")
        if self.min_tokens < 0 or self.max_waits < 0:
            raise ValueError("minimum thinking and the number of waits cannot be negative")

    @property
    def thinking_off(self) -> bool:
        return self.budget == 0

    @property
    def minimum_unreachable(self) -> bool:
        """A minimum above the budget: the budget stops the thinking before the minimum is
        reached, so the minimum would have no effect (refused where it is set)."""
        return bool(self.min_tokens and self.budget and self.min_tokens > self.budget)


@dataclass(frozen=True, slots=True)
class Sampling:
    """Sampler settings. ``None`` means: use the model family's recommendation."""

    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    min_p: float | None = None
    repeat_penalty: float | None = None
    seed: int | None = None


@dataclass(frozen=True, slots=True)
class GenerateRequest:
    """One turn: the conversation so far (ending with the user's message) and the controls."""

    messages: tuple[Message, ...]
    thinking: ThinkingControl = field(default_factory=ThinkingControl)
    sampling: Sampling = field(default_factory=Sampling)
    max_tokens: int | None = None  # None: until end of turn or the context is full
    system_prompt: str | None = None
    # Fork: continue the turn from this thinking (a trace cut at a point, edited or with a hint
    # inserted). The KV cache is reused as far as it matches; the budget counts new tokens.
    thinking_prefix: str = ""
    # Send earlier assistant turns' thinking back to the model, in the family's think tags.
    # Off by default: the families' own guidance is to drop it.
    past_reasoning: bool = False


# The ranges a person may ask for, wherever the value enters (command line, settings file).
# Threads beyond this many crash or stall llama.cpp; a context beyond it is hundreds of GB.
THREADS_RANGE = (1, 1024)
CONTEXT_RANGE = (256, 1 << 21)
MAX_WAITS_RANGE = (0, 100)


@dataclass(frozen=True, slots=True)
class LoadRequest:
    """Which GGUF to load and how. ``gpu_layers``: -1 = all that fit ("auto"), 0 = CPU only."""

    model_path: str
    n_ctx: int = 4096
    n_threads: int | None = None  # None: the physical cores
    gpu_layers: int = -1
    n_batch: int = 512
    # (start, end) think tags that replace the detected family's (the custom-tags setting).
    think_tags: tuple[str, str] | None = None
    # Speculative decoding: draft tokens from the context and let the model verify them in one
    # batch. Exact (the same tokens as without it); it drafts only as far as this session's
    # timings say it pays. Off by default: on SmolLM2 on a CPU, where each drafted token costs
    # about 0.7 of a decode step, `ponder bench --speculate` measured 1.0-1.05x; it is meant
    # for memory-bound decoding (7B models, GPUs).
    speculate: bool = False
    # Draft whatever the context proposes, even where measured timings say it does not pay
    # (the output is the same): to measure acceptance, and for tests that need drafts.
    draft_eagerly: bool = False
    # A smaller model with the same tokenizer that proposes drafts where the context has
    # nothing to propose (the second proposer, beside the context lookup); None: drafts come
    # from the context only. Used only when ``speculate``; it runs on the same threads, with
    # the same GPU offload and context size as the model. ``core.models.load_policy`` picks it
    # (the catalog's pair, when installed and memory allows, or a file the person names).
    draft_model_path: str | None = None
    # llama.cpp's flash attention ("auto": where the backend has it). A speculating session
    # always uses it (a batch's logits then equal one-token decoding's); a plain session uses
    # it when asked, e.g. to compare with a speculating one on the same kernels.
    flash_attention: bool = False
