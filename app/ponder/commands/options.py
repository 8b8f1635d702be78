"""Command-line options shared by the commands that load a model and generate."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ponder.commands import UserError
from ponder.core.gguf.errors import GGUFError
from ponder.core.gguf.header import GGUFHeader
from ponder.core.models.catalog import Catalog, CatalogError, load_catalog
from ponder.core.models.demo import find_demo_model
from ponder.core.models.hardware import HardwareInfo, detect_hardware
from ponder.core.models.load_policy import (
    DraftChoice,
    DraftModelError,
    ModelTooLarge,
    plan_load,
)
from ponder.core.models.store import InstalledModel, ModelStore
from ponder.core.paths import AppPaths
from ponder.core.reasoning.effort import EFFORTS, EffortSetting, effort_setting
from ponder.core.reasoning.families import detect_family
from ponder.core.request import (
    CONTEXT_RANGE,
    DEFAULT_STOP_MESSAGE,
    DEFAULT_WAIT_TEXT,
    MAX_WAITS_RANGE,
    STOP_MESSAGE_PRESETS,
    THREADS_RANGE,
    LoadRequest,
    Sampling,
    ThinkingControl,
)
from ponder.core.settings import load_settings, think_tags
from ponder.engine.client import EngineClient
from ponder.engine.protocol import Engine
from ponder.engine.remote import RemoteEngine


def parse_budget(text: str) -> int | None:
    """``off`` → 0, ``unlimited`` → None, else a positive number of tokens."""
    value = text.strip().lower()
    if value in {"off", "none", "0"}:
        return 0
    if value in {"unlimited", "inf", "max"}:
        return None
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"thinking budget must be off, unlimited or a number of tokens, not {text!r}"
        ) from None
    if number < 0:
        raise argparse.ArgumentTypeError("thinking budget cannot be negative")
    return number


def whole_number(what: str, low: int | None = None, high: int | None = None) -> Any:
    """An argparse ``type`` for a whole number in ``[low, high]``; the error names ``what``
    and the range, in words (argparse prints it with the option and exits 2)."""

    def parse(text: str) -> int:
        try:
            number = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{what} must be a whole number, not {text!r}"
            ) from None
        if (low is not None and number < low) or (high is not None and number > high):
            if high is None:
                raise argparse.ArgumentTypeError(f"{what} must be at least {low}, not {number}")
            if low is None:
                raise argparse.ArgumentTypeError(f"{what} must be at most {high}, not {number}")
            raise argparse.ArgumentTypeError(
                f"{what} must be between {low} and {high}, not {number}"
            )
        return number

    return parse


def fraction(what: str, low: float, high: float) -> Any:
    """An argparse ``type`` for a number in ``[low, high]``."""

    def parse(text: str) -> float:
        try:
            number = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a number, not {text!r}") from None
        if not low <= number <= high:  # also refuses nan
            raise argparse.ArgumentTypeError(f"{what} must be between {low} and {high}, not {text}")
        return number

    return parse


def prompt_text(parts: list[str]) -> str:
    """The words of a prompt as one text; refuses bytes that are not UTF-8 (the terminal or
    a script passed another encoding) before any model is loaded."""
    text = " ".join(parts)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UserError(
            f"the prompt is not UTF-8 text (character {exc.start + 1} cannot be read); set your "
            "terminal or script to UTF-8 and try again"
        ) from None
    return text


def parse_draft_model(text: str) -> DraftChoice:
    """``auto``, ``none`` or the path of a GGUF file (``./auto`` for a file called auto)."""
    value = text.strip()
    if value.lower() in {"auto", "none"}:
        return "auto" if value.lower() == "auto" else "none"
    if not value:
        raise argparse.ArgumentTypeError("the draft model must be auto, none or a GGUF file")
    return Path(value).expanduser()


def add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        metavar="PATH|ID",
        help="GGUF file to run (default: the built-in demo model); with --server, the "
        "model's name on that server",
    )
    parser.add_argument(
        "--server",
        metavar="NAME|URL",
        help="run on this inference server (see `ponder servers`) instead of this computer",
    )
    parser.add_argument(
        "--ctx",
        type=whole_number("the context size", *CONTEXT_RANGE),
        metavar="N",
        help="context size, tokens (default: what a catalog model's card asks for, as far as "
        "this computer's memory allows; 4096 for other files)",
    )
    parser.add_argument(
        "--think-tags",
        nargs=2,
        metavar=("START", "END"),
        help="custom think tags for a model whose family Ponder does not know "
        "(default: the ones saved in the app's settings, if any)",
    )
    parser.add_argument(
        "--threads",
        type=whole_number("the number of threads", *THREADS_RANGE),
        metavar="N",
        help="CPU threads (default: cores)",
    )
    parser.add_argument(
        "--gpu-layers",
        type=whole_number("--gpu-layers", -1),
        default=-1,
        metavar="N",
        help="layers to offload to the GPU: -1 all (default), 0 none",
    )
    parser.add_argument(
        "--force", action="store_true", help="load the model even if it looks too large"
    )
    parser.add_argument(
        "--speculative",
        dest="speculative",
        action="store_true",
        help="draft tokens from the context and verify them in one batch, as far as it pays "
        "on this computer (the output is the same; off by default, see the README)",
    )
    parser.add_argument(
        "--draft-model",
        type=parse_draft_model,
        metavar="PATH|auto|none",
        help="with --speculative, a smaller model with the same tokenizer that drafts too: "
        "auto (default) takes the catalog's pair for the model when it is installed and both "
        "fit in memory, none drafts from the context only",
    )


def add_thinking_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--think-budget",
        type=parse_budget,
        default=None,
        metavar="off|N|unlimited",
        help="maximum thinking tokens for the turn (default: unlimited)",
    )
    parser.add_argument(
        "--min-think",
        type=whole_number("the minimum thinking", 0),
        default=0,
        metavar="N",
        help="minimum thinking tokens: an earlier stop is answered with the wait text",
    )
    parser.add_argument(
        "--max-waits",
        type=whole_number("the number of waits", *MAX_WAITS_RANGE),
        default=3,
        metavar="K",
        help="inject the wait text at most K times",
    )
    parser.add_argument(
        "--effort",
        choices=EFFORTS,
        help="how hard the model thinks, mapped per model family (its effort or thinking "
        "switch, else a budget); replaces --think-budget",
    )
    parser.add_argument("--wait-text", default=DEFAULT_WAIT_TEXT, metavar="S")
    parser.add_argument(
        "--stop-message",
        default=DEFAULT_STOP_MESSAGE,
        metavar="PRESET|TEXT",
        help="said when the budget runs out: " + ", ".join(STOP_MESSAGE_PRESETS) + ", or your text",
    )
    parser.add_argument(
        "--past-reasoning",
        action="store_true",
        help="send earlier turns' thinking back to the model (default: not sent, as the model "
        "families recommend)",
    )
    parser.add_argument("--seed", type=whole_number("the seed", 0, 2**32 - 1), metavar="N")
    parser.add_argument("--temperature", type=fraction("the temperature", 0.0, 10.0), metavar="T")
    parser.add_argument("--top-p", type=fraction("top-p", 0.0, 1.0), metavar="P")
    parser.add_argument("--top-k", type=whole_number("top-k", 0), metavar="K")
    parser.add_argument(
        "--max-tokens",
        type=whole_number("the maximum number of tokens", 1),
        metavar="N",
        help="stop after N generated tokens",
    )


def model_path(args: argparse.Namespace) -> Path:
    if args.model:
        path = Path(args.model).expanduser()
        if not path.is_file():
            raise UserError(f"no model file at {path}")
        return path
    demo = find_demo_model()
    if demo is None:
        raise UserError(
            "no --model given and the built-in demo model is not installed "
            "(`make run` installs it; or pass --model PATH to a .gguf file)"
        )
    return demo


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """The model a command will load, and its header (read once, before anything loads).

    ``notes``: what the person should know about this load (a long answer that will not fit).
    """

    load: LoadRequest
    header: GGUFHeader
    notes: tuple[str, ...] = ()


def custom_think_tags(args: argparse.Namespace) -> tuple[str, str] | None:
    """``--think-tags START END``, else the tags saved in the app's settings, else None."""
    given = getattr(args, "think_tags", None)
    if given is None:
        return load_settings(AppPaths.from_environment().settings_file).custom_think_tags
    try:
        return think_tags(*given)
    except ValueError as exc:
        raise UserError(f"--think-tags: {exc}") from None


