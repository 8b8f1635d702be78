"""Exporting a stored conversation and a sweep to self-contained Markdown and HTML."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from ponder.core.events import (
    AnswerEvent,
    DoneEvent,
    InterventionEvent,
    Stats,
    StatsEvent,
    ThinkingEvent,
)
from ponder.core.paths import AppPaths
from ponder.core.request import GenerateRequest, Message, Sampling, ThinkingControl
from ponder.core.storage.records import Conversation
from ponder.core.storage.store import ConversationStore, StoredMessage
from ponder.core.teaching.export import (
    conversation_html,
    conversation_markdown,
    conversation_versions,
    sampling_text,
    sweep_html,
    sweep_markdown,
)
from ponder.core.teaching.problems import Problem
from ponder.core.teaching.sweep import SweepCell, SweepResult
from ponder.core.trace import intervention_label

SHA = "ab" * 32


def stored_conversation() -> tuple[Conversation, list[StoredMessage]]:
    """A real conversation in a real database: one question, one reply whose thinking the
    budget cut (an intervention), with its generation record."""
    with ConversationStore(AppPaths.from_environment().database) as store:
        conversation = store.create_conversation("Apples <lesson>", model_path="/m/r1.gguf")
        question = store.add_message(conversation.id, "user", "12 - 5 + 7?", parent_id=None)
        request = GenerateRequest(
            messages=(Message("user", question.content),),
            thinking=ThinkingControl(budget=12),
            sampling=Sampling(temperature=0.6, seed=42),
            max_tokens=200,
        )
        writer = store.begin_reply(
            conversation.id, question.id, request, model_sha256=SHA, model_path="/m/r1.gguf"
        )
        for event in (
            ThinkingEvent("First 12 - 5 = 7."),
            InterventionEvent("</think>", "min_thinking", 5, 1, ""),  # nothing visible
            ThinkingEvent("\n\nThen 7 + 7 = 13"),
            InterventionEvent("\n\nStop now.\n</think>", "budget_spent", 12, 6, "\n\nStop now.\n"),
            AnswerEvent("The answer is **14** <script>x</script>."),
            StatsEvent(Stats(prompt_tokens=20, thinking_tokens=12, answer_tokens=9, seed=42)),
            DoneEvent("eos"),
        ):
            writer.feed(event)
        return conversation, store.thread(conversation.id)


class _Checker(HTMLParser):
    """Collects tags and text; fails on nothing but lets the test look at the structure."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_conversation_markdown_has_the_trace_steps_intervention_and_card() -> None:
    conversation, messages = stored_conversation()
    text = conversation_markdown(conversation, messages)
    assert text.startswith("# Apples &lt;lesson>")
    # Steps as paragraphs; an injection with no visible text is still marked.
    keep_going, cut = "Ponder: asked the model to keep thinking", "Ponder: thinking budget spent"
    assert f"> First 12 - 5 = 7. **⟨{keep_going}⟩**\n>\n> Then 7 + 7 = 13" in text
    assert f"> Then 7 + 7 = 13\n>\n> **⟨{cut}, thinking stopped here⟩** Stop now." in text
    assert "The answer is **14**" in text
    assert f"| sha256 | `{SHA}` |" in text and "| seed | `42` |" in text
    assert "thinking 12, answer 9" in text and "| thinking budget | `12` |" in text


def test_conversation_html_is_self_contained_and_escapes_what_the_model_wrote() -> None:
    conversation, messages = stored_conversation()
    page = conversation_html(conversation, messages)
    parser = _Checker()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert "&lt;script&gt;" in page and "Apples &lt;lesson&gt;" in page
    assert "<strong>14</strong>" in page  # the answer is rendered Markdown
    cut = "Ponder: thinking budget spent, thinking stopped here"
    assert f"<b>⟨{cut}⟩</b> Stop now.</span></p>" in page
    assert parser.tags.count("p") >= 3  # the thinking's two steps and the answer
    assert SHA in page and "temperature=0.6" in page
    assert "First 12 - 5 = 7." in "".join(parser.text)


HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror="alert(2)"> '
    '<a href="javascript:alert(3)">click</a> <javascript:alert(4)>\n\n'
    "<iframe src=x></iframe>\n\n<!-- a comment -->\n\n"
    "Compare `a<b` and:\n\n```python\nif a < b:\n    pass\n```\n\n    x <y> indented"
)


