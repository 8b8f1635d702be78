"""The model catalog: the curated list of reasoners Ponder offers, loaded from TOML.

The catalog is data reviewed like code (``models/catalog.toml``; ``ponder.core.bundled`` finds
it in a checkout, a wheel or the bundle). Loading validates every field and
rejects unknown keys, so a typo in a reviewed file fails the schema test instead of silently
dropping a setting. Validation is a few explicit checks on dataclasses: a schema library would
be a new dependency for a dozen entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ponder.core.bounded_files import UnreadableFileError, read_toml
from ponder.core.bundled import bundled_path
from ponder.core.reasoning.families import PROFILES

CATALOG_FILE = "catalog.toml"
CATALOG_MAX_BYTES = 16 * 1024 * 1024  # hundreds of entries are well under a megabyte
SCHEMA_VERSION = 1

_ID = re.compile(r"^[a-z0-9][a-z0-9.\-]*[a-z0-9]$")
_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*/[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_QUANT = re.compile(r"^[A-Za-z0-9_]+$")
_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*\.gguf$")

_MODEL_KEYS = {
    "id",
    "name",
    "family",
    "repo",
    "revision",
    "package",
    "license",
    "params_b",
    "context_length",
    "default_quant",
    "summary",
    "architecture",
    "recommended",
    "quants",
    "demo",
    "reasoner",
    "draft",
}
_REQUIRED = {
    "id",
    "name",
    "family",
    "license",
    "params_b",
    "context_length",
    "default_quant",
    "summary",
    "architecture",
    "recommended",
    "quants",
}
_ARCH_KEYS = {"layers", "kv_heads", "head_dim"}
_ARCH_OPTIONAL_KEYS = {"attention_layers"}
_RECOMMENDED_KEYS = {"temperature", "top_p", "top_k", "min_p", "context", "output"}
_QUANT_KEYS = {"quant", "file", "size", "sha256"}


class CatalogError(ValueError):
    """The catalog file is missing or malformed, or an id/quant is not in it (user text)."""


@dataclass(frozen=True, slots=True)
class Architecture:
    """The numbers the KV-cache estimate needs: per token, each layer stores K and V for each
    KV head, ``head_dim`` values each. ``attention_layers``: for hybrid architectures (Qwen3.5,
    Nemotron-H, LFM2), the layers that have attention; their other layers are recurrent and keep
    no KV cache. None: every layer has attention."""

    layers: int
    kv_heads: int
    head_dim: int
    attention_layers: int | None = None

    def kv_bytes_per_token(self, bytes_per_value: int = 2) -> int:
        """KV-cache bytes one token of context costs (f16 cache: 2 bytes per value)."""
        layers = self.layers if self.attention_layers is None else self.attention_layers
        return layers * self.kv_heads * self.head_dim * 2 * bytes_per_value


@dataclass(frozen=True, slots=True)
class Recommended:
    """The model authors' sampling, and the context size Ponder starts the model with.

    ``output``: the longest answer (thinking included) the card asks room for, tokens; Ponder
    starts the model with a context up to that where memory allows. None: the card says none.
    """

    context: int
    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    min_p: float | None = None
    output: int | None = None


@dataclass(frozen=True, slots=True)
class Quant:
    """One downloadable file of a model. ``size`` is exact when ``sha256`` is given, else an
    estimate that the hub's metadata replaces at download time."""

    name: str
    file: str
    size: int
    sha256: str | None = None

    @property
    def size_is_exact(self) -> bool:
        return self.sha256 is not None


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One model of the catalog. Exactly one of ``repo`` (a hub repository) and ``package`` (a
    Python package that ships the file: the built-in demo) says where the file comes from."""

    id: str
    name: str
    family: str
    summary: str
    license: str
    params_b: float
    context_length: int
    architecture: Architecture
    recommended: Recommended
    quants: tuple[Quant, ...]
    default_quant: str
    repo: str | None = None
    revision: str | None = None
    package: str | None = None
    demo: bool = False
    reasoner: bool = True
    # The catalog id of a smaller model with the same tokenizer that can draft tokens for this
    # one (speculative decoding); ``parse_catalog`` checks that it is there and smaller.
    draft: str | None = None
    # The TOML table this entry was read from: model packs carry it to another machine.
    table: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def quant(self, name: str | None = None) -> Quant:
        """The quant called ``name`` (case-insensitive), or the default one."""
        wanted = (name or self.default_quant).upper()
        for quant in self.quants:
            if quant.name.upper() == wanted:
                return quant
        available = ", ".join(q.name for q in self.quants)
        raise CatalogError(f"{self.id} has no quant {name!r}; available: {available}")


@dataclass(frozen=True, slots=True)
class Catalog:
    """All entries, in file order (the order breaks ties when recommending)."""

    entries: tuple[CatalogEntry, ...]
    source: str = ""

    def __iter__(self) -> Iterator[CatalogEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, model_id: str) -> CatalogEntry:
        for entry in self.entries:
            if entry.id == model_id.lower():
                return entry
        close = [e.id for e in self.entries if model_id.lower() in e.id]
        hint = f" Did you mean {', '.join(close)}?" if close else " `ponder models` lists them."
        raise CatalogError(f"No model {model_id!r} in the catalog.{hint}")

    def resolve(self, spec: str) -> tuple[CatalogEntry, Quant]:
        """``ID`` or ``ID:QUANT`` → the entry and its quant."""
        model_id, _, quant = spec.partition(":")
        entry = self.get(model_id)
        return entry, entry.quant(quant or None)

    def find_file(self, repo: str | None, filename: str) -> tuple[CatalogEntry, Quant] | None:
        """The entry and quant whose file this is (matched on repo too when given)."""
        for entry in self.entries:
            if repo is not None and entry.repo != repo:
                continue
            for quant in entry.quants:
                if quant.file == filename:
                    return entry, quant
        return None


def default_catalog_path() -> Path:
    """The catalog that ships with Ponder."""
    return bundled_path(f"models/{CATALOG_FILE}")


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Read and validate a catalog file (default: the one that ships with Ponder)."""
    file = Path(path) if path is not None else default_catalog_path()
    try:
        data = read_toml(file, max_bytes=CATALOG_MAX_BYTES)
    except FileNotFoundError:
        raise CatalogError(f"The model catalog {file} does not exist.") from None
    except (OSError, UnreadableFileError) as exc:
        raise CatalogError(f"Cannot read the model catalog {file}: {exc}") from None
    return parse_catalog(data, source=str(file))


