"""The streaming thinking/answer parser: same result however the stream is chunked."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ponder.core.think_parser import Segment, ThinkStreamParser, merge_segments

# Pieces that streams are built from: tags, partial tags, multi-byte characters (2, 3 and 4
# bytes), whitespace, and raw bytes that are invalid or truncated UTF-8.
ATOMS: list[bytes] = [
    b"<think>",
    b"</think>",
    b"</thi",
    b"<",
    b"<th",
    b"</",
    b"nk>",
    b">",
    "é".encode(),
    "中".encode(),
    "😀".encode(),
    "<é".encode(),
    b"a",
    b"word",
    b" ",
    b"\n",
    b"\n\n",
    b"\xff",  # never valid in UTF-8
    b"\xe4\xb8",  # the first two bytes of a 3-byte character
    b"\xf0\x9f",  # the first two bytes of an emoji
    b"\x80",  # a lone continuation byte
]


def parse(
    chunks: list[bytes] | list[str],
    *,
    start_in_thinking: bool = False,
    strip: bool = True,
    open_tag: str = "<think>",
    close_tag: str = "</think>",
) -> tuple[list[Segment], ThinkStreamParser]:
    parser = ThinkStreamParser(
        open_tag,
        close_tag,
        start_in_thinking,
        strip_answer_leading_ws=strip,
        strip_thinking_leading_ws=strip,
    )
    segments: list[Segment] = []
    for chunk in chunks:
        segments += parser.feed(chunk)
    segments += parser.flush()
    return merge_segments(segments), parser


def by_kind(segments: list[Segment]) -> dict[str, str]:
    return {
        kind: "".join(s.text for s in segments if s.kind == kind) for kind in ("thinking", "answer")
    }


def reference(data: bytes, *, start_in_thinking: bool, strip: bool) -> list[Segment]:
    """A plain, non-streaming reading of the whole output, written independently."""
    text = data.decode("utf-8", "replace")
    thinking = start_in_thinking
    strip_next = strip and start_in_thinking
    out: list[Segment] = []
    while text:
        tag = "</think>" if thinking else "<think>"
        body, found, text = text.partition(tag)
        if strip_next:
            body = body.lstrip()
            strip_next = not body
        if body:
            out.append(Segment("thinking" if thinking else "answer", body))
        if found:
            thinking = not thinking
            strip_next = strip
    return merge_segments(out)


def split_at(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({0, len(data), *(c % (len(data) + 1) for c in cuts)})
    return [data[a:b] for a, b in itertools.pairwise(points)]


streams = st.lists(st.sampled_from(ATOMS), max_size=40).map(b"".join)


@settings(max_examples=400, deadline=None)
@given(
    data=streams,
    cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=30),
    start_in_thinking=st.booleans(),
    strip=st.booleans(),
)
def test_chunking_never_changes_the_result(
    data: bytes, cuts: list[int], start_in_thinking: bool, strip: bool
) -> None:
    whole, whole_parser = parse([data], start_in_thinking=start_in_thinking, strip=strip)
    chunked, chunked_parser = parse(
        split_at(data, cuts), start_in_thinking=start_in_thinking, strip=strip
    )
    assert chunked == whole  # same kinds in the same order, same text in each
    assert by_kind(chunked) == by_kind(whole)
    assert chunked_parser.thinking_blocks == whole_parser.thinking_blocks
    assert chunked_parser.in_thinking == whole_parser.in_thinking
    assert whole == reference(data, start_in_thinking=start_in_thinking, strip=strip)


@settings(max_examples=200, deadline=None)
@given(data=streams, start_in_thinking=st.booleans())
def test_one_byte_at_a_time_equals_whole(data: bytes, start_in_thinking: bool) -> None:
    whole, _ = parse([data], start_in_thinking=start_in_thinking)
    bytewise, _ = parse([bytes([b]) for b in data], start_in_thinking=start_in_thinking)
    assert bytewise == whole


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["<think>", "</think>", "</th", "<", "é", "中", "😀", "x", " ", "\n"]),
        max_size=30,
    ).map("".join),
    cuts=st.lists(st.integers(min_value=0, max_value=1000), max_size=10),
)
def test_text_input_chunks_like_bytes(text: str, cuts: list[int]) -> None:
    points = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    pieces = [text[a:b] for a, b in itertools.pairwise(points)]
    assert parse(pieces)[0] == parse([text.encode()])[0]


def test_r1_style_stream_with_prefilled_think() -> None:
    chunks = [b"Okay, 2+2", b" is 4.\n</", b"think", b">\n\n", b"The answer ", b"is 4."]
    segments, parser = parse(chunks, start_in_thinking=True)
    assert segments == [
        Segment("thinking", "Okay, 2+2 is 4.\n"),
        Segment("answer", "The answer is 4."),
    ]
    assert parser.thinking_blocks == 1
    assert not parser.in_thinking


def test_model_opened_think_block_and_leading_newlines() -> None:
    segments, parser = parse([b"<think>\nhmm\n</think>\n\nYes."])
    assert segments == [Segment("thinking", "hmm\n"), Segment("answer", "Yes.")]
    assert parser.thinking_blocks == 1


def test_whitespace_is_kept_when_stripping_is_off() -> None:
    segments, _ = parse([b"<think>\nhmm</think>\n\nYes."], strip=False)
    assert segments == [Segment("thinking", "\nhmm"), Segment("answer", "\n\nYes.")]


def test_partial_tag_is_held_then_released_as_text() -> None:
    parser = ThinkStreamParser(start_in_thinking=True)
    assert parser.feed(b"abc</thi") == [Segment("thinking", "abc")]
    assert parser.held_text == "</thi"
    # It was not a tag after all: the held text is thinking.
    assert parser.feed(b"s is not") == [Segment("thinking", "</this is not")]
    assert parser.held_text == ""
    assert parser.feed(b" <") == [Segment("thinking", " ")]
    assert parser.flush() == [Segment("thinking", "<")]


def test_only_a_possible_tag_start_is_held() -> None:
    thinking = ThinkStreamParser(start_in_thinking=True)
    # Inside thinking only "</think>" counts: "<t" cannot begin it, so nothing is held.
    assert thinking.feed(b"x<<t") == [Segment("thinking", "x<<t")]
    assert thinking.feed(b"a<") == [Segment("thinking", "a")]
    assert thinking.held_text == "<"
    answer = ThinkStreamParser()
    # In the answer "<think>" counts: of "<<th" only the last three could still become it.
    assert answer.feed(b"x<<th") == [Segment("answer", "x<")]
    assert answer.held_text == "<th"


def test_open_tag_inside_thinking_is_text() -> None:
    segments, parser = parse([b"<think>"], start_in_thinking=True)
    assert segments == [Segment("thinking", "<think>")]
    assert parser.thinking_blocks == 1


def test_counts_every_think_block() -> None:
    segments, parser = parse([b"<think>a</think>b<think>c</think>d"])
    assert [s.kind for s in segments] == ["thinking", "answer", "thinking", "answer"]
    assert parser.thinking_blocks == 2


def test_multibyte_character_split_across_feeds_comes_out_whole() -> None:
    parser = ThinkStreamParser(start_in_thinking=True)
    emoji = "😀".encode()
    out: list[Segment] = []
    for index, byte in enumerate(emoji):
        out += parser.feed(bytes([byte]))
        assert parser.pending_bytes == (index < len(emoji) - 1)
        if index < len(emoji) - 1:
            assert out == []
    assert out == [Segment("thinking", "😀")]


def test_character_next_to_a_split_tag() -> None:
    data = "é</think>中".encode()
    for cut in range(1, len(data)):
        segments, _ = parse([data[:cut], data[cut:]], start_in_thinking=True)
        assert segments == [Segment("thinking", "é"), Segment("answer", "中")], cut


def test_invalid_bytes_become_replacement_characters() -> None:
    segments, _ = parse([b"ok\xff", b"</think>x"], start_in_thinking=True)
    assert segments == [Segment("thinking", "ok\ufffd"), Segment("answer", "x")]


def test_truncated_character_at_the_end_becomes_one_replacement_character() -> None:
    parser = ThinkStreamParser()
    assert parser.feed(b"a\xe4\xb8") == [Segment("answer", "a")]
    assert parser.pending_bytes
    assert parser.flush() == [Segment("answer", "\ufffd")]
    assert not parser.pending_bytes


def test_switch_to_answer_releases_held_text_and_strips_the_answer_start() -> None:
    parser = ThinkStreamParser(start_in_thinking=True)
    assert parser.feed(b"so </") == [Segment("thinking", "so ")]
    assert parser.switch_to("answer") == [Segment("thinking", "</")]
    assert parser.feed(b"\n\nDone") == [Segment("answer", "Done")]
    assert parser.switch_to("thinking") == []
    assert parser.thinking_blocks == 2


def test_custom_tags() -> None:
    segments, _ = parse(
        [b"<|begin_of_thought|>x<|end_of", b"_thought|>y"],
        open_tag="<|begin_of_thought|>",
        close_tag="<|end_of_thought|>",
    )
    assert segments == [Segment("thinking", "x"), Segment("answer", "y")]


def test_empty_tags_are_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        ThinkStreamParser("", "</think>")
