"""Model families: how each kind of reasoner thinks, detected from GGUF metadata.

A profile says where thinking starts (in the prompt or in the model's output), how to switch
thinking off, which sampling the model's authors recommend and whether the model takes a system
prompt. Detection reads names and chat-template fingerprints; it never fails: anything unknown
gets the generic ChatML profile, which is also what non-reasoners such as SmolLM2 get.

Token ids of the think tags depend on the loaded vocabulary; the engine looks them up there,
and ``find_single_token_id`` does the same on a raw ``tokenizer.ggml.tokens`` list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from ponder.core.request import Sampling, ThinkingControl

ThinkingStart = Literal["prefilled", "model", "none"]
"""``prefilled``: the prompt ends with ``<think>\\n`` and the model only emits ``</think>``.
``model``: the model emits ``<think>`` itself. ``none``: not a reasoner; it thinks only when
Ponder prefills ``<think>\\n``."""

ThinkingOff = Literal["prefill_empty", "template_flag", "none"]
"""How thinking is switched off. ``prefill_empty``: the prompt ends with an empty think block.
``template_flag``: the chat template takes ``enable_thinking=False`` (and renders the empty
block itself). ``none``: nothing to do (the model does not think unless asked)."""

# Used when a GGUF carries no chat template at all.
CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
# The R1 distills' turn markers, for the (unusual) R1 GGUF that lost its template.
DEEPSEEK_TEMPLATE = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{% if message['role'] == 'system' %}{{ message['content'] }}"
    "{% elif message['role'] == 'user' %}{{ '<｜User｜>' + message['content'] }}"
    "{% else %}{{ '<｜Assistant｜>' + message['content'] + '<｜end▁of▁sentence｜>' }}{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<｜Assistant｜>' }}{% endif %}"
)
PHI_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|' + message['role'] + '|>' + message['content'] + '<|end|>' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}"
)


@dataclass(frozen=True, slots=True)
class FamilyProfile:
    """What Ponder knows about one family of models."""

    id: str
    display_name: str
    is_reasoner: bool
    thinking_start: ThinkingStart
    thinking_off: ThinkingOff
    sampling: Sampling
    system_prompt_supported: bool
    # Thinking tokens per turn when the user has not chosen; None = unlimited.
    default_budget: int | None
    think_open: str = "<think>"
    think_close: str = "</think>"
    # What Ponder evaluates to end thinking (a budget cut, thinking off); None: the close tag
    # and a blank line. gpt-oss ends its analysis with <|end|> and opens the final channel.
    close_injection: str | None = None
    # The prefill that makes the model answer at once; None: ``open\n\nclose\n\n``.
    empty_block: str | None = None
    # Template variable that takes a reasoning effort ("low", "medium", "high"), chosen from the
    # thinking budget (gpt-oss's ``reasoning_effort``); None: the template has none.
    effort_variable: str | None = None
    # Sampling when thinking is off, where the authors recommend something else.
    sampling_no_think: Sampling | None = None
    # Template variable that switches thinking (``thinking_off == "template_flag"``).
    thinking_flag: str = "enable_thinking"
    # Earlier turns go back to the model without their thinking (every family's own guidance).
    strip_history_thinking: bool = True
    # Rendered when the GGUF has no ``tokenizer.chat_template``.
    fallback_template: str = CHATML_TEMPLATE

    @property
    def empty_think_block(self) -> str:
        """The prefill that makes a thinking model answer at once."""
        if self.empty_block is not None:
            return self.empty_block
        return f"{self.think_open}\n\n{self.think_close}\n\n"

    @property
    def end_of_thinking(self) -> str:
        """The text Ponder injects to end the thinking and start the answer."""
        if self.close_injection is not None:
            return self.close_injection
        return f"{self.think_close}\n\n"

    def with_tags(self, think_open: str, think_close: str) -> FamilyProfile:
        """This profile with other think tags (the user's custom-tags setting)."""
        return replace(
            self,
            think_open=think_open,
            think_close=think_close,
            close_injection=None,
            empty_block=None,
            is_reasoner=True,
        )

    def sampling_for(self, thinking: ThinkingControl) -> Sampling:
        """The recommended sampling for a turn with this thinking control."""
        if thinking.thinking_off and self.sampling_no_think is not None:
            return self.sampling_no_think
        return self.sampling


_R1_SAMPLING = Sampling(temperature=0.6, top_p=0.95, repeat_penalty=1.0)
_QWEN3_THINK_SAMPLING = Sampling(temperature=0.6, top_p=0.95, top_k=20, min_p=0.0)
_QWEN3_NO_THINK_SAMPLING = Sampling(temperature=0.7, top_p=0.8, top_k=20, min_p=0.0)

R1_DISTILL_QWEN = FamilyProfile(
    id="deepseek-r1-distill-qwen",
    display_name="DeepSeek-R1-Distill-Qwen",
    is_reasoner=True,
    thinking_start="prefilled",
    thinking_off="prefill_empty",
    sampling=_R1_SAMPLING,
    # DeepSeek: "avoid adding a system prompt; all instructions should be in the user prompt".
    system_prompt_supported=False,
    default_budget=4096,
    fallback_template=DEEPSEEK_TEMPLATE,
)
R1_DISTILL_LLAMA = replace(
    R1_DISTILL_QWEN, id="deepseek-r1-distill-llama", display_name="DeepSeek-R1-Distill-Llama"
)
# R1-0528 emits <think> itself ("no longer required to add <think>\n") and takes a system prompt.
R1_0528_QWEN3 = replace(
    R1_DISTILL_QWEN,
    id="deepseek-r1-0528-qwen3",
    display_name="DeepSeek-R1-0528-Qwen3",
    thinking_start="model",
    system_prompt_supported=True,
)
QWEN3_HYBRID = FamilyProfile(
    id="qwen3-hybrid",
    display_name="Qwen3 (hybrid thinking)",
    is_reasoner=True,
    thinking_start="model",
    thinking_off="template_flag",
    sampling=_QWEN3_THINK_SAMPLING,
    sampling_no_think=_QWEN3_NO_THINK_SAMPLING,
    system_prompt_supported=True,
    default_budget=4096,
)
# The 2507 Thinking models: the template always opens <think>, the model only emits </think>.
QWEN3_THINKING_2507 = FamilyProfile(
    id="qwen3-thinking-2507",
    display_name="Qwen3 Thinking-2507",
    is_reasoner=True,
    thinking_start="prefilled",
    thinking_off="prefill_empty",
    sampling=_QWEN3_THINK_SAMPLING,
    system_prompt_supported=True,
    default_budget=8192,
)
# Phi-4-mini-reasoning: Phi turn markers (<|user|>…<|end|><|assistant|>), the model writes
# <think>…</think> itself; its template always puts "Your name is Phi, an AI math expert…" in
# the system turn. Model card sampling: temperature 0.8, top-p 0.95.
PHI4_MINI_REASONING = FamilyProfile(
    id="phi4-mini-reasoning",
    display_name="Phi-4-mini-reasoning",
    is_reasoner=True,
    thinking_start="model",
    thinking_off="prefill_empty",
    sampling=Sampling(temperature=0.8, top_p=0.95, repeat_penalty=1.0),
    system_prompt_supported=True,
    default_budget=4096,
    fallback_template=PHI_TEMPLATE,
)
# SmolLM3: hybrid; thinking is the default, enable_thinking=False (or /no_think in the system
# message) makes the template render an empty think block. Sampling, checked against the card
# (HuggingFaceTB/SmolLM3-3B README): "We recommend setting temperature=0.6 and top_p=0.95".
SMOLLM3 = FamilyProfile(
    id="smollm3",
    display_name="SmolLM3 (hybrid thinking)",
    is_reasoner=True,
    thinking_start="model",
    thinking_off="template_flag",
    sampling=Sampling(temperature=0.6, top_p=0.95),
    system_prompt_supported=True,
    default_budget=4096,
)
# Qwen3.5: the template itself opens <think>\n (and renders the empty block when
# enable_thinking is false); Qwen3's hybrid template left the opening to the model.
QWEN35 = FamilyProfile(
    id="qwen3.5",
    display_name="Qwen3.5 (thinking)",
    is_reasoner=True,
    thinking_start="prefilled",
    thinking_off="template_flag",
    sampling=_QWEN3_THINK_SAMPLING,
    sampling_no_think=_QWEN3_NO_THINK_SAMPLING,
    system_prompt_supported=True,
    default_budget=8192,
)
# gpt-oss (OpenAI harmony): the model writes <|channel|>analysis<|message|>…<|end|>, then
# <|start|>assistant<|channel|>final<|message|>… and <|return|>. <|end|> is a control token
# (rendered as nothing), so the end of thinking is seen where the final channel opens.
# Reasoning effort low/medium/high goes to the template's ``reasoning_effort``. Sampling:
# temperature 1.0, top-p 1.0 (OpenAI's README). Thinking cannot be switched off in the model;
# Ponder prefills an empty analysis message.
_HARMONY_FINAL = "<|start|>assistant<|channel|>final<|message|>"
GPT_OSS = FamilyProfile(
    id="gpt-oss",
    display_name="gpt-oss (harmony)",
    is_reasoner=True,
    thinking_start="model",
    thinking_off="prefill_empty",
    sampling=Sampling(temperature=1.0, top_p=1.0, top_k=0, min_p=0.0),
    system_prompt_supported=True,
    default_budget=4096,
    think_open="<|channel|>analysis<|message|>",
    think_close=_HARMONY_FINAL,
    close_injection="<|end|>" + _HARMONY_FINAL,
    empty_block="<|channel|>analysis<|message|><|end|>" + _HARMONY_FINAL,
    effort_variable="reasoning_effort",
)
# Mistral's reasoning models (Magistral, Ministral 3 Reasoning): the default system message asks
# for [THINK]…[/THINK]; the model writes both tags. Sampling, checked against the card
# (mistralai/Magistral-Small-2506, "Sampling parameters"): top_p 0.95, temperature 0.7, and
# max_tokens 40960; LM Studio's Magistral Small 1.2 preset carries the same two values.
MISTRAL_REASONING = FamilyProfile(
    id="mistral-reasoning",
    display_name="Magistral / Mistral reasoning",
    is_reasoner=True,
    thinking_start="model",
    thinking_off="prefill_empty",
    sampling=Sampling(temperature=0.7, top_p=0.95),
    system_prompt_supported=True,
    default_budget=4096,
    think_open="[THINK]",
    think_close="[/THINK]",
    close_injection="[/THINK]",  # the answer follows the tag directly
    empty_block="[THINK][/THINK]",
)
# LFM2 / LFM2.5 thinking models (Liquid AI): ChatML turns, the model writes <think>…</think>.
# No published switch: thinking off prefills an empty block. No sampling evidence at hand: the
# generic values.
LFM2_THINKING = FamilyProfile(
    id="lfm2-thinking",
    display_name="LFM2.5 Thinking",
    is_reasoner=True,
    thinking_start="model",
    thinking_off="prefill_empty",
    sampling=Sampling(temperature=0.7, top_p=0.95, top_k=40, min_p=0.05, repeat_penalty=1.0),
    system_prompt_supported=True,
    default_budget=4096,
)
# NVIDIA Nemotron Nano v2 (nemotron_h): the generation prompt opens <think>\n; /no_think in the
# system message makes it <think></think>. Ponder closes the opened block instead (the template
# reads the switch from message text, which Ponder renders as sentinels). Card: 0.6 / 0.95.
NEMOTRON_NANO = FamilyProfile(
    id="nemotron-nano",
    display_name="NVIDIA Nemotron Nano",
    is_reasoner=True,
    thinking_start="prefilled",
    thinking_off="prefill_empty",
    sampling=Sampling(temperature=0.6, top_p=0.95),
    system_prompt_supported=True,
    default_budget=4096,
)
# LG's EXAONE Deep: "[|user|]…\n[|assistant|]" turns; the generation prompt ends with
# "<thought>\n" and the model writes "</thought>" and then the answer. No switch to turn thinking
# off: Ponder closes the opened block. The authors' usage guideline (LG-AI-EXAONE/EXAONE-Deep
# README): temperature 0.6, top-p 0.95, repetition penalty no more than 1.0, and no system prompt
# ("build the instruction on the user prompt").
EXAONE_DEEP_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and message['role'] != 'system' %}"
    "{{ '[|system|][|endofturn|]\\n' }}{% endif %}{% set content = message['content'] %}"
    "{% if '</thought>' in content %}"
    "{% set content = content.split('</thought>')[-1].lstrip('\\n') %}{% endif %}"
    "{{ '[|' + message['role'] + '|]' + content }}"
    "{% if not message['role'] == 'user' %}{{ '[|endofturn|]' }}{% endif %}"
    "{% if not loop.last %}{{ '\\n' }}{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}{{ '\\n[|assistant|]<thought>\\n' }}{% endif %}"
)
EXAONE_DEEP = FamilyProfile(
    id="exaone-deep",
    display_name="EXAONE Deep",
    is_reasoner=True,
    thinking_start="prefilled",
    thinking_off="prefill_empty",
    sampling=Sampling(temperature=0.6, top_p=0.95, repeat_penalty=1.0),
    system_prompt_supported=False,
    default_budget=4096,
    think_open="<thought>",
    think_close="</thought>",
    fallback_template=EXAONE_DEEP_TEMPLATE,
)
# Gemma 4 (Google, 2026): "<|turn>model\n" turns; the model writes its thinking in a channel,
# "<|channel>thought\n…<channel|>", then the answer. enable_thinking puts "<|think|>" at the top of
# the system turn; without it the template ends the generation prompt with an empty channel
# ("<|channel>thought\n<channel|>"). llama.cpp's reference copy: models/templates/gemma4.jinja.
# Sampling: temperature 1.0, top-p 0.95, top-k 64 (the Gemma 4 model card's values).
# Gemma 3 and 3n have no thinking channel: they stay generic.
GEMMA4 = FamilyProfile(
    id="gemma4",
    display_name="Gemma 4 (thinking channel)",
    is_reasoner=True,
    thinking_start="model",
    thinking_off="template_flag",
    sampling=Sampling(temperature=1.0, top_p=0.95, top_k=64, min_p=0.0),
    system_prompt_supported=True,
    default_budget=4096,
    think_open="<|channel>thought",
    think_close="<channel|>",
    close_injection="<channel|>",  # the answer follows the channel's end directly
    empty_block="<|channel>thought\n<channel|>",
)
GENERIC = FamilyProfile(
    id="generic",
    display_name="Generic (ChatML)",
    is_reasoner=False,
    thinking_start="none",
    thinking_off="none",
    sampling=Sampling(temperature=0.7, top_p=0.95, top_k=40, min_p=0.05, repeat_penalty=1.0),
    system_prompt_supported=True,
    # A model that was not trained to think rambles; keep Ponder-driven thinking short.
    default_budget=512,
)