class _Attributes(_Checker):
    """Also collects every attribute, to find event handlers and script URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        self.attrs += attrs


def test_conversation_markdown_keeps_raw_html_as_text_but_code_as_written() -> None:
    with ConversationStore(AppPaths.from_environment().database) as store:
        conversation = store.create_conversation("<b onmouseover=alert(5)>T</b>")
        question = store.add_message(conversation.id, "user", HOSTILE, parent_id=None)
        writer = store.begin_reply(conversation.id, question.id, GenerateRequest(messages=()))
        for event in (ThinkingEvent(HOSTILE), AnswerEvent(HOSTILE), DoneEvent("eos")):
            writer.feed(event)
        messages = store.thread(conversation.id)
    text = conversation_markdown(conversation, messages)
    # Rendered as the viewers that would run it render it: markdown-it's defaults, html on.
    page = MarkdownIt().render(text)
    parser = _Attributes()
    parser.feed(page)
    allowed = {"h1", "h2", "p", "em", "strong", "code", "pre", "blockquote", "details", "summary"}
    allowed |= {"table", "thead", "tbody", "tr", "th", "td"}
    assert set(parser.tags) <= allowed, set(parser.tags) - allowed
    assert not [(k, v) for k, v in parser.attrs if k.startswith("on") or "javascript" in (v or "")]
    shown = "".join(parser.text)
    assert "<script>alert(1)</script>" in shown and "<!-- a comment -->" in shown
    assert "<b onmouseover=alert(5)>T</b>" in shown  # the title, as the person typed it
    assert "```python\nif a < b:\n    pass\n```" in text and "`a<b`" in text  # code untouched
    assert "    x <y> indented" in text


def test_the_card_has_no_raw_none_and_names_the_model_without_its_folders() -> None:
    """#13 item 8: "temperature=None … seed=None" above the real seed, the model's full
    path; the labels are core.trace's (tests/core/test_trace.py checks every view)."""
    conversation, messages = stored_conversation()
    for text in (
        conversation_markdown(conversation, messages),
        conversation_html(conversation, messages),
    ):
        assert "None" not in text and "/m/" not in text
        assert "r1.gguf" in text and SHA in text
        assert "temperature=0.6; the rest: the model family's recommended values" in (
            html.unescape(text)
        )
        for reason in ("min_thinking", "budget_spent"):
            assert f"⟨{intervention_label(reason)}⟩" in html.unescape(text)
    assert '<td class="label" width="160" style="white-space: nowrap">sha256</td>' in (
        conversation_html(conversation, messages)
    )
    assert sampling_text(Sampling()) == "the model family's recommended values"


def test_every_version_of_a_reply_is_exported_under_its_own_header() -> None:
    conversation, messages = stored_conversation()
    with ConversationStore(AppPaths.from_environment().database) as store:
        question = messages[0]
        writer = store.begin_reply(
            conversation.id, question.id, GenerateRequest(messages=()), model_path="/m/r1.gguf"
        )
        for event in (AnswerEvent("Fourteen, second try."), DoneEvent("eos")):
            writer.feed(event)
        shown = store.thread(conversation.id)
        versions = conversation_versions(store.siblings, shown)
    assert shown[-1].content == "Fourteen, second try."
    text = conversation_markdown(conversation, shown, versions)
    assert "## Assistant (version 2 of 2)" in text
    assert "### Assistant, version 1 (not continued)" in text
    assert text.index("Fourteen, second try.") < text.index("The answer is **14**")
    page = conversation_html(conversation, shown, versions)
    assert "Assistant (version 2 of 2)</h2>" in page and '<div class="versions">' in page
    assert "<strong>14</strong>" in page


