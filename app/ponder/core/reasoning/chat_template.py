"""Chat templates from GGUF files, compiled and rendered in Jinja2's immutable sandbox.

The template comes from the model file, i.e. from whoever made the file. It is rendered with
the conventions of Hugging Face's ``apply_chat_template`` (trim_blocks, lstrip_blocks, loop
controls, ``raise_exception``, ``strftime_now``, a JSON ``tojson``, ``{% generation %}``), in
``ImmutableSandboxedEnvironment`` (no Python internals, no mutation of the messages), with caps
on the template's size, on what it may output and on the work it may do
(ponder.core.reasoning.template_sandbox). Every failure is a ``PromptError`` written for the
user. ponder.core.gguf.template_scan is a cheaper first look at load time; this is the
defence that holds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, NoReturn

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension, loopcontrols

from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.reasoning.template_sandbox import BoundedSandbox, RenderBudget, TemplateTooCostly

MAX_TEMPLATE_CHARS = 256 * 1024  # the largest real templates (with tool support) are ~20 KB
MAX_TEMPLATE_OUTPUT_CHARS = 1024 * 1024  # template text alone, message contents not counted


class PromptError(Exception):
    """The prompt cannot be built; the message is written for the user."""


TOO_MUCH_WORK = (
    "This model's chat template tried to do too much work and was stopped; the file may be "
    "damaged or malicious. Try another copy of the model, from a source you trust."
)


class TemplateTooCostlyError(PromptError):
    """The template went past its time, memory or output ceiling."""

    def __init__(self) -> None:
        super().__init__(TOO_MUCH_WORK)


def _raise_exception(message: str) -> NoReturn:
    raise jinja2.TemplateError(message)


def _strftime_now(fmt: str) -> str:
    return datetime.now().strftime(fmt)


def _tojson(
    value: Any,
    ensure_ascii: bool = False,
    indent: int | None = None,
    separators: tuple[str, str] | None = None,
    sort_keys: bool = False,
) -> str:
    # Jinja's own tojson escapes < > & ' for HTML; chat templates expect plain JSON (as HF).
    return json.dumps(
        value, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys
    )


class _GenerationTag(Extension):
    """``{% generation %}…{% endgeneration %}`` (HF marks assistant spans with it): a no-op."""

    tags = {"generation"}  # noqa: RUF012 — Jinja's Extension API declares it so

    def parse(self, parser: Any) -> list[nodes.Node]:
        next(parser.stream)
        body: list[nodes.Node] = parser.parse_statements(("name:endgeneration",), drop_needle=True)
        return body


def _environment() -> BoundedSandbox:
    env = BoundedSandbox(
        RenderBudget.for_output(MAX_TEMPLATE_OUTPUT_CHARS),  # bounds constant folding
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=[loopcontrols, _GenerationTag],
    )
    env.filters["tojson"] = _tojson
    env.bounded_filters()
    env.globals["raise_exception"] = _raise_exception
    env.globals["strftime_now"] = _strftime_now
    return env


def _render(template: jinja2.Template, context: Mapping[str, Any], limit: int) -> str:
    """Renders, stopping as soon as the output passes ``limit`` characters or the work passes
    the budget that limit implies."""
    environment = template.environment
    assert isinstance(environment, BoundedSandbox), "compile templates with compile_template"
    environment.budget = RenderBudget.for_output(limit)
    parts: list[str] = []
    size = 0
    for chunk in template.generate(**context):
        size += len(chunk)
        if size > limit:
            raise TemplateTooCostly(
                QT_TRANSLATE_NOOP(
                    "Prompt",
                    "output past {limit} characters",
                ).format(limit=limit)
            )
        parts.append(chunk)
    return "".join(parts)


def compile_template(source: str) -> jinja2.Template:
    """Compiles a chat template in the sandbox; a bad or oversized one is a PromptError."""
    if len(source) > MAX_TEMPLATE_CHARS:
        raise PromptError(
            QT_TRANSLATE_NOOP(
                "Prompt",
                "The model's chat template is {size} KB long, more than Ponder accepts "
                "({limit} KB). The model file may be damaged or altered; try another "
                "copy of the model.",
            ).format(size=len(source) // 1024, limit=MAX_TEMPLATE_CHARS // 1024)
        )
    try:
        return _environment().from_string(source)
    except (TemplateTooCostly, MemoryError, RecursionError) as exc:  # constant folding
        raise TemplateTooCostlyError from exc
    except jinja2.TemplateSyntaxError as exc:
        raise PromptError(
            QT_TRANSLATE_NOOP(
                "Prompt",
                "The model's chat template has an error (line {lineno}: {message}). Try "
                "another copy of the model, or a newer conversion of it.",
            ).format(lineno=exc.lineno, message=exc.message)
        ) from exc


def render_template(template: jinja2.Template, context: Mapping[str, Any], limit: int) -> str:
    """Renders with every failure turned into a PromptError written for the user."""
    try:
        return _render(template, context, limit)
    except PromptError:
        raise
    except (TemplateTooCostly, MemoryError, RecursionError) as exc:
        raise TemplateTooCostlyError from exc
    except jinja2.exceptions.SecurityError as exc:
        raise PromptError(
            QT_TRANSLATE_NOOP(
                "Prompt",
                "The model's chat template tried something unsafe and was stopped "
                "({exc}). Use a copy of the model from a source you trust.",
            ).format(exc=exc)
        ) from exc
    except jinja2.TemplateError as exc:
        raise PromptError(
            QT_TRANSLATE_NOOP(
                "Prompt",
                "The model's chat template refused this conversation: {exc}. Check the "
                "conversation (roles must alternate user/assistant) or try another copy "
                "of the model.",
            ).format(exc=exc)
        ) from exc
    except Exception as exc:  # a template can raise anything Python can (TypeError, KeyError…)
        raise PromptError(
            QT_TRANSLATE_NOOP(
                "Prompt",
                "The model's chat template failed ({kind}: {exc}). Try another copy of "
                "the model, or a newer conversion of it.",
            ).format(kind=type(exc).__name__, exc=exc)
        ) from exc
