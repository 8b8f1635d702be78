"""Will this model run here, and how fast? The memory estimate, the fit classes, the pick.

Memory a model needs = weights (the file size: llama.cpp maps the file as is) + KV cache at the
chosen context (layers × KV heads × head dim × K and V × 2 bytes for the f16 cache × tokens) +
compute overhead (llama.cpp's compute buffers and runtime: a fixed part plus a few percent of
the weights). The speed class comes from memory bandwidth: generating one token reads every
weight once, so tokens/s ≈ effective bandwidth ÷ weight bytes. The bandwidths below are
deliberately conservative typical values, not measurements of this machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ponder.core.byte_size import size_text
from ponder.core.gguf.model_info import ModelInfo
from ponder.core.models.catalog import Architecture, Catalog, CatalogEntry, Quant
from ponder.core.models.hardware import HardwareInfo
from ponder.core.phrases import QT_TRANSLATE_NOOP

FitKind = Literal["gpu", "partial", "cpu", "too_large"]
SpeedClass = Literal["fast", "usable", "slow", "very_slow"]

GIB = 1024**3
MIB = 1024**2
OVERHEAD_FIXED = 384 * MIB
OVERHEAD_FRACTION = 0.05
# Left to the operating system and the app itself when the model runs from RAM.
RAM_HEADROOM = 1 * GIB
# Left on a dedicated GPU for the display and the driver.
VRAM_HEADROOM = 512 * MIB
# Effective bytes/s while generating: typical values a little below what llama.cpp reaches
# (dual-channel DDR4/DDR5 desktops and laptops; mid-range GPUs; Apple M-series base chips).
CPU_BANDWIDTH = 25e9
APPLE_CPU_BANDWIDTH = 60e9
DEDICATED_GPU_BANDWIDTH = 250e9
INTEGRATED_GPU_BANDWIDTH = 80e9
# tokens/s thresholds of the speed classes: a reasoner writes thousands of thinking tokens, so
# below ~3 tokens/s an answer takes many minutes.
SPEED_CLASSES: tuple[tuple[float, SpeedClass], ...] = (
    (20.0, "fast"),
    (8.0, "usable"),
    (3.0, "slow"),
    (0.0, "very_slow"),
)


@dataclass(frozen=True, slots=True)
class MemoryEstimate:
    """Bytes a model needs at ``n_ctx`` tokens of context."""

    weights: int
    kv_cache: int
    overhead: int
    n_ctx: int

    @property
    def total(self) -> int:
        return self.weights + self.kv_cache + self.overhead


@dataclass(frozen=True, slots=True)
class Fit:
    """Where a model would run on this machine and how fast, with the reason in words.

    ``gpu_layers``: layers to offload (-1 all, 0 none). ``tokens_per_s`` is a rough figure
    from typical bandwidths, good for a class, not a promise.
    """

    kind: FitKind
    speed: SpeedClass | None
    estimate: MemoryEstimate
    gpu_layers: int
    tokens_per_s: float
    reason: str

    @property
    def runs(self) -> bool:
        return self.kind != "too_large"


@dataclass(frozen=True, slots=True)
class Recommendation:
    entry: CatalogEntry
    quant: Quant
    fit: Fit


def estimate_memory(architecture: Architecture, weights: int, n_ctx: int) -> MemoryEstimate:
    """The memory a model of this shape and file size needs at ``n_ctx`` tokens (f16 KV)."""
    return _estimate(architecture.kv_bytes_per_token(), weights, n_ctx)


def _estimate(kv_bytes_per_token: int, weights: int, n_ctx: int) -> MemoryEstimate:
    return MemoryEstimate(
        weights=weights,
        kv_cache=kv_bytes_per_token * n_ctx,
        overhead=OVERHEAD_FIXED + int(weights * OVERHEAD_FRACTION),
        n_ctx=n_ctx,
    )


def speed_class(tokens_per_s: float) -> SpeedClass:
    for threshold, name in SPEED_CLASSES:
        if tokens_per_s >= threshold:
            return name
    return "very_slow"


def _cpu_bandwidth(hw: HardwareInfo) -> float:
    apple = hw.os_name == "Darwin" and hw.machine == "arm64"
    return APPLE_CPU_BANDWIDTH if apple else CPU_BANDWIDTH


def _ram_budget(hw: HardwareInfo) -> tuple[int, int]:
    """(comfortable, tight): RAM free now, and RAM usable once other programs are closed."""
    return hw.available_ram - RAM_HEADROOM, int(hw.total_ram * 0.8) - RAM_HEADROOM


def assess_fit(
    entry: CatalogEntry,
    quant: Quant,
    hw: HardwareInfo,
    n_ctx: int | None = None,
    *,
    weights: int | None = None,
) -> Fit:
    """Classify one entry × quant on this machine: ``gpu`` (all layers on the GPU),
    ``partial`` (some layers on the GPU), ``cpu`` or ``too_large``.

    ``weights`` overrides the catalog size (an installed file's real size).
    """
    ctx = n_ctx or entry.recommended.context
    est = estimate_memory(entry.architecture, weights or quant.size, ctx)
    comfortable, tight = _ram_budget(hw)
    gpu = hw.gpu if hw.gpu_offload else None
    if gpu is not None:
        headroom = 0 if gpu.integrated else VRAM_HEADROOM
        vram = gpu.usable_memory - headroom
        bandwidth = INTEGRATED_GPU_BANDWIDTH if gpu.integrated else DEDICATED_GPU_BANDWIDTH
        if est.total <= vram and (not gpu.integrated or est.total <= tight):
            tps = bandwidth / est.weights
            return Fit(
                "gpu",
                speed_class(tps),
                est,
                -1,
                tps,
                QT_TRANSLATE_NOOP("ModelFit", "fits in the {gpu}'s {memory} of memory").format(
                    gpu=gpu.name, memory=size_text(gpu.usable_memory)
                ),
            )
        if not gpu.integrated:
            layers = entry.architecture.layers
            per_layer = (est.weights + est.kv_cache) / layers
            on_gpu = int(max(0, vram - est.overhead) // per_layer)
            rest = est.total - int(on_gpu * per_layer)
            if 0 < on_gpu < layers and rest <= tight:
                gpu_bytes = est.weights * on_gpu / layers
                seconds = gpu_bytes / bandwidth + (est.weights - gpu_bytes) / _cpu_bandwidth(hw)
                tps = 1.0 / seconds
                return Fit(
                    "partial",
                    speed_class(tps),
                    est,
                    on_gpu,
                    tps,
                    QT_TRANSLATE_NOOP(
                        "ModelFit",
                        "{on_gpu} of {layers} layers fit on the {gpu}; the rest run on the CPU",
                    ).format(on_gpu=on_gpu, layers=layers, gpu=gpu.name),
                )
    tps = _cpu_bandwidth(hw) / est.weights
    if est.total <= comfortable:
        return Fit(
            "cpu",
            speed_class(tps),
            est,
            0,
            tps,
            QT_TRANSLATE_NOOP("ModelFit", "needs {need}; {free} of memory is free").format(
                need=size_text(est.total), free=size_text(hw.available_ram)
            ),
        )
    if est.total <= tight:
        return Fit(
            "cpu",
            speed_class(tps),
            est,
            0,
            tps,
            QT_TRANSLATE_NOOP(
                "ModelFit",
                "needs {need}, more than the {free} free now: close other programs first",
            ).format(need=size_text(est.total), free=size_text(hw.available_ram)),
        )
    if gpu is not None:
        reason = QT_TRANSLATE_NOOP(
            "ModelFit", "needs {need} but this computer has {ram} of memory and {vram} on the GPU"
        ).format(
            need=size_text(est.total),
            ram=size_text(hw.total_ram),
            vram=size_text(gpu.usable_memory),
        )
    else:
        reason = QT_TRANSLATE_NOOP(
            "ModelFit", "needs {need} but this computer has {ram} of memory"
        ).format(need=size_text(est.total), ram=size_text(hw.total_ram))
    return Fit("too_large", None, est, 0, 0.0, reason)


def recommend(
    catalog: Catalog, hw: HardwareInfo, n_ctx: int | None = None
) -> Recommendation | None:
    """The best reasoner for this machine: the largest model that runs at a usable speed (its
    default quant preferred; file order breaks ties); failing that, the smallest reasoner that
    runs at all; None when nothing fits."""
    usable: list[tuple[tuple[float, int, int], Recommendation]] = []
    runs: list[tuple[tuple[float, int], Recommendation]] = []
    for index, entry in enumerate(catalog):
        if entry.demo or not entry.reasoner or entry.repo is None:
            continue
        for quant in entry.quants:
            fit = assess_fit(entry, quant, hw, n_ctx)
            if not fit.runs:
                continue
            pick = Recommendation(entry, quant, fit)
            is_default = int(quant.name == entry.default_quant)
            if fit.speed in ("fast", "usable"):
                usable.append(((entry.params_b, is_default, -index), pick))
            runs.append(((-entry.params_b, is_default), pick))
    if usable:
        return max(usable, key=lambda item: item[0])[1]
    if runs:
        return max(runs, key=lambda item: item[0])[1]
    return None


def _grade(fit: Fit, hw: HardwareInfo) -> int:
    """How well a fit runs: all on the GPU, split, from free RAM, only once programs close."""
    if fit.kind == "gpu":
        return 4
    if fit.kind == "partial":
        return 3
    if fit.kind == "cpu":
        return 2 if fit.estimate.total <= _ram_budget(hw)[0] else 1
    return 0


def starting_context(
    entry: CatalogEntry, quant: Quant, hw: HardwareInfo, *, weights: int | None = None
) -> int:
    """The context a catalog model starts with on this computer.

    The largest context up to the room its card asks for (``recommended.output``, within the
    trained ``context_length``) at which the model runs here as well as at its modest
    ``recommended.context`` (still all on the GPU, still from free memory); halving down to
    that floor, which is the answer when memory allows no more, when even the floor needs
    other programs closed, or when the card asks for no room.
    """
    floor = entry.recommended.context
    wanted = min(entry.context_length, max(floor, entry.recommended.output or floor))
    base = _grade(assess_fit(entry, quant, hw, floor, weights=weights), hw)
    if base < 2:  # already short of free memory: more context would only make it worse
        return floor
    n_ctx = wanted
    while n_ctx > floor:
        if _grade(assess_fit(entry, quant, hw, n_ctx, weights=weights), hw) >= base:
            return n_ctx
        n_ctx //= 2
    return floor


def long_answer_note(entry: CatalogEntry, n_ctx: int) -> str | None:
    """A warning when ``n_ctx`` leaves less room than the card asks for one answer, or None."""
    output = entry.recommended.output
    if output is None or n_ctx >= output:
        return None
    return QT_TRANSLATE_NOOP(
        "ModelFit",
        "{name}'s authors recommend room for answers of up to {output:,} tokens; at a "
        "context of {n_ctx:,} tokens a long answer will be cut off (a larger context needs "
        "more memory)",
    ).format(name=entry.name, output=output, n_ctx=n_ctx)


__all__ = [
    "Fit",
    "FitKind",
    "MemoryEstimate",
    "Recommendation",
    "SpeedClass",
    "assess_fit",
    "estimate_memory",
    "file_estimate",
    "file_too_large",
    "long_answer_note",
    "pair_too_large",
    "recommend",
    "speed_class",
    "starting_context",
]


def file_estimate(info: ModelInfo, n_ctx: int) -> MemoryEstimate:
    """The memory a model file needs at ``n_ctx`` tokens of context, the KV cache's shape from
    the file's own header, layer by layer (a hybrid model's recurrent layers count for
    nothing)."""
    return _estimate(info.kv_cache_bytes_per_token() or 0, info.file_size, n_ctx)


def _file_room(hw: HardwareInfo) -> int:
    """The most a model file may need here: RAM once other programs close, or the GPU's."""
    _, tight = _ram_budget(hw)
    gpu = hw.gpu if hw.gpu_offload else None
    vram = gpu.usable_memory - VRAM_HEADROOM if gpu is not None else 0
    return max(tight, vram)