def parse_catalog(data: Mapping[str, Any], source: str = "<catalog>") -> Catalog:
    """Validate a parsed catalog document (``schema`` and a ``model`` array of tables)."""
    unknown = set(data) - {"schema", "model"}
    if unknown:
        raise CatalogError(f"{source}: unknown top-level keys {sorted(unknown)}")
    if data.get("schema") != SCHEMA_VERSION:
        raise CatalogError(f"{source}: schema must be {SCHEMA_VERSION}, not {data.get('schema')!r}")
    tables = data.get("model")
    if not isinstance(tables, list) or not tables:
        raise CatalogError(f"{source}: the catalog has no [[model]] entries")
    entries = tuple(parse_entry(t, f"{source} model #{i + 1}") for i, t in enumerate(tables))
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise CatalogError(f"{source}: the id {entry.id!r} is used twice")
        seen.add(entry.id)
    by_id = {entry.id: entry for entry in entries}
    for entry in entries:
        if entry.draft is not None:
            _check_draft(entry, by_id.get(entry.draft), source)
    return Catalog(entries, source)


def _check_draft(entry: CatalogEntry, draft: CatalogEntry | None, source: str) -> None:
    """A draft pair names another, smaller model of the catalog that is not the demo."""
    where = f"{source} ({entry.id}) draft"
    if draft is None:
        raise CatalogError(f"{where}: {entry.draft!r} is not an id in the catalog")
    if draft.id == entry.id:
        raise CatalogError(f"{where}: a model cannot draft for itself")
    if draft.params_b >= entry.params_b:
        raise CatalogError(
            f"{where}: {draft.id} ({draft.params_b}B) is not smaller than {entry.id} "
            f"({entry.params_b}B); a draft model must be smaller to save time"
        )
    if draft.demo:
        raise CatalogError(f"{where}: the demo model cannot draft for a reasoner")


