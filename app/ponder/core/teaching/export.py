"""A conversation or a sweep as a self-contained Markdown or HTML document to take home.

The trace is readable (each step of thinking a paragraph), every span Ponder injected is
marked with its reason, and a reproducibility card lists the model and its sha256, the
settings, the seed, the budgets, token counts and timings. HTML has its style inline and no
external resources, so the file opens anywhere offline. (PDF is made from the HTML by the UI
layer, which has Qt; core does not.)
"""

from __future__ import annotations

import base64
import dataclasses
import html
import time
from collections.abc import Callable, Mapping, Sequence

from markdown_it import MarkdownIt

from ponder.core.request import Sampling
from ponder.core.servers.reference import is_server_record, recorded_model_name
from ponder.core.storage.records import Conversation, GenerationRecord, StoredMessage
from ponder.core.teaching.markdown_text import code, escape_html, inline
from ponder.core.teaching.sweep import SweepResult
from ponder.core.trace import PERSON_REASONS, intervention_label, tokens_text, trace_runs

# Every version of a message on the exported branch (itself included, oldest first), by the
# id of the one on the branch; what ``ConversationStore.siblings`` returns.
Versions = Mapping[int, Sequence[StoredMessage]]

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1d1d1f; }
.thinking { color: #555; border-left: 3px solid #bbb; padding-left: 1rem; margin: 0.5rem 0; }
.thinking p { margin: 0.4rem 0; white-space: pre-wrap; }
span.intervention { padding: 0 0.2rem; border-radius: 3px; }
.card { font-size: 0.9rem; background: #f4f4f6; padding: 0.5rem 1rem; border-radius: 6px; }
.card td { padding: 0 1rem 0 0; vertical-align: top; }
.card td.label { white-space: nowrap; width: 10rem; }
.versions { border-left: 3px dashed #ccc; padding-left: 1rem; margin: 0.5rem 0 1rem; }
table.grid { border-collapse: collapse; } table.grid td, table.grid th { border: 1px solid #ccc;
       padding: 0.2rem 0.5rem; } .right { color: #0a7d24; } .wrong { color: #b3261e; }
"""


def _steps(message: StoredMessage) -> list[list[tuple[str, str | None]]]:
    """The thinking as steps (paragraphs split at blank lines), each a list of (text,
    intervention reason or None); an intervention split across steps is marked in each."""
    steps: list[list[tuple[str, str | None]]] = [[]]
    for run in trace_runs(message.thinking, message.interventions):
        text, reason = run.text, run.reason
        if reason and not text.strip():
            steps[-1].append(("", reason))  # an injection with nothing visible is still shown
            continue
        for number, piece in enumerate(text.split("\n\n")):
            if number:
                steps.append([])
            if piece.strip():
                steps[-1].append((piece.strip("\n") if reason else piece, reason))
    return [step for step in steps if any(t.strip() or r for t, r in step)]


def _person_steps(message: StoredMessage) -> str:
    """Where a person steered the thinking live (Answer now, Stop, Think longer), in words."""
    return "; ".join(
        f"{intervention_label(i.reason)} (after {i.position} thinking tokens)"
        for i in message.interventions
        if i.reason in PERSON_REASONS
    )


def model_name(path: str | None) -> str:
    """A model file's name without the folders it happened to sit in on one computer (the
    sha256 beside it identifies the file)."""
    return recorded_model_name(path) if path else "not recorded"


def sampling_text(sampling: Sampling, on_server: bool = False) -> str:
    """The sampling a person chose; values left to the model family (a server: to the
    server's own defaults, Ponder does not fill them in) are not listed as "None" (the seed
    has its own row)."""
    chosen = [
        f"{name}={value}"
        for name, value in dataclasses.asdict(sampling).items()
        if value is not None and name != "seed"
    ]
    recommended = "the server's defaults" if on_server else "the model family's recommended values"
    if not chosen:
        return recommended
    return ", ".join(chosen) + (f"; the rest: {recommended}" if len(chosen) < 5 else "")


def _sha256_text(sha256: str | None, on_server: bool) -> str:
    if sha256:
        return sha256
    # A server's model is not a file Ponder read: the model row names it, its server and the
    # server's software instead.
    return "none: the model ran on the server named above" if on_server else "not recorded"


def _card_rows(record: GenerationRecord, steered: str = "") -> list[tuple[str, str]]:
    stats = record.stats
    control = record.thinking
    budget = "off" if control.budget == 0 else str(control.budget or "unlimited")
    on_server = is_server_record(record.model_path)
    rows = [
        ("model", model_name(record.model_path)),
        ("sha256", _sha256_text(record.model_sha256, on_server)),
        ("thinking budget", budget),
    ]
    if control.min_tokens:
        rows.append(
            (
                "minimum thinking",
                f"{tokens_text(control.min_tokens)}, at most {control.max_waits} "
                + ("wait" if control.max_waits == 1 else "waits"),
            )
        )
    rows.append(("sampling", sampling_text(record.sampling, on_server)))
    if record.seed is not None:
        rows.append(("seed", str(record.seed)))
    rows.append(("max tokens", str(record.max_tokens) if record.max_tokens else "no limit"))
    rows.append(("system prompt", record.system_prompt or "—"))
    rows.append(
        ("past reasoning", "sent back to the model" if record.past_reasoning else "not sent")
    )
    if stats is not None and stats.left_out_turns:
        rows.append(("earlier turns left out", str(stats.left_out_turns)))
    if stats is not None:
        rows += [
            (
                "tokens",
                f"prompt {stats.prompt_tokens}, thinking {stats.thinking_tokens}, "
                f"answer {stats.answer_tokens}, injected {stats.injected_tokens}",
            ),
            (
                "time",
                f"prompt {stats.prompt_eval_s:.2f} s, thinking {stats.thinking_s:.2f} s, "
                f"answer {stats.answer_s:.2f} s",
            ),
        ]
    if steered:
        rows.append(("live controls", steered))
    rows.append(("ended", record.done_reason or "—"))
    return rows


def _percent(accuracy: float | None) -> str:
    return f"{accuracy:.0%}" if accuracy is not None else "—"


def _when(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


# ----- Markdown ---------------------------------------------------------------------------------


def _md_thinking(message: StoredMessage) -> str:
    paragraphs = []
    for step in _steps(message):
        text = "".join(
            f" **⟨{intervention_label(reason)}⟩** {piece.strip()}".rstrip() if reason else piece
            for piece, reason in step
        )
        paragraphs.append("> " + escape_html(text.strip()).replace("\n", "\n> "))
    return "\n>\n".join(paragraphs)


def _version_note(
    message: StoredMessage, versions: Versions | None
) -> tuple[str, list[tuple[int, StoredMessage]]]:
    """(" (version 2 of 3)" or "", the other versions of the message with their numbers)."""
    every = list(versions.get(message.id, ())) if versions else []
    others = [(n, m) for n, m in enumerate(every, 1) if m.id != message.id]
    if not others:
        return "", []
    number = next((n for n, m in enumerate(every, 1) if m.id == message.id), len(every))
    return f" (version {number} of {len(every)})", others


_OTHERS_NOTE = (
    "Other versions of this message (regenerated or edited); the conversation above goes on "
    "from the version shown, and what followed the others is not included."
)


def _md_message(message: StoredMessage, heading: str) -> list[str]:
    lines = ["", heading, ""]
    if message.thinking:
        lines += ["**Thinking**", "", _md_thinking(message), "", "**Answer**", ""]
    lines.append(escape_html(message.content.strip()) or "_(no answer)_")
    if message.generation is not None:
        lines += ["", "<details><summary>Reproducibility</summary>", ""]
        lines += ["| | |", "|---|---|"]
        lines += [
            f"| {k} | {code(v)} |"
            for k, v in _card_rows(message.generation, _person_steps(message))
        ]
        lines += ["", "</details>"]
    return lines


def conversation_markdown(
    conversation: Conversation,
    messages: Sequence[StoredMessage],
    versions: Versions | None = None,
) -> str:
    """The conversation (the branch given) as Markdown: thinking as quoted paragraphs, and
    after a message that has other versions (``versions``), those versions. Raw HTML in what
    anyone wrote is kept as text, as in the HTML export."""
    title = inline(conversation.title or "Conversation")
    lines = [f"# {title}", "", f"_{_when(conversation.created_at)}_"]
    for message in messages:
        note, others = _version_note(message, versions)
        lines += _md_message(message, f"## {message.role.capitalize()}{note}")
        if others:
            lines += ["", f"_{_OTHERS_NOTE}_"]
        for number, other in others:
            lines += _md_message(
                other, f"### {message.role.capitalize()}, version {number} (not continued)"
            )
    return "\n".join(lines) + "\n"


def sweep_markdown(result: SweepResult) -> str:
    """The sweep's grid, the test-time-scaling table and a reproducibility card."""
    lines = [f"# Budget sweep: {inline(result.problem_set)}", ""]
    lines += ["| problem | " + " | ".join(inline(b) for b in result.budgets) + " |"]
    lines += ["|---" * (len(result.budgets) + 1) + "|"]
    for problem in result.problems:
        cells = []
        for budget in result.budgets:
            cell = result.cell(problem.id, budget)
            mark = "—" if cell is None else {True: "✓", False: "✗", None: "·"}[cell.correct]
            shown = inline(cell.extracted or "") if cell else ""
            cells.append(f"{mark} {shown} ({cell.thinking_tokens} t)" if cell else mark)
        lines.append(f"| {inline(problem.id)} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "| budget | accuracy | thinking tokens (mean) | time (mean) |",
        "|---|---|---|---|",
    ]
    for row in result.summary():
        lines.append(
            f"| {inline(row.budget)} | {_percent(row.accuracy)} ({row.correct}/{row.judged}) | "
            f"{row.mean_thinking_tokens:.1f} | {row.mean_seconds:.2f} s |"
        )
    lines += ["", "## Reproducibility", ""]
    lines += [f"- {k}: {code(v)}" for k, v in _sweep_card(result)]
    lines += ["", "## Problems", ""]
    lines += [
        f"- **{inline(p.id)}**: {inline(p.question)} (key: {code(p.answer)})"
        for p in result.problems
    ]
    return "\n".join(lines) + "\n"


def _sweep_card(result: SweepResult) -> list[tuple[str, str]]:
    return [
        ("model", model_name(result.model_path)),
        ("sha256", _sha256_text(result.model_sha256, is_server_record(result.model_path))),
        ("budgets", ", ".join(result.budgets)),
        ("sampling", sampling_text(result.sampling, is_server_record(result.model_path))),
        ("seed", str(result.sampling.seed) if result.sampling.seed is not None else "random"),
        ("max tokens", str(result.max_tokens)),
        ("started", _when(result.started_at)),
        ("cancelled", "yes" if result.cancelled else "no"),
    ]


# ----- HTML -------------------------------------------------------------------------------------


def _png_img(png: bytes | None, alt: str) -> str:
    if not png:
        return ""
    data = base64.b64encode(png).decode("ascii")
    return f'<p><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}"></p>'


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )


def _html_card(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        # The label column is kept on one line (a width and nowrap, which Qt's PDF layout reads).
        f'<tr><td class="label" width="160" style="white-space: nowrap">{html.escape(k)}</td>'
        f"<td><code>{html.escape(v)}</code></td></tr>"
        for k, v in rows
    )
    return (
        f'<details class="card"><summary>Reproducibility</summary><table>{cells}</table></details>'
    )


def _html_thinking(message: StoredMessage) -> str:
    paragraphs = []
    for step in _steps(message):
        parts = []
        for piece, reason in step:
            escaped = html.escape(piece)
            if reason:
                # Inline style and a visible label: Qt's PDF layout and plain-text copies keep
                # both (it ignores <mark> and CSS ::before).
                escaped = (
                    f'<span class="intervention" style="background-color: #ffe9a8">'
                    f"<b>⟨{html.escape(intervention_label(reason))}⟩</b> {escaped.strip()}"
                    "</span>"
                )
            parts.append(escaped)
        paragraphs.append(f"<p>{''.join(parts).strip()}</p>")
    return '<div class="thinking">' + "".join(paragraphs) + "</div>"


def _html_message(message: StoredMessage, heading: str, markdown: MarkdownIt) -> list[str]:
    parts = [heading]
    if message.thinking:
        parts.append("<h3>Thinking</h3>" + _html_thinking(message) + "<h3>Answer</h3>")
    parts.append(markdown.render(message.content or "*(no answer)*"))
    if message.generation is not None:
        parts.append(_html_card(_card_rows(message.generation, _person_steps(message))))
    return parts


def conversation_html(
    conversation: Conversation,
    messages: Sequence[StoredMessage],
    versions: Versions | None = None,
) -> str:
    """The conversation as one self-contained HTML page; answers rendered from Markdown
    (raw HTML in an answer is shown as text, never run); a message's other versions
    (``versions``) follow it, set apart."""
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    title = conversation.title or "Conversation"
    body = [f"<h1>{html.escape(title)}</h1><p><em>{_when(conversation.created_at)}</em></p>"]
    for message in messages:
        note, others = _version_note(message, versions)
        role = html.escape(message.role.capitalize())
        body += _html_message(message, f"<h2>{role}{html.escape(note)}</h2>", markdown)
        if not others:
            continue
        body.append(f'<div class="versions"><p><em>{html.escape(_OTHERS_NOTE)}</em></p>')
        for number, other in others:
            heading = f"<h3>{role}, version {number} (not continued)</h3>"
            body += _html_message(other, heading, markdown)
        body.append("</div>")
    return _page(title, "\n".join(body))


def conversation_versions(
    siblings: Callable[[int], Sequence[StoredMessage]], messages: Sequence[StoredMessage]
) -> dict[int, list[StoredMessage]]:
    """The versions of each message of a branch, for the exports (``siblings``: the store's)."""
    return {m.id: list(siblings(m.id)) for m in messages}


def sweep_html(result: SweepResult, chart_png: bytes | None = None) -> str:
    """The sweep as one self-contained HTML page: grid, summary table (and the chart, drawn
    by the app, when ``chart_png`` is given: it is embedded, not linked), card, problems."""
    head = "".join(f"<th>{html.escape(b)}</th>" for b in result.budgets)
    rows = []
    for problem in result.problems:
        cells = []
        for budget in result.budgets:
            cell = result.cell(problem.id, budget)
            if cell is None:
                cells.append("<td>—</td>")
                continue
            css = {True: "right", False: "wrong", None: ""}[cell.correct]
            mark = {True: "✓", False: "✗", None: "·"}[cell.correct]
            shown = html.escape(cell.extracted or "")
            cells.append(f'<td class="{css}">{mark} {shown} ({cell.thinking_tokens} t)</td>')
        rows.append(f"<tr><th>{html.escape(problem.id)}</th>{''.join(cells)}</tr>")
    summary = "".join(
        f"<tr><td>{html.escape(r.budget)}</td>"
        f"<td>{_percent(r.accuracy)} ({r.correct}/{r.judged})</td>"
        f"<td>{r.mean_thinking_tokens:.1f}</td><td>{r.mean_seconds:.2f} s</td></tr>"
        for r in result.summary()
    )
    problems = "".join(
        f"<li><strong>{html.escape(p.id)}</strong>: {html.escape(p.question)} "
        f"(key: <code>{html.escape(p.answer)}</code>)</li>"
        for p in result.problems
    )
    title = f"Budget sweep: {result.problem_set}"
    body = (
        f"<h1>{html.escape(title)}</h1>"
        f'<table class="grid"><tr><th>problem</th>{head}</tr>{"".join(rows)}</table>'
        "<h2>Accuracy and thinking per budget</h2>"
        f"{_png_img(chart_png, 'Accuracy and thinking tokens per budget')}"
        '<table class="grid"><tr><th>budget</th>'
        "<th>accuracy</th><th>thinking tokens (mean)</th><th>time (mean)</th></tr>"
        f"{summary}</table>"
        f"{_html_card(_sweep_card(result))}<h2>Problems</h2><ul>{problems}</ul>"
    )
    return _page(title, body)
