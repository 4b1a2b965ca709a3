"""The mentions of a span, found through the index by start (pipeline/passages.py): the same as reading them all."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eurasia_kg.pipeline.model import Analysis, EntityRef, Mention
from eurasia_kg.pipeline.passages import mentions_overlapping, mentions_starting, mentions_within

from .conftest import text_source

TEXT = "x" * 60
PLACE = EntityRef("https://example.org/place", "Place", "Place")
spans = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda s: (s[0], min(60, s[0] + s[1])))


@given(st.lists(spans, max_size=25), spans)
def test_the_mentions_of_a_span_are_those_a_full_scan_finds(mention_spans, query):
    mentions = tuple(Mention(start, end, PLACE, 0.9, "name") for start, end in mention_spans)
    analysis = Analysis(text_source(TEXT), mentions=mentions)
    start, end = query
    assert mentions_within(analysis, start, end) == [m for m in mentions if m.start >= start and m.end <= end]
    assert mentions_starting(analysis, start, end) == [m for m in mentions if start <= m.start < end]
    assert mentions_overlapping(analysis, start, end) == [m for m in mentions if m.start < end and start < m.end]