def _catalog() -> Catalog | None:
    try:
        return load_catalog()
    except (CatalogError, OSError):  # a broken catalog costs only the per-model context
        return None


def choose_model(args: argparse.Namespace, hardware: HardwareInfo | None = None) -> ModelChoice:
    """Picks the model, reads its header, and refuses one that cannot fit (unless --force).

    ``hardware``: this machine as measured (default: detected now)."""
    if args.ctx is not None and args.ctx < 64:
        raise UserError("--ctx must be at least 64 tokens")
    path = model_path(args)
    tags = custom_think_tags(args)
    speculate = bool(getattr(args, "speculative", False))
    asked: DraftChoice | None = getattr(args, "draft_model", None)
    draft: DraftChoice = "auto" if asked is None else asked
    notes: tuple[str, ...] = ()
    if asked is not None and not speculate:
        notes = ("--draft-model is used only with --speculative: nothing is drafted",)
    try:
        plan = plan_load(
            path,
            hardware or detect_hardware(),
            n_ctx=args.ctx,
            n_threads=args.threads,
            gpu_layers=args.gpu_layers,
            force=args.force,
            catalog=_catalog(),
            think_tags=tags,
            speculate=speculate,
            draft_model=draft,
            installed=_installed() if speculate and draft == "auto" else (),
        )
    except (GGUFError, DraftModelError) as exc:
        raise UserError(str(exc)) from None
    except ModelTooLarge as exc:
        raise UserError(f"{exc} To try anyway, pass --force.") from None
    return ModelChoice(plan.request, plan.header, (*plan.notes, *notes))


