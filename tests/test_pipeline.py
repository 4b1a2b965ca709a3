"""The pipeline alone: sentences, bylines, entity matching and the RDF it assembles."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

from eurasia_kg.pipeline.entities import EntityRecogniser, Gazetteer
from eurasia_kg.pipeline.ingest import read_source
from eurasia_kg.pipeline.metadata import read_metadata
from eurasia_kg.pipeline.run import Component, ComponentError, Pipeline, standard_resources
from eurasia_kg.pipeline.segment import segment_sentences
from eurasia_kg.vocab import EKG, ENT, OA

from .conftest import FIXTURES

TEXT = (
    "Trade Winds on the Steppe\n"
    "Written by Ana Petrova and Li Wen.\n\n"
    "Beijing and Moscow met again. The People’s Republic of China hosted the SCO summit.\n"
    "Petrova, who worked at the Carnegie Moscow Center and the Carnegie–Tsinghua Center, spoke in Moscow.\n"
    "Chinese firms rarely invest in Russian ports; the Kremlin noticed. SCOTLAND is no match.\n"
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_reference([FIXTURES / "reference.ttl"])


@pytest.fixture()
def pipeline(gazetteer) -> Pipeline:
    return Pipeline(
        [
            Component("sentences", segment_sentences),
            Component("metadata", read_metadata),
            Component("entities", EntityRecogniser(gazetteer)),
        ]
    )


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_sentences_are_trimmed_spans_of_the_text(tmp_path, pipeline):
    analysis = pipeline.analyse(read_source(write(tmp_path, "t.txt", TEXT)))
    quotes = [analysis.quote(s) for s in analysis.sentences]
    assert "Beijing and Moscow met again." in quotes
    assert all(q == q.strip() and q for q in quotes)


def test_bylines_name_each_author(tmp_path, pipeline):
    analysis = pipeline.analyse(read_source(write(tmp_path, "t.txt", TEXT)))
    assert [a.name for a in analysis.metadata.authors] == ["Ana Petrova", "Li Wen"]
    assert analysis.quote(analysis.metadata.title) == "Trade Winds on the Steppe"


def test_entities_longest_match_metonyms_and_locatives(tmp_path, pipeline):
    analysis = pipeline.analyse(read_source(write(tmp_path, "t.txt", TEXT)))
    found = [(analysis.quote(m), m.entity.iri.removeprefix(str(ENT)), m.matched_as) for m in analysis.mentions]
    assert ("Beijing", "china", "metonym") in found
    assert ("Moscow", "russia", "metonym") in found  # "Beijing and Moscow met": the state
    assert ("Moscow", "moscow", "label") in found  # "spoke in Moscow": the city
    assert ("People’s Republic of China", "china", "alias") in found  # typographic apostrophe
    assert ("Carnegie Moscow Center", "carnegie-moscow-center", "label") in found  # not "Moscow"
    assert ("Carnegie–Tsinghua Center", "carnegie-tsinghua-center", "label") in found  # en dash
    assert ("the Kremlin", "russia", "metonym") in found
    assert ("Chinese", "china", "demonym") in found
    assert not any(quote.startswith("SCOT") for quote, _, _ in found)  # whole words only
    for mention in analysis.mentions:
        assert analysis.source.text[mention.start : mention.end] == analysis.quote(mention)


def test_document_graph_has_exact_evidence(tmp_path, pipeline):
    path = write(tmp_path, "t.txt", TEXT)
    extraction = pipeline.extract(path)
    graph, text = extraction.graph, extraction.source.text
    document = URIRef("https://w3id.org/eurasia-kg/doc/t")
    assert (document, DCTERMS.identifier, None) in graph
    selectors = list(graph.subjects(RDF.type, OA.TextPositionSelector))
    assert len(selectors) == len(list(graph.subjects(RDF.type, EKG.Mention))) > 5
    for selector in selectors:
        start, end = int(graph.value(selector, OA.start)), int(graph.value(selector, OA.end))
        quote = graph.value(URIRef(str(selector).replace("/position", "/quote")), OA.exact)
        assert str(quote) == text[start:end]
    authors = {str(graph.value(a, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) for a in graph.objects(document, DCTERMS.creator)}
    assert authors == {"Ana Petrova", "Li Wen"}
    assert (URIRef(f"{ENT}ana-petrova"), RDF.type, EKG.Person) in graph  # the reference entity, reused


def test_same_text_gives_same_triples(tmp_path, pipeline):
    path = write(tmp_path, "t.txt", TEXT)
    first, second = pipeline.extract(path).graph, pipeline.extract(path).graph
    assert set(first) == set(second)
    assert not any(isinstance(term, type(None)) for triple in first for term in triple)


# -- the component contract


def test_components_are_found_by_name(pipeline):
    assert pipeline.get("entities").name == "entities"
    with pytest.raises(KeyError, match="no component 'parser'.*sentences, metadata, entities"):
        pipeline.get("parser")


def test_a_component_reading_what_nothing_before_it_fills_is_refused():
    with pytest.raises(ValueError, match="'claims' requires mentions"):
        Pipeline([Component("sentences", segment_sentences, requires=("view",), assigns=("sentences",)),
                  Component("claims", lambda a: a, requires=("sentences", "mentions"), assigns=("claims",))])
    with pytest.raises(ValueError, match="names no part of an Analysis: tokens"):
        Component("tokens", lambda a: a, assigns=("tokens",))


def test_a_failing_component_names_itself_and_the_document(tmp_path):
    def fail(analysis):
        raise ZeroDivisionError("no sentences to divide by")

    pipeline = Pipeline([Component("sentences", segment_sentences), Component("ratios", fail)])
    with pytest.raises(ComponentError, match=r"component 'ratios' failed on t\.txt: ZeroDivisionError: no sentences"):
        pipeline.extract(write(tmp_path, "t.txt", TEXT))


def test_a_component_changing_what_it_does_not_assign_fails(tmp_path):
    pipeline = Pipeline([Component("sentences", segment_sentences, requires=("view",), assigns=("metadata",))])
    with pytest.raises(ComponentError, match="'sentences' changed sentences of t.txt, which it does not assign"):
        pipeline.extract(write(tmp_path, "t.txt", TEXT))


def test_what_the_standard_pipeline_loads_is_described_for_the_fingerprint():
    resources = standard_resources()
    assert set(resources) == {"sentences"}
    assert "spaCy" in resources["sentences"]  # a model, when one is installed, changes the sentences
