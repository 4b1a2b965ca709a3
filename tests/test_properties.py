"""Properties that hold for any input: reading either gives a text or says why not, and extraction on
any text raises nothing, keeps every offset inside the text and quotes exactly what is there."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import Namespace

from eurasia_kg.pipeline.assemble import document_graph
from eurasia_kg.pipeline.ingest import IngestError, decode_source

from .conftest import text_source

OA = Namespace("http://www.w3.org/ns/oa#")
PATH = Path("arbitrary.txt")

# Pieces that make the components fire: names the reference data knows, reporting verbs, hedges,
# amounts, dates, quotes and paragraph breaks, mixed with arbitrary text.
PIECES = [
    "China", "Russia", "Kazakhstan", "Uzbekistan", "the Shanghai Cooperation Organization", "SCO", "EAEU", "CSTO",
    "the Belt and Road Initiative", "Power of Siberia", "Gazprom", "Vladimir Putin", "Xi Jinping", "Astana",
    "said", "argued", "will probably", "is unlikely to", "should", "signed", "joined", "a member of", "agreement",
    "pipeline", "in 2019", "on 4 February 2022", "$5 billion", "40 percent", "bcm a year", "according to", "Dr.",
    "the director of the Irtysh Institute", "“", "”", "\"", ",", ".", ":", ";", "(", ")", "\n", "\n\n", "•", "By",
    "—", "–", "’s", "Ünïcödé", "中文", "\u200b", "\ufeff", "\t",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=120).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=200).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_to_a_text_or_an_ingest_error(data):
    try:
        source = decode_source(PATH, data)
    except IngestError as error:
        assert error.path == PATH and error.problem and str(PATH) in str(error)
        return
    assert source.text.strip() and source.sha256 == hashlib.sha256(data).hexdigest()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(texts)
def test_extraction_keeps_offsets_inside_the_text_and_quotes_exact(pipeline, text):
    analysis = pipeline.analyse(text_source(text, PATH.name))  # no exception is documented: none may escape
    spans = [*analysis.mentions, *analysis.sentences]
    assert all(0 <= span.start <= span.end <= len(text) for span in spans)
    graph = document_graph(analysis)
    checked = 0
    for target in set(graph.subjects(OA.hasSource, None)):
        selectors = list(graph.objects(target, OA.hasSelector))
        starts = [graph.value(s, OA.start) for s in selectors if graph.value(s, OA.start) is not None]
        exacts = [graph.value(s, OA.exact) for s in selectors if graph.value(s, OA.exact) is not None]
        for start in starts:
            position = next(s for s in selectors if graph.value(s, OA.start) == start)
            begin, end = int(start), int(graph.value(position, OA.end))
            assert 0 <= begin <= end <= len(text)
            assert [str(exact) for exact in exacts] == [text[begin:end]]
            checked += 1
    assert checked >= len(analysis.mentions)