def _sweep() -> SweepResult:
    result = SweepResult(
        model_path="/m/r1.gguf",
        model_sha256=SHA,
        problem_set="Tiny",
        problems=[
            Problem("add", "2 + 3?", "5", "number"),
            Problem("cmp", "9.11 or 9.9?", "9.9", "number"),
        ],
        budgets=["off", "256"],
        sampling=Sampling(temperature=0.0, seed=7),
        max_tokens=64,
        started_at=1_700_000_000.0,
    )
    for problem, budget, extracted, correct, tokens in (
        ("add", "off", "5", True, 0),
        ("add", "256", "5", True, 40),
        ("cmp", "off", "9.11", False, 0),
    ):
        result.cells.append(
            SweepCell(
                problem, budget, extracted, "", extracted, correct, tokens, 3, 0, 0, 1.5, "eos"
            )
        )
    return result


def test_sweep_markdown_and_html_show_grid_summary_and_card() -> None:
    result = _sweep()
    text = sweep_markdown(result)
    assert "| add | ✓ 5 (0 t) | ✓ 5 (40 t) |" in text
    assert "| cmp | ✗ 9.11 (0 t) | — |" in text  # a cell not run yet
    assert "| off | 50% (1/2) | 0.0 | 1.50 s |" in text
    assert "| 256 | 100% (1/1) | 40.0 | 1.50 s |" in text
    assert f"- sha256: `{SHA}`" in text and "- budgets: `off, 256`" in text
    page = sweep_html(result)
    assert '<td class="wrong">✗ 9.11 (0 t)</td>' in page and "<td>—</td>" in page
    assert SHA in page and "temperature=0.0" in page and "seed=" not in page


def test_card_says_the_system_prompt_and_whether_past_reasoning_was_sent() -> None:
    with ConversationStore(AppPaths.from_environment().database) as store:
        conversation = store.create_conversation("Settings")
        question = store.add_message(conversation.id, "user", "Hi", parent_id=None)
        for past in (True, False):
            request = GenerateRequest(
                messages=(Message("user", "Hi"),),
                system_prompt="Answer in one line." if past else None,
                past_reasoning=past,
            )
            writer = store.begin_reply(conversation.id, question.id, request)
            writer.feed(AnswerEvent("Hello."))
            writer.feed(DoneEvent("eos"))
        sent, not_sent = store.siblings(question.id + 1)
    text = conversation_markdown(conversation, [sent])
    assert "| system prompt | `Answer in one line.` |" in text
    assert "| past reasoning | `sent back to the model` |" in text
    assert "| past reasoning | `not sent` |" in conversation_markdown(conversation, [not_sent])


def test_a_server_models_card_says_the_server_chose_the_unset_sampling_and_has_no_file_hash() -> (
    None
):
    """#13 item 8 on a server: the card said "sha256: not recorded" and "the model family's
    recommended values", neither of which holds for a model on a server."""
    from ponder.core.servers.reference import identity

    record_model = identity("Qwen/Qwen3-8B", "gpu", "http://10.0.0.5:8000", "vLLM 0.11.0")
    with ConversationStore(AppPaths.from_environment().database) as store:
        conversation = store.create_conversation("On the server", model_id="server:gpu/Qwen")
        question = store.add_message(conversation.id, "user", "2 + 2?", parent_id=None)
        request = GenerateRequest(
            messages=(Message("user", "2 + 2?"),), sampling=Sampling(temperature=0.6)
        )
        writer = store.begin_reply(conversation.id, question.id, request, model_path=record_model)
        for event in (AnswerEvent("4"), DoneEvent("eos")):
            writer.feed(event)
        messages = store.thread(conversation.id)
    text = conversation_markdown(conversation, messages)
    assert record_model in text
    assert "none: the model ran on the server named above" in text
    assert "temperature=0.6; the rest: the server's defaults" in text
    assert "not recorded" not in text and "recommended values" not in text


def test_a_minimum_of_one_token_and_one_wait_is_singular_on_the_card() -> None:
    with ConversationStore(AppPaths.from_environment().database) as store:
        conversation = store.create_conversation("One")
        question = store.add_message(conversation.id, "user", "Hi", parent_id=None)
        request = GenerateRequest(
            messages=(Message("user", "Hi"),),
            thinking=ThinkingControl(min_tokens=1, max_waits=1),
        )
        writer = store.begin_reply(conversation.id, question.id, request)
        writer.feed(AnswerEvent("Hello."))
        writer.feed(DoneEvent("eos"))
        messages = store.thread(conversation.id)
    assert "| minimum thinking | `1 token, at most 1 wait` |" in (
        conversation_markdown(conversation, messages)
    )
