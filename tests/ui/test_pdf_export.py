"""PDF export: the core's HTML laid out by Qt into a real PDF file."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ponder.core.request import Sampling
from ponder.core.teaching.export import sweep_html
from ponder.core.teaching.problems import Problem
from ponder.core.teaching.sweep import SweepCell, SweepResult
from ponder.ui.export import export_document
from ponder.ui.pdf_export import write_pdf


def _sweep(problems: int) -> SweepResult:
    result = SweepResult(
        model_path="/m/r1.gguf",
        model_sha256="ab" * 32,
        problem_set="Tiny",
        problems=[
            Problem(f"p{i}", f"What is {i} + 1?", str(i + 1), "number") for i in range(problems)
        ],
        budgets=["off"],
        sampling=Sampling(temperature=0.0, seed=7),
        max_tokens=64,
        started_at=1_700_000_000.0,
    )
    for i in range(problems):
        result.cells.append(
            SweepCell(f"p{i}", "off", str(i + 1), "", str(i + 1), True, 0, 3, 0, 0, 1.0, "eos")
        )
    return result


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_a_sweep_becomes_a_pdf_whose_length_follows_its_content(
    qapp: object, tmp_path: Path
) -> None:
    short, long = tmp_path / "short.pdf", tmp_path / "long.pdf"
    write_pdf(sweep_html(_sweep(2)), short, title="Sweep: Tiny")
    write_pdf(sweep_html(_sweep(120)), long, title="Sweep: Tiny")
    data = short.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"/Title" in data and b"/Creator" in data
    assert _pages(data) == 1
    assert _pages(long.read_bytes()) > 1  # 120 rows of grid and 120 problems do not fit one page


def test_a_pdf_to_a_folder_that_does_not_exist_is_reported_not_announced(
    qapp: object, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "lesson.pdf"
    written, message = export_document(
        QWidget(),
        caption="Export",
        title="Lesson",
        html=lambda: "<p>hello</p>",
        markdown=lambda: "hello",
        path=str(target),
    )
    assert written is None and not target.exists()
    assert message.startswith(f"Could not write {target}") and "Exported" not in message
