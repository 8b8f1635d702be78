"""The token-level tag watcher: same text whatever the tokenization, exact tag positions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ponder.core.reasoning.tag_watch import TagFound, TagWatcher, TextPiece

OPEN, CLOSE = "<think>", "</think>"


def reference_split(text: str, in_thinking: bool) -> list[tuple[str, str]]:
    """What the stream means: alternating kinds split on the tag each state waits for."""
    out: list[tuple[str, str]] = []
    while True:
        tag = CLOSE if in_thinking else OPEN
        kind = "thinking" if in_thinking else "answer"
        index = text.find(tag)
        if index < 0:
            out.append((kind, text))
            return [(k, t) for k, t in out if t]
        out.append((kind, text[:index]))
        text = text[index + len(tag) :]
        in_thinking = not in_thinking


def run_watcher(pieces: list[bytes], in_thinking: bool) -> tuple[list[tuple[str, str]], list]:
    watcher = TagWatcher(OPEN, CLOSE, in_thinking=in_thinking)
    items = []
    for position, piece in enumerate(pieces):
        items += watcher.push(position, piece)
    items += watcher.flush()
    merged: list[tuple[str, bytes]] = []
    tags = []
    for item in items:
        if isinstance(item, TextPiece):
            if merged and merged[-1][0] == item.kind:
                merged[-1] = (item.kind, merged[-1][1] + item.data)
            else:
                merged.append((item.kind, item.data))
        else:
            tags.append(item)
            merged.append(("|", b""))  # a tag always separates two runs of text
    runs = [(k, b.decode("utf-8")) for k, b in merged if k != "|" and b]
    return runs, tags


def expected_tags(text: str, in_thinking: bool) -> list[str]:
    found = []
    while True:
        tag = CLOSE if in_thinking else OPEN
        index = text.find(tag)
        if index < 0:
            return found
        found.append(tag)
        text = text[index + len(tag) :]
        in_thinking = not in_thinking


fragments = st.sampled_from(
    ["<think>", "</think>", "<", "</", "</thi", "think>", ">", "a", " é", "中", "🙂", "\n", "x<y"]
)


@given(
    st.lists(fragments, max_size=30),
    st.data(),
    st.booleans(),
)
def test_any_tokenization_gives_the_same_split(
    parts: list[str], data: st.DataObject, thinking: bool
) -> None:
    text = "".join(parts)
    raw = text.encode("utf-8")
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(raw) - 1)), max_size=12)))
    pieces = [raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)], strict=True) if b > a]
    runs, tags = run_watcher(pieces, thinking)
    expected = reference_split(text, thinking)

    # Adjacent runs of one kind can only be separated by an (empty) block: merge to compare.
    def merge(seq: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for kind, chunk in seq:
            if out and out[-1][0] == kind:
                out[-1] = (kind, out[-1][1] + chunk)
            else:
                out.append((kind, chunk))
        return out

    assert merge(runs) == merge(expected)
    assert len(tags) == sum(1 for k in expected_tags(text, thinking))
    # Every tag's start position/prefix points at the bytes where the tag really begins.
    offsets = [0]
    for piece in pieces:
        offsets.append(offsets[-1] + len(piece))
    for tag in tags:
        start = offsets[tag.start_position] + len(tag.prefix)
        expected_tag = OPEN if tag.tag == "open" else CLOSE
        assert raw[start : start + len(expected_tag)] == expected_tag.encode()


def test_close_tag_split_over_three_tokens_reports_where_it_began() -> None:
    watcher = TagWatcher(OPEN, CLOSE, in_thinking=True)
    assert watcher.push(10, b"so 4") == [TextPiece("thinking", b"so 4")]
    assert watcher.push(11, b".</") == [TextPiece("thinking", b".")]
    assert watcher.push(12, b"think") == []
    items = watcher.push(13, b">\n\nFour")
    assert items == [TagFound("close", 11, b"."), TextPiece("answer", b"\n\nFour")]
    assert not watcher.in_thinking


def test_reset_forgets_held_bytes() -> None:
    watcher = TagWatcher(OPEN, CLOSE, in_thinking=True)
    watcher.push(0, b"ok </th")
    watcher.reset(in_thinking=True)
    assert watcher.flush() == []


def test_a_lone_angle_bracket_is_released_when_it_cannot_be_a_tag() -> None:
    watcher = TagWatcher(OPEN, CLOSE, in_thinking=True)
    assert watcher.push(0, b"a <") == [TextPiece("thinking", b"a ")]
    assert watcher.push(1, b" b") == [TextPiece("thinking", b"< b")]
