"""What a configured server is: its software and version, its models, the controls it honours.

No fixed port and no assumption: each kind of server is recognised by the endpoints only it
has, tried in this order (a 404 or a body of the wrong shape means "not this one"):

1. llama.cpp's ``llama-server``: ``GET /props`` (``build_info``, ``model_path``,
   ``chat_template_caps``) and ``GET /health``;
2. Ollama: ``GET /api/version`` (``{"version": ...}``), models from ``GET /api/tags``, and
   ``POST /api/show`` for each model's ``capabilities`` (``"thinking"``);
3. vLLM: ``GET /version`` (``{"version": ...}``) beside ``GET /v1/models``;
4. LM Studio: ``GET /api/v0/models`` (its native REST API: ``type``/``publisher``/``state``);
5. anything else that answers ``GET /v1/models``: a plain OpenAI-compatible server.

A connection, TLS or authentication fault ends the probe at once with a ``ServerFault`` (the
next endpoint would fail the same way). Only the configured address is contacted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx2

from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.servers.connection import (
    AUTH,
    PROTOCOL,
    ServerConnection,
    ServerFault,
    fault_message,
    status_fault,
)
from ponder.core.servers.controls import CONTROL_MAP, ServerKind, Support

SOFTWARE: dict[ServerKind, str] = {
    "llama-server": "llama.cpp llama-server",
    "ollama": "Ollama",
    "vllm": "vLLM",
    "lmstudio": "LM Studio",
    "openai-compatible": "an OpenAI-compatible server",
}


@dataclass(frozen=True, slots=True)
class ServerModel:
    """A model the server offers. ``thinking``: whether the server says it reasons (None: it
    does not say)."""

    id: str
    thinking: bool | None = None
    context: int | None = None


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """The probe's result. ``controls`` maps each control (``controls.CONTROL_NAMES``) to
    ``honoured``/``emulated``/``unavailable``; ``notes`` are facts worth showing."""

    kind: ServerKind
    version: str
    models: tuple[ServerModel, ...]
    controls: dict[str, Support] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    # llama-server only: whether the loaded model's chat template marks thinking (the budget
    # and the control endpoint act only then).
    template_thinking: bool | None = None

    @property
    def software(self) -> str:
        return SOFTWARE[self.kind]

    @property
    def description(self) -> str:
        """The software and its version, in words (the reproducibility card shows it)."""
        return f"{self.software} {self.version}".strip()

    def model(self, model_id: str) -> ServerModel | None:
        return next((m for m in self.models if m.id == model_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "software": self.software,
            "version": self.version,
            "models": [
                {"id": m.id, "thinking": m.thinking, "context": m.context} for m in self.models
            ],
            "controls": dict(self.controls),
            "template_thinking": self.template_thinking,
            "notes": list(self.notes),
        }


def _get_json(
    client: httpx2.Client, connection: ServerConnection, path: str
) -> tuple[int, Any | None]:
    """(status, JSON body or None). Faults other than an HTTP status are raised."""
    try:
        response = client.get(connection.url(path))
    except httpx2.HTTPError as exc:
        raise fault_message(exc, connection, streaming=False) from None
    if response.status_code in (401, 403):
        raise status_fault(response.status_code, response.content, connection)
    if response.status_code != 200:
        return response.status_code, None
    try:
        return 200, response.json()
    except ValueError:
        return 200, None


def _openai_models(client: httpx2.Client, connection: ServerConnection) -> list[dict[str, Any]]:
    status, data = _get_json(client, connection, "/v1/models")
    if status != 200 or not isinstance(data, dict) or not isinstance(data.get("data"), list):
        return []
    return [m for m in data["data"] if isinstance(m, dict) and isinstance(m.get("id"), str)]


def _llama_server(
    client: httpx2.Client, connection: ServerConnection, props: dict[str, Any]
) -> ServerInfo:
    build = str(props.get("build_info") or "unknown build")
    thinking = _template_thinks(props)
    # The context a request gets is the slot's (``-c``, shared among ``-np`` slots), not the
    # model's training length: a prompt longer than the slot's is refused.
    settings = props.get("default_generation_settings")
    slot_ctx = _int(settings.get("n_ctx")) if isinstance(settings, dict) else None
    models = []
    for m in _openai_models(client, connection):
        meta = m.get("meta")
        meta = meta if isinstance(meta, dict) else {}
        context = slot_ctx or _int(meta.get("n_ctx")) or _int(meta.get("n_ctx_train"))
        models.append(ServerModel(str(m["id"]), thinking, context))
    if not models and props.get("model_alias"):
        models = [ServerModel(str(props["model_alias"]), thinking, slot_ctx)]
    notes = []
    controls = dict(CONTROL_MAP["llama-server"])
    if thinking is False:
        # Without think markers in the template the server neither splits reasoning out nor
        # applies its budget or control endpoint: Ponder parses <think> itself and emulates.
        notes.append(
            "the loaded model's chat template has no thinking markers: Ponder finds the "
            "thinking in the text and keeps the budget itself"
        )
        controls.update(budget="emulated", answer_now="emulated", effort="unavailable")
    _status, health = _get_json(client, connection, "/health")
    if isinstance(health, dict) and health.get("status") not in (None, "ok"):
        notes.append(f"health: {health.get('status')}")
    return ServerInfo(
        "llama-server", build, tuple(models), controls, tuple(notes), template_thinking=thinking
    )


# Markers of a thinking block in a chat template's source (R1/Qwen3 and kin, Magistral,
# gpt-oss's analysis channel, templates that render reasoning_content).
_THINK_MARKERS = ("<think>", "[THINK]", "<|channel|>", "reasoning_content", "enable_thinking")


def _template_thinks(props: dict[str, Any]) -> bool | None:
    """Whether llama-server's loaded chat template marks thinking: the server splits reasoning
    out and applies its budget and control endpoint only then. Newer builds say so in
    ``chat_template_caps`` (``supports_thinking``); otherwise the template is read."""
    caps = props.get("chat_template_caps")
    if isinstance(caps, dict) and "supports_thinking" in caps:
        return bool(caps["supports_thinking"])
    template = props.get("chat_template")
    if not isinstance(template, str):
        return None
    return any(marker in template for marker in _THINK_MARKERS)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _ollama(client: httpx2.Client, connection: ServerConnection, version: str) -> ServerInfo:
    _status, tags = _get_json(client, connection, "/api/tags")
    names = []
    if isinstance(tags, dict) and isinstance(tags.get("models"), list):
        names = [
            str(m.get("model") or m.get("name"))
            for m in tags["models"]
            if isinstance(m, dict) and (m.get("model") or m.get("name"))
        ]
    models = []
    for name in names[:64]:
        try:
            response = client.post(connection.url("/api/show"), json={"model": name})
            data = response.json() if response.status_code == 200 else None
        except (httpx2.HTTPError, ValueError):
            data = None
        caps = data.get("capabilities") if isinstance(data, dict) else None
        models.append(ServerModel(name, "thinking" in caps if isinstance(caps, list) else None))
    return ServerInfo("ollama", version, tuple(models), dict(CONTROL_MAP["ollama"]))


def probe_server(connection: ServerConnection, *, timeout_s: float = 10.0) -> ServerInfo:
    """Identifies the server at ``connection``; raises ``ServerFault`` when it cannot be
    reached, refuses the key, or answers nothing Ponder recognises."""
    with connection.client(connect_s=timeout_s, read_s=timeout_s) as client:
        status, props = _get_json(client, connection, "/props")
        if status == 200 and isinstance(props, dict) and "build_info" in props:
            return _llama_server(client, connection, props)
        status, version = _get_json(client, connection, "/api/version")
        if status == 200 and isinstance(version, dict) and isinstance(version.get("version"), str):
            return _ollama(client, connection, version["version"])
        listed = _openai_models(client, connection)
        status, version = _get_json(client, connection, "/version")
        if (
            listed
            and isinstance(version, dict)
            and isinstance(version.get("version"), str)
            and any(m.get("owned_by") == "vllm" for m in listed)
        ):
            models = tuple(
                ServerModel(str(m["id"]), None, _int(m.get("max_model_len"))) for m in listed
            )
            return ServerInfo("vllm", version["version"], models, dict(CONTROL_MAP["vllm"]))
        status, native = _get_json(client, connection, "/api/v0/models")
        if status == 200 and isinstance(native, dict) and isinstance(native.get("data"), list):
            models = tuple(
                # A loaded model's context is the one it was loaded with.
                ServerModel(
                    str(m["id"]),
                    None,
                    _int(m.get("loaded_context_length")) or _int(m.get("max_context_length")),
                )
                for m in native["data"]
                if isinstance(m, dict)
                and isinstance(m.get("id"), str)
                and m.get("type") != "embeddings"
            )
            return ServerInfo("lmstudio", "", models, dict(CONTROL_MAP["lmstudio"]))
        if listed:
            models = tuple(ServerModel(str(m["id"])) for m in listed)
            return ServerInfo(
                "openai-compatible", "", models, dict(CONTROL_MAP["openai-compatible"])
            )
    raise ServerFault(
        PROTOCOL,
        QT_TRANSLATE_NOOP(
            "Servers",
            "{name} answers, but not as llama-server, Ollama, vLLM, LM Studio "
            "or any OpenAI-compatible server (no /v1/models); check the address.",
        ).format(name=connection.name),
    )


__all__ = ["AUTH", "ServerInfo", "ServerModel", "probe_server"]