def _this_computer(hw: HardwareInfo) -> dict[str, str]:
    gpu = hw.gpu if hw.gpu_offload else None
    return {
        "ram": size_text(hw.total_ram),
        "vram": size_text(gpu.usable_memory) if gpu is not None else "",
    }


def file_too_large(info: ModelInfo, hw: HardwareInfo, n_ctx: int) -> str | None:
    """Why a local model file cannot run here at ``n_ctx`` (a sentence), or None if it can."""
    est = file_estimate(info, n_ctx)
    if est.total <= _file_room(hw):
        return None
    computer = _this_computer(hw)
    if computer["vram"]:
        return QT_TRANSLATE_NOOP(
            "ModelFit",
            "{file} needs about {need} at a context of {n_ctx} tokens, but this computer has "
            "{ram} of memory and {vram} on the GPU",
        ).format(file=info.path.name, need=size_text(est.total), n_ctx=n_ctx, **computer)
    return QT_TRANSLATE_NOOP(
        "ModelFit",
        "{file} needs about {need} at a context of {n_ctx} tokens, but this computer has "
        "{ram} of memory",
    ).format(file=info.path.name, need=size_text(est.total), n_ctx=n_ctx, ram=computer["ram"])


def pair_too_large(
    info: ModelInfo, draft: ModelInfo, hw: HardwareInfo, n_ctx: int, draft_name: str
) -> str | None:
    """Why a model and its draft model (``draft_name``, for the sentence) cannot run here
    together, or None if they can. The draft model keeps its own KV cache at the same context
    and its own compute buffers, so both estimates add up against the same room as one file
    (``file_too_large``)."""
    need = file_estimate(info, n_ctx).total + file_estimate(draft, n_ctx).total
    if need <= _file_room(hw):
        return None
    computer = _this_computer(hw)
    if computer["vram"]:
        return QT_TRANSLATE_NOOP(
            "ModelFit",
            "together with the draft model {draft}, {file} needs about {need} at a context of "
            "{n_ctx} tokens, but this computer has {ram} of memory and {vram} on the GPU",
        ).format(
            draft=draft_name, file=info.path.name, need=size_text(need), n_ctx=n_ctx, **computer
        )
    return QT_TRANSLATE_NOOP(
        "ModelFit",
        "together with the draft model {draft}, {file} needs about {need} at a context of "
        "{n_ctx} tokens, but this computer has {ram} of memory",
    ).format(
        draft=draft_name,
        file=info.path.name,
        need=size_text(need),
        n_ctx=n_ctx,
        ram=computer["ram"],
    )
