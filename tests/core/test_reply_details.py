"""The figures under a reply: model name, speed, first token, stop reason."""

from __future__ import annotations

from ponder.core.events import Stats
from ponder.core.reply_details import draft_model_share, model_name, speed_parts, stop_words


def test_model_name_is_the_file_name_without_gguf() -> None:
    assert model_name("/m/SmolLM2-135M-Instruct-Q8_0.gguf") == "SmolLM2-135M-Instruct-Q8_0"
    assert model_name("C:\\models\\Qwen3-4B-Q4_K_M.GGUF") == "Qwen3-4B-Q4_K_M"
    assert model_name(None) == "" and model_name("") == ""


def test_speed_parts_from_measured_stats() -> None:
    stats = Stats(
        thinking_tokens=30,
        answer_tokens=20,
        thinking_s=1.5,
        answer_s=1.0,
        stop_reason="eos",
        first_token_s=0.25,
    )
    assert speed_parts(stats) == ["20.0 tok/s", "first token 0.25 s", "finished"]


def test_speed_parts_say_how_many_drafts_were_kept_when_some_were_drafted() -> None:
    stats = Stats(answer_tokens=40, answer_s=2.0, drafted_tokens=16, accepted_tokens=12)
    assert speed_parts(stats) == ["20.0 tok/s", "drafts kept 75%"]
    assert "drafts" not in " ".join(speed_parts(Stats(answer_tokens=40, answer_s=2.0)))


def test_the_draft_model_share_is_said_only_when_it_drafted() -> None:
    stats = Stats(
        drafted_tokens=80,
        accepted_tokens=60,
        model_drafted_tokens=52,
        model_accepted_tokens=40,
    )
    assert draft_model_share(stats) == "draft model: 40 of 52 kept"
    assert draft_model_share(Stats(drafted_tokens=16, accepted_tokens=12)) is None
    assert draft_model_share(None) is None


def test_unmeasured_figures_are_left_out() -> None:
    assert speed_parts(None, "cancelled") == ["stopped by you"]
    assert speed_parts(Stats(stop_reason="max_tokens")) == ["token limit reached"]
    assert speed_parts(None) == []
    assert stop_words("some_new_reason") == "some new reason"
