"""About Ponder: versions of Ponder and of what it runs on, and their licenses.

Versions come from the installed distributions' metadata (importlib.metadata), so llama.cpp's
Python binding is named without importing it into the app's process.

Thread: GUI thread.
"""

from __future__ import annotations

import html
import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from ponder import __version__

# (distribution, what it does here, license) — licenses as their projects state them.
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("llama_cpp_python", "runs the models (llama.cpp)", "MIT"),
    ("PySide6-Essentials", "the window (Qt for Python)", "LGPL-3.0"),
    ("markdown-it-py", "answers in Markdown", "MIT"),
    ("mdit-py-plugins", "math and tables in Markdown", "MIT"),
    ("Pygments", "code highlighting", "BSD-2-Clause"),
    ("ziamath", "math formulas", "MIT"),
    ("Jinja2", "chat templates (sandboxed)", "BSD-3-Clause"),
    ("huggingface-hub", "model downloads", "Apache-2.0"),
    ("platformdirs", "where files go", "MIT"),
    ("psutil", "memory and cores", "BSD-3-Clause"),
)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_html() -> str:
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{html.escape(_version(name))}</td>"
        f"<td>{html.escape(role)}</td><td>{html.escape(licence)}</td></tr>"
        for name, role, licence in COMPONENTS
    )
    return (
        f"<h2>Ponder {html.escape(__version__)}</h2>"
        "<p>Small reasoning models on your own computer, with the chain of thought beside "
        "the answer. Licensed under the Apache License 2.0.</p>"
        f"<p>Qt {qVersion()} · PySide6 {pyside_version} · Python {platform.python_version()}"
        f" · {html.escape(platform.system())} {html.escape(platform.machine())}</p>"
        "<table cellpadding='3'><tr><th align='left'>Component</th><th align='left'>Version"
        "</th><th align='left'>Used for</th><th align='left'>License</th></tr>"
        f"{rows}</table>"
        "<p><small>Each model has its own license, shown in the model manager.</small></p>"
    )


def show_about(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("About", "About Ponder"))
    box.setText(about_html())
    box.exec()