PROFILES: tuple[FamilyProfile, ...] = (
    R1_DISTILL_QWEN,
    R1_DISTILL_LLAMA,
    R1_0528_QWEN3,
    QWEN3_HYBRID,
    QWEN3_THINKING_2507,
    PHI4_MINI_REASONING,
    SMOLLM3,
    QWEN35,
    GPT_OSS,
    MISTRAL_REASONING,
    LFM2_THINKING,
    NEMOTRON_NANO,
    EXAONE_DEEP,
    GEMMA4,
    GENERIC,
)


def reasoning_effort(budget: int | None) -> str:
    """The effort a budget maps to, for models that take one (gpt-oss): up to 1,024 thinking
    tokens is low, up to 8,192 medium, more (or unlimited) high."""
    if budget is None or budget > 8192:
        return "high"
    return "low" if budget <= 1024 else "medium"


# Fingerprints in the chat template source.
_DEEPSEEK_MARK = "<｜Assistant｜>"
_PHI_MARK = "<|assistant|>"
_PHI_REASONING_SYSTEM = "an AI math expert"
_HARMONY_MARK = "<|channel|>"
_NEMOTRON_MARK = "<SPECIAL_11>Assistant"
_EXAONE_DEEP_MARK = "[|assistant|]<thought>"
_GEMMA4_MARK = "<|channel>thought"
# A generation prompt that opens the think block: ``'<|im_start|>assistant\n<think>\n'`` with
# the newlines written as escapes (``\\n``) or raw, as converters emit either.
_PREFILLED_THINK = re.compile(r"assistant(?:\\n|\n)<think>(?:\\n|\n)")


