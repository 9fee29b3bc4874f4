"""Server-sent events decoded from bytes split anywhere."""

from __future__ import annotations

import pytest

from redline.gateway.openai_format import SseDecoder

STREAM = (
    b": keep-alive comment\n\n"
    b'data: {"a": "caf\xc3\xa9"}\n\n'
    b"event: message\r\ndata: line one\r\ndata: line two\r\n\r\n"
    b"data: [DONE]\n\n"
)
EXPECTED = ['{"a": "café"}', "line one\nline two", "[DONE]"]


@pytest.mark.parametrize("piece", [1, 2, 3, 7, len(STREAM)])
def test_events_survive_any_split(piece: int) -> None:
    decoder = SseDecoder()
    events = []
    for start in range(0, len(STREAM), piece):
        events += decoder.feed(STREAM[start : start + piece])
    assert events == EXPECTED


def test_an_event_ends_only_at_a_blank_line() -> None:
    decoder = SseDecoder()
    assert decoder.feed(b"data: tail") == []
    assert decoder.feed(b"\n") == []
    assert decoder.feed(b"\n") == ["tail"]


def test_a_crlf_split_between_reads_is_one_line_end() -> None:
    decoder = SseDecoder()
    assert decoder.feed(b"data: one\r") == []
    assert decoder.feed(b"\n\r") == []
    assert decoder.feed(b"\ndata: two\n\n") == ["one", "two"]
