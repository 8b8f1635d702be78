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
from ponder.ui.translations import QT_TRANSLATE_NOOP

# (distribution, what it does here, license) — licenses as their projects state them.
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("llama_cpp_python", QT_TRANSLATE_NOOP("About", "runs the models (llama.cpp)"), "MIT"),
    ("PySide6-Essentials", QT_TRANSLATE_NOOP("About", "the window (Qt for Python)"), "LGPL-3.0"),
    ("markdown-it-py", QT_TRANSLATE_NOOP("About", "answers in Markdown"), "MIT"),
    ("mdit-py-plugins", QT_TRANSLATE_NOOP("About", "math and tables in Markdown"), "MIT"),
    ("Pygments", QT_TRANSLATE_NOOP("About", "code highlighting"), "BSD-2-Clause"),
    ("ziamath", QT_TRANSLATE_NOOP("About", "math formulas"), "MIT"),
    ("Jinja2", QT_TRANSLATE_NOOP("About", "chat templates (sandboxed)"), "BSD-3-Clause"),
    ("huggingface-hub", QT_TRANSLATE_NOOP("About", "model downloads"), "Apache-2.0"),
    ("platformdirs", QT_TRANSLATE_NOOP("About", "where files go"), "MIT"),
    ("psutil", QT_TRANSLATE_NOOP("About", "memory and cores"), "BSD-3-Clause"),
)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return QCoreApplication.translate("About", "not installed")


def about_html() -> str:
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{html.escape(_version(name))}</td>"
        f"<td>{html.escape(QCoreApplication.translate('About', role))}</td>"
        f"<td>{html.escape(licence)}</td></tr>"
        for name, role, licence in COMPONENTS
    )
    headings = (
        QCoreApplication.translate("About", "Component"),
        QCoreApplication.translate("About", "Version"),
        QCoreApplication.translate("About", "Used for"),
        QCoreApplication.translate("About", "License"),
    )
    return (
        f"<h2>Ponder {html.escape(__version__)}</h2><p>"
        + QCoreApplication.translate(
            "About",
            "Small reasoning models on your own computer, with the chain of thought beside "
            "the answer. Licensed under the Apache License 2.0.",
        )
        + f"</p><p>Qt {qVersion()} · PySide6 {pyside_version} · Python "
        f"{platform.python_version()} · {html.escape(platform.system())} "
        f"{html.escape(platform.machine())}</p><table cellpadding='3'><tr>"
        + "".join(f"<th align='left'>{heading}</th>" for heading in headings)
        + f"</tr>{rows}</table><p><small>"
        + QCoreApplication.translate(
            "About", "Each model has its own license, shown in the model manager."
        )
        + "</small></p>"
    )


def about_box(parent: QWidget) -> QMessageBox:
    """The About box, not yet shown."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("About", "About Ponder"))
    box.setText(about_html())
    return box


def show_about(parent: QWidget) -> None:
    about_box(parent).exec()