def _text(metadata: Mapping[str, Any], key: str) -> str:
    """A metadata value as text; anything that is not text (or is missing) reads as ''."""
    try:
        value = metadata.get(key)
    except Exception:  # a hostile mapping must not break detection
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", "replace")
    return ""


def _words(text: str) -> str:
    """Lower-case words separated by single spaces, padded, for whole-word matching."""
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def detect_family(metadata: Mapping[str, Any]) -> FamilyProfile:
    """The family profile for a model, from its GGUF metadata. Never raises."""
    if not isinstance(metadata, Mapping):
        return GENERIC
    arch = _text(metadata, "general.architecture").lower()
    template = _text(metadata, "tokenizer.chat_template")
    names = _words(
        " ".join(
            _text(metadata, key) for key in ("general.name", "general.basename", "general.finetune")
        )
    )

    is_deepseek = _DEEPSEEK_MARK in template or " deepseek " in names
    says_r1 = " r1 " in names or (_DEEPSEEK_MARK in template and "</think>" in template)
    if is_deepseek and says_r1:
        if " 0528 " in names or arch.startswith("qwen3"):
            return R1_0528_QWEN3
        if arch == "llama" or " llama " in names:
            return R1_DISTILL_LLAMA
        return R1_DISTILL_QWEN

    if " phi " in names and " reasoning " in names and " mini " in names:
        return PHI4_MINI_REASONING
    if arch == "phi3" and _PHI_MARK in template and _PHI_REASONING_SYSTEM in template:
        return PHI4_MINI_REASONING

    if arch.startswith("gpt-oss") or " gpt oss " in names or _HARMONY_MARK in template:
        return GPT_OSS
    if (
        arch == "smollm3"
        or " smollm3 " in names
        or ("/no_think" in template and "SmolLM" in template)
    ):
        return SMOLLM3
    if "[THINK]" in template or " magistral " in names:
        return MISTRAL_REASONING
    if arch == "nemotron_h" or _NEMOTRON_MARK in template:
        return NEMOTRON_NANO
    # EXAONE 3.5 shares the architecture and turn markers but does not think: name or template.
    if _EXAONE_DEEP_MARK in template or (" exaone " in names and " deep " in names):
        return EXAONE_DEEP
    if arch.startswith("gemma4") or _GEMMA4_MARK in template or " gemma 4 " in names:
        return GEMMA4
    # LFM2 instruct templates mention </think> too (to strip it from history): go by the name.
    if (arch.startswith("lfm2") or " lfm2 " in names or " lfm2 5 " in names) and (
        " thinking " in names
    ):
        return LFM2_THINKING
    if arch.startswith("qwen35") or " qwen3 5 " in names:
        return QWEN35

    is_qwen3 = arch.startswith("qwen3") or " qwen3 " in names
    if is_qwen3 and _PREFILLED_THINK.search(template):
        return QWEN3_THINKING_2507
    if is_qwen3 and "enable_thinking" in template:
        return QWEN3_HYBRID
    if is_qwen3 and " thinking " in names:
        return QWEN3_THINKING_2507
    if is_qwen3 and not template and " instruct " not in names:
        # A Qwen3 GGUF without a template: the original release was hybrid.
        return QWEN3_HYBRID

    if GENERIC.think_open in template:
        # An unknown model whose template knows think tags (QwQ and kin): a reasoner.
        return replace(GENERIC, is_reasoner=True, default_budget=4096)
    return GENERIC


def find_single_token_id(
    tokens: Sequence[str | bytes], text: str, token_types: Sequence[int] | None = None
) -> int | None:
    """The id of the vocabulary entry that is exactly ``text``, or None.

    Works on the ``tokenizer.ggml.tokens`` list. With ``token_types``
    (``tokenizer.ggml.token_type``), an entry marked control (3) or user-defined (4) wins over an
    ordinary one with the same text.
    """
    if not text:
        return None
    wanted: set[str | bytes] = {text, text.encode("utf-8")}
    matches = [index for index, token in enumerate(tokens) if token in wanted]
    if not matches:
        return None
    if token_types is not None:
        for index in matches:
            if index < len(token_types) and token_types[index] in (3, 4):
                return index
    return matches[0]


__all__ = [
    "CHATML_TEMPLATE",
    "GENERIC",
    "PROFILES",
    "FamilyProfile",
    "ThinkingOff",
    "ThinkingStart",
    "detect_family",
    "find_single_token_id",
    "reasoning_effort",
]
