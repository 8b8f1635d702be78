"""``ponder inspect PATH``: what Ponder knows of a GGUF file, or why it will not use it.

Reads only the header, in pure Python (no llama.cpp), after the same validation that guards
every load: a truncated or hostile file is reported, never opened by llama.cpp.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ponder.commands import UserError
from ponder.core.byte_size import size_text
from ponder.core.gguf.errors import GGUFError
from ponder.core.gguf.model_info import ModelInfo, describe
from ponder.core.gguf.validate import validate_gguf
from ponder.core.reasoning.families import FamilyProfile, detect_family, find_single_token_id
from ponder.core.reasoning.prompt import PromptError, build_prompt
from ponder.core.request import Message, ThinkingControl


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "inspect", help="describe a GGUF model file", description=__doc__
    )
    parser.add_argument("path", help="a .gguf file")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def inspect_file(path: Path) -> dict[str, Any]:
    """Everything ``inspect`` prints, as plain data. Raises UserError for unusable files."""
    if not path.is_file():
        raise UserError(f"no file at {path}")
    try:
        header = validate_gguf(path, allow_no_tensors=True)
    except GGUFError as exc:
        raise UserError(str(exc)) from None
    info = describe(header)
    profile = detect_family(header.metadata)
    tokens = header.metadata.get("tokenizer.ggml.tokens") or []
    types = header.metadata.get("tokenizer.ggml.token_type")
    data = _as_dict(info, profile, tokens, types)
    data["template_check"] = template_verdict(header.metadata, profile, tokens)
    return data


def template_verdict(metadata: dict[str, Any], profile: FamilyProfile, tokens: list[Any]) -> str:
    """Whether the file's chat template renders a test conversation: "ok" or "refused: why".

    The same bounded, sandboxed render every turn goes through, so a template that would
    hang or refuse a conversation is reported here first.
    """

    def token(key: str) -> str:
        index = metadata.get(key)
        ok = isinstance(index, int) and 0 <= index < len(tokens)
        return str(tokens[index]) if ok else ""

    template = metadata.get("tokenizer.chat_template")
    try:
        build_prompt(
            profile,
            template if isinstance(template, str) else None,
            [Message("user", "Hello!"), Message("assistant", "Hi."), Message("user", "2 + 2?")],
            ThinkingControl(),
            bos_token=token("tokenizer.ggml.bos_token_id"),
            eos_token=token("tokenizer.ggml.eos_token_id"),
            system_prompt="You are a helpful assistant.",
        )
    except PromptError as exc:
        return f"refused: {exc}"
    return "ok"


def _as_dict(
    info: ModelInfo, profile: FamilyProfile, tokens: list[Any], types: list[int] | None
) -> dict[str, Any]:
    budget = profile.default_budget
    return {
        "path": str(info.path),
        "file_size": info.file_size,
        "architecture": info.architecture,
        "name": info.name,
        "size_label": info.size_label,
        "parameters": info.parameter_count,
        "quantization": info.quantization,
        "context_length": info.context_length,
        "layers": info.block_count,
        "embedding_length": info.embedding_length,
        "heads": info.head_count,
        "kv_heads": info.head_count_kv,
        "attention_layers": info.attention_layers,
        "vocab_size": info.vocab_size,
        "kv_cache_bytes_per_token": info.kv_cache_bytes_per_token(),
        "family": profile.id,
        "family_name": profile.display_name,
        "reasoner": profile.is_reasoner,
        "thinking_start": profile.thinking_start,
        "think_open": profile.think_open,
        "think_close": profile.think_close,
        "think_open_id": find_single_token_id(tokens, profile.think_open, types),
        "think_close_id": find_single_token_id(tokens, profile.think_close, types),
        "default_thinking_budget": "unlimited" if budget is None else budget,
        "recommended_sampling": {
            k: v
            for k, v in (
                ("temperature", profile.sampling.temperature),
                ("top_p", profile.sampling.top_p),
                ("top_k", profile.sampling.top_k),
                ("min_p", profile.sampling.min_p),
            )
            if v is not None
        },
        "system_prompt_supported": profile.system_prompt_supported,
        "template": info.template_summary,
    }


def _id_or_text(token_id: int | None) -> str:
    return "text" if token_id is None else f"token {token_id}"


def run(args: argparse.Namespace) -> int:
    data = inspect_file(Path(args.path).expanduser())
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    params = data["parameters"]
    rows = [
        ("file", f"{data['path']} ({size_text(data['file_size'])})"),
        ("model", data["name"] or "(unnamed)"),
        ("architecture", data["architecture"]),
        ("parameters", f"{params / 1e9:.2f} B" if params else data["size_label"] or "unknown"),
        ("quantization", data["quantization"] or "unknown"),
        ("context length", data["context_length"] or "unknown"),
        ("layers / heads / kv heads", f"{data['layers']} / {data['heads']} / {data['kv_heads']}"),
        ("attention layers", data["attention_layers"] or "unknown"),
        ("vocabulary", data["vocab_size"]),
        ("family", f"{data['family_name']} ({data['family']})"),
        ("reasoner", "yes" if data["reasoner"] else "no"),
        ("thinking starts", data["thinking_start"]),
        (
            "think tags",
            f"{data['think_open']} {_id_or_text(data['think_open_id'])}, "
            f"{data['think_close']} {_id_or_text(data['think_close_id'])}",
        ),
        ("default budget", data["default_thinking_budget"]),
        ("sampling", ", ".join(f"{k} {v}" for k, v in data["recommended_sampling"].items())),
        ("chat template", data["template"]),
        ("template renders", data["template_check"]),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0