def _installed() -> list[InstalledModel]:
    """The models folder's models, where the catalog's draft model for a model is looked for."""
    try:
        return ModelStore.from_paths().installed()
    except OSError:  # an unreadable folder costs only the draft model
        return []


def load_request(args: argparse.Namespace) -> LoadRequest:
    return choose_model(args).load


@dataclass(frozen=True, slots=True)
class EngineChoice:
    """The engine a command runs on and what it loads: the local engine with a GGUF (its
    ``header`` read), or a remote server (``remote`` set, ``header`` None)."""

    engine: Engine
    load: LoadRequest
    header: GGUFHeader | None = None
    remote: RemoteEngine | None = None
    notes: tuple[str, ...] = ()

    def model_label(self) -> str:
        """What the reproducibility card names: the file, or model + server + software."""
        return self.remote.identity if self.remote is not None else self.load.model_path

    def model_sha256(self) -> str | None:
        from ponder.core.models.file_hash import sha256_file

        return None if self.remote is not None else sha256_file(Path(self.load.model_path))


def choose_engine(args: argparse.Namespace) -> EngineChoice:
    """The engine for ``--server`` (a remote one, nothing loaded yet) or the local one with
    the model ``choose_model`` picks. Close it with ``contextlib.closing``."""
    if getattr(args, "server", None):
        from ponder.commands.servers import connection_for

        if not args.model:
            raise UserError("--server needs --model: the model's name on that server")
        # Only tags named now: the settings' custom tags are for local models.
        tags = custom_think_tags(args) if getattr(args, "think_tags", None) else None
        remote = RemoteEngine(connection_for(args.server))
        load = LoadRequest(model_path=args.model, think_tags=tags)
        return EngineChoice(remote, load, remote=remote)
    choice = choose_model(args)
    return EngineChoice(EngineClient(), choice.load, choice.header, notes=choice.notes)


def effort_choice(args: argparse.Namespace, header: GGUFHeader | None) -> EffortSetting | None:
    """What ``--effort`` means for this model's family (None: not asked for)."""
    effort = getattr(args, "effort", None)
    if effort is None:
        return None
    if getattr(args, "think_budget", None) is not None:
        raise UserError("give --effort or --think-budget, not both: the effort sets the budget")
    if header is None:
        raise UserError(
            "--effort is mapped from the model's family, which Ponder reads from a local GGUF; "
            "on a server, give --think-budget"
        )
    return effort_setting(detect_family(header.metadata), effort)


def thinking_control(args: argparse.Namespace, header: GGUFHeader | None) -> ThinkingControl:
    """The thinking controls asked for; the budget comes from ``--effort`` (mapped for the
    model's family) or ``--think-budget``, and defaults to the model family's (to unlimited
    on a server, where the family is not known)."""
    stop = STOP_MESSAGE_PRESETS.get(args.stop_message, args.stop_message)
    effort = effort_choice(args, header)
    if effort is not None:
        budget = effort.budget
    elif hasattr(args, "think_budget"):
        budget = args.think_budget
    else:
        budget = detect_family(header.metadata).default_budget if header is not None else None
    try:
        control = ThinkingControl(
            budget=budget,
            min_tokens=args.min_think,
            max_waits=args.max_waits,
            wait_text=args.wait_text,
            stop_message=stop,
        )
    except ValueError as exc:
        raise UserError(str(exc)) from None
    return check_minimum(control, "--min-think", "--effort" if effort else "--think-budget")


def check_minimum(control: ThinkingControl, minimum: str, budget: str) -> ThinkingControl:
    """``control``, or ``UserError`` when its minimum is above its budget (the budget would
    stop the thinking first, and the minimum would silently do nothing). ``minimum`` and
    ``budget`` name the options that set them."""
    if control.minimum_unreachable:
        raise UserError(
            f"the minimum thinking ({control.min_tokens} tokens) is more than the thinking "
            f"budget ({control.budget} tokens): the model would be stopped before it got "
            f"there. Lower {minimum}, or raise {budget}."
        )
    return control


def sampling(args: argparse.Namespace) -> Sampling:
    return Sampling(
        temperature=args.temperature, top_p=args.top_p, top_k=args.top_k, seed=args.seed
    )