def _get(table: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = table[key]
    # bool is an int in Python; a count written as `true` is a mistake, not 1.
    if isinstance(value, bool) and kind is not bool:
        raise CatalogError(f"{where}: {key} must be {_kind_name(kind)}, not {value!r}")
    if not isinstance(value, kind):
        raise CatalogError(f"{where}: {key} must be {_kind_name(kind)}, not {value!r}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


def _positive_int(table: Mapping[str, Any], key: str, where: str) -> int:
    value: int = _get(table, key, int, where)
    if value <= 0:
        raise CatalogError(f"{where}: {key} must be positive, not {value}")
    return value


def _optional(table: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    return _get(table, key, kind, where) if key in table else None


def _check_keys(table: Any, allowed: set[str], required: set[str], where: str) -> None:
    if not isinstance(table, Mapping):
        raise CatalogError(f"{where}: expected a table, not {table!r}")
    unknown = set(table) - allowed
    if unknown:
        raise CatalogError(f"{where}: unknown keys {sorted(unknown)}")
    missing = required - set(table)
    if missing:
        raise CatalogError(f"{where}: missing keys {sorted(missing)}")


def _match(pattern: re.Pattern[str], value: str, what: str, where: str) -> str:
    if not pattern.fullmatch(value):
        raise CatalogError(f"{where}: {what} {value!r} is malformed")
    return value


def _parse_quant(table: Any, where: str) -> Quant:
    _check_keys(table, _QUANT_KEYS, {"quant", "file", "size"}, where)
    sha256 = _optional(table, "sha256", str, where)
    return Quant(
        name=_match(_QUANT, _get(table, "quant", str, where), "quant", where),
        file=_match(_FILE, _get(table, "file", str, where), "file name", where),
        size=_positive_int(table, "size", where),
        sha256=_match(_SHA256, sha256, "sha256", where) if sha256 is not None else None,
    )


def _parse_recommended(table: Any, context_length: int, where: str) -> Recommended:
    _check_keys(table, _RECOMMENDED_KEYS, {"context"}, where)
    context = _positive_int(table, "context", where)
    if context > context_length:
        raise CatalogError(f"{where}: context {context} exceeds context_length {context_length}")
    temperature = _optional(table, "temperature", (int, float), where)
    top_p = _optional(table, "top_p", (int, float), where)
    min_p = _optional(table, "min_p", (int, float), where)
    top_k = _optional(table, "top_k", int, where)
    for name, value, upper in (
        ("temperature", temperature, 2.0),
        ("top_p", top_p, 1.0),
        ("min_p", min_p, 1.0),
    ):
        if value is not None and not 0.0 <= value <= upper:
            raise CatalogError(f"{where}: {name} {value} is outside 0–{upper}")
    if top_k is not None and top_k < 0:
        raise CatalogError(f"{where}: top_k cannot be negative")
    output = _positive_int(table, "output", where) if "output" in table else None
    return Recommended(
        context=context,
        temperature=None if temperature is None else float(temperature),
        top_p=None if top_p is None else float(top_p),
        top_k=top_k,
        min_p=None if min_p is None else float(min_p),
        output=output,
    )


def parse_entry(table: Any, where: str = "<entry>") -> CatalogEntry:
    """Validate one ``[[model]]`` table (also what a model pack carries)."""
    _check_keys(table, _MODEL_KEYS, _REQUIRED, where)
    model_id = _match(_ID, _get(table, "id", str, where), "id", where)
    where = f"{where} ({model_id})"
    family = _get(table, "family", str, where)
    known = {p.id for p in PROFILES}
    if family not in known:
        raise CatalogError(f"{where}: unknown family {family!r}; known: {sorted(known)}")
    repo = _optional(table, "repo", str, where)
    package = _optional(table, "package", str, where)
    if (repo is None) == (package is None):
        raise CatalogError(f"{where}: give exactly one of repo (the hub) and package")
    if repo is not None:
        _match(_REPO, repo, "repo", where)
    revision = _optional(table, "revision", str, where)
    if revision is not None:
        _match(_COMMIT, revision, "revision (a 40-hex-digit commit)", where)
    summary = _get(table, "summary", str, where).strip()
    if not summary.endswith(".") or "\n" in summary or not 10 <= len(summary) <= 200:
        raise CatalogError(f"{where}: summary must be one plain sentence of 10–200 characters")
    arch_table = table["architecture"]
    _check_keys(arch_table, _ARCH_KEYS | _ARCH_OPTIONAL_KEYS, _ARCH_KEYS, f"{where} architecture")
    layers, kv_heads, head_dim = (
        _positive_int(arch_table, k, f"{where} architecture")
        for k in ("layers", "kv_heads", "head_dim")
    )
    attention_layers = None
    if "attention_layers" in arch_table:
        attention_layers = _positive_int(arch_table, "attention_layers", f"{where} architecture")
        if attention_layers > layers:
            raise CatalogError(f"{where} architecture: attention_layers is more than layers")
    architecture = Architecture(layers, kv_heads, head_dim, attention_layers)
    context_length = _positive_int(table, "context_length", where)
    quant_tables = _get(table, "quants", list, where)
    if not quant_tables:
        raise CatalogError(f"{where}: no quants")
    quants = tuple(_parse_quant(q, f"{where} quant #{i + 1}") for i, q in enumerate(quant_tables))
    if len({q.name.upper() for q in quants}) != len(quants):
        raise CatalogError(f"{where}: a quant is listed twice")
    default_quant = _get(table, "default_quant", str, where)
    if default_quant not in {q.name for q in quants}:
        raise CatalogError(f"{where}: default_quant {default_quant!r} is not one of its quants")
    params_b = float(_get(table, "params_b", (int, float), where))
    if params_b <= 0:
        raise CatalogError(f"{where}: params_b must be positive")
    demo = bool(_optional(table, "demo", bool, where) or False)
    reasoner = _optional(table, "reasoner", bool, where)
    reasoner = (not demo) if reasoner is None else reasoner
    if demo and reasoner:
        raise CatalogError(f"{where}: the demo model is not a reasoner")
    draft = _optional(table, "draft", str, where)
    if draft is not None:
        _match(_ID, draft, "draft (a catalog id)", where)
    license_text = _get(table, "license", str, where).strip()
    name = _get(table, "name", str, where).strip()
    if not license_text or not name:
        raise CatalogError(f"{where}: name and license cannot be empty")
    return CatalogEntry(
        id=model_id,
        name=name,
        family=family,
        summary=summary,
        license=license_text,
        params_b=params_b,
        context_length=context_length,
        architecture=architecture,
        recommended=_parse_recommended(
            table["recommended"], context_length, f"{where} recommended"
        ),
        quants=quants,
        default_quant=default_quant,
        repo=repo,
        revision=revision,
        package=package,
        demo=demo,
        reasoner=reasoner,
        draft=draft,
        table=dict(table),
    )


__all__ = [
    "Architecture",
    "Catalog",
    "CatalogEntry",
    "CatalogError",
    "Quant",
    "Recommended",
    "default_catalog_path",
    "load_catalog",
    "parse_catalog",
    "parse_entry",
]
