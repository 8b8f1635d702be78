"""A static scan of a GGUF chat template for the marks of a Jinja sandbox escape.

Chat templates come from the model file, that is, from whoever published it. Ponder renders
them in Jinja2's ``ImmutableSandboxedEnvironment``, which is the real defence; this scan is a
second, cheap one that turns away a file whose template reaches for Python internals before it
is ever rendered, and tells the user why. No legitimate chat template needs any of these: they
loop over messages and concatenate strings.

A pattern list cannot be complete (strings can be assembled at render time); it is meant to
catch the published exploit shapes (``cycler.__init__.__globals__.os.popen(...)``,
``''.__class__.__mro__[1].__subclasses__()``, ``|attr('__class__')``, template imports), not
to replace the sandbox.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TEMPLATE_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class TemplateFinding:
    """Why a template was refused: the text that matched and what it is."""

    matched: str
    why: str


# (regex, why). Word boundaries keep ordinary prose ("photos.", "cosmos.") from matching.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), why)
    for pattern, why in (
        (r"__\w+", "a double-underscore name reaches Python internals"),
        (r"\bmro\b", "the method resolution order walks Python's class tree"),
        (r"\|\s*attr\b", "the attr filter looks up attributes by computed name"),
        (r"\b(?:os|sys|builtins|importlib)\s*\.", "a Python module is named"),
        (r"\b(?:subprocess|popen)\b", "a process would be started"),
        (r"\b(?:eval|exec|compile|getattr|setattr|globals|locals|vars)\s*\(", "a Python builtin"),
        (
            r"\b(?:func_globals|f_globals|f_builtins|f_locals|gi_frame|cr_frame|gi_code)\b",
            "a frame or function internal",
        ),
        (r"\{%-?\s*(?:import|from|include|extends)\b", "a template tries to load another"),
    )
)


def scan_template(text: str) -> TemplateFinding | None:
    """Return the first hostile pattern in ``text``, or ``None`` if the template looks benign."""
    for pattern, why in _PATTERNS:
        match = pattern.search(text)
        if match:
            return TemplateFinding(matched=match.group(0), why=why)
    return None
